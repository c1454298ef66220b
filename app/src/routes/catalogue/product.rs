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
        "image": product.images.iter().map(|i| i.path.clone()).collect::<Vec<_>>(),
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
        {product.images.first().map(|i| view! { <Meta property="og:image" content=i.path.clone()/> })}
        <JsonLd value=json_ld/>
        <nav aria-label=t.product_category() class="breadcrumbs">
            <a href=locale.href(&format!("/search?category={}", product.category_slug))>{p.category.clone()}</a>
        </nav>
        <article class="product">
            <h1>{p.title.clone()}</h1>
            <div class="product-grid">
                <div class="gallery">
                    {if product.images.is_empty() {
                        view! { <div class="no-image" role="img" aria-label=t.product_no_image()>"◆"</div> }.into_any()
                    } else {
                        product.images.iter().map(|i| view! {
                            <img src=i.path.clone() alt=i.alt.clone() width=i.width height=i.height loading="lazy"/>
                        }).collect_view().into_any()
                    }}
                </div>
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
                    <crate::components::basket::AskQuestion locale product_id=p.id/>
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
                </div>
            </div>
            <section aria-labelledby="h-description">
                <h2 id="h-description">{t.product_description()}</h2>
                <p class="prose">{product.description.clone()}</p>
                {(!product.tags.is_empty()).then(|| view! {
                    <p class="tags">
                        <span class="visually-hidden">{t.product_tags()}": "</span>
                        {product.tags.iter().map(|tag| view! { <span class="tag">{tag.clone()}</span> }).collect_view()}
                    </p>
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
