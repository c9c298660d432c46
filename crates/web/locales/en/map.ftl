# The map (/map), the small maps of record pages, and the timeline (/timeline).

map-title = Map of memory
map-lead = Places of our town tied to the war: streets and villages, factories and hospitals, lines of defence, memorials and graves. Choose a marker to open the place's page.
map-label = Map of places
map-small-label = Places on the map
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-cluster = A group of places, press to zoom in. Places in the group:
map-open-place = Open the place's page
map-no-tiles = A map without a base layer: only the places' markers are shown.
map-no-tiles-hint = For the administrator: name the base map's file in the [map] section of letopis.toml (the mbtiles key); the README's «Карта» section tells how to make one for your town.
map-layers = Map layers
map-layer-today = Today
map-filter-type = Type of place
map-filter-district = Micro-district
map-filter-period = Period (places of events in these years)
map-filter-from = from
map-filter-to = to
map-filter-any = All
map-filter-apply = Show
map-filter-reset = Clear filters
map-found = Found:
map-off-map = without coordinates: { $count } (in the list only)
map-not-on-map = not on the map
map-list-title = Places by micro-district
map-no-district = Micro-district not given
map-nothing-found = No such places. Try changing or clearing the filters.
map-error-type = Unknown type of place “{ $value }”. Choose a type from the list on the map page.
map-error-year = “{ $value }” does not look like a year. Write the year as a number, e.g. 1942.

timeline-title = Timeline
timeline-filter-kind = Show
timeline-kind-all = Events and documents
timeline-kind-event = Events
timeline-kind-item = Documents, letters and photographs
timeline-kind-person = Dates of heroes' deaths
timeline-count = { $count } { $count ->
    [one] entry
   *[other] entries
}
timeline-whole-year = Through the year and longer
timeline-whole-month = Through the month and longer
timeline-day = { $day } { $month }
timeline-death = Date of death
timeline-months-label = Months of the year
timeline-pager-label = Neighbouring periods
timeline-empty = No entries for this period yet.
timeline-error-year = The timeline covers 1941–1945, and “{ $value }” is not one of those years.
timeline-error-month = The month “{ $value }” is wrong: it must be a number from 1 to 12.
timeline-error-month-without-year = Give the year together with the month, e.g. ?year=1941&month=11.
timeline-error-kind = Unknown kind of entries “{ $value }”. Choose one from the list on the page.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-genitive-1 = January
month-genitive-2 = February
month-genitive-3 = March
month-genitive-4 = April
month-genitive-5 = May
month-genitive-6 = June
month-genitive-7 = July
month-genitive-8 = August
month-genitive-9 = September
month-genitive-10 = October
month-genitive-11 = November
month-genitive-12 = December
