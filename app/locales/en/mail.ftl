## Mails to account holders.

mail-hello = Hello
mail-confirm-address-on-social = To confirm your address on Social Market, open this link:
mail-link-works-for-48 = The link works for 48 hours, once. If you did not sign up, do nothing: without confirmation the account cannot accept invitations or register enterprises.
mail-already-have-account = You already have an account
mail-someone-tried-sign-up = Someone tried to sign up with this address, but you already have an account. Sign in here:
mail-if-it-was-not = If it was not you, do nothing: your account was not changed.
mail-new-password = A new password
mail-set-new-password-on = Someone (we hope it was you) asked for a new password for your account on Social Market. To set a new password, open the link:
mail-reset-link-works-for = The link works for one hour and only once. If you did not ask for a new password, do nothing: your password stays as it is.
mail-new-address = Confirm your new e-mail address
mail-confirm-new-address = You asked for your Social Market account to use this address. To confirm it, open the link:
mail-new-address-link-works = The link works for 24 hours and only once. Until you open it, your account keeps its old address. If you did not ask for the change, do nothing.
mail-address-changed = Your account's e-mail address has changed
mail-address-changed-to = Your Social Market account now uses a new e-mail address:
mail-if-not-you-reset = If this was not you, contact your regional centre at once so that we can give the account back to you:
