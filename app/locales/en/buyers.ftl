## Favourites and notices.

fav-no-favourites-yet-add = No favourites yet. Add a product or an enterprise from its page.
fav-no-notices = No notices.
fav-new = New:{" "}
fav-keep = Add to favourites
fav-kept = In favourites (remove)
