error-not-found-title = Page not found
error-not-found-message = There is no such page.
error-not-found-advice = Check the address of the page. The record may still be in preparation or may have been withdrawn. Try the search or the sections below.
error-gone-title = Withdrawn
error-gone-message = What was at this address has been withdrawn from publication.
error-gone-advice = This happens when a person withdraws their consent or the museum revises what it knows. Try the search or the sections below.
error-bad-request-title = Bad request
error-bad-request-message = The request is not well formed.
error-bad-request-advice = Check the address of the page, or go back to the home page and open the section you need.
error-method-not-allowed-title = Request not accepted
error-method-not-allowed-message = This kind of request is not accepted at this address: the site is read-only.
error-method-not-allowed-advice = Open the page with an ordinary link.
error-unavailable-title = The museum is temporarily unavailable
error-unavailable-message = The museum is temporarily unavailable: the storage does not answer.
error-unavailable-advice = Reload the page in a minute. If the error persists, tell the museum staff when and on which page it happened.
error-busy-title = Too many searches at once
error-busy-message = The museum is searching for very many visitors right now, and your search could not start in time.
error-busy-advice = Search again in a couple of seconds; the records and sections of the museum open as usual.
error-internal-title = Server error
error-internal-message = An error occurred on the server. The details are in the server log.
error-internal-advice = Reload the page in a minute. If the error persists, tell the museum staff when and on which page it happened.
error-status = Error code: { $status }.
error-home-link = Go to the home page
error-search-label = Search the museum

error-bad-request-generic = The request is not well formed.
error-query-string = The address parameters (after "?") are not written correctly. Check that each is given only once, or open the page without them.
error-page-number = The page number must be a positive whole number (for example, ?page=2), but "{ $value }" was given.
error-per-page = The per_page parameter must be a whole number from 1 to { $max }, but "{ $value }" was given.
error-record-id = The record number must be a whole number, but "{ $value }" was given.
error-page-too-large = Page number “{ $value }” is too large: no section has more than { $max } pages. Open the first page of the section.
error-sort = Unknown order “{ $value }”. Use sort=name (alphabetical), sort=date (by date) or sort=new (newest).
error-filter = The filter { $name }=“{ $value }” is not known for this section.
error-too-many-filters = Too many filters at once: at most { $max }.

# The studio (back office).
error-forbidden-title = Access denied
error-forbidden-message = Your account may not do this, or the form has expired.
error-forbidden-advice = If the form was opened long ago, reload the page and try again. If you need access, ask the portal's administrator.
error-studio-link = The link is not valid: it has been used already or has expired. Ask the administrator for a new invitation, or reset your password from the sign-in page.
error-detail-crop = The part of the image is written wrongly: four numbers in percent are needed — offset from the left, from the top, width and height, for example crop=10,20,50,40.
