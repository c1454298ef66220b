## The public pages of networks and events.

cat-participants-products = Продукти на участниците
cat-printable-page-with-qr = Страница за печат с QR код
cat-ask-members-for-quote = Поискайте оферта от членовете
cat-which-enterprises = До кои предприятия
cat-what-need-quantities-dates = Какво ви трябва (количества, срокове, място)
cat-send-request = Изпрати запитването
search-active-filters = Избрани филтри
search-remove-filter = премахни
cat-event-cancelled = Събитието е отменено от регионалния център.
cat-event-published = Събитието е публикувано. Така го виждат купувачите и предприятията.
centre-team = Екипът на центъра
centre-featured = Избрано от центъра
