## The names of the domain's values (statuses, kinds, roles).

# An order request: „запитването“ (neuter).
order-status-submitted = Изпратено
order-status-proposed = Предложени са промени
order-status-accepted = Прието
order-status-declined = Отказано
order-status-fulfilled = Изпълнено
order-status-cancelled = Отменено
order-kind-order = Запитване за поръчка
order-kind-question = Въпрос за продукт
order-kind-quote = Запитване за оферта
delivery-pickup = Вземане на място
delivery-delivery = Доставка
delivery-event = На събитие
# A product: „продуктът“ (masculine).
product-status-draft = Чернова
product-status-published = Публикуван
product-status-hidden = Скрит от куратор
product-archived = Архивиран
verification-status-unverified = Непроверено — чака проверка от регионалния център
verification-status-verified = Проверено от регионален център
verification-status-rejected = Отказана проверка
verification-status-correction-requested = Поискана е корекция
verification-status-expired = Удостоверението е изтекло
# A membership of a network, from the enterprise's side.
membership-status-applied = кандидатствало
membership-status-invited = поканено
membership-status-approved = член
participation-status-applied = заявило участие
participation-status-confirmed = потвърдено участие
member-role-owner = собственик
member-role-staff = служител
legal-form-et = ЕТ
legal-form-eood = ЕООД
legal-form-ood = ООД
legal-form-ad = АД
legal-form-cooperative = кооперация
legal-form-association = сдружение
legal-form-foundation = фондация
legal-form-chitalishte = читалище
legal-form-specialised = специализирано предприятие
