## The admins' page: roles.

admin-title = Administration: roles
admin-role-granted = The role was granted. It applies from the person's next action.
admin-role-revoked = The role was revoked.
admin-grant-title = Grant a role
admin-grant-hint = The person needs an account with a confirmed e-mail address. A curator works for one regional centre.
admin-role = Role
admin-role-curator = Curator of a regional centre
admin-role-admin = Admin
admin-centre-for-curators = Regional centre (for a curator)
admin-grant = Grant the role
admin-admins = Admins
admin-curators = Curators by centre
admin-no-curators = No curators yet.
admin-revoke = Revoke
admin-confirm-revoke = Revoke the role?

## The admins' page: accounts.

admin-users-title = Administration: accounts
admin-pages = Administration pages
admin-roles = Roles
admin-users = Accounts
admin-user-disabled = The account is disabled and all its sessions have ended.
admin-user-enabled = The account is enabled again: the person can sign in.
admin-user-signed-out = Every session of the account has ended.
admin-users-newest = { $count ->
    [one] The newest account.
   *[other] The { $count } newest accounts.
}
admin-users-found = { $count ->
    [0] No accounts with “{ $query }”.
    [one] One account with “{ $query }”.
   *[other] { $count } accounts with “{ $query }”.
}
admin-users-more = More accounts match: narrow the search.
admin-search-users = Search accounts
admin-email-or-name = E-mail or name
admin-search = Search
admin-never-signed-in = not signed in yet
admin-enable = Enable the account
admin-this-is-you = This is you.
admin-sign-out-everywhere = Sign out on every device
admin-confirm-sign-out = End every session of this account? The person will have to sign in again.
admin-not-confirmed = e-mail not confirmed
admin-disabled-since = Disabled since { $at }.
admin-created = Created
admin-last-sign-in = Last sign-in
admin-curates = Curator of
admin-enterprises = Enterprises
admin-disable = Disable the account
admin-reason = Reason
admin-reason-hint = The person will not be able to sign in; the reason stays in the audit log.
admin-disable-account = Disable and end its sessions

## The admins' page: trust pages.

admin-pages-link = Pages
admin-pages-title = Administration: pages
admin-pages-hint = Every save is a new version: the page shows the newest and its date, and the old ones stay. A blank line starts a paragraph, a line starting with “## ” is a heading, lines starting with “- ” are a list.
admin-page-saved = The new version is saved and shown now.
admin-page-version = Version { $version } of { $date }
admin-page-title = Title
admin-page-body = Text
admin-page-save = Save a new version
admin-page-open = Open the page
admin-page-edit = Edit the text
admin-figures-link = Figures for the country
admin-country = The whole country

## The admins' page: the centres' contact data.

admin-centres-link = Centres
admin-centres-title = Administration: regional centres
admin-centre-saved = The centre's data are saved and shown on its page.
admin-open-centre-page = The centre's page
admin-edit-contacts = Edit the contact data
admin-address-bg = Address
admin-address-en = Address in English
admin-phone = Phone
admin-hours-bg = Opening hours
admin-hours-en = Opening hours in English
admin-hours-hint = For example: пон.–пет. 9:00–17:00
admin-team-bg = Team (one person a line)
admin-team-en = Team in English (one person a line)
admin-deleted-account = Its owner deleted the account; it remains only for the requests it sent.

## The admins' page: the category tree.

admin-categories-link = Categories
admin-categories-title = Administration: categories
admin-categories-intro = Categories order the catalogue and the search filters. There are two levels: top categories and their subcategories. A changed or retired address keeps leading to the category that took it over.
admin-category-new = New category
admin-category-name-bg = Name in Bulgarian
admin-category-name-en = Name
admin-category-slug = Address
admin-category-slug-hint-new = Lower-case Latin letters, digits and hyphens. Empty: made from the name.
admin-category-slug-hint = Lower-case Latin letters, digits and hyphens. The old address will lead to the new one.
admin-category-parent = Under category
admin-category-top = (top category)
admin-category-add = Add the category
admin-category-change = Change, move or retire
admin-category-rename = Save the names
admin-category-position = Place in the list
admin-category-position-hint = From 1 to { $count }.
admin-category-move = Move
admin-category-target = Its products go to
admin-category-retire = Retire the category
admin-category-retire-children-first = A category with subcategories is retired after they are moved or retired.
admin-category-old-slugs = Former addresses that lead here:
admin-category-products = { $count ->
    [0] no products
    [one] 1 product
   *[other] { $count } products
}
admin-category-subcategories = { $count ->
    [one] 1 subcategory
   *[other] { $count } subcategories
}
admin-category-added = The category is added.
admin-category-renamed = The category is renamed; search finds it by its new names within a minute.
admin-category-moved = The category is moved.
admin-category-retired = The category is retired; its products are in the category chosen.
