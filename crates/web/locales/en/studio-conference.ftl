# The programme committee's desk (issue #18): `/studio/conference` and a paper's page.
studio-nav-conference = Conference
studio-conference-title = Conference: programme committee
studio-conference-public = The conference's public page
studio-conference-papers = Papers
studio-conference-papers-none = No confirmed papers yet.
studio-conference-settings = Call for papers and dates
studio-conference-not-saved = Not saved:
studio-conference-name = Title
studio-conference-slug = Conference code
studio-conference-slug-hint = Latin letters, digits, hyphens, such as chteniya-2027. A new code makes a new conference: it becomes the current one if it starts later.
studio-conference-starts = First day
studio-conference-ends = Last day
studio-conference-deadline = Last day for papers
studio-conference-place = Venue
studio-conference-organizers = Organizers
studio-conference-call = Call text (paragraphs separated by a blank line)
studio-conference-sections = Sections
studio-conference-sections-hint = One a line: code | title | room, such as: front | Front and home front | Reading room.
studio-conference-save = Save
studio-conference-error-starts = Give the conference's first day.
studio-conference-error-ends = Give the conference's last day.
studio-conference-error-deadline = Give the last day for papers.
studio-paper-title = Paper No. { $number }
studio-paper-title-col = Paper
studio-paper-section = Section
studio-paper-status = Status
studio-paper-reviews = Reviews
studio-paper-mean = Mean score
studio-paper-slot = In the programme
studio-paper-in-proceedings = in the proceedings
studio-paper-status-unconfirmed = not confirmed
studio-paper-status-submitted = awaiting reviewers
studio-paper-status-in_review = in review
studio-paper-status-accepted = accepted
studio-paper-status-declined = declined
studio-paper-status-withdrawn = withdrawn by the author
studio-paper-sent = Submission
studio-paper-authors = Authors
studio-paper-email = E-mail
studio-paper-when = Sent
studio-paper-file = Text
studio-paper-abstract = Abstract
studio-paper-reviews-title = Reviews
studio-paper-reviews-none = No reviewers assigned yet.
studio-paper-reviewer = Reviewer
studio-paper-score = Score (1–5)
studio-paper-recommendation = Recommendation
studio-paper-comment = Comment
studio-paper-review-waiting = review awaited
studio-paper-recommend-accept = accept
studio-paper-recommend-revise = accept after revision
studio-paper-recommend-decline = decline
studio-paper-assign = Assign a reviewer
studio-paper-assign-button = Assign
studio-paper-my-review = My review
studio-paper-review-save = Save the review
studio-paper-decision = Decision
studio-paper-decision-lead = The decision is final: the author receives a letter with the text you leave below.
studio-paper-accept = Accept the paper
studio-paper-decline = Decline the paper
studio-paper-letter-accept-label = Letter to the author if accepted
studio-paper-letter-decline-label = Letter to the author if declined
studio-paper-decide = Decide and send the letter
studio-paper-programme = Place in the programme
studio-paper-day = Day
studio-paper-day-none = — not in the programme —
studio-paper-start = Start
studio-paper-end = End
studio-paper-schedule = Put in the programme
studio-paper-proceedings = Proceedings
studio-paper-published = Published in the proceedings:
studio-paper-publish-lead = The paper becomes a document of the information base, with its PDF, abstract, authors and the records it discusses. Site search finds it.
studio-paper-publish-authors = Authors in the base
studio-paper-publish-authors-hint = Numbers or addresses of person or organization records, one a line, such as “No. 12” or /organizations/shkola-5. May be left empty: the authors' names are in the description anyway.
studio-paper-publish-records = What the paper discusses
studio-paper-publish-records-hint = Numbers or addresses of the records the paper is about: people, places, events, documents.
studio-paper-publish = Publish in the proceedings
studio-paper-log = History
studio-paper-event-submitted = sent
studio-paper-event-confirmed = address confirmed by the author
studio-paper-event-assigned = reviewer assigned
studio-paper-event-reviewed = review
studio-paper-event-accepted = accepted
studio-paper-event-declined = declined
studio-paper-event-letter = letter sent to the author
studio-paper-event-scheduled = place in the programme
studio-paper-event-published = published in the proceedings, record No.
studio-paper-error-reviewer = Choose a reviewer among the committee.
studio-paper-error-review = Give a score from 1 to 5 and choose a recommendation.
studio-paper-error-decision = Choose: accept the paper or decline it.
studio-paper-error-slot = Give the day, start and end of the talk (or leave all empty to take it out of the programme).
studio-paper-error-overlap = Paper No. { $number } “{ $title }” is already in the section at that time.
studio-paper-error-not-accepted = Only accepted papers go into the proceedings.
studio-paper-error-published = The paper is already in the proceedings.
studio-paper-error-author = “{ $what }” is not a person or organization record of the base. Give the record's number, such as “No. 12”.
studio-paper-error-record = Record “{ $what }” was not found. Give its number or address.
studio-paper-letter-accept =
    Dear { $authors },

    The programme committee of the conference “{ $conference }” has accepted your paper “{ $title }” (No. { $number }). We will let you know the time of your talk; the programme will be published on the conference page.

    Thank you for your work!
studio-paper-letter-decline =
    Dear { $authors },

    Thank you for your paper “{ $title }” (No. { $number }). Unfortunately, the programme committee of the conference “{ $conference }” could not include it in the programme.

    We will welcome your materials in the museum's information base and at future conferences.
studio-notice-conference-saved = The conference is saved.
studio-notice-paper-assigned = The reviewer is assigned.
studio-notice-paper-reviewed = The review is saved.
studio-notice-paper-decided = Decided; the letter has gone to the author.
studio-notice-paper-decided-unsent = Decided, but the letter did not go: please write to the author yourself.
studio-notice-paper-scheduled = The programme is updated.
studio-notice-paper-published = The paper is published in the proceedings.
