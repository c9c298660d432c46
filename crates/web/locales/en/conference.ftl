# The conference (issue #18): `/conference`, `/conference/submit`, the confirmation link.
conference-title = Conference
conference-kicker = Local history conference
conference-none = No conference has been announced yet. Follow the museum's news.
conference-dates = Dates
conference-place = Venue
conference-organizers = Organizers
conference-contents = On this page
conference-call = Call for papers
conference-sections = Sections
conference-deadline = Papers are accepted until { $date } inclusive.
conference-submit-link = Submit a paper
conference-closed = The call for papers is closed.
conference-programme = Programme
conference-programme-none = The programme will appear once the programme committee has reviewed the papers.
conference-proceedings = Proceedings
conference-proceedings-none = The proceedings will be published after the conference.
conference-proceedings-lead = The papers are published in the museum's information base: site search finds them, and they link to the people, places and documents they discuss.
conference-back = Back to the conference
conference-submit-title = Submit a paper to the conference
conference-submit-lead = Fill in the form and attach the paper as a PDF. We will send you a letter: open its link to confirm your address. The programme committee's decision will come to the same address.
conference-problems = Please check:
conference-limit = Several papers have already been sent from this address today. Please try tomorrow or write to the organizers.
conference-paper-title = Title of the paper
conference-paper-section = Section
conference-paper-section-choose = — choose a section —
conference-paper-authors = Authors
conference-paper-authors-hint = Full names. If the speaker is a school pupil, their supervisor sends the paper and names themselves first.
conference-paper-author = Author { $n }: full name
conference-paper-affiliation = Author { $n }: school, institution or employer
conference-paper-email = E-mail
conference-paper-email-hint = The confirmation letter and the committee's decision go there. It is never published.
conference-paper-abstract = Abstract
conference-paper-abstract-hint = What the paper is about and what sources it rests on — up to { $max } characters.
conference-paper-file = The paper (PDF)
conference-paper-file-hint = PDF only, at most { $max }.
conference-paper-consent = I am 18 or older. I agree to the organizers processing my personal data (name, affiliation, e-mail) to review this paper (Federal Law 152-FZ). I can withdraw this consent by writing to the organizers.
conference-paper-publish = If the paper is accepted, I allow its title and the authors' names and affiliations to be published in the programme, and its text in the proceedings on the portal under CC BY 4.0.
conference-paper-send = Send the paper
conference-sent = The paper was sent. We have written to the address you gave: open the link in the letter within a week to confirm it. Until then the committee will not see it.
conference-error-form = The form arrived incomplete. Please fill it in and send it again.
conference-error-title = Give the title of the paper.
conference-error-section = Choose a section from the list.
conference-error-author = Name at least one author.
conference-error-email = Give an e-mail address, such as ivanova@mail.ru: the confirmation letter goes there.
conference-error-abstract = Write an abstract: what the paper is about and what it rests on.
conference-error-abstract-long = The abstract is longer than { $max } characters. Please shorten it.
conference-error-file = Attach the paper as a PDF.
conference-error-file-big = The file is larger than { $max }. Compress the illustrations or attach the text without them.
conference-error-file-type = This is not a PDF. Save the paper as PDF (in Word: File → Save as → PDF) and attach it again.
conference-error-consent = Without consent to process your personal data we cannot review the paper.
conference-error-publish = Tick the consent to publication: without it the paper cannot enter the programme and proceedings.
conference-confirmed-title = Paper confirmation
conference-confirmed = Thank you! Paper No. { $number } is confirmed and passed to the programme committee. The decision will come by e-mail.
conference-confirm-stale = This link has been used already or has expired. If the paper was confirmed, the decision will come by e-mail; if more than a week has passed, please send the paper again.
conference-letter-confirm-subject = { $site }: confirm paper No. { $number } for the conference
conference-letter-confirm-body =
    Hello!

    We received paper No. { $number } for the conference “{ $conference }”: “{ $title }”.

    To confirm your address and pass the paper to the programme committee, open the link:

    { $confirm }

    The link works for a week. If you sent nothing, just delete this letter: an unconfirmed paper is erased.
conference-letter-decision-subject = { $site }: decision on paper No. { $number }
conference-footer = Local history conference
conference-confirm-ask = Press the button to confirm the paper and pass it to the programme committee.
conference-confirm-button = Confirm the paper
