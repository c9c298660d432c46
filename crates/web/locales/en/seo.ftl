# For machines: the site's description in link cards, and the Atom feed.

seo-site-description = Letopis is the town's people's museum of the memory of the Great Patriotic War of 1941–1945: heroes and eyewitnesses, their living voices, letters and photographs, the places and events of our town.
seo-feed-title = { $site }: new materials
