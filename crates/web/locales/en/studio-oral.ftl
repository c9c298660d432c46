# The studio's Living Voices: narrators, interview projects, question guides, support notes.

## Shared words of the oral-history pages

studio-oral-unassigned = not assigned
studio-oral-unassigned-but-needed = not assigned, but needed
studio-oral-choose = — choose —
studio-oral-not-yet = none yet
studio-oral-not-chosen = not chosen
studio-oral-edit = Edit
studio-oral-save = Save
studio-oral-not-saved = Not saved: please correct the errors
studio-oral-record-number = record No. { $number }
studio-oral-changed = changed { $when }
studio-oral-error-too-long = Too long: { $count } characters at most.
studio-oral-error-no-record = There is no record No. { $number } in the database.

## Values of core: narrators' categories, project stages, support notes

studio-oral-category-veteran = veteran, took part in the fighting
studio-oral-category-home-front = home-front worker
studio-oral-category-child-of-war = child of the war
studio-oral-category-relative = relative of a participant
studio-oral-category-other = other

studio-oral-stage-proposed = proposed
studio-oral-stage-contacted = narrator contacted
studio-oral-stage-pre-interview = preliminary conversation held
studio-oral-stage-scheduled = interview scheduled
studio-oral-stage-recorded = interview recorded
studio-oral-stage-transcribed = transcribed
studio-oral-stage-indexed = segment index done
studio-oral-stage-narrator-review = narrator has read and approved
studio-oral-stage-published = published
studio-oral-stage-closed = closed
studio-oral-stage-withdrawn = narrator withdrew consent

studio-oral-support-break = break
studio-oral-support-distress = signs of distress or a difficult state
studio-oral-support-declined = a topic the narrator did not want to discuss
studio-oral-support-debrief = interviewer's debrief after the interview

## The checklist of each stage (`studio-oral-check-<stage>-<item>`)

studio-oral-check-contacted-agreed-to-talk = The narrator (or a relative) agrees to a preliminary conversation
studio-oral-check-contacted-contact-recorded = How to reach them is written in the narrator's private data
studio-oral-check-pre-interview-purpose-explained = We explained why the museum records memories
studio-oral-check-pre-interview-uses-explained = We explained where and how the recording will be used (portal, exhibitions, lessons)
studio-oral-check-pre-interview-review-explained = We explained that the narrator will read the transcript and may remove any part before publication
studio-oral-check-pre-interview-preservation-explained = We explained where and for how long the recording is kept and how to withdraw consent
studio-oral-check-pre-interview-psychologist = A psychologist is assigned (the coordinator marked one as needed)
studio-oral-check-scheduled-date-place-agreed = Date and place agreed with the narrator
studio-oral-check-scheduled-carer-informed = A relative or carer knows about the meeting
studio-oral-check-scheduled-interviewer = An interviewer is assigned
studio-oral-check-scheduled-guide = A question guide is chosen
studio-oral-check-recorded-consent-signed = The narrator signed consent to the recording and to the processing of personal data
studio-oral-check-recorded-interview = The interview record is created in the database and linked to the project
studio-oral-check-recorded-debrief = The interviewer wrote their debrief after the interview
studio-oral-check-transcribed-transcript-checked = The transcript is checked against the recording
studio-oral-check-indexed-segments-done = The segment index is done: headings, summaries, keywords
studio-oral-check-narrator-review-narrator-read = The narrator (or a relative) has read the transcript
studio-oral-check-narrator-review-corrections-made = The narrator's corrections are made
studio-oral-check-narrator-review-restrictions-recorded = Restrictions (what not to publish) are written into the interview
studio-oral-check-published-interview-public = The interview record is published and open to the portal's visitors

## Why a project may not move

studio-oral-refused-final = The project is already “{ $stage }”: it moves no further.
studio-oral-refused-not-next = From “{ $from }” a project may only move to the next stage, “{ $next }”, not to “{ $to }”.
studio-oral-refused-missing = Cannot move to “{ $stage }”: not done yet — { $missing }.
studio-oral-refused-no-reason = To move the project to “{ $stage }”, write the reason in the “Note” field.
studio-oral-refused-after-publication = The project is published: there is no next stage, and it cannot be closed. If the narrator withdrew consent, mark the withdrawal and unpublish the interview record on its page.
studio-oral-refused-withdraw-first = First carry out the withdrawal on the interview's page (/studio/records/{ $record }, section “Withdrawal of the interview by the narrator”): it takes the interview and the narrator's details off every public page. Then mark the withdrawal here.
studio-oral-refused-stage-changed = While you were filling in the form, the project moved to another stage. Please check the ticks again.
studio-oral-refused-moved = While you were filling in the form, someone already moved the project to another stage. See where it is now.

## Narrators

studio-oral-narrators-title = Narrators
studio-oral-narrators-intro = Veterans, home-front workers, children of the war and their relatives, with whom Living Voices are recorded. You see only the people you work with; coordinators see everyone. Contacts and health details are on each narrator's separate page.
studio-oral-narrator-add = Add a narrator
studio-oral-narrators-none = There are no narrators you work with yet.
studio-oral-narrators-caption = Register of narrators
studio-oral-col-narrator = Narrator
studio-oral-col-who = Who
studio-oral-col-record = Record in the database
studio-oral-col-projects = Projects
studio-oral-narrator-new = New narrator
studio-oral-narrator-not-saved = The narrator was not saved: please correct the errors
studio-oral-for-register = For the register
studio-oral-private-data = Private data
studio-oral-private-data-lower = private data
studio-oral-private-who-sees = Seen only by administrators, coordinators, and the interviewer and psychologist of this narrator's projects. Every view is logged. Never shown on the portal.
studio-oral-narrator-category = Who the narrator is
studio-oral-narrator-name = Narrator's name
studio-oral-narrator-name-hint = Surname, first name, patronymic — as the team addresses the narrator.
studio-oral-narrator-person = Person record in the database
studio-oral-narrator-person-hint = The record number (for example, 12) if a public profile already exists; otherwise leave empty.
studio-oral-public-profile = public profile:
studio-oral-private-link = Private data: contacts and health
studio-oral-plan-interview = Plan an interview
studio-oral-private-logged = Opening the private data is written to the audit log.
studio-oral-narrator-no-projects = No projects yet.
studio-oral-error-narrator-name = Enter the narrator's name: surname, first name and patronymic.
studio-oral-error-narrator-name-long = The name is too long: 200 characters at most.
studio-oral-error-category = Choose who the narrator is: a veteran, a home-front worker, a child of the war or a relative.
studio-oral-error-person-number = Enter the person record's number in digits, for example 12, or leave the field empty.
studio-oral-error-not-person = Record No. { $number } is not a person: give a record from the “People” section.

## A narrator's private data

studio-oral-private-title = { $name }: private data
studio-oral-private-notice = Only administrators, coordinators, and the interviewer and psychologist of this narrator's projects see these details. Your view has been written to the audit log. Do not forward them or copy them into database records.
studio-oral-back-to-narrator = Back to the narrator
studio-oral-private-address = Address
studio-oral-private-address-hint = Never published. An interview at home only with the narrator's consent.
studio-oral-private-phone = Phone
studio-oral-private-phone-hint = For example: +7 916 123-45-67.
studio-oral-private-email = Email
studio-oral-private-email-hint = { "" }
studio-oral-private-carer = Relative or carer
studio-oral-private-carer-hint = Name and how to reach them: phone, email.
studio-oral-private-health = Health
studio-oral-private-health-hint = Only what the interviewer needs to know: hearing, sight, how long a conversation can go without a break.
studio-oral-private-preferred-times = Convenient times
studio-oral-private-preferred-times-hint = For example: weekday mornings.
studio-oral-private-language = Language of the conversation
studio-oral-private-language-hint = { "" }
studio-oral-private-language-default = Russian
studio-oral-error-address-long = The address is too long: 500 characters at most.
studio-oral-error-phone = Phone: digits, spaces and the signs + - ( ) only, for example +7 916 123-45-67.
studio-oral-error-email = Enter an email address in the form name@domain, for example volunteer@example.ru.
studio-oral-error-health-long = Too long: 2000 characters at most. Write down only what is needed.

## Interview projects

studio-oral-projects-title = Interview projects
studio-oral-projects-intro = Every planned interview is a project: from meeting the narrator to publishing the recording. You see the projects where you are the interviewer or the psychologist; coordinators see all of them.
studio-oral-projects-none = There are no projects you take part in yet.
studio-oral-projects-caption = Interview projects, newest first
studio-oral-col-project = Project
studio-oral-col-stage = Stage
studio-oral-col-interviewer = Interviewer
studio-oral-col-psychologist = Psychologist
studio-oral-col-changed = Changed
studio-oral-project-new = New interview project
studio-oral-project-new-hint = The project's interviewer and psychologist will see the narrator's private data; the assignment is written to the audit log.
studio-oral-project-not-saved = The project was not saved: please correct the errors
studio-oral-plan-submit = Plan
studio-oral-plan-project-title = Project title
studio-oral-plan-narrator = Narrator
studio-oral-plan-interviewer = Interviewer (volunteer)
studio-oral-plan-psychologist = Psychologist
studio-oral-plan-needs-psychologist = A psychologist is needed: do not start the preliminary conversation without one
studio-oral-error-project-title = Give the project a title, for example “Evacuation of factory No. 301: memories of A. P. Ershova”.
studio-oral-error-project-title-long = The title is too long: 300 characters at most.
studio-oral-error-project-narrator = Choose a narrator from the register. If they are not there, first add them under “Narrators”.
studio-oral-error-project-interviewer = Only a member with the “volunteer” role can be the interviewer.
studio-oral-error-project-psychologist = Only a member with the “psychologist” role can be the psychologist.

## The project page

studio-oral-project-stage = Stage:
studio-oral-standing-coordinator = you coordinate interviews
studio-oral-standing-interviewer = you are this project's interviewer
studio-oral-standing-psychologist = you are this project's psychologist
studio-oral-project-narrator = Narrator:
studio-oral-project-interviewer = interviewer:
studio-oral-project-psychologist = psychologist:
studio-oral-project-guide = Question guide:
studio-oral-guide-with-version = { $title }, version { $version }
studio-oral-project-interview = interview record:
studio-oral-interview-public = open on the portal
studio-oral-interview-hidden = not visible on the portal
studio-oral-next-stage = Next stage: { $stage }
studio-oral-checklist = What must be done
studio-oral-check-done = done
studio-oral-check-not-yet = not yet
studio-oral-check-derived = (from the project's data)
studio-oral-check-ticked-by = ticked by { $who }
studio-oral-save-ticks = Save ticks
studio-oral-move-to = Move to “{ $stage }”
studio-oral-mark-withdrawal = Mark withdrawal of consent
studio-oral-close-or-withdrawal = Close the project or mark withdrawal of consent
studio-oral-withdrawal-hint = If the narrator withdrew consent, also unpublish the interview record on its page: the withdrawal covers everything the portal shows.
studio-oral-reason = Reason
studio-oral-day-format = A day as YYYY-MM-DD.
studio-oral-close = Close the project
studio-oral-withdrew = The narrator withdrew consent
studio-oral-step-on = When it happened
studio-oral-step-on-hint = A day as YYYY-MM-DD; the council's report puts the work in that day's quarter.
studio-oral-step-note = Note
studio-oral-materials-title = Question guide and interview record
studio-oral-materials-guide = Question guide
studio-oral-materials-interview = Interview record in the database
studio-oral-materials-interview-hint = The record number from the “Interviews” section (for example, 57), once it has been created.
studio-oral-guide-option = { $title } (version { $version })
studio-oral-plan-title = Plan
studio-oral-plan-not-saved = The plan was not saved: please correct the errors
studio-oral-plan-save = Save the plan
studio-oral-steps-title = Progress of the project
studio-oral-step-after = (after “{ $stage }”)
studio-oral-error-guide = Choose a question guide from the list.
studio-oral-error-interview-number = Enter the interview record's number in digits, for example 57, or leave the field empty.
studio-oral-error-not-interview = Record No. { $number } is not an interview: give a record from the “Interviews” section.
studio-oral-error-step-day = Date of the step: enter a day as YYYY-MM-DD, for example 2026-03-02, or leave the field empty for today.
studio-oral-error-step-future = The date of the step cannot be later than today.
studio-oral-error-step-before = The date of the step cannot be earlier than the previous step ({ $day }).

## Psychological support

studio-oral-support-title = Psychological support
studio-oral-support-who-sees = Seen only by coordinators and the project's interviewer and psychologist; never published. Every view is logged.
studio-oral-support-none = No notes.
studio-oral-support-not-saved = The note was not saved: please correct the errors
studio-oral-support-kind = What to note
studio-oral-support-distress-hint = A note of signs of distress at once gives the project's psychologist a task and sends them a letter.
studio-oral-support-add = Add a note
studio-oral-support-timecode = Time in the recording
studio-oral-support-timecode-hint = Optional: HH:MM:SS or MM:SS, for example 12:34.
studio-oral-support-body = What happened
studio-oral-support-body-hint = Briefly and with care: only coordinators and the project's interviewer and psychologist will read it.
studio-oral-error-support-kind = Choose what you are noting.
studio-oral-error-support-debrief = The debrief after the interview is written by the project's interviewer themselves.
studio-oral-error-timecode = Time in the recording: enter it as HH:MM:SS or MM:SS, for example 12:34, or leave the field empty.
studio-oral-error-support-body = Describe what happened.

## Question guides

studio-oral-guides-title = Question guides
studio-oral-guides-intro = Interview questions by theme. Every edit of a guide is saved as a new version; an interview project remembers which version the conversation followed, and earlier versions stay available.
studio-oral-guide-new = New question guide
studio-oral-guides-caption = Question guides, current versions
studio-oral-guide-theme = Theme
studio-oral-guide-theme-hint = For example: “Evacuation”.
studio-oral-guide-about = For whom and how
studio-oral-guide-about-hint = Whom to talk to with this guide and what the interviewer should keep in mind.
studio-oral-guide-questions = Questions
studio-oral-guide-questions-hint = One question per line, in the order they are best asked.
studio-oral-col-questions = Questions
studio-oral-col-version = Version
studio-oral-guide-not-saved = The guide was not saved: please correct the errors
studio-oral-guide-save = Save the guide
studio-oral-guide-version = Version { $version }
studio-oral-guide-version-lower = version { $version }
studio-oral-guide-old = this is an earlier version
studio-oral-guide-current = current version
studio-oral-guide-old-title = { $title } — version { $version }
studio-oral-guide-versions = Versions
studio-oral-guide-edit-hint = The edit will be saved as version { $version }; projects that already use this version will keep it.
studio-oral-guide-save-version = Save a new version
studio-oral-error-guide-title = Enter the guide's theme, for example “Evacuation”.
studio-oral-error-guide-title-long = The theme is too long: 200 characters at most.
studio-oral-error-guide-about-long = The description is too long: 2000 characters at most.
studio-oral-error-guide-no-questions = Write at least one question, one per line.
studio-oral-error-guide-too-many = Too many questions: { $max } at most.
studio-oral-error-guide-question-long = One of the questions is longer than 1000 characters: split it into several.

## The council's hours of Living Voices

studio-oral-scope-all = total
studio-oral-scope-group = working group
studio-oral-scope-volunteer = volunteer
studio-oral-hours-no-group = outside any group
studio-oral-hours-no-interviewer = no interviewer assigned
