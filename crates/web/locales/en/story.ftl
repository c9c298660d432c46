# The page of a story (an exhibition).

story-listen-whole = Listen to the whole interview from here
story-map-label = Places on the map

# The studio's "as a visitor sees it" preview (issue #13).
preview-banner = Preview for museum staff: this is how a visitor sees this page. Blocks a visitor does not see are marked with a dashed frame.
preview-hidden-title = Visitors do not see this record
preview-hidden = Preview for museum staff: visitors do not see this record — { $reason }.
preview-hidden-generic = access to it is restricted
story-withheld-until = Closed until { $date }: visitors do not see this block.
story-withheld-hidden = Closed: visitors do not see this block.
story-withheld-closed = A quotation or fragment from a closed part of an interview: visitors do not see this block.
story-withheld-not-shown = The consent does not allow this file to be shown: visitors do not see this block.
story-withheld-unverifiable = A quotation from an interview under a pseudonym or with closed parts that names no stretch of the recording: visitors do not see it. Name the stretch, e.g. (№12 0:12:30–0:12:50).
