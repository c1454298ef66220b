//! `/p/<slug>`: a product with its price (and the lev equivalent), its
//! enterprise and impact, networks and related products; schema.org
//! Product/Offer and Open Graph for search engines and shared links.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::cards::{NetworkCardView, ProductCardView, VerifiedBadge};
use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::JsonLd;
use crate::components::terms::TermsList;
use crate::domain::Availability;
use crate::format;
use crate::functions::catalogue::get_product;
use crate::i18n::Locale;
use crate::models::ProductDetail;

#[component]
pub fn ProductPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let data = Resource::new(move || (locale, slug.clone()), |(l, s)| get_product(l, s));
    view! {
        {with_data(locale, data, move |product| view! { <ProductView locale product/> })}
    }
}

fn schema_availability(a: Availability) -> &'static str {
    match a {
        Availability::InStock => "https://schema.org/InStock",
        Availability::MadeToOrder => "https://schema.org/MadeToOrder",
        Availability::OutOfStock => "https://schema.org/OutOfStock",
    }
}

#[component]
fn ProductView(locale: Locale, product: ProductDetail) -> impl IntoView {
    let t = locale.tr();
    let p = product.card.clone();
    let summary: String = product.description.chars().take(160).collect();
    let json_ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.title,
        "description": product.description,
        "category": p.category,
        "image": product.share_image.iter().collect::<Vec<_>>(),
        "brand": { "@type": "Organization", "name": p.enterprise_name },
        "offers": {
            "@type": "Offer",
            "price": format!("{}.{:02}", p.price_cents / 100, p.price_cents % 100),
            "priceCurrency": "EUR",
            "availability": schema_availability(p.availability),
            "seller": {
                "@type": "Organization",
                "name": p.enterprise_name,
                "identifier": { "@type": "PropertyValue", "propertyID": "ЕИК", "value": product.enterprise_eik },
            },
        },
    });
    let enterprise_href = locale.href(&format!("/e/{}", p.enterprise_slug));
    view! {
        <crate::components::structured::PageTitle text=format!("{} — {}", p.title, t.site_name())/>
        <Meta name="description" content=summary.clone()/>
        <Meta property="og:type" content="product"/>
        <Meta property="og:title" content=p.title.clone()/>
        <Meta property="og:description" content=summary/>
        <Meta property="og:site_name" content=t.site_name()/>
        <Meta property="og:locale" content=if locale == Locale::Bg { "bg_BG" } else { "en_GB" }/>
        {product.share_image.clone().map(|src| view! { <Meta property="og:image" content=src/> })}
        <JsonLd value=json_ld/>
        <nav aria-label=t.product_category() class="breadcrumbs">
            <a href=locale.href(&format!("/search?category={}", product.category_slug))>{p.category.clone()}</a>
        </nav>
        <article class="product">
            <h1>{p.title.clone()}</h1>
            <div class="product-grid">
                <Gallery locale product=product.clone()/>
                <div class="buy-box">
                    <p class="price-large">
                        <strong>{format::money(p.price_cents, locale)}</strong>" / "{t.unit(p.unit)}
                    </p>
                    <p class="card-meta">
                        {t.price_bgn_equivalent()}": "{format::leva(format::bgn_cents(p.price_cents), locale)}
                    </p>
                    <p class=format!("availability availability-{}", p.availability)>
                        {t.availability(p.availability)}
                        {product.stock.map(|n| format!(" ({n} {})", t.unit(p.unit)))}
                    </p>
                    {(p.availability != Availability::OutOfStock).then(|| view! {
                        <crate::components::basket::AddToBasket locale product_id=p.id min_order=product.min_order/>
                    })}
                    <crate::components::favourite::FavouriteButton locale product_id=p.id/>
                    <dl class="facts">
                        <dt>{t.product_min_order()}</dt>
                        <dd>{product.min_order}" "{t.unit(p.unit)}</dd>
                        <dt>{t.product_seller()}</dt>
                        <dd>
                            <a href=enterprise_href>{p.enterprise_name.clone()}</a>
                            " "<VerifiedBadge locale verified=p.verified/>
                            <br/>{product.enterprise.settlement.clone()}", "{product.enterprise.district.clone()}
                        </dd>
                        {(!product.impact_groups.is_empty()).then(|| view! {
                            <dt>{t.enterprise_employs()}</dt>
                            <dd>{product.impact_groups.iter().map(|g| t.impact_group(*g)).collect::<Vec<_>>().join(", ")}</dd>
                        })}
                    </dl>
                    <TermsList locale terms=product.terms.clone()/>
                    <crate::components::basket::AskQuestion locale product_id=p.id/>
                </div>
            </div>
            <section aria-labelledby="h-description">
                <h2 id="h-description">{t.product_description()}</h2>
                <p class="prose">{product.description.clone()}</p>
                {(!product.tags.is_empty()).then(|| view! {
                    <ul class="tags" aria-label=t.product_tags()>
                        {product.tags.iter().map(|tag| view! {
                            <li><a class="tag" href=locale.href(&format!("/search?q={}", crate::links::query_value(tag)))>{tag.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
            {(!product.networks.is_empty()).then(|| view! {
                <section aria-labelledby="h-networks">
                    <h2 id="h-networks">{t.product_networks()}</h2>
                    <div class="card-grid">
                        {product.networks.iter().cloned().map(|network| view! { <NetworkCardView locale network/> }).collect_view()}
                    </div>
                </section>
            })}
        </article>
        {(!product.related.is_empty()).then(|| view! {
            <section aria-labelledby="h-related">
                <h2 id="h-related">{t.product_related()}</h2>
                <div class="card-grid">
                    {product.related.iter().cloned().map(|product| view! { <ProductCardView locale product/> }).collect_view()}
                </div>
            </section>
        })}
    }
}

/// The product's photos: a strip that scrolls (swipes) from one to the next,
/// with numbered thumbnails that link to each; plain links and scrolling,
/// so it works by keyboard and without JavaScript. Width and height are set
/// so nothing moves as they load; only the first is loaded at once.
#[component]
fn Gallery(locale: Locale, product: ProductDetail) -> impl IntoView {
    let t = locale.tr();
    if product.images.is_empty() {
        return view! {
            <div class="gallery">
                <img class="drawing" src=product.card.picture.src.clone() alt=t.product_no_image() width="400" height="300"/>
            </div>
        }
        .into_any();
    }
    let count = product.images.len();
    view! {
        <div class="gallery">
            <ul class="gallery-photos" aria-label=t.product_photos()>
                {product.images.iter().enumerate().map(|(n, i)| view! {
                    <li id=format!("photo-{}", n + 1)>
                        <img src=i.path.clone()
                            srcset=format!("{} {}w, {} {}w", i.thumb, i.thumb_width, i.path, i.width)
                            sizes="(max-width: 760px) 100vw, 560px"
                            alt=i.alt.clone() width=i.width height=i.height
                            loading=if n == 0 { "eager" } else { "lazy" }
                            fetchpriority=(n == 0).then_some("high")/>
                    </li>
                }).collect_view()}
            </ul>
            {(count > 1).then(|| view! {
                <ol class="gallery-thumbs">
                    {product.images.iter().enumerate().map(|(n, i)| view! {
                        <li>
                            <a href=format!("#photo-{}", n + 1) aria-label=t.product_photo_n(count, n + 1)>
                                <img src=i.thumb.clone() alt="" width="80" height="60" loading="lazy"/>
                            </a>
                        </li>
                    }).collect_view()}
                </ol>
            })}
        </div>
    }
    .into_any()
}
