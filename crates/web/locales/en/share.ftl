# Sharing a record: links to the networks, the embed code, embeds and oEmbed (src/share/).
share-title = Share
share-vk = VK
share-telegram = Telegram
share-ok = Odnoklassniki
share-email = By e-mail
share-embed = Embed on your site
share-embed-code = Code to paste into a school's, library's or institution's site
share-embed-note = The embedded card sets no cookies and shows only what is open to everyone. Picture for posts:
share-card = 1200×630 card
embed-open = Open in the museum
embed-listen-whole = Listen to the whole recording in the museum
embed-not-found = This record is not among the museum's open materials: it may have been closed or moved.
embed-t-bad = Give the fragment as t=start,end in seconds or minutes: t=95,140 or t=1:35,2:20.
embed-t-only-interviews = A fragment (t=…) can be given only for a “Living voice”.
embed-t-beyond = The fragment starts after the end of the recording: it is { $length } long.
oembed-no-url = Give the address of a museum page in the url parameter, e.g. /oembed?url=https://…/persons/…
oembed-bad-size = maxwidth and maxheight are whole numbers of pixels, at least 120.
oembed-json-only = The museum answers oEmbed in JSON only (format=json).
