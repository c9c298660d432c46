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
