# The studio's administration: signing in, participants, working groups, the audit log and the
# coordination council's report.

## Signing in, password reset, setting a password

studio-admin-email = Email address
studio-admin-signin-title = Sign in to the studio
studio-admin-signin-password = Password
studio-admin-signin-submit = Sign in
studio-admin-signin-forgot = Forgot your password?
studio-admin-signin-password-saved = Password saved. Sign in with your new password.
studio-admin-signin-signed-out = You have signed out of the studio.
studio-admin-signin-wrong = Wrong email address or password. Check the keyboard layout and Caps Lock.
studio-admin-signin-too-many = Too many failed sign-in attempts from this address. Wait 15 minutes and try again.
studio-admin-signin-email = Enter the email address you were invited with.
studio-admin-signin-locked = Signing in to this account is temporarily blocked after several wrong passwords. Try again in { $minutes } min. or reset your password by email.
studio-admin-reset-title = Password reset
studio-admin-reset-sent = If this address belongs to a participant, a letter with a link for a new password has been sent to it. The link works for an hour.
studio-admin-reset-to-sign-in = Back to sign-in
studio-admin-reset-submit = Send me a link
studio-admin-password-title = Password for signing in
studio-admin-password-account = Account:
studio-admin-password-new = New password
studio-admin-password-hint = At least 10 characters; a few words in a row work well.
studio-admin-password-repeat = Password again
studio-admin-password-save = Save password
studio-admin-password-mismatch = The passwords do not match. Enter the same password twice.
studio-admin-password-short = The password is too short: at least { $min } characters are needed. A few words in a row work well.
studio-admin-password-long = The password is too long: { $max } characters at most.
studio-admin-password-is-email = The password must not be the same as the email address.

## Participants

studio-admin-users-title = Participants
studio-admin-invite-title = Invite a participant
studio-admin-invite-intro = The invited person gets a letter with a link to set a password. Without a configured mail server (SMTP), letters are saved in the data directory, in the folder
studio-admin-invite-link = Invitation link
studio-admin-invite-name = Name, as the edit history will show it
studio-admin-roles = Roles
studio-admin-roles-of = Roles: { $name }
studio-admin-invite-submit = Invite
studio-admin-users-all = All participants
studio-admin-col-name = Name
studio-admin-col-email = Email
studio-admin-col-password = Password
studio-admin-password-set = set
studio-admin-password-waiting = invitation pending
studio-admin-roles-save = Save roles
studio-admin-error-email = Enter an email address in the form name@domain, for example volunteer@example.ru.
studio-admin-error-name = Enter the participant's name — the edit history will show it.
studio-admin-error-roles = Tick at least one role.
studio-admin-error-exists = A participant with the address { $email } already exists.
studio-admin-invite-unsent = Participant { $email } was added, but the invitation letter was not sent: { $error }. Pass them the link yourself — it works for 7 days and only once.
studio-admin-error-own-admin = You cannot take the administrator role from yourself: ask another administrator.

studio-admin-role-admin = administrator
studio-admin-role-coordinator = coordination council
studio-admin-role-group-lead = working group lead
studio-admin-role-expert = expert, editor
studio-admin-role-volunteer = volunteer
studio-admin-role-teacher = teacher
studio-admin-role-press = press office
studio-admin-role-psychologist = psychologist
studio-admin-role-contributor = resident (story author)

## Working groups

studio-admin-groups-title = Working groups
studio-admin-group-direction = Direction:
studio-admin-group-direction-label = Direction
studio-admin-group-empty = Nobody is in the group yet.
studio-admin-group-responsible = responsible for the direction
studio-admin-group-make-responsible = Make responsible
studio-admin-group-remove = Remove
studio-admin-group-add-member = Add a participant
studio-admin-group-add = Add
studio-admin-group-new = New group
studio-admin-group-name = Name
studio-admin-group-create = Create the group
studio-admin-error-group = Enter the group's name and choose a direction.
studio-admin-error-member = Choose a participant.

studio-admin-direction-living-voices = Living Voices
studio-admin-direction-heroes = Heroes
studio-admin-direction-documents = Documents and photographs
studio-admin-direction-places = Places and monuments
studio-admin-direction-education = Education
studio-admin-direction-media = Media

## The audit log

studio-admin-audit-title = Audit log
studio-admin-audit-intro = Entries: { $total }. The log is append-only: entries cannot be changed or deleted.
studio-admin-audit-when = When
studio-admin-audit-who = Who
studio-admin-audit-action = Action
studio-admin-audit-subject = Subject
studio-admin-audit-detail = Details
studio-admin-audit-ip = Address
studio-admin-audit-pages = Pages of the log
studio-admin-audit-newer = Newer
studio-admin-audit-older = Older
studio-admin-audit-page = Page { $page } of { $pages }

studio-admin-action-sign-in = sign-in
studio-admin-action-sign-in-failed = failed sign-in
studio-admin-action-sign-out = sign-out
studio-admin-action-password-set = password set
studio-admin-action-password-reset-requested = password reset requested
studio-admin-action-invite = invitation
studio-admin-action-roles = roles changed
studio-admin-action-publish = publication
studio-admin-action-withdraw = unpublished
studio-admin-action-consent-added = consent recorded
studio-admin-action-consent-withdrawn = consent withdrawn
studio-admin-action-view-private = personal data viewed
studio-admin-action-private-changed = personal data changed
studio-admin-action-project = interview project: assignments
studio-admin-action-export = export
studio-admin-action-group = working group
studio-admin-action-roadmap = roadmap
studio-admin-action-destroy = materials destroyed
studio-admin-action-submission-assign = resident's story: assignment
studio-admin-action-submission-edit = resident's story: edit
studio-admin-action-submission-question = resident's story: question to the sender
studio-admin-action-submission-decline = resident's story: declined
studio-admin-action-submission-publish = resident's story: publication
studio-admin-action-submission-withdraw = resident's story: withdrawal
studio-admin-action-other = other

## The coordination council's report (the page and its CSV columns)

studio-admin-council-title = Coordination council report
studio-admin-council-csv-groups = Download CSV by group
studio-admin-council-csv-activities = Download CSV by activity
studio-admin-council-csv-voices = Download Living Voices CSV
studio-admin-council-csv-stages = Download CSV by interview stage
studio-admin-council-print = To print, use the browser's print: menus and forms will not be printed.
studio-admin-council-filling = Filling the database, by quarter
studio-admin-council-filling-caption = Counted from the edit history: who added, reviewed (returned or published) and published records; a member of several groups counts in each.
studio-admin-council-by-activity = By roadmap activity
studio-admin-council-by-activity-none = Nothing to count yet: no record has been added, or the activities are not linked to working-group directions.
studio-admin-council-by-activity-caption = An activity adds up the work of the groups whose directions carry it out; “Filling the database” counts every record once, whoever added it.
studio-admin-council-activity = Activity
studio-admin-council-voices = Living Voices: hours of recordings
studio-admin-council-voices-none = No interview has been recorded yet.
studio-admin-council-voices-caption = Hours are the length of the linked interview's recordings and fall in the quarter of the day the project reached the stage; the work counts for the project's interviewer and their working groups.
studio-admin-council-h-recorded = Recorded, h
studio-admin-council-h-transcribed = Transcribed, h
studio-admin-council-h-indexed = Indexed, h
studio-admin-council-h-published = Published, h
studio-admin-council-stages = Interview projects by stage
studio-admin-council-stages-caption = How many projects are at each stage now.
studio-admin-council-projects = Projects
studio-admin-council-roadmap = Roadmap
studio-admin-council-period = Period:
studio-admin-council-departments = Responsible:
studio-admin-council-directions = Directions:
studio-admin-council-no-directions = none yet (until then no work is counted for the activity)
studio-admin-council-all-base = the whole database
studio-admin-council-change-directions = Change directions
studio-admin-council-who-carries = Who carries out activity “{ $number }”
studio-admin-council-save-directions = Save directions
studio-admin-council-report = Activity report
studio-admin-council-done = What was done
studio-admin-council-report-add = Add the report
studio-admin-council-no-group = outside any group
studio-admin-council-once = one-off
studio-admin-council-error-activity = Choose a roadmap activity.
studio-admin-council-error-report = Enter the quarter as 2025-Q1 and the report's text.
studio-admin-council-error-no-activity = There is no such activity in the roadmap; reload the page.

studio-admin-csv-quarter = Quarter
studio-admin-csv-group = Working group
studio-admin-csv-activity = Roadmap activity
studio-admin-csv-added = Records added
studio-admin-csv-reviewed = Reviewed
studio-admin-csv-published = Published
studio-admin-csv-interviews = Interviews recorded
studio-admin-csv-scope = Scope
studio-admin-csv-who = Who
studio-admin-csv-hours-recorded = Hours recorded
studio-admin-csv-hours-transcribed = Hours transcribed
studio-admin-csv-hours-indexed = Hours indexed
studio-admin-csv-hours-published = Hours published
studio-admin-csv-stage = Stage
studio-admin-csv-projects = Interview projects

# School excursions (studio/excursions.rs).
studio-nav-excursions = Excursions
studio-excursions-title = School excursions to the exhibition hall
studio-excursions-lead = Requests schools sent from the portal (/excursions). The teacher's name and contact are shown only here and erased once the visit's day has passed; the council's report keeps the number of visits and pupils.
studio-excursions-waiting = Waiting for an answer
studio-excursions-decided = Decided
studio-excursions-none = No requests.
studio-excursions-school = School, class
studio-excursions-pupils = Pupils:
studio-excursions-wanted = wanted day:
studio-excursions-teacher = Teacher:
studio-excursions-visit-on = Day of the visit
studio-excursions-confirm = Confirm
studio-excursions-decline = Decline
studio-excursions-status = Decision
studio-excursions-contact = Teacher and contact
studio-excursions-confirmed-for = confirmed for
studio-excursions-declined = declined
studio-excursions-erased = erased after the visit
studio-excursions-error-date = Give the day of the visit: today or later.
studio-admin-council-excursions = School excursions (activity 11)
studio-admin-council-excursions-none = No confirmed excursions yet.
studio-admin-council-excursions-caption = Confirmed excursions to the exhibition hall by the quarter of the visit
studio-admin-council-excursions-visits = Excursions
studio-admin-council-excursions-pupils = Pupils
studio-admin-council-media = Publications about the project (activities 4 and 7)
studio-admin-council-media-none = No publications in the media plan yet.
studio-admin-council-media-caption = The press office's media plan by quarter of publication: planned, out (with a link) and the reach of those out
studio-admin-council-media-planned = Planned
studio-admin-council-media-out = Out
studio-admin-council-media-reach = Reach
