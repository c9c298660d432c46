# The studio: the frame, navigation and notices shared by every page.

## The frame of every studio page

studio-name = Studio
studio-title-suffix = studio
studio-skip = Skip to content
studio-portal = Portal
studio-sign-out = Sign out
studio-sections = Studio sections
studio-nav-mine = Waiting for me
studio-nav-groups = Working groups
studio-nav-narrators = Narrators
studio-nav-projects = Interview projects
studio-nav-guides = Question guides
studio-nav-contributions = Residents' stories
studio-nav-council = Council report
studio-nav-users = Members
studio-nav-audit = Audit log
studio-language = Interface language

## Lists of records in the studio

studio-kind-plural-person = People
studio-kind-plural-interview = Interviews
studio-kind-plural-item = Items and documents
studio-kind-plural-place = Places
studio-kind-plural-event = Events
studio-kind-plural-organization = Organizations
studio-kind-plural-story = Exhibitions
studio-kind-plural-collection = Collections
studio-kind-plural-source = Sources

## One-line notices after an action (`?done=<code>`)

studio-notice-saved = Saved.
studio-notice-created = Record created: it is a draft. Only members of the working groups can see it.
studio-notice-submitted = Sent for review.
studio-notice-published = Published.
studio-notice-returned = Returned to the author for more work.
studio-notice-withdrawn = Withdrawn from publication.
studio-notice-commented = Comment added.
studio-notice-assigned = Reviewer assigned.
studio-notice-related = Link added.
studio-notice-unrelated = Link removed.
studio-notice-restored = The version was restored as a new edit.
studio-notice-consent = Consent recorded.
studio-notice-consent-withdrawn = Consent withdrawn; what it opened is closed.
studio-notice-transcript-imported = File uploaded: the transcript (and the index, if the file had one) were replaced. The previous ones are in the edit history.
studio-notice-destroyed = The interview's materials were destroyed; the record of it is in the comments and the audit log.
studio-notice-narrator-withdrawn = Interview withdrawn: it and the narrator's details are removed from every public page, from search and from the API; the withdrawal is in the log.
studio-notice-invited = Invitation sent.
studio-notice-roles = Roles changed.
studio-notice-group = Group saved.
studio-notice-report = Report added.
studio-notice-narrator = Narrator saved.
studio-notice-private = The narrator's private details were saved.
studio-notice-project = Project saved.
studio-notice-ticks = Checklist saved.
studio-notice-moved = The project's stage was recorded.
studio-notice-support = Note added. Only coordinators, the project's interviewer and its psychologist can see it.
studio-notice-distress = Note added; a task was set for the psychologist and a letter sent.
studio-notice-distress-nobody = Note added, but there is nobody to tell: the project has no psychologist and the studio has no coordinators. Assign a psychologist.
studio-notice-distress-unsent = Note added and the task set, but the letter was not sent: tell the psychologist yourself.
studio-notice-task = Task marked as done.
studio-notice-guide = Question guide saved: this is its new version.
studio-notice-unchanged = Nothing changed: no new version was made.
studio-notice-taken = The story is yours: it is in moderation.
studio-notice-asked = Question sent; the story waits for an answer.
studio-notice-asked-unsent = The question was recorded but the letter did not go: the sender will see the question on their story's page.
studio-notice-declined = The story was declined; the sender was sent a letter with the reason.
studio-notice-declined-unsent = The story was declined but the letter did not go: the sender will see the reason on their story's page.
studio-notice-submission-published = Published: the family's story stands beside the biography; the sender was sent a letter.
studio-notice-submission-published-unsent = Published, but the letter did not go: the sender will see it on their story's page.
studio-notice-submission-withdrawn = The story was withdrawn: what was published is closed, the person's record fields are restored, the family's words and photographs are erased.
studio-table-region = Table; on a narrow screen it scrolls sideways
