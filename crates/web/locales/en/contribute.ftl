# "Do you know more? Add to it": the page for visitors who know more about a record.
contribute-link = Do you know more? Add to it
contribute-link-note = Tell the museum what you know about this person
contribute-title = Do you know more? Add to the chronicle
contribute-lead = The museum collects memories, photographs, letters and documents about the town's people in the war years. If your family kept something about them, tell us.
contribute-lead-about = You know more than the record says about
contribute-checked = The museum's staff will check what you send against the archives and add it to the record, naming where it came from.
contribute-what-heading = What helps
contribute-what-names = Surname, given name and patronymic, years of life, where the person was born and lived.
contribute-what-service = Where they served or worked, rank, awards, what became of them.
contribute-what-photos = Photographs, letters, documents: a photo or a scan is enough, the originals stay with you.
contribute-what-memories = Family stories and memories.
contribute-what-source = How this is known: a family archive, documents, records in the Memorial or Memory of the People databases.
contribute-how-heading = How to send it
contribute-how-mail = Write to the museum at
contribute-how-mail-link = The subject of the message already links to this record.
contribute-how-visit = You can also come to the museum: the staff will scan photographs and documents and hand them straight back.
contribute-consent-heading = About consent
contribute-consent = Information about living people is published only with their written consent, about the fallen and the deceased with their relatives' consent. We will ask for your consent before publishing anything.
contribute-mail-subject = An addition to the chronicle
contribute-mail-subject-about = Addition: { $title } ({ $href })

memory-book-title = Book of Memory
memory-book-lead = Townspeople killed, dead of wounds or in captivity, and missing in action in 1941–1945, in alphabetical order, from the museum's information base.
memory-book-count = { $count ->
    [one] The book holds { $count } name.
   *[other] The book holds { $count } names.
}
memory-book-print = To print a page, use your browser's print command.
memory-book-empty = The book has no names yet.
memory-book-note = the town's fallen and missing, in alphabetical order
