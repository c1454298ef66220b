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

## The admins' page: accounts.

admin-users-title = Администрация: профили
admin-pages = Страници на администрацията
admin-roles = Роли
admin-users = Профили
admin-user-disabled = Профилът е спрян и всичките му сесии са прекратени.
admin-user-enabled = Профилът е възстановен: човекът може да влезе отново.
admin-user-signed-out = Всички сесии на профила са прекратени.
admin-users-newest = { $count ->
    [one] Последният създаден профил.
   *[other] Последните { $count } създадени профила.
}
admin-users-found = { $count ->
    [0] Няма профили с „{ $query }“.
    [one] Един профил с „{ $query }“.
   *[other] { $count } профила с „{ $query }“.
}
admin-users-more = Има още съвпадения: стеснете търсенето.
admin-search-users = Търсене на профили
admin-email-or-name = Имейл или име
admin-search = Търси
admin-never-signed-in = още не е влизал
admin-enable = Възстанови профила
admin-this-is-you = Това сте вие.
admin-sign-out-everywhere = Изход от всички устройства
admin-confirm-sign-out = Да прекратим ли всички сесии на профила? Човекът ще трябва да влезе отново.
admin-not-confirmed = имейлът не е потвърден
admin-disabled-since = Спрян от { $at }.
admin-created = Създаден
admin-last-sign-in = Последен вход
admin-curates = Куратор на
admin-enterprises = Предприятия
admin-disable = Спри профила
admin-reason = Причина
admin-reason-hint = Човекът няма да може да влиза; причината остава в одита.
admin-disable-account = Спри профила и прекрати сесиите

## The admins' page: trust pages.

admin-pages-link = Страници
admin-pages-title = Администрация: страници
admin-pages-hint = Всяко запазване е нова версия: страницата показва най-новата и датата ѝ, старите остават. Празен ред започва нов абзац, ред с „## “ е заглавие, редове с „- “ са списък.
admin-page-saved = Новата версия е запазена и вече се показва.
admin-page-version = Версия { $version } от { $date }
admin-page-title = Заглавие
admin-page-body = Текст
admin-page-save = Запази нова версия
admin-page-open = Отвори страницата
admin-page-edit = Промени текста
admin-figures-link = Цифри за страната
admin-country = Цялата страна

## The admins' page: the centres' contact data.

admin-centres-link = Центрове
admin-centres-title = Администрация: регионални центрове
admin-centre-saved = Данните на центъра са запазени и се виждат на страницата му.
admin-open-centre-page = Страницата на центъра
admin-edit-contacts = Промени данните за контакт
admin-address-bg = Адрес
admin-address-en = Адрес на английски
admin-phone = Телефон
admin-hours-bg = Работно време
admin-hours-en = Работно време на английски
admin-hours-hint = Например: пон.–пет. 9:00–17:00
admin-team-bg = Екип (по един човек на ред)
admin-team-en = Екип на английски (по един човек на ред)
admin-deleted-account = Собственикът е изтрил профила; остава само за запитванията, които е пратил.

## The admins' page: the category tree.

admin-categories-link = Категории
admin-categories-title = Администрация: категории
admin-categories-intro = Категориите подреждат каталога и филтрите на търсенето. Има два нива: основни категории и техните подкатегории. Сменен или закрит адрес продължава да води към категорията, която го е поела.
admin-category-new = Нова категория
admin-category-name-bg = Име
admin-category-name-en = Име на английски
admin-category-slug = Адрес
admin-category-slug-hint-new = Малки латински букви, цифри и тирета. Празно: от името.
admin-category-slug-hint = Малки латински букви, цифри и тирета. Старият адрес ще води към новия.
admin-category-parent = Под категория
admin-category-top = (основна категория)
admin-category-add = Добави категорията
admin-category-change = Промени, премести или закрий
admin-category-rename = Запази имената
admin-category-position = Място в списъка
admin-category-position-hint = От 1 до { $count }.
admin-category-move = Премести
admin-category-target = Продуктите ѝ отиват в
admin-category-retire = Закрий категорията
admin-category-retire-children-first = Категория с подкатегории се закрива, след като те бъдат преместени или закрити.
admin-category-old-slugs = Стари адреси, които водят тук:
admin-category-products = { $count ->
    [0] няма продукти
    [one] 1 продукт
   *[other] { $count } продукта
}
admin-category-subcategories = { $count ->
    [one] 1 подкатегория
   *[other] { $count } подкатегории
}
admin-category-added = Категорията е добавена.
admin-category-renamed = Категорията е преименувана; търсенето я намира с новите имена след минута.
admin-category-moved = Категорията е преместена.
admin-category-retired = Категорията е закрита; продуктите ѝ са в избраната категория.
