# The studio's moderation of residents' stories (Heroes of the Town, the moderators' side).

## Values of core, by code

studio-contrib-status-draft = draft
studio-contrib-status-received = received
studio-contrib-status-in-moderation = in moderation
studio-contrib-status-needs-info = needs more information
studio-contrib-status-published = published
studio-contrib-status-declined = declined
studio-contrib-status-withdrawn = withdrawn

studio-contrib-relationship-self = the hero themselves
studio-contrib-relationship-child = son or daughter
studio-contrib-relationship-grandchild = grandson or granddaughter
studio-contrib-relationship-great-grandchild = great-grandson or great-granddaughter
studio-contrib-relationship-other-relative = another relative
studio-contrib-relationship-not-relative = not a relative

studio-contrib-basis-heir = the sender is the hero's heir
studio-contrib-basis-heirs-agreement = the sender has the heirs' consent
studio-contrib-basis-hero-consents = the hero is alive and consents to publication

studio-contrib-consent-kind-processing = consent to the processing of personal data
studio-contrib-consent-kind-publication = consent to the dissemination of personal data
studio-contrib-consent-kind-release = release of rights to the recording
studio-contrib-consent-kind-heirs = heirs' consent
studio-contrib-consent-kind-public-interest = public-interest decision
studio-contrib-consent-kind-health = consent to publishing health information
studio-contrib-consent-kind-informed = informed consent to the interview recording

studio-contrib-decline-not-about-war = the story is not about the town and the war of 1941–1945
studio-contrib-decline-cannot-verify = the information could not be verified
studio-contrib-decline-no-consent = there is no lawful basis to publish the hero's data
studio-contrib-decline-inappropriate = the text or files break the portal's rules
studio-contrib-decline-duplicate = the museum already has this story
studio-contrib-decline-other = another reason

studio-contrib-field-patronymic = Patronymic
studio-contrib-field-birth = Date of birth
studio-contrib-field-death = Date of death
studio-contrib-field-birth-place = Place of birth
studio-contrib-field-fate = Fate
studio-contrib-field-rank = Rank
studio-contrib-field-unit = Unit
studio-contrib-field-awards = Awards

studio-contrib-alive-living = living
studio-contrib-alive-deceased = deceased

studio-contrib-workflow-draft = draft
studio-contrib-workflow-in-review = in review
studio-contrib-workflow-published = published
studio-contrib-workflow-withdrawn = withdrawn

## Shared words

studio-contrib-yes = yes
studio-contrib-no = no
studio-contrib-nobody = nobody
studio-contrib-not-given = not given
studio-contrib-not-granted = not given
studio-contrib-option-not-given = — not given —
studio-contrib-empty = empty
studio-contrib-no-name = (no name given)
studio-contrib-error-person-number = Person record number: enter it in digits, for example 12.
studio-contrib-error-no-record = There is no record No. { $number } in the database.
studio-contrib-error-not-person = Record No. { $number } is not a person.
studio-contrib-error-not-person-merge = Record No. { $number } is not a person: a story can only be merged with a record from the “People” section.

## The queue

studio-contrib-queue-title = Residents' stories
studio-contrib-filter = Filter stories
studio-contrib-filter-status = Status
studio-contrib-filter-moderator = Moderator
studio-contrib-filter-address = Sender's address
studio-contrib-filter-words = Words of the name or the story
studio-contrib-filter-show = Show
studio-contrib-filter-waiting = awaiting a decision
studio-contrib-filter-all = all
studio-contrib-filter-mine = mine
studio-contrib-filter-nobody = unassigned
studio-contrib-filter-any = any
studio-contrib-filter-confirmed = confirmed
studio-contrib-filter-unconfirmed = not confirmed
studio-contrib-queue-no-search = Search is off: possible matches with database records are not checked.
studio-contrib-queue-none = No stories match this filter.
studio-contrib-queue-caption = Stories about heroes sent by residents; senders' addresses are on each story's page, on request
studio-contrib-col-hero = Hero
studio-contrib-col-sender = Sender
studio-contrib-col-sent = Sent
studio-contrib-col-status = Status
studio-contrib-col-moderator = Moderator
studio-contrib-col-matches = Matches
studio-contrib-queue-duplicates = may already be in the database: { $count }

## A submission's page

studio-contrib-page-title = Story No. { $number }: { $hero }
studio-contrib-all-stories = All residents' stories
studio-contrib-status-label = Status:
studio-contrib-moderator-label = moderator:
studio-contrib-published-label = published:
studio-contrib-take = Take it on
studio-contrib-hand-to = Hand over to
studio-contrib-assign = Assign
studio-contrib-hero = Hero
studio-contrib-hero-surname = Surname
studio-contrib-hero-given = First name
studio-contrib-hero-patronymic = Patronymic
studio-contrib-hero-birth = Date of birth
studio-contrib-hero-death = Date of death
studio-contrib-hero-alive = Is the hero alive
studio-contrib-hero-fate = Fate
studio-contrib-hero-birth-place = Place of birth
studio-contrib-hero-rank = Rank
studio-contrib-hero-unit = Unit
studio-contrib-hero-work = Where they worked
studio-contrib-hero-awards = Awards
studio-contrib-hero-story = Story
studio-contrib-date-unreadable = { $typed } — the date cannot be read
studio-contrib-files = Photographs and documents
studio-contrib-files-none = No files.
studio-contrib-photo-uncaptioned = Photograph No. { $number }, no caption
studio-contrib-photo-uncaptioned-lower = photograph No. { $number }, no caption
studio-contrib-file = File No. { $number } ({ $mime })
studio-contrib-uncaptioned = no caption
studio-contrib-file-late = added after sending
studio-contrib-consents = Consents, as the sender gave them
studio-contrib-consent-processing = Consent to the processing of their own data
studio-contrib-consent-basis = Basis for publication
studio-contrib-consent-credit = The sender may be named
studio-contrib-consent-ban-photos = Photographs must not be published
studio-contrib-consent-ban-dates = Dates must not be published
studio-contrib-consent-conditions = Conditions
studio-contrib-credit-as = yes: “{ $credit }”
studio-contrib-sender = Sender
studio-contrib-sender-relationship = Relationship to the hero: { $relationship }.
studio-contrib-address = Address
studio-contrib-address-confirmed = confirmed
studio-contrib-address-unconfirmed = not confirmed
studio-contrib-address-shown = Sender's address:
studio-contrib-address-logged = Your view has been written to the audit log; do not copy the address into database records.
studio-contrib-show-address = Show the address
studio-contrib-view-logged = Viewing it is written to the audit log.
studio-contrib-email-erased = (address erased)
studio-contrib-events = History and correspondence
studio-contrib-events-none = Nothing yet.
studio-contrib-event-moved-to = status: { $status }
studio-contrib-event-moved = status changed
studio-contrib-event-question = question to the sender
studio-contrib-event-answer = the sender's answer
studio-contrib-event-files = the sender added files
studio-contrib-event-assigned = moderator assigned
studio-contrib-event-confirmed = address confirmed
studio-contrib-event-note = moderator's note
studio-contrib-event-sender = the sender
studio-contrib-event-to-nobody = nobody
studio-contrib-matches = Possible matches
studio-contrib-matches-no-search = Search is off: database records were not checked.
studio-contrib-matches-base = In the museum's database
studio-contrib-matches-base-none = No similar records found.
studio-contrib-similarity = similarity { $score }
studio-contrib-compare-merge = Compare and merge
studio-contrib-matches-others = Among other stories
studio-contrib-matches-others-none = No similar stories found.

## Publishing

studio-contrib-publish = Publish
studio-contrib-blockers = It cannot be published yet:
studio-contrib-about = The sender started the story from the page of record No. { $number }:
studio-contrib-about-compare = compare with it
studio-contrib-merge-number = Person record number in the database
studio-contrib-compare = Compare
studio-contrib-merge-with = Merge with record
studio-contrib-merge-hint = The museum's biography does not change: the family's story will stand beside it. The ticked fields will be taken from the family's account, marked as such.
studio-contrib-merge-nothing = The family adds nothing new to the record: only the family's story will be published.
studio-contrib-merge-caption = What the family adds or tells differently
studio-contrib-merge-field = Field
studio-contrib-merge-museum = In the museum
studio-contrib-merge-family = From the family
studio-contrib-merge-take = Take
studio-contrib-merge-take-one = take
studio-contrib-merge-banned = not allowed: the family forbade publishing dates
studio-contrib-ban-dates = the family forbade publishing dates
studio-contrib-publish-new = Publish as a new record
studio-contrib-publish-new-hint = If the hero is not in the database: a record will be created from the story, every field marked “from the family's account”. If they are already there, enter the record number above and compare.
studio-contrib-photos = Photographs to publish
studio-contrib-photos-banned = The family forbade publishing photographs.
studio-contrib-photos-banned-then = The story will be published without them.
studio-contrib-photos-none = No photographs.
studio-contrib-merge-publish = Merge and publish
studio-contrib-blocker-unconfirmed = The sender has not confirmed their email address yet: it cannot be published until they open the link in the letter.
studio-contrib-lack-step = Step { $step } of { $steps }: { $what }.
studio-contrib-lack-surname = the hero's surname is missing
studio-contrib-lack-alive = it is not said whether the hero is alive
studio-contrib-lack-bad-date = the date “{ $typed }” cannot be read
studio-contrib-lack-death-before-birth = the date of death is before the date of birth
studio-contrib-lack-living-but-dead = the hero is marked as living, but a death is given
studio-contrib-lack-too-long = the field “{ $field }” is longer than { $max } characters
studio-contrib-lack-story = there is no story
studio-contrib-lack-relationship = it is not said how the sender is related to the hero
studio-contrib-lack-email = there is no email address
studio-contrib-lack-bad-email = the email address does not look real
studio-contrib-lack-processing = there is no consent to processing the sender's data
studio-contrib-lack-publication = there is no consent to publishing the hero's data
studio-contrib-lack-basis = the basis for publication does not fit: heirs do not decide for a living person, and a deceased one cannot consent

## Asking, editing, declining, withdrawing

studio-contrib-ask = Ask the sender a question
studio-contrib-question = Question
studio-contrib-question-hint = The sender will get it by email and see it on their story's page.
studio-contrib-question-send = Send the question
studio-contrib-edit = Edit before publication
studio-contrib-edit-save = Save the edit
studio-contrib-edit-surname-hint = { "" }
studio-contrib-edit-given-hint = { "" }
studio-contrib-edit-patronymic-hint = { "" }
studio-contrib-edit-birth-hint = In EDTF: 1915, 1915-03, 1915-03-12, 1915?
studio-contrib-edit-death-hint = In EDTF, like the date of birth.
studio-contrib-edit-birth-place-hint = { "" }
studio-contrib-edit-rank-hint = { "" }
studio-contrib-edit-unit-hint = { "" }
studio-contrib-edit-work-hint = For home-front workers.
studio-contrib-edit-awards-hint = Each on a new line.
studio-contrib-edit-story-hint = The family's words: correct only typos and what must not be published. The earlier text stays in the story's history.
studio-contrib-decline = Decline
studio-contrib-decline-reason = Reason
studio-contrib-decline-note = Explanation for the sender
studio-contrib-withdraw = Withdraw at the sender's request
studio-contrib-withdraw-hint = If the sender asked for withdrawal by phone or letter. What was published will be closed, the person record's fields restored, and the story, photographs and address erased.
studio-contrib-withdraw-how = How and when they asked
studio-contrib-withdraw-confirm = I understand: what is erased cannot be restored
studio-contrib-withdraw-submit = Withdraw

## Refusals

studio-contrib-refused-take = The story is { $status }: it cannot be taken on.
studio-contrib-refused-assign-who = Only a moderator can be assigned: an expert, a group lead, a coordinator or an administrator.
studio-contrib-refused-assign = The story is { $status }: there is no point in assigning a moderator now.
studio-contrib-refused-edit = The story is { $status }: it can only be edited before a decision.
studio-contrib-refused-question-empty = The question is empty: write what needs to be clarified with the sender.
studio-contrib-refused-question-long = The question is longer than { $max } characters: please shorten it.
studio-contrib-refused-ask = The story is { $status }: a question cannot be asked now.
studio-contrib-refused-decline-reason = Choose a reason for declining from the list.
studio-contrib-refused-decline-other = Reason “other”: write it in your own words — the sender will read them in the letter.
studio-contrib-refused-decline = The story is { $status }: it cannot be declined.
studio-contrib-refused-withdraw-how = Not withdrawn: say how the sender asked for withdrawal (call, letter) and when.
studio-contrib-refused-withdraw-confirm = Not withdrawn: tick that you understand — the story, photographs and the sender's address will be erased for good.
studio-contrib-refused-withdraw = The story is { $status }: it cannot be withdrawn.
studio-contrib-refused-publish = The story is { $status }: it cannot be published.
studio-contrib-refused-publish-blocked = It cannot be published. { $blockers }
studio-contrib-refused-no-photo = There is no photograph “{ $photo }” among this story's photographs.
studio-contrib-refused-photos-banned = The family forbade publishing photographs: the story is published without them. Untick the photographs.
studio-contrib-refused-unknown-field = Unknown field “{ $field }”.
studio-contrib-refused-field-banned = The field “{ $field }” cannot be taken: { $reason }.
studio-contrib-refused-stale-form = The form is out of date: open the comparison with the record again and repeat.
studio-contrib-refused-conflict = The person record was changed while you were comparing: open the comparison again, check the fields and publish once more.
studio-contrib-not-published = Not published: { $why }
studio-contrib-not-found = not found — { $what }.
studio-contrib-refused-no-consent = There is no consent to publishing the hero's data.
studio-contrib-refused-not-published = Record No. { $number } is not published ({ $workflow }): a family's story can only be merged with a published record; otherwise publish it as a new one.
