## Favourites and notices.

fav-no-favourites-yet-add = No favourites yet. Add a product or an enterprise from its page.
fav-no-notices = No notices.
fav-new = New:{" "}
fav-favourite-add-or-remove = Favourite (add or remove)
