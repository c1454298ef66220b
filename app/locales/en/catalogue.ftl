## The public pages of networks and events.

cat-participants-products = The participants' products
cat-printable-page-with-qr = Printable page with a QR code
cat-ask-members-for-quote = Ask the members for a quote
cat-which-enterprises = To which enterprises
cat-what-need-quantities-dates = What you need (quantities, dates, place)
cat-send-request = Send the request
search-active-filters = Chosen filters
search-remove-filter = remove
cat-event-cancelled = The event was cancelled by the regional centre.
cat-event-published = The event is published. This is how buyers and enterprises see it.
centre-team = The centre's team
centre-featured = Chosen by the centre
