search-title = Search
search-title-for = Search: “{ $q }”
search-found = { $count ->
    [one] { $count } record found
   *[other] { $count } records found
}
search-empty = Type a name, a place, an event or words from the memories: for example “Иванов Пётр”, “эвакуация завода” or “Сходня 1941”.
search-building = The search index is being built. Results will appear in a few seconds — reload the page.
search-nothing = Nothing found. Check the spelling, remove some words or clear the filters.
search-did-you-mean = Did you mean
search-note-place = Narrowed to the place: { $place }.
search-note-year = Year taken into account: { $year }.
search-note-month = Month and year taken into account: { $month } { $year }.
search-namesakes = { $count ->
    [one] { $count } person with this name
   *[other] { $count } people with this name
}
search-namesakes-narrow = Narrow down whom you are looking for:
search-note-relaxed = No record has all the words; showing records with all words but one.
search-facet-kind = Section
search-sort-relevance = by relevance
search-sort-date = by date
search-sort-name = alphabetically
search-pager-label = Result pages
search-moment-listen = Listen from
search-bad-param = The parameter “{ $name }” with the value “{ $value }” is not recognised. Remove it from the address or choose a value in the filters of the search page.
search-suggestions = Suggestions
search-similar = Perhaps you were looking for
