# The page of a story (an exhibition).

story-listen-whole = Listen to the whole interview from here
story-map-label = Places on the map
