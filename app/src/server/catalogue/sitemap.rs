//! What search engines are told: the public pages, in both languages, in
//! sitemaps of at most [`MAX_URLS`] addresses under one index
//! (<https://www.sitemaps.org/protocol.html>). The products, by far the
//! most, come in chunks in the order of their ids; everything else (the
//! fixed pages, centres, enterprises, networks, events) in one more.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::error::AppResult;
use crate::i18n::Locale;
use crate::server::catalogue::visibility::{public_enterprise, public_product};
use crate::server::entities::{enterprise, event, network, product, regional_centre};

/// The most addresses one sitemap may hold.
pub const MAX_URLS: u64 = 50_000;
/// Products per chunk: each is listed in both languages.
pub const PRODUCTS_PER_CHUNK: u64 = MAX_URLS / 2;

/// One page, without its language prefix, and when it last changed (where known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub lastmod: Option<DateTime<Utc>>,
}

/// How many product chunks there are (at least one: an empty catalogue has
/// an empty chunk rather than an index that names none).
///
/// # Errors
/// The database's.
pub async fn product_chunks(db: &DatabaseConnection) -> AppResult<u64> {
    let count = product::Entity::find()
        .filter(public_product())
        .count(db)
        .await?;
    Ok(count.div_ceil(PRODUCTS_PER_CHUNK).max(1))
}

/// The products of chunk `n` (from 1); empty past the last.
///
/// # Errors
/// The database's.
pub async fn products(db: &DatabaseConnection, n: u64) -> AppResult<Vec<Entry>> {
    let rows: Vec<(String, DateTime<Utc>)> = product::Entity::find()
        .select_only()
        .column(product::Column::Slug)
        .column(product::Column::UpdatedAt)
        .filter(public_product())
        .order_by_asc(product::Column::Id)
        .offset(n.saturating_sub(1) * PRODUCTS_PER_CHUNK)
        .limit(PRODUCTS_PER_CHUNK)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, at)| Entry {
            path: format!("/p/{slug}"),
            lastmod: Some(at),
        })
        .collect())
}

/// Every public page but the products'. An event stays listed while its
/// page is worth finding (until it ends); a cancelled one is left out.
///
/// # Errors
/// The database's.
pub async fn pages(db: &DatabaseConnection) -> AppResult<Vec<Entry>> {
    let fixed = ["/", "/centres", "/events"].map(|path| Entry {
        path: path.to_string(),
        lastmod: None,
    });
    let mut entries: Vec<Entry> = fixed.into_iter().collect();
    let centres: Vec<String> = regional_centre::Entity::find()
        .select_only()
        .column(regional_centre::Column::Slug)
        .order_by_asc(regional_centre::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    entries.extend(centres.into_iter().map(|slug| Entry {
        path: format!("/centres/{slug}"),
        lastmod: None,
    }));
    let enterprises: Vec<(String, DateTime<Utc>)> = enterprise::Entity::find()
        .select_only()
        .column(enterprise::Column::Slug)
        .column(enterprise::Column::UpdatedAt)
        .filter(public_enterprise())
        .order_by_asc(enterprise::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    entries.extend(enterprises.into_iter().map(|(slug, at)| Entry {
        path: format!("/e/{slug}"),
        lastmod: Some(at),
    }));
    let networks: Vec<(String, DateTime<Utc>)> = network::Entity::find()
        .select_only()
        .column(network::Column::Slug)
        .column(network::Column::CreatedAt)
        .order_by_asc(network::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    entries.extend(networks.into_iter().map(|(slug, at)| Entry {
        path: format!("/n/{slug}"),
        lastmod: Some(at),
    }));
    let events: Vec<(String, DateTime<Utc>)> = event::Entity::find()
        .select_only()
        .column(event::Column::Slug)
        .column(event::Column::CreatedAt)
        .filter(event::Column::CancelledAt.is_null())
        .filter(event::Column::EndsAt.gt(Utc::now()))
        .order_by_asc(event::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    entries.extend(events.into_iter().map(|(slug, at)| Entry {
        path: format!("/events/{slug}"),
        lastmod: Some(at),
    }));
    Ok(entries)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A sitemap of `entries` on the site at `base`, each in both languages,
/// each naming the other as its alternate.
pub fn urlset(base: &str, entries: &[Entry]) -> String {
    let mut out = String::with_capacity(entries.len() * 400 + 200);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        let lastmod = e
            .lastmod
            .map(|at| format!("<lastmod>{}</lastmod>", at.format("%Y-%m-%d")))
            .unwrap_or_default();
        let links: String = Locale::ALL
            .iter()
            .map(|l| {
                format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{base}{}\"/>",
                    l.code(),
                    escape(&l.href(&e.path))
                )
            })
            .collect();
        for l in Locale::ALL {
            out.push_str(&format!(
                "<url><loc>{base}{}</loc>{lastmod}{links}</url>\n",
                escape(&l.href(&e.path))
            ));
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// The index naming the sitemaps: the pages', then each product chunk's.
pub fn index(base: &str, product_chunks: u64) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!(
        "<sitemap><loc>{base}/sitemaps/pages.xml</loc></sitemap>\n"
    ));
    for n in 1..=product_chunks {
        out.push_str(&format!(
            "<sitemap><loc>{base}/sitemaps/products-{n}.xml</loc></sitemap>\n"
        ));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// Where crawlers may not go (pages of people, not of the catalogue) and
/// where the sitemap is.
pub fn robots(base: &str) -> String {
    const PRIVATE: [&str; 13] = [
        "/dashboard",
        "/curator",
        "/admin",
        "/basket",
        "/requests",
        "/account",
        "/favourites",
        "/notices",
        "/confirm",
        "/reset",
        "/new-address",
        "/search",
        "/fn/",
    ];
    let mut out = String::from("User-agent: *\n");
    for path in PRIVATE {
        for l in Locale::ALL {
            // `/fn/` serves both languages; `/en/fn/` does not exist.
            if path == "/fn/" && *l != Locale::DEFAULT {
                continue;
            }
            out.push_str(&format!("Disallow: {}\n", l.href(path)));
        }
    }
    out.push_str(&format!("\nSitemap: {base}/sitemap.xml\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_is_listed_in_both_languages_with_its_alternates() {
        let xml = urlset(
            "https://x.bg",
            &[Entry {
                path: "/p/med-&-co".into(),
                lastmod: None,
            }],
        );
        assert!(
            xml.contains("<loc>https://x.bg/p/med-&amp;-co</loc>"),
            "{xml}"
        );
        assert!(
            xml.contains("<loc>https://x.bg/en/p/med-&amp;-co</loc>"),
            "{xml}"
        );
        assert_eq!(xml.matches("hreflang=\"en\"").count(), 2);
        let home = urlset(
            "https://x.bg",
            &[Entry {
                path: "/".into(),
                lastmod: None,
            }],
        );
        assert!(home.contains("<loc>https://x.bg/</loc>"), "{home}");
        assert!(home.contains("<loc>https://x.bg/en</loc>"), "{home}");
    }

    #[test]
    fn robots_keeps_crawlers_out_of_peoples_pages() {
        let r = robots("https://x.bg");
        for path in [
            "/dashboard",
            "/en/curator",
            "/admin",
            "/basket",
            "/en/requests",
        ] {
            assert!(r.contains(&format!("Disallow: {path}\n")), "{path}: {r}");
        }
        assert!(r.ends_with("Sitemap: https://x.bg/sitemap.xml\n"));
    }
}
