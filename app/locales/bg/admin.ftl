## The admins' page: roles.

admin-title = Администрация: роли
admin-role-granted = Ролята е дадена. Важи от следващото действие на човека.
admin-role-revoked = Ролята е отнета.
admin-grant-title = Дай роля
admin-grant-hint = Човекът трябва да има профил с потвърден имейл. Кураторът работи за един регионален център.
admin-role = Роля
admin-role-curator = Куратор на регионален център
admin-role-admin = Администратор
admin-centre-for-curators = Регионален център (за куратор)
admin-grant = Дай ролята
admin-admins = Администратори
admin-curators = Куратори по центрове
admin-no-curators = Още няма куратори.
admin-revoke = Отнеми
admin-confirm-revoke = Да отнемем ли ролята?
