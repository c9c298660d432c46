# The page of a story (an exhibition).

story-listen-whole = Слушать всё интервью с этого места
story-map-label = Места на карте
