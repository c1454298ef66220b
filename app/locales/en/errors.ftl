## Refusals of one field (field-*), and of a whole request (status-*).

field-required = Please fill in this field.
field-too-short = Too short.
field-too-long = Too long.
field-control-chars = Contains invisible characters that are not allowed.
field-negative = Cannot be negative.
field-too-small = Too small.
field-too-large = Too large.
field-not-a-number = Enter a number, e.g. 12.50.
field-too-many-decimals = At most two decimal places.
field-not-allowed = Choose one of the offered values.
field-email-invalid = This does not look like an e-mail address.
field-tag-invalid = Tags are up to 40 characters, separated by commas.
field-too-many-tags = At most 10 tags.
field-eik-length = An EIK (UIC) has 9 or 13 digits.
field-eik-checksum = The EIK check digit does not match: check the digits.
field-eik-taken = An enterprise with this EIK is already on the platform. You can ask to join it.
field-phone-invalid = A phone number holds only digits, spaces and + - ( ) /.
field-url-invalid = The address must start with https:// or http://.
field-more-than-total = Cannot be more than the total number employed.
field-date-invalid = Enter a date (e.g. 2027-03-01).
field-date-past = This date has already passed.
field-date-future = This date is still to come.
field-ends-before-start = The end must come after the start.
field-enterprise-unknown = No enterprise has this address or EIK.
field-choose-one = Choose at least one enterprise.
field-not-a-member = One of the chosen enterprises is not a member of the network.
field-lines-mismatch = Propose a quantity and a price for every line.
field-no-lines = There are no lines to change.
field-password-short = The password must be at least 10 characters.
field-password-is-email = The password cannot be your e-mail address.
field-password-wrong = The current password is wrong.
field-sign-in-failed = Wrong e-mail or password.
field-email-unconfirmed = Confirm your e-mail address first: open the link we sent you. You can ask for a new link on your account page.
field-link-invalid = The link is not valid: it was used already, has expired or is incomplete. Ask for a new one on your account page.
field-transfer-account-unknown = There is no account with a confirmed address here. Ask the representative to sign up and confirm the address.
field-locked-while-suspended = While the enterprise is suspended, only its regional centre changes this field.
field-category-unknown = There is no such category.
field-district-unknown = There is no such district.
field-invitation-exists = This address is already invited or a member.
field-image-empty = The file is empty.
field-image-too-large = The file is over 10 MB.
field-image-not-image = The file is not an image.
field-image-unsupported = JPEG, PNG and WebP are accepted.
field-image-too-many-pixels = The image is too large (over 40 megapixels).
field-image-corrupt = The image is damaged or incomplete.
field-too-many-images = At most 8 images per product.
field-unknown-column = Unknown column.
field-missing-column = A column is missing.
field-duplicate-column = The column appears twice.
field-empty = The file is empty.
field-field-count = The line has a different number of fields than the header.
field-not-utf8 = The file is not UTF-8. Save it as "CSV UTF-8".
field-too-many-lines = At most 10,000 lines in one file.
field-duplicate-slug = This slug is already on another line.
field-slug-unknown = You have no product with this slug.
field-file-missing = Choose a file.
field-quantity-positive = The quantity must be at least 1.
field-below-min-order = Below the minimum order.
field-out-of-stock = Out of stock.
field-over-stock = More than is in stock.
field-basket-full = The basket is full (up to 100 products).
field-basket-empty = The basket is empty.
field-form-expired = The form has expired. Reload the page.
field-not-orderable = This product can no longer be ordered. Remove it from the basket.
field-unknown-sort = Unknown sort order.
field-page-out-of-range = There is no such page.
field-per-page-out-of-range = Too many results per page.
field-not-a-positive-number = Enter a whole positive number.
field-unknown-language = Unknown language.
status-401 = Please sign in to continue.
status-403 = You are not allowed to do this.
status-404 = Not found.
status-409 = The change clashed with another one. Reload and try again.
status-429 = Too many attempts. Wait a minute and try again.
status-503 = The service is not answering right now. Try again shortly.
status-other = Something went wrong on our side. Try again shortly.

form-please-check-marked-fields = Please check the marked fields.

## A change that does not fit the current state (conflict-*).

conflict-request-status = This request is already “{ $status }”, so this is not possible. Reload the page.
conflict-not-for-questions = A question is answered; it is not accepted or changed.
conflict-at-the-same-time = Someone made the same change at the same moment. Reload and try again.
conflict-stock = { $left ->
    [0] Nothing is left of “{ $product }”.
    [one] Only { $left } left of “{ $product }”.
   *[other] Only { $left } left of “{ $product }”.
}
conflict-last-owner = An enterprise keeps at least one owner.
conflict-form-used = This form has already been sent.
conflict-product-locked = A product hidden by the regional centre or archived cannot be published.
conflict-not-waiting = The enterprise is not waiting for a decision.
conflict-not-resubmittable = Verification can be asked for again only after a refusal, a request for corrections or a lapsed certificate.
conflict-suspension-unchanged = The enterprise is already in that state.
conflict-product-state = The product is already in that state.
conflict-already-member = The enterprise is already in the network or invited.
conflict-not-applied = The enterprise has not applied.
conflict-not-invited = There is no invitation to this network.
conflict-event-over = The event is over.
conflict-already-confirmed = The participation is already confirmed.
conflict-already-signed-up = The enterprise has already signed up for the event.
conflict-email-confirmed = The address is already confirmed.
