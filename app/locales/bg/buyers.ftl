## Favourites and notices.

fav-no-favourites-yet-add = Още нямате любими. Добавете продукт или предприятие от страницата му.
fav-no-notices = Няма известия.
fav-new = Ново:{" "}
fav-keep = Добави в любими
fav-kept = В любими (махни)
