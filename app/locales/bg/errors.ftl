## Refusals of one field (field-*), and of a whole request (status-*).

field-required = Попълнете това поле.
field-too-short = Твърде кратко.
field-too-long = Твърде дълго.
field-control-chars = Съдържа непозволени невидими знаци.
field-negative = Не може да е отрицателно.
field-too-small = Твърде малко.
field-too-large = Твърде голямо.
field-not-a-number = Въведете число, напр. 12,50.
field-too-many-decimals = Най-много два знака след десетичната запетая.
field-not-allowed = Изберете една от предложените стойности.
field-email-invalid = Това не прилича на имейл адрес.
field-tag-invalid = Етикетите са до 40 знака, разделени със запетая.
field-too-many-tags = Най-много 10 етикета.
field-eik-length = ЕИК има 9 или 13 цифри.
field-eik-checksum = Контролната цифра на ЕИК не съвпада — проверете цифрите.
field-eik-taken = Предприятие с този ЕИК вече е в платформата. Можете да поискате да се присъедините към него.
field-phone-invalid = Телефонът съдържа само цифри, интервали и + - ( ) /.
field-url-invalid = Адресът трябва да започва с https:// или http://.
field-more-than-total = Не може да е повече от общия брой заети.
field-date-invalid = Въведете дата (напр. 2027-03-01).
field-date-past = Датата вече е минала.
field-date-future = Датата още не е настъпила.
field-ends-before-start = Краят трябва да е след началото.
field-enterprise-unknown = Няма предприятие с такъв адрес или ЕИК.
field-choose-one = Изберете поне едно предприятие.
field-not-a-member = Едно от избраните предприятия не е член на мрежата.
field-lines-mismatch = Предложете количество и цена за всеки ред.
field-no-lines = Няма редове за промяна.
field-password-short = Паролата трябва да е поне 10 знака.
field-password-is-email = Паролата не може да съвпада с имейла.
field-password-wrong = Текущата парола не е вярна.
field-sign-in-failed = Грешен имейл или парола.
field-email-unconfirmed = Първо потвърдете имейла си: отворете връзката, която ви изпратихме. Нова връзка можете да поискате от страницата на профила.
field-link-invalid = Връзката не е валидна: вече е използвана, изтекла е или е непълна. Поискайте нова от страницата на профила.
field-transfer-account-unknown = Няма профил с потвърден имейл на този адрес. Помолете представителя да се регистрира и да потвърди имейла си.
field-locked-while-suspended = Докато предприятието е спряно, това поле се променя само от регионалния център.
field-category-unknown = Няма такава категория.
field-district-unknown = Няма такава област.
field-invitation-exists = Този адрес вече е поканен или е член.
field-image-empty = Файлът е празен.
field-image-too-large = Файлът е над 10 MB.
field-image-not-image = Файлът не е изображение.
field-image-unsupported = Приемат се JPEG, PNG и WebP.
field-image-too-many-pixels = Изображението е твърде голямо (над 40 мегапиксела).
field-image-corrupt = Изображението е повредено или непълно.
field-too-many-images = Най-много 8 снимки на продукт.
field-unknown-column = Непозната колона.
field-missing-column = Липсва колона.
field-duplicate-column = Колоната се повтаря.
field-empty = Файлът е празен.
field-field-count = Редът има друг брой полета от заглавния.
field-not-utf8 = Файлът не е в UTF-8. Запазете го като „CSV UTF-8“.
field-too-many-lines = Най-много 10 000 реда в един файл.
field-duplicate-slug = Този идентификатор (slug) вече е на друг ред.
field-slug-unknown = Няма ваш продукт с този идентификатор (slug).
field-file-missing = Изберете файл.
field-quantity-positive = Количеството трябва да е поне 1.
field-below-min-order = Под минималната поръчка.
field-out-of-stock = Няма наличност.
field-over-stock = Повече от наличното количество.
field-basket-full = Кошницата е пълна (до 100 продукта).
field-basket-empty = Кошницата е празна.
field-form-expired = Формулярът е остарял. Презаредете страницата.
field-not-orderable = Този продукт вече не може да се поръча. Махнете го от кошницата.
field-unknown-sort = Непознат начин на подреждане.
field-page-out-of-range = Няма такава страница.
field-per-page-out-of-range = Твърде много резултати на страница.
field-not-a-positive-number = Въведете цяло положително число.
field-unknown-language = Непознат език.
status-401 = Влезте в профила си, за да продължите.
status-403 = Нямате право на това действие.
status-404 = Не е намерено.
status-409 = Промяната се сблъска с друга. Презаредете и опитайте пак.
status-429 = Твърде много опити. Изчакайте минута и опитайте пак.
status-503 = Услугата временно не отговаря. Опитайте след малко.
status-other = Нещо се обърка при нас. Опитайте пак след малко.

form-please-check-marked-fields = Проверете отбелязаните полета.

## A change that does not fit the current state (conflict-*).

conflict-request-status = Запитването вече е „{ $status }“ и това действие не е възможно. Презаредете страницата.
conflict-not-for-questions = На въпрос се отговаря; той не се приема и не се променя.
conflict-at-the-same-time = Някой направи същата промяна в същия момент. Презаредете и опитайте пак.
conflict-stock = { $left ->
    [0] Не е останало нищо от „{ $product }“.
    [one] Остана само { $left } от „{ $product }“.
   *[other] Останаха само { $left } от „{ $product }“.
}
conflict-last-owner = Предприятието трябва да има поне един собственик.
conflict-form-used = Този формуляр вече е изпратен.
conflict-product-locked = Скрит от регионалния център или архивиран продукт не може да се публикува.
conflict-not-waiting = Предприятието не чака решение.
conflict-not-resubmittable = Нова проверка може да се поиска само след отказ, искане за корекция или изтекло удостоверение.
conflict-suspension-unchanged = Предприятието вече е в това състояние.
conflict-product-state = Продуктът вече е в това състояние.
conflict-already-member = Предприятието вече е в мрежата или е поканено.
conflict-not-applied = Предприятието не е кандидатствало.
conflict-not-invited = Няма покана за тази мрежа.
conflict-event-over = Събитието вече е минало.
conflict-already-confirmed = Участието вече е потвърдено.
conflict-already-signed-up = Предприятието вече е записано за събитието.
conflict-email-confirmed = Адресът вече е потвърден.
