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
