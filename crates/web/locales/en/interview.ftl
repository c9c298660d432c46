# The page of an interview ("Living voices"): player, transcript, contents, content statement.

interview-narrators = { $count ->
    [one] Narrator
   *[other] Narrators
}
interview-place = Recorded at
interview-listen = Listen to the recording
segment-keywords = Keywords
segment-mentions = Mentioned
transcript-search-label = Find in the transcript
transcript-previous = ← Previous
transcript-next = Next →
transcript-lines-label = Transcript lines; choose a line to listen from there
transcript-matches = { $count ->
    [one] { $count } match found
   *[other] { $count } matches found
}
transcript-no-matches = The transcript has no “{ $query }”.
transcript-no-matches-short = Nothing found.
error-moment = A moment in the recording is given in seconds (for example ?t=754) or minutes and seconds (?t=12:34), but it reads “{ $value }”.

# The statement before sensitive material (also on item pages).
age-rating-label = Age rating
statement-default = This material may be hard to take in.
statement-age = Age rating { $rating }: for visitors aged { $years } and over.
statement-choice = If you are ready to listen, press “Continue”.
statement-continue = Continue
