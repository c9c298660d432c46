# Micro-districts (issue #18): `/districts`, `/districts/{slug}`, the poster and the leaflet.
districts-title = Micro-districts
districts-lead = The memory of the war lives in every micro-district: streets and stations, memorials, the people who lived there, their voices. Choose yours.
districts-none = No place has a micro-district yet.
districts-to-map = All places on the map
districts-home-note = The memory of each micro-district: places, people, voices
districts-kind = Micro-district
districts-page-lead = A micro-district in the memory of the war of 1941–⁠1945
districts-contents = On this page
districts-map-open = Map of the micro-district
districts-poster-a4 = Poster A4 (PDF)
districts-poster-a3 = Poster A3 (PDF)
districts-leaflet = Leaflet for the territorial office (PDF)
districts-visit = What to see
districts-places = Places
districts-persons = People who lived here
districts-voices = Living voices of the micro-district
districts-items = Photographs, letters, documents
districts-stories = Exhibitions
districts-events = Events
districts-venues = Project venues
districts-venues-lead = Here people tell about Letopis, take in photographs and letters, and hold meetings.
districts-all = All: { $what } →
districts-tell = Do you know of someone who lived in this micro-district during the war? Tell the museum about them.
districts-tell-link = Tell about a hero
districts-count-venue = { $count } { $count ->
    [one] venue
   *[other] venues
}
# On paper.
districts-print-museum = a virtual museum of 1941–⁠1945
districts-print-invite = Point your phone's camera at the code: the micro-district's page opens — the people who lived here, their voices, exhibitions and the map.
districts-print-visit = What to see:
districts-print-venues = Project venues:
districts-print-and-more = and { $count } more
districts-print-call = Tell about relatives who fought, worked on the home front or lived through the war as children: photographs, letters, memories.
districts-print-footer = Letopis — the town's memory portal · { $year }
districts-leaflet-title = Letopis in { $name }
districts-leaflet-subtitle = For the territorial office: what the project is and how to take part
districts-leaflet-what = What Letopis is
districts-leaflet-what-text = An interactive portal and virtual museum of our town's memory of the Great Patriotic War. Its base is filled constantly by working groups, by volunteers who record interviews with veterans and eyewitnesses, and by residents who tell about their relatives. Pupils see it on excursions and use it in lessons.
districts-leaflet-join = How to take part
districts-leaflet-join-tell = Tell about a hero on the site: { $address }
districts-leaflet-join-bring = Bring photographs, letters and documents to one of the micro-district's venues: they are scanned and returned.
districts-leaflet-join-voices = Help record the memories of veterans and eyewitnesses: volunteers are trained and helped.
districts-leaflet-join-school = Bring a class on an excursion to the exhibition hall: { $address }
districts-leaflet-no-venues = No venues are named in this micro-district yet. A library, a school or a house of culture can become one: write to the museum.
districts-leaflet-holds = What the portal already holds about the micro-district
# The kinds of venue (letopis_core::district::VenueKind).
venue-kind-library = library
venue-kind-school = school
venue-kind-territorial_office = territorial office
venue-kind-museum = museum
venue-kind-culture_house = house of culture
venue-kind-other = other
error-poster-size = There is no poster of size “{ $value }”. Posters print on A4 (the default) and A3: add ?size=a3 to the address or leave size out.
# A list narrowed to a micro-district (`/persons?district=…`) leads to its page, also on paper.
list-district-page = The page of the micro-district “{ $name }”
districts-qr-label = The micro-district's page on the portal
