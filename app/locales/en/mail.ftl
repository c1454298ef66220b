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
