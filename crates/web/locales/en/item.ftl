# The page of an item: the zoomable scan and the transcription beside it.

item-scan-title = Image
item-open-full = Open the full file
statement-choice-item = If you are ready to look, press “Continue”.
zoom-label = Zoomable image
zoom-help = Zoom: mouse wheel, the “+” and “−” buttons or the + and − keys. Move: drag or the arrow keys. The 0 key returns to the whole image.
zoom-in = Zoom in
zoom-out = Zoom out
zoom-home = Whole image
zoom-full-page = Full screen
zoom-rotate-left = Rotate left
zoom-rotate-right = Rotate right
zoom-next-page = Next page
zoom-previous-page = Previous page

## The portal's IIIF viewer (/iiif/viewer).
iiif-viewer-title = “{ $title }” in the IIIF viewer
iiif-viewer-lead = This is how other museums and libraries see the record when they open it by the open IIIF standard: pictures, audio and video with the transcript and the index.
iiif-viewer-record = The record's page
iiif-viewer-manifest = IIIF manifest
iiif-viewer-part = Part
iiif-viewer-transcript = Transcript
iiif-viewer-index = Index
iiif-viewer-loading = Loading…
iiif-viewer-failed = The manifest could not be opened. Reload the page or open the record's page.
iiif-viewer-noscript = The viewer needs JavaScript. Everything it shows is on the record's page too.
iiif-viewer-open = Open in the IIIF viewer
iiif-viewer-bad-manifest = The address needs a manifest of this museum: /iiif/viewer?manifest=/iiif/interviews/1/manifest.
