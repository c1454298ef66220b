## The frame, the catalogue and the words shared by many pages.

# This language's own name, and the hint of the link that switches to it
# (both read in this language, from any page).
language-name = Български
switch-to-language = Превключи на български

site-name = Социален пазар
site-tagline = Продукти и услуги на социалните предприятия в България
skip-to-content = Към съдържанието
nav-main = Основна навигация
nav-search = Търсене
nav-centres = Регионални центрове
nav-events = Събития
search-label = Търсене на продукти и услуги
search-placeholder = мед, вълнени чорапи, кетъринг…
search-button = Търси
home-title = Купувайте от социални предприятия
home-intro = Храни, занаяти, текстил, козметика и услуги от предприятия, които дават работа на хора в неравностойно положение. Всяка покупка подкрепя тяхната мисия.
home-categories = Категории
home-featured = Избрани продукти
home-centres = Регионални центрове
home-events = Предстоящи събития
home-no-events = Няма насрочени събития.
centres-title = Регионални центрове
centres-intro = Шест регионални центъра проверяват социалните предприятия в своя район, изграждат мрежи и организират панаири и обучения.
centre-region = Район
centre-districts = Области
centre-address = Адрес
centre-enterprises = Социални предприятия
centre-networks = Мрежи
centre-events = Събития
centre-no-enterprises = Все още няма регистрирани предприятия.
centre-no-networks = Все още няма мрежи.
verified = Проверено предприятие
unverified = Непроверено
by-enterprise = от
price-bgn-equivalent = равностойност в лева
unit-piece = бр.
unit-kg = кг
unit-litre = л
unit-hour = час
unit-set = комплект
availability-in-stock = В наличност
availability-made-to-order = По поръчка
availability-out-of-stock = Изчерпан
network-kind-production = Производствена мрежа
network-kind-distribution = Дистрибуторска мрежа
network-kind-regional = Регионална мрежа
network-kind-thematic = Тематична мрежа
event-kind-fair = Панаир
event-kind-bazaar = Базар
event-kind-exchange = Борса
event-kind-forum = Форум
event-kind-conference = Конференция
event-kind-training = Обучение
footer-about = Социален пазар е дигиталната платформа на социалната и солидарна икономика в България.
footer-programme = Регионалните центрове подкрепят предприятията във всички 28 области.
not-found-title = Страницата не е намерена
not-found-text = Няма страница на този адрес. Може да е преместена или изтрита.
back-home = Към началната страница
error-title = Нещо се обърка
error-text = Страницата не може да бъде показана в момента. Опитайте отново след малко.
impact-disability = хора с увреждания
impact-long-term-unemployed = продължително безработни
impact-youth-leaving-care = младежи, напускащи институции
impact-over-55 = хора над 55 години
impact-refugees = бежанци
impact-violence-victims = жертви на насилие или трафик
impact-other = други уязвими групи
search-results-for = Резултати за
search-all-products = Всички продукти и услуги
search-enterprises = Предприятия с това име
search-filters = Филтри
search-clear-filters = Изчисти филтрите
search-sort = Подреждане
sort-relevance = Най-подходящи
sort-price-asc = Цена: възходяща
sort-price-desc = Цена: низходяща
sort-newest = Най-нови
search-no-results = Няма намерени продукти.
search-suggest = Опитайте с по-малко или по-общи думи, проверете правописа или махнете някой филтър.
search-degraded = Търсачката временно не отговаря. Показваме по-прости резултати от базата данни, без брой по филтри.
pagination = Страници
page-previous = Предишна
page-next = Следваща
facet-category = Категория
facet-centre = Регионален център
facet-district = Област
facet-network = Мрежа
facet-verified = Проверка
facet-availability = Наличност
facet-impact = Работа за
facet-price = Цена
product-description = Описание
product-category = Категория
product-min-order = Минимална поръчка
enterprise-email = Имейл
product-tags = Етикети
product-seller = Производител
product-related = Подобни продукти
product-networks = Мрежи на предприятието
product-photos = Снимки
product-photo-n = Снимка { $n } от { $count }
product-no-image = Няма снимка
enterprise-eik = ЕИК
enterprise-address = Адрес
enterprise-phone = Телефон
enterprise-website = Уебсайт
enterprise-mission = Мисия
enterprise-about = За предприятието
enterprise-impact = Социално въздействие
enterprise-employs = Дава работа на
enterprise-register = Регистър на социалните предприятия
enterprise-register-entry = Вписване №
enterprise-register-class = Клас
enterprise-certified-on = Сертификат от
enterprise-valid-until = Валиден до
enterprise-not-registered = Предприятието все още не е вписано в регистъра.
enterprise-products = Продукти и услуги
enterprise-centre = Регионален център
enterprise-networks = Мрежи
network-members = Членове
network-catalogue = Общ каталог
events-title = Събития
events-upcoming = Предстоящи
events-past = Минали
event-place = Място
event-starts = Начало
event-ends = Край
event-participants = Участващи предприятия
event-no-participants = Все още няма потвърдени участници.
count-enterprises = { $count ->
    [one] { $count } предприятие
   *[other] { $count } предприятия
}
count-products = { $count ->
    [one] { $count } продукт
   *[other] { $count } продукта
}
count-members = { $count ->
    [one] { $count } член
   *[other] { $count } члена
}
count-results = { $count ->
    [one] { $count } резултат
   *[other] { $count } резултата
}
employed-share = { $vulnerable } от общо { $total } души в предприятието са от уязвими групи
reinvested = { $percent }% от печалбата се реинвестира в социалната мисия
network-all-products = { $count ->
    [one] Единственият продукт в търсенето
   *[other] Всички { $count } продукта в търсенето
}
price-between = { $from }–{ $to } €
price-over = над { $from } €

nav-menu = Меню
nav-inbox = Входящи запитвания
nav-inbox-short = Входящи
nav-account = Профил
nav-sign-in = Вход
nav-basket = Кошница
nav-requests = Моите запитвания
nav-favourites = Любими
nav-notices = Известия
nav-dashboard = Табло
nav-centre = Център
nav-sign-out = Изход
status-please-sign-in = Нужен е вход
status-dashboard = Към таблото
quote-open = „
quote-close = “
footer-platform = За платформата
footer-about-link = За нас
footer-contact = Контакти
footer-terms = Общи условия
footer-privacy = Поверителност
footer-cookies = Бисквитки
trust-version-of = Версия { $version } от { $date }
