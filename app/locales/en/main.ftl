## The frame, the catalogue and the words shared by many pages.

# This language's own name, and the hint of the link that switches to it
# (both read in this language, from any page).
language-name = English
switch-to-language = Switch to English

site-name = Social Market
site-tagline = Products and services of Bulgaria's social enterprises
skip-to-content = Skip to content
nav-main = Main navigation
nav-search = Search
nav-centres = Regional centres
nav-events = Events
search-label = Search products and services
search-placeholder = honey, wool socks, catering…
search-button = Search
home-title = Buy from social enterprises
home-intro = Food, crafts, textiles, cosmetics and services from enterprises that employ people at a disadvantage. Every purchase supports their mission.
home-categories = Categories
home-featured = Featured products
home-centres = Regional centres
home-events = Upcoming events
home-no-events = No events are scheduled.
centres-title = Regional centres
centres-intro = Six regional centres verify the social enterprises of their region, build networks and organise fairs and trainings.
centre-region = Region
centre-districts = Districts
centre-address = Address
centre-enterprises = Social enterprises
centre-networks = Networks
centre-events = Events
centre-no-enterprises = No enterprises are registered yet.
centre-no-networks = No networks yet.
verified = Verified enterprise
unverified = Not verified
by-enterprise = by
price-bgn-equivalent = equivalent in leva
unit-piece = pc
unit-kg = kg
unit-litre = l
unit-hour = hour
unit-set = set
availability-in-stock = In stock
availability-made-to-order = Made to order
availability-out-of-stock = Out of stock
network-kind-production = Production network
network-kind-distribution = Distribution network
network-kind-regional = Regional network
network-kind-thematic = Thematic network
event-kind-fair = Fair
event-kind-bazaar = Bazaar
event-kind-exchange = Exchange
event-kind-forum = Forum
event-kind-conference = Conference
event-kind-training = Training
footer-about = Social Market is the digital platform of Bulgaria's social and solidarity economy.
footer-programme = The regional centres support enterprises in all 28 districts.
not-found-title = Page not found
not-found-text = There is no page at this address. It may have been moved or deleted.
back-home = Go to the home page
error-title = Something went wrong
error-text = The page cannot be shown right now. Please try again shortly.
impact-disability = people with disabilities
impact-long-term-unemployed = long-term unemployed people
impact-youth-leaving-care = young people leaving care
impact-over-55 = people over 55
impact-refugees = refugees
impact-violence-victims = victims of violence or trafficking
impact-other = other vulnerable groups
search-results-for = Results for
search-all-products = All products and services
search-enterprises = Enterprises by this name
search-filters = Filters
search-clear-filters = Clear filters
search-sort = Sort
sort-relevance = Best match
sort-price-asc = Price: low to high
sort-price-desc = Price: high to low
sort-newest = Newest
search-no-results = No products found.
search-suggest = Try fewer or more general words, check the spelling, or remove a filter.
search-degraded = The search engine is not answering right now. These are simpler results from the database, without filter counts.
pagination = Pages
page-previous = Previous
page-next = Next
facet-category = Category
facet-centre = Regional centre
facet-district = District
facet-network = Network
facet-verified = Verification
facet-availability = Availability
facet-impact = Employs
facet-price = Price
product-description = Description
product-category = Category
product-min-order = Minimum order
enterprise-email = Email
product-tags = Tags
product-seller = Made by
product-related = Related products
product-networks = The enterprise's networks
product-photos = Photos
product-photo-n = Photo { $n } of { $count }
product-no-image = No picture
enterprise-eik = UIC (ЕИК)
enterprise-address = Address
enterprise-phone = Phone
enterprise-website = Website
enterprise-mission = Mission
enterprise-about = About
enterprise-impact = Social impact
enterprise-employs = Employs
enterprise-register = Register of Social Enterprises
enterprise-register-entry = Entry no.
enterprise-register-class = Class
enterprise-certified-on = Certified on
enterprise-valid-until = Valid until
enterprise-not-registered = The enterprise is not entered in the register yet.
enterprise-products = Products and services
enterprise-centre = Regional centre
enterprise-networks = Networks
network-members = Members
network-catalogue = Combined catalogue
events-title = Events
events-upcoming = Upcoming
events-past = Past
event-place = Place
event-starts = Starts
event-ends = Ends
event-participants = Taking part
event-no-participants = No participants are confirmed yet.
count-enterprises = { $count ->
    [one] { $count } enterprise
   *[other] { $count } enterprises
}
count-products = { $count ->
    [one] { $count } product
   *[other] { $count } products
}
count-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
count-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
employed-share = { $vulnerable } of its { $total } people come from vulnerable groups
reinvested = { $percent }% of the profit is reinvested in the social mission
network-all-products = { $count ->
    [one] The one product in search
   *[other] All { $count } products in search
}
price-between = €{ $from }–{ $to }
price-over = over €{ $from }

nav-menu = Menu
nav-inbox = Incoming requests
nav-inbox-short = Inbox
nav-account = Account
nav-sign-in = Sign in
nav-basket = Basket
nav-requests = My requests
nav-favourites = Favourites
nav-notices = Notices
nav-dashboard = Dashboard
nav-centre = Centre
nav-sign-out = Sign out
status-please-sign-in = Please sign in
status-dashboard = To the dashboard
quote-open = “
quote-close = ”
footer-platform = About the platform
footer-about-link = About
footer-contact = Contact
footer-terms = Terms of use
footer-privacy = Privacy
footer-cookies = Cookies
trust-version-of = Version { $version } of { $date }
