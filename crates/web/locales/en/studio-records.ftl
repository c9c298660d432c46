# The studio's record pages: the forms of every kind, the edit page, lists, the dashboard and
# the edit history (studio/edit/, form.rs, workflow.rs, history.rs, …).


## The record forms: field labels and hints (studio/form.rs)

studio-field-surname = Surname
studio-field-given-name = Given name
studio-field-patronymic = Patronymic
studio-field-maiden = Surname at birth
studio-hint-maiden = If it changed (for example, on marriage).
studio-field-variants = Other spellings
studio-hint-variants = One per line, as they appear in the sources.
studio-field-sex = Sex
studio-field-birth = Date of birth
studio-hint-edtf = A date in EDTF: 1941-11-23, 1942-03~ (about March 1942), 1943? (possibly 1943), 1941/1945, 194X.
studio-field-death = Date of death
studio-field-birth-place = Place of birth (as in the documents)
studio-field-living = Is the person alive
studio-hint-living = A living person is published only with their consent to the dissemination of personal data.
studio-field-fate = Fate
studio-field-rank = Rank
studio-field-unit = Unit
studio-field-drafted = Called up
studio-hint-drafted = The military commissariat and the date, for example "Khimki district commissariat, 23.06.1941".
studio-field-awards = Awards
studio-hint-awards = One per line.
studio-field-biography = Biography
studio-field-health = Wounds, health
studio-hint-health = Shown publicly only with a separate consent to information about health.
studio-field-sources = Sources
studio-hint-sources = One source per line: the reference | sheet or page | number of the source record in the base (optional), for example "TsAMO, f. 58, op. 18001, d. 1 | l. 5 | 12".
studio-field-memorial-refs = Numbers in the Memorial, Pamyat Naroda and Podvig Naroda databases
studio-hint-memorial-refs = One per line: the database and the record number, for example "Memorial 56789012" or "Pamyat Naroda 1234567".
studio-field-portrait = Portrait
studio-hint-portrait = A photograph of the person.
studio-field-still = Still
studio-hint-still = A photograph from the recording session or a frame of the video: it stands for the interview in lists and search. It shows the narrator, so the portal shows it only when the narrator's consent includes photographs, and never with a pseudonym.
studio-field-name = Name
studio-field-place-type = Type of place
studio-field-district = District
studio-hint-district = For example: Skhodnya, Levoberezhny, Podrezkovo, Novogorsk.
studio-field-lat = Latitude
studio-hint-lat = Decimal degrees, for example 55.8897.
studio-field-lon = Longitude
studio-hint-lon = Decimal degrees, for example 37.4439.
studio-field-description = Description
studio-field-image = Image
studio-field-title = Title
studio-field-event-type = Type of event
studio-field-event-date = Date or period
studio-field-item-type = Type
studio-field-item-date = Date
studio-field-transcription = Transcription of the handwriting
studio-field-holder = Where the original is kept
studio-field-provenance = Provenance
studio-hint-provenance = How the item came to the museum.
studio-field-rights = Rights
studio-field-media = Files
studio-hint-media = Scans, photographs, recordings.
studio-field-org-type = Type
studio-field-active = Years of existence
studio-field-summary = Summary
studio-field-narrator-deceased = The narrator has died
studio-hint-narrator-deceased = Tick if the narrator is no longer alive: publication then needs the heirs' consent or a public-interest decision.
studio-field-interviewers = Interviewers
studio-hint-interviewers = One per line.
studio-field-recorded = Date of recording
studio-field-recordings = Recordings of the interview
studio-hint-recordings = Audio or video files, one per part, in the order of the parts. The caption is the part's title ("Part 1, childhood").
studio-field-language = Language
studio-hint-language = A language code, for example ru.
studio-field-transcript = Transcript
studio-hint-transcript = Each utterance begins with a time mark at the start of the line, for example "[00:12:31] Maria Ivanovna: We lived by the station". An unclear passage: "[неразборчиво 00:12:31]" (the Russian word for "inaudible", which the portal reads). A mark alone on a line ends an utterance or marks a pause. Keys in this field: Ctrl+Space play and pause, Ctrl+← 5 seconds back, Ctrl+↓ slower or normal speed, Ctrl+Enter insert the current time, Ctrl+U mark an inaudible passage.
studio-field-segments = Index
studio-hint-segments = A segment is a paragraph: the first line "[00:12:30] Title", then fields one per line, named in Russian as the portal reads them: "Начало: first words", "Кратко: what it is about", "Ключевые слова: …; …" (keywords), "Темы: …; …" (subjects), "Упоминаются: №12, №45" (people, places, events of the base; their pages will show this moment), "Место: 55.8897, 37.4449 Khimki station" (place), "Ссылка: https://… text" (link). An empty line begins the next segment.
studio-field-pseudonym = Narrator's pseudonym
studio-hint-pseudonym = If the narrator asked not to be named: the pseudonym replaces the name everywhere on the portal, and the interview is not linked to the narrator's card.
studio-field-redactions = Closed stretches of the recording
studio-hint-redactions = One per line: start–end on the interview's overall clock and the reason (only the museum sees it), for example "0:12:30–0:14:05 family matter". These stretches do not play, are not shown in the transcript and are not found by search.
studio-field-narrator-approved = Approved by the narrator
studio-hint-narrator-approved = The date when the narrator (or the heirs) approved the recording and the transcript, YYYY-MM-DD. Without it the interview is not published.
studio-field-lead = Introduction
studio-field-authors = Authors
studio-field-cover = Cover
studio-field-blocks = Text of the story
studio-hint-blocks = An empty line begins a new paragraph. "## " at the start of a line makes a heading; "> " a quotation, and a line "> — Name (№12)" under it says who said it. On a line of its own (the words are Russian, as the portal reads them): [иллюстрация 1] (an illustration: the file's number in the list below; an item's number may follow: [иллюстрация 1 №45]), [интервью №7 0:12:30–0:14:05] (a passage of an interview), [карта №3, №8] (places on a map), [запись №12] (a record's card).
studio-field-illustrations = Illustrations for the text
studio-hint-illustrations = Upload photographs and put each into the text with a line [иллюстрация N]; a file the text does not mention goes to the end of the story.
studio-field-lesson = For a lesson
studio-hint-lesson = How to use the collection in a lesson.
studio-field-members = Records in the collection
studio-hint-members = Record numbers, one per line (the number is in the record's address).
studio-field-source-type = Type
studio-field-archive = Archive
studio-field-fund = Fond
studio-field-inventory = Opis (inventory)
studio-field-file = Delo (file)
studio-field-url = Web address
studio-field-citation = Bibliographic description

## The choices of select fields

studio-option-sex-none = not given
studio-option-sex-male = male
studio-option-sex-female = female
studio-option-fate-none = not given
studio-option-fate-returned = returned from the front
studio-option-fate-killed = killed
studio-option-fate-missing = missing in action
studio-option-fate-died-of-wounds = died of wounds
studio-option-fate-died-in-captivity = died in captivity
studio-option-fate-survived = survived the war
studio-option-living-none = decide from the dates and the fate
studio-option-living-true = alive
studio-option-living-false = deceased
studio-option-place-type-settlement = settlement
studio-option-place-type-street = street
studio-option-place-type-factory = factory
studio-option-place-type-hospital = hospital
studio-option-place-type-school = school
studio-option-place-type-station = station
studio-option-place-type-defence-line = defence line
studio-option-place-type-memorial = memorial
studio-option-place-type-cemetery = burial site
studio-option-place-type-airfield = airfield
studio-option-place-type-other = other
studio-option-event-type-battle = battle, fighting
studio-option-event-type-evacuation = evacuation
studio-option-event-type-air-raid = air raid
studio-option-event-type-production = production
studio-option-event-type-mobilization = mobilization
studio-option-event-type-liberation = liberation
studio-option-event-type-commemoration = commemoration
studio-option-event-type-other = other
studio-option-item-type-photo = photograph
studio-option-item-type-letter = letter
studio-option-item-type-document = document
studio-option-item-type-newspaper = newspaper
studio-option-item-type-artifact = object
studio-option-item-type-drawing = drawing
studio-option-item-type-audio = audio recording
studio-option-item-type-video = video recording
studio-option-org-type-military-unit = military unit
studio-option-org-type-militia = people's militia
studio-option-org-type-partisan-unit = partisan detachment
studio-option-org-type-factory = factory
studio-option-org-type-school = school
studio-option-org-type-hospital = hospital
studio-option-org-type-administration = public authority
studio-option-org-type-other = other
studio-option-source-type-archive = archive
studio-option-source-type-database = database
studio-option-source-type-publication = publication
studio-option-source-type-website = website
studio-option-source-type-oral = oral testimony
studio-option-source-type-family = family archive
studio-option-access-public = open access (once published)
studio-option-access-registered = registered users
studio-option-access-staff = staff only


## The edit page (templates/studio/edit.html)

studio-edit-history = edit history
studio-edit-preview = as a visitor sees it
studio-edit-on-portal = on the portal
studio-edit-closed = hidden from visitors: { $reason }
studio-edit-version = version { $version }
studio-edit-conflict-title = The record was changed while you were editing it.
studio-edit-summary-title = The record was not saved: please correct the errors
studio-edit-read-only = The record is published: an expert or a group leader may change it. If it needs a correction, leave a comment.
studio-media-alt = Description of the image for blind readers
studio-media-caption = Caption
studio-media-remove = Remove the file
studio-media-no-script = Uploading files needs JavaScript to be turned on.
studio-edit-part = Part { $part }
studio-settings-summary = Access, age rating, publication embargo
studio-settings-access = Access
studio-settings-age = Age rating
studio-settings-embargo = Do not publish before (YYYY-MM-DD)
studio-settings-note = Content warning
studio-settings-tags = Tags, separated by commas
studio-workflow-title = Review and publication
studio-workflow-none = There is nothing else you can do with this record.
studio-workflow-note = Comment on the action (optional)
studio-reviewer = Reviewer
studio-reviewer-any = any expert
studio-reviewer-assign = Assign
studio-comments = Comments
studio-comments-none = No comments.
studio-comment-new = New comment
studio-comment-add = Add the comment
studio-relations = Relations
studio-relations-none = No relations yet.
studio-relation-delete = Remove the relation
studio-relation-type = Kind of relation
studio-relation-target = With which record
studio-relation-target-hint = Start typing a title and choose from the suggestions, or give the record's number, for example №12.
studio-record-note = Note
studio-relation-add = Add the relation
studio-files-title = Transcript and index files
studio-files-download = Download the full version for the museum (with the closed stretches; every download is logged):
studio-files-txt = text with time marks
studio-files-ohms = OHMS XML (index)
studio-import-format = Format
studio-import-auto = detect from the content
studio-import-txt = text with [hh:mm:ss] marks
studio-import-ohms = OHMS XML (index and transcript)
studio-import-file = File
studio-import-content = Or paste the file's text
studio-import-hint = Uploading replaces the transcript (and an OHMS file the index too); the previous one stays in the edit history. An error in the file names the line and changes nothing.
studio-import-submit = Upload
studio-withdrawal-title = Withdrawal of the interview by the narrator
studio-withdrawal-hint = One action takes the interview and what is known of the narrator off every public page, search, feed, sitemap and delivery: the interview and the narrator's card become "withdrawn", and all their consents are withdrawn. Who withdrew them and when is logged.
studio-withdrawal-by = Who asked for the withdrawal
studio-withdrawal-on = Date of the request (YYYY-MM-DD)
studio-withdrawal-disposition = What to do with the materials
studio-withdrawal-archive = keep in the museum's closed archive
studio-withdrawal-destroy = destroy by the set date
studio-withdrawal-until = Destroy by (YYYY-MM-DD), if destruction is chosen
studio-withdrawal-submit = Withdraw the interview
studio-destroy-title = Destruction of the materials
studio-destroy-hint = When a withdrawal requires destroying the materials, it is done here: the recordings, their public copies, the transcript and the index are erased from the record and from its whole edit history, and the files are deleted from storage. They cannot be restored. Who destroyed them and when is logged.
studio-destroy-grounds = Grounds (for example, the withdrawal of 25.11.2026, the deadline under Federal Law 152-FZ)
studio-destroy-confirm = I understand that the recordings and the transcript cannot be restored
studio-destroy-submit = Destroy the materials
studio-consents = Consents
studio-consents-hint = Who gave a consent is personal data: every view of it is written to the audit log.
studio-consents-none = No consents.
studio-consent-signed = signed { $date }
studio-consent-until = valid until { $date }
studio-consent-allows = may be published: { $scope }
studio-consent-bans = restrictions and conditions: { $bans }
studio-consent-scan = scan
studio-consent-withdrawn = withdrawn
studio-consent-inactive = not in force
studio-consent-withdraw = Withdraw
studio-consent-kind = Kind
studio-consent-by = Who gave the consent or made the decision
studio-consent-signed-on = Date of signing (YYYY-MM-DD)
studio-consent-valid-until = Valid until (optional)
studio-consent-scope = What may be published (as in the signed document). A consent to dissemination without ticks is not recorded; for the other kinds no ticks means no restrictions
studio-consent-scope-unlisted = no restrictions: the document does not list what may be published
studio-consent-bans-label = Restrictions and conditions, separated by commas
studio-consent-representative = If a representative signed: who
studio-consent-authority = Document of the representative's authority
studio-consent-document = Scan of the signed consent (PDF or photo)
studio-consent-add = Record the consent
studio-media-drop-many = Drag files here or
studio-media-drop-one = Drag a file here or
studio-media-choose = browse your computer
studio-edit-save = Save
studio-edit-create = Create a draft


## The list of one kind's records

studio-list-add = Add
studio-list-search = Title or name contains
studio-list-state = State
studio-list-show = Show
studio-list-found = Found: { $count }.
studio-list-pages = Pages of the list
studio-list-previous = Previous
studio-list-page = Page { $page } of { $pages }
studio-list-next = Next

## Record tables (lists and the dashboard)

studio-rows-record = Record
studio-rows-changed = Changed

## «Что ждёт меня»: the dashboard

studio-dashboard-add-person = Add a person
studio-dashboard-add-place = Add a place
studio-dashboard-add-item = Add a document or photo
studio-dashboard-add-interview = Add an interview
studio-dashboard-tasks = My tasks
studio-dashboard-since = since { $date }
studio-dashboard-to-project = to the project
studio-dashboard-done = Done
studio-dashboard-interviews = My interviews
studio-dashboard-returned = Returned for more work
studio-dashboard-returned-none = Nothing was returned.
studio-dashboard-returned-caption = Records a reviewer returned to you
studio-dashboard-queue = Moderation queue
studio-dashboard-review = Waiting for my review
studio-dashboard-review-none = Nothing to review.
studio-dashboard-review-caption = Sent for review by other members
studio-dashboard-drafts = My drafts
studio-dashboard-drafts-none = No drafts.
studio-dashboard-drafts-caption = Drafts you started or edited
studio-dashboard-group = My group this quarter ({ $quarter })
studio-dashboard-no-group = You are not in a working group yet.
studio-dashboard-submissions-none = No new stories.
studio-dashboard-submissions-waiting = Waiting for a decision:
studio-dashboard-col-group = Group
studio-dashboard-col-added = Added
studio-dashboard-col-reviewed = Reviewed
studio-dashboard-col-published = Published
studio-dashboard-col-interviews = Interviews

## The edit history of a record

studio-history-back = Back to the record
studio-history-note = Comment: { $note }
studio-history-restore = Restore this version
studio-history-field = Field
studio-history-before = Before
studio-history-after = After


## Problems with what was typed (studio/form.rs)

studio-error-in-field = { $field }: { $problem }
studio-error-edtf = not a date in EDTF. Examples: 1941-11-23, 1942-03~ (about March 1942), 1943? (possibly 1943), 1941/1945, 194X.
studio-error-choose = { $field }: choose a value from the list.
studio-error-number = { $field }: a number is needed, for example 55.8897.
studio-error-not-source = { $field }: "{ $value }" is not the number of a source record.
studio-error-not-record = { $field }: "{ $value }" is not a record number.
studio-error-one-file = { $field }: only one file is allowed here.
studio-error-not-av = { $field }: an audio or video file is needed, and this one is { $mime }.
studio-error-database-line = Database numbers, line { $line }: { $problem }
studio-error-day = { $field }: "{ $value }" is not a date; write it as 2025-03-14.
studio-error-field-line = { $field }, line { $line }: { $problem }
studio-error-file-missing = { $field }: the file is not among the uploads; please upload it again.
studio-error-form = The form was not filled in correctly; check the fields and save again.
studio-error-access = Access: choose a value from the list.
studio-error-age = Age rating: choose 0+, 6+, 12+, 16+ or 18+.
studio-error-embargo = Publication embargo: give the date as YYYY-MM-DD, for example 2030-01-01.
studio-error-database-name = "{ $line }": name the database (Memorial, Pamyat Naroda or Podvig Naroda) and the record number.
studio-error-database-number = "{ $line }": the database name must be followed by the record number in digits, for example "{ $database } 56789012".
studio-database-memorial = Memorial
studio-database-pamyat-naroda = Pamyat Naroda
studio-database-podvig-naroda = Podvig Naroda

## States, kinds of consent, what a consent allows, why a record is closed

studio-workflow-draft = draft
studio-workflow-in-review = in review
studio-workflow-published = published
studio-workflow-withdrawn = withdrawn
studio-consent-kind-processing = consent to the processing of personal data
studio-consent-kind-publication = consent to the dissemination of personal data
studio-consent-kind-release = release of rights to the recording
studio-consent-kind-heirs = consent of the heirs
studio-consent-kind-public-interest = public-interest decision
studio-consent-kind-health = consent to publishing information about health
studio-consent-kind-informed = informed consent to recording the interview
studio-consent-scope-all = no restrictions
studio-scope-name = full name
studio-scope-years = years of life
studio-scope-full-dates = full dates of birth and death
studio-scope-birth-place = place of birth
studio-scope-biography = biography
studio-scope-photo = photographs
studio-scope-service = service (rank, unit, call-up)
studio-scope-fate = fate
studio-scope-awards = awards
studio-scope-recording = recording (voice)
studio-scope-transcript = transcript and index
studio-scope-family-story = family's account
studio-closure-not-published = the record is not published
studio-closure-withdrawn = the record has been withdrawn
studio-closure-no-consent = there is no valid consent to the dissemination of personal data (or public-interest decision)
studio-closure-restricted = access is restricted
studio-closure-embargoed = a publication embargo is in force until the given date
studio-access-level-public = open access
studio-access-level-registered = registered users only
studio-access-level-staff = staff only
studio-access-level-groups = certain working groups only
studio-preview-embargo = it is closed until { $date }

## The edit page: its title, workflow actions, conflicts and autosave

studio-untitled = (untitled)
studio-new-title = New record: { $kind }
studio-action-submit = Send for review
studio-action-publish = Publish
studio-action-return = Return for more work
studio-action-withdraw = Withdraw from publication
studio-action-to-draft = Return to draft
studio-action-resubmit = Send for review again
studio-edit-withheld = Part { $part } ({ $mime }) does not play on the portal: it has closed stretches, and they can only be silenced in an uncompressed WAV recording. The transcript and the other parts are published as usual.
studio-edit-conflict = Someone else has already changed the record (version { $actual }, while you were editing version { $expected }). Reload the page to see the new version and make your change again.
studio-edit-conflict-kept = Your text is kept in the form below: compare it with the current version (open the record in a new tab) and press "Save" again to write your change over it.
studio-autosave-drafts-only = Autosave works only for drafts.
studio-autosave-saved = Draft saved at { $time }.
studio-autosave-problems = The draft was not saved: the form has errors. Press "Save" to see them.
studio-relation-error-type = Choose a kind of relation from the list.
studio-relation-error-target = Choose a record from the suggestions or give its number, for example №12.
studio-relation-error-missing = Record №{ $number } does not exist or is not available to you.
studio-list-state-all = all

## Refusals of workflow steps and consents (studio/workflow.rs)

studio-refusal-not-approved = The interview cannot be published: the narrator (or, if the narrator has died, the heirs) has not yet approved the recording and the transcript. Once they do, enter the date in the "Approved by the narrator" field and save.
studio-refusal-living = Cannot publish: the person may be alive, and there is no valid consent to the dissemination of their personal data (Federal Law 152-FZ, art. 10.1). Record the consent below under "Consents", or mark in the form that the person has died if that is confirmed.
studio-refusal-deceased = Cannot publish: a deceased person needs the heirs' consent or the working group's public-interest decision. Record it below under "Consents".
studio-refusal-empty-comment = The comment is empty: write what needs correcting.
studio-step-not-allowed = A record cannot go from "{ $from }" to "{ $to }".
studio-step-own-work = You cannot publish your own edit: another member of the working group must review it.
studio-consent-error-kind = Choose the kind of consent.
studio-consent-error-signed = Give the date of signing as YYYY-MM-DD.
studio-consent-error-until = Valid until: give the date as YYYY-MM-DD or leave it empty.
studio-consent-error-scope = Tick what the consent allows to be published, or "no restrictions" if the document does not list it.
studio-consent-error-by = Say who gave the consent or made the decision.
studio-consent-error-document = The scan of the consent is not among the uploaded files, or it is neither a PDF nor an image; please upload it again.
studio-consent-error-representative = If a representative signed the consent, give both the representative and the document of their authority (for example, "power of attorney No. 12 of 01.02.2025").

## Withdrawal by the narrator, destruction, transcript import (withdrawal.rs, transcript_files.rs)

studio-withdrawal-error-by = The withdrawal was not recorded: say who asked for the interview to be withdrawn (the narrator or their representative).
studio-withdrawal-error-on = The withdrawal was not recorded: give the date of the request as 2025-03-14.
studio-withdrawal-error-until = The withdrawal was not recorded: give the date by which to destroy the materials (not before the request), as 2025-03-14.
studio-destroy-error-not-withdrawn = Materials can be destroyed only for a withdrawn interview: record the withdrawal first.
studio-destroy-error-confirm = The materials were not destroyed: tick that you understand the recordings and the transcript cannot be restored.
studio-import-refused = The file was not loaded and the record is unchanged: { $problem }
studio-import-error-empty = choose a transcript file or paste its text.

## Uploads (studio/upload.rs) and the words of studio.js

studio-upload-no-name = The file has no name.
studio-upload-path-name = The file name "{ $name }" looks like a path; please rename the file.
studio-upload-bad-name = The file name has characters that are not allowed, or is too long.
studio-upload-too-large = The file is too large: { $size }; the largest allowed is { $largest }.
studio-upload-no-offset = The Upload-Offset header is missing.
studio-upload-misplaced = A piece of the file arrived out of place; continuing from what has been received.
studio-upload-bigger = The file turned out larger than announced.
studio-script-offline = No connection to the server: the draft will be saved when the connection is back.
studio-script-connection-lost = connection lost, continuing…
studio-script-upload-failed = The upload did not finish.
studio-script-uploaded = uploaded
studio-script-playing = Playing
studio-script-paused = Paused
studio-script-back = 5 seconds back
studio-script-slow = Speed 0.75
studio-script-normal = Normal speed

## The edit history (studio/history.rs)

studio-history-title = History: { $title }
studio-history-created = created
studio-history-updated = changed
studio-history-state = state: { $state }
studio-history-yes = yes
studio-history-no = no
studio-history-slug = Page address
studio-history-embargo = Publication embargo until
studio-history-tags = Tags
studio-history-submitted-by = Sent for review by
studio-history-kind = Kind of record

## Interview project stages on the dashboard

studio-dashboard-stage-proposed = proposed
studio-dashboard-stage-contacted = narrator contacted
studio-dashboard-stage-pre-interview = preliminary talk held
studio-dashboard-stage-scheduled = interview scheduled
studio-dashboard-stage-recorded = interview recorded
studio-dashboard-stage-transcribed = transcribed
studio-dashboard-stage-indexed = segment index made
studio-dashboard-stage-narrator-review = read and approved by the narrator
studio-dashboard-stage-published = published
studio-dashboard-stage-closed = closed
studio-dashboard-stage-withdrawn = narrator withdrew consent

## Problems in a story's text and an interview's index (blocks.rs, segments.rs); the bracketed words and field names are the format's own, Russian in every language

studio-blocks-line = Line { $line }: { $problem }
studio-blocks-empty-heading = write the heading's text after "##".
studio-blocks-image-number = after "иллюстрация" give the number of the file in the list of illustrations, for example [иллюстрация 1].
studio-blocks-no-image = there is no illustration { $number }: { $uploaded } uploaded. Upload the file below or correct the number.
studio-blocks-not-record = "{ $value }" is not a record number; write, for example, №45.
studio-blocks-image-extra = only a record number may follow the illustration's number, for example [иллюстрация 1 №45].
studio-blocks-interview = give the interview's number and the stretch, for example [интервью №7 0:12:30–0:14:05].
studio-blocks-span = give the stretch of the recording with a dash, for example 0:12:30–0:14:05.
studio-blocks-not-time = "{ $value }" is not a time; write h:mm:ss or mm:ss.
studio-blocks-backwards = the stretch must end later than it begins.
studio-blocks-not-place = "{ $value }" is not the number of a place; write, for example, [карта №3, №8].
studio-blocks-no-places = give the places by their numbers, for example [карта №3, №8].
studio-blocks-record = give the record's number, for example [запись №12].
studio-blocks-redaction-span = write the start and the end with a dash, for example 0:12:30–0:14:05.
studio-segments-order = the segment begins before the previous one; put the segments in order of time.
studio-segments-heading = a segment begins with a line holding a time mark and a title, for example "[00:12:30] Evacuation of the factory".
studio-segments-bracket = the time mark needs a closing bracket "]".
studio-segments-not-time = "{ $value }" is not a time; write hh:mm:ss.
studio-segments-no-title = write the segment's title after the time mark.
studio-segments-no-field = a line inside a segment begins with a field name and a colon: "Начало:", "Кратко:", "Ключевые слова:", "Темы:", "Упоминаются:", "Место:" or "Ссылка:". An empty line separates segments.
studio-segments-not-record = "{ $value }" is not a record number; write, for example, №12.
studio-segments-place = a place is written as latitude and longitude separated by a comma, then its name, for example "55.8897, 37.4449 Khimki station".
studio-segments-unknown-field = there is no field "{ $field }"; the fields are "Начало", "Кратко", "Ключевые слова", "Темы", "Упоминаются", "Место" and "Ссылка".

## Uploads that could not be stored (studio/upload.rs)

studio-upload-read-failed = The stored file could not be read: { $error }
studio-upload-info-failed = What is known about the file could not be written: { $error }
studio-image-unreadable = The image could not be read: { $error }
studio-image-broken = The image is damaged or in a format the portal does not handle; save it as JPEG or PNG.
studio-image-too-large = The image of { $width }×{ $height } pixels is too large when unpacked (over { $millions } million pixels); make it smaller before uploading.
studio-image-encode-failed = The reduced copy could not be saved: { $error }
