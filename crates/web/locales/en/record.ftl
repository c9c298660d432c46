content-note-lead = Please note.
section-transcript = Transcript
section-biography = Biography
section-health = Wounds and health
section-summary = Summary
section-description = Description
section-transcription = Transcription
section-lead = Introduction
section-citation = Bibliographic description
group-sources = Sources
group-contents = Contents of the recording
group-files = Files
group-members = In this selection
audio-unsupported = Your browser cannot play this recording.
audio-download = Download the recording
video-unsupported = Your browser cannot show this video.
video-download = Download the video
part-withheld = This part of the recording is closed at the narrator's request; the transcript below marks the closed passages.
captions-russian = Russian
recording = Recording
recording-part = Part { $n }
file = File
story-fragment = excerpt { $start }–{ $end }
summary-recorded = recorded { $date }

field-recorded = Recorded
field-interviewers = Recorded by
field-duration = Duration
field-item-type = Type
field-date = Date
field-holder = Where the original is kept
field-provenance = Provenance
field-rights = Rights
field-type = Type
field-other-names = Other names
field-district = District
field-coordinates = Coordinates
field-active = Years of existence
field-authors = Authors
field-lesson = For the lesson
field-source-type = Type of source
field-archive-reference = Archive reference
field-url = Web address
field-database-record = Database record

# Under a group of ties the page shows only the start of.
relation-more = { $count ->
    [one] { $count } record in all, the first { $shown } here.
   *[other] { $count } records in all, the first { $shown } here.
}
relation-more-link = All of them in the catalogue

# On a person's (place's, event's) page: the moments of interviews whose index mentions them.
group-voice-fragments = In the Living voices
