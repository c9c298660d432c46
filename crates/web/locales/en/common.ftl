# The frame of every page: header, sections, switches, search, footer.

site-name = Letopis
site-tagline = a virtual museum of the memory of 1941–1945
skip-to-content = Skip to content
print-address = This page on the web:
nav-label = Museum sections
nav-persons = Heroes
nav-interviews = Living voices
nav-items = Collection
nav-places = Places
nav-events = Events
nav-stories = Exhibitions
nav-map = Map
nav-timeline = Timeline
search-label = Search the museum
search-placeholder = A name, a place, an event
search-button = Search
footer-about = Letopis is the town's people's museum of the memory of the Great Patriotic War of 1941–1945: heroes and eyewitnesses, their living voices, letters and photographs, the places and events of our town.
footer-sections-label = All sections
breadcrumbs-label = You are here
breadcrumbs-home = Home

duration-seconds = { $s } s
duration-minutes = { $m } min
duration-hours = { $h } h
duration-hours-minutes = { $h } h { $m } min

life-dates = { $birth } – { $death }
life-born = born { $birth }
life-died = died { $death }

# The signed-in person's line in the top bar of every public page (teachers, residents, staff).
signed-in-as = Signed in: { $name }
sign-out = Sign out
sign-out-studio = Studio

# School mode (shell/prefs.rs): the age limit on every read path.
school-on = For schools
school-off = Turn school mode off
school-note = School mode is on: only material rated up to { $limit } is shown.

# The exhibition hall's kiosk (/kiosk).
kiosk-title = The museum on screen
kiosk-heading = Letopis: our town's memory of the war
kiosk-search-label = Find a hero, a place or an event
kiosk-space = space
kiosk-erase = Erase a letter
kiosk-entry-label = The museum's sections
kiosk-map-note = places on the map
kiosk-touch = Touch the screen to begin
kiosk-home = Start
kiosk-back = Back
kiosk-keyboard = Keyboard
