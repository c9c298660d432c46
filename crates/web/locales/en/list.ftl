list-total = Total:
list-page-empty = There are no records on this page.
list-back-to-first = Back to the first page of the section
list-section-empty = There are no open records in this section yet. Come back later or open another section.
pager-label = Pages of the section
pager-previous = Previous
pager-next = Next
pager-position = Page { $page } of { $last }
