# Lessons, class links, presentation, worksheets and hall tours (issue #17).

lessons-title = Lessons
lessons-lead = Ready-made lessons from the museum's materials: fragments of memories, documents, places and events with questions and tasks. Written by teachers, checked by the museum's experts.
lessons-filters = Choose lessons
lessons-grade = Grade
lessons-subject = Subject
lessons-topic = Topic
lessons-any = any
lessons-apply = Show
lessons-none = No such lessons yet. Remove some conditions or come back later.
lessons-have-code = Have a code from your teacher? Open a lesson by its code
lesson-count = { $count ->
    [one] { $count } lesson found
   *[other] { $count } lessons found
}
lesson-grade = Grade { $grade }
lesson-minutes = { $count } { $count ->
    [one] minute
   *[other] minutes
}
lesson-blocks = { $count } { $count ->
    [one] block
   *[other] blocks
}
lesson-questions = { $count } { $count ->
    [one] question
   *[other] questions
}
lesson-purpose-lesson = Lesson
lesson-purpose-tour = Hall tour
lesson-block-record = Record
lesson-block-fragment = Fragment of a memory
lesson-block-detail = Image detail
lesson-block-quote = Quote from a document
lesson-block-place = Place on the map
lesson-block-moment = Point on the timeline
lesson-question-open = question
lesson-question-choice = choose the answer
lesson-question-order = put in order
lesson-question-map = find on the map
lesson-questions-heading = Questions and tasks
lesson-answer = Your answer
lesson-map-words = What you found (in words)
lesson-order-hint = Give each item its number in order: 1 is the earliest.
lesson-key = Answer:
lesson-key-place = { $name } (latitude { $lat }, longitude { $lon })
lesson-moment = On the timeline:
lesson-timeline = Open the timeline
lesson-detail-alt = Detail of an image: { $alt }
lesson-detail-whole = The whole image
lesson-goals = Goals of the lesson
lesson-author = Compiled by
lesson-class-code = Lesson opened with the class code
lesson-class-private = Your answers are not sent anywhere: they are kept only in this browser.
lesson-teacher-tools = For the teacher
lesson-present = Show on screen
lesson-worksheet = Worksheet
lesson-worksheet-key = Sheet with answers
lesson-edit = Edit the lesson
lesson-absent = { $count ->
    [one] { $count } block of the lesson is not shown: it is for older pupils or closed now.
   *[other] { $count } blocks of the lesson are not shown: they are for older pupils or closed now.
}
lesson-answers-title = Your answers
lesson-answers-private = Answers are kept only in this browser — they are not sent to the server. You can print them or show them to your teacher on screen.
lesson-answers-print = Print my answers
lesson-answers-forget = Erase my answers
lesson-qr-label = QR code of the lesson's link
lesson-error-grade = The grade is a number from 1 to 11.
lesson-error-subject = There is no such subject in the list. Choose one from the list or remove the condition.

present-slides = presentation
present-title-screen = Start
present-controls = Presentation controls
present-exit = Exit
present-prev = Back
present-next = Next
present-full = Full screen

sheet-title = Worksheet
sheet-key-title = Teacher's sheet with answers
sheet-back = ← Back to the lesson
sheet-print = Print
sheet-name = Name and class:
sheet-code = Class code:
sheet-order-hint = Number the items in order.
sheet-no-key = a free answer — judge the reasoning.
sheet-no-questions = This lesson has no questions yet.
sheet-foot = Materials from the people's museum «Letopis». Pupils' names and answers are not sent to the museum.

class-title = Lesson by code
class-lead = Type the code your teacher wrote on the board and the lesson opens. No registration needed.
class-code = Lesson code
class-open = Open the lesson
class-private = We ask for no names and keep no answers: whatever you write stays in your browser.
class-error-code = A code is made of Latin letters and digits, for example K7M2QX. Check the code on the board and type it again.
class-error-unknown = There is no lesson with this code. Check the code on the board — codes never use the letters O and I.
class-error-expired = The link to this lesson worked until { $date }. Ask your teacher for a new code.

pair-title = Hall screen
pair-heading = The screen is waiting for a guide
pair-lead = Open the «Tour on the screen» page on your phone and type this code:
pair-qr-label = QR code of the guide's page
pair-note = The code works for 15 minutes. The screen shows the tour as soon as the guide chooses it.

guide-title = Tour on the screen
guide-lead = Type the code from the hall's big screen and choose a tour or a lesson: the screen will show what you choose on the phone.
guide-code = Code from the screen (6 digits)
guide-kit = What to show
guide-tours = Hall tours
guide-lessons = Lessons
guide-no-kits = You have no tours yet.
guide-make = Make a tour
guide-pair = Show on the screen
guide-error-code = There is no screen with this code: a 6-digit code works for 15 minutes. Reload the page on the screen and type the new code.
guide-error-kit = Choose a tour or a lesson from the list.
guide-error-tries = Too many wrong codes. Wait 10 minutes and check the code on the screen.
guide-error-step = Could not tell which stop to show. Press the stop's button again.
guide-remote-title = Tour remote
guide-on-title = On the screen: the start of the tour
guide-on-stop = On the screen: stop { $n } of { $count }
guide-notes = Guide's notes
guide-stops = All stops
guide-end = End the showing
kiosk-tours = Hall tours
lesson-stops = { $count } { $count ->
    [one] stop
   *[other] stops
}
lessons-footer = Lessons for teachers
