## The names of the domain's values (statuses, kinds, roles).

# An order request.
order-status-submitted = Submitted
order-status-proposed = Changes proposed
order-status-accepted = Accepted
order-status-declined = Declined
order-status-fulfilled = Fulfilled
order-status-cancelled = Cancelled
order-kind-order = Order request
order-kind-question = Question about a product
order-kind-quote = Request for a quote
delivery-pickup = Pick-up
delivery-delivery = Delivery
delivery-event = At an event
# A product.
product-status-draft = Draft
product-status-published = Published
product-status-hidden = Hidden by a curator
product-archived = Archived
verification-status-unverified = Not verified yet: waiting for the regional centre
verification-status-verified = Verified by a regional centre
verification-status-rejected = Verification refused
verification-status-correction-requested = A correction was requested
verification-status-expired = The certificate has expired
# A membership of a network, from the enterprise's side.
membership-status-applied = applied
membership-status-invited = invited
membership-status-approved = member
participation-status-applied = signed up
participation-status-confirmed = taking part
member-role-owner = owner
member-role-staff = staff
legal-form-et = sole trader (ET)
legal-form-eood = single-member limited company (EOOD)
legal-form-ood = limited company (OOD)
legal-form-ad = joint-stock company (AD)
legal-form-cooperative = cooperative
legal-form-association = association
legal-form-foundation = foundation
legal-form-chitalishte = community centre (chitalishte)
legal-form-specialised = specialised enterprise
