//! `/curator/<centre>/figures`: a region's figures by month, and
//! `/admin/figures`: the whole platform's, the regions' summed.

use crate::components::layout::use_locale;
use crate::components::status::with_data;
use crate::components::structured::PageTitle;
use crate::functions::curation::get_figures;
use crate::i18n::Locale;
use crate::models::{Figures, MonthFigures};
use crate::routes::curation::centre_param;
use leptos::prelude::*;

#[component]
pub fn FiguresPage() -> impl IntoView {
    let locale = use_locale();
    let centre = centre_param();
    let data = Resource::new(move || (locale, centre.clone()), |(l, c)| get_figures(l, c));
    view! { {with_data(locale, data, move |f| view! { <FiguresView locale f/> })} }
}

/// A bar chart drawn on the server: readable without JavaScript, and by
/// screen readers through its title and the table beside it.
#[component]
fn BarChart(title: String, months: Vec<String>, values: Vec<u64>) -> impl IntoView {
    const W: u32 = 480;
    const H: u32 = 160;
    const BASE: u32 = 130;
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let n = u32::try_from(values.len().max(1)).unwrap_or(1);
    let slot = W / n;
    let bar = slot.saturating_sub(6).max(2);
    let label_id = format!("chart-{}", crate::text::slugify(&title, 40));
    let title_id = label_id.clone();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") width="100%" role="img" aria-labelledby=label_id>
                <title id=title_id>{title.clone()}</title>
                <line x1="0" y1=BASE.to_string() x2=W.to_string() y2=BASE.to_string() class="axis"/>
                {values.iter().zip(months.iter()).enumerate().map(|(i, (v, m))| {
                    let i = u32::try_from(i).unwrap_or(0);
                    let h = u32::try_from(u64::from(BASE - 20) * v / max).unwrap_or(0);
                    let x = i * slot + 3;
                    view! {
                        <g>
                            <rect x=x.to_string() y=(BASE - h).to_string() width=bar.to_string() height=h.to_string() class="bar"/>
                            <text x=(x + bar / 2).to_string() y=(BASE - h - 4).to_string() text-anchor="middle" class="value">{v.to_string()}</text>
                            <text x=(x + bar / 2).to_string() y=(BASE + 16).to_string() text-anchor="middle" class="month">{m.get(5..).unwrap_or_default().to_string()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{title}</figcaption>
        </figure>
    }
}

/// `/admin/figures`: the whole platform's figures.
#[component]
pub fn CountryFiguresPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(move || locale, crate::functions::admin::get_country_figures);
    view! { {with_data(locale, data, move |f| view! { <FiguresView locale f/> })} }
}

#[component]
fn FiguresView(locale: Locale, f: Figures) -> impl IntoView {
    let title = format!("{} — {}", f.centre_name, locale.tr().desk_figures());
    let months: Vec<String> = f.months.iter().map(|m| m.month.clone()).collect();
    let series = |get: fn(&MonthFigures) -> u64| f.months.iter().map(get).collect::<Vec<u64>>();
    let charts: Vec<(&str, Vec<u64>)> = vec![
        (
            locale.tr().desk_enterprises_registered(),
            series(|m| m.registered),
        ),
        (
            locale.tr().desk_enterprises_verified(),
            series(|m| m.verified),
        ),
        (locale.tr().desk_products_listed(), series(|m| m.products)),
        (
            locale.tr().desk_order_requests_sent(),
            series(|m| m.requests_sent),
        ),
        (
            locale.tr().desk_order_requests_fulfilled(),
            series(|m| m.requests_fulfilled),
        ),
    ];
    // The whole country's figures live with the admins' pages.
    let country = f.centre_slug.is_empty();
    let (back, csv) = if country {
        (locale.href("/admin"), locale.href("/admin/figures.csv"))
    } else {
        (
            locale.href(&format!("/curator/{}", f.centre_slug)),
            locale.href(&format!("/curator/{}/figures.csv", f.centre_slug)),
        )
    };
    view! {
        <PageTitle text=title.clone()/>
        {(!country).then(|| view! { <p><a href=back>{"← "}{f.centre_name.clone()}</a></p> })}
        <h1>{title}</h1>
        {country.then(|| view! { <crate::routes::admin::AdminNav locale/> })}
        <dl class="facts totals">
            <dt>{locale.tr().desk_enterprises()}</dt><dd>{f.enterprises}</dd>
            <dt>{locale.tr().desk_verified_today()}</dt><dd>{f.verified_now}</dd>
            <dt>{locale.tr().desk_products_listed_2()}</dt><dd>{f.products_listed}</dd>
            <dt>{locale.tr().desk_networks()}</dt><dd>{f.networks}</dd>
            <dt>{locale.tr().desk_network_members()}</dt><dd>{f.network_members}</dd>
        </dl>
        <p><a class="button" href=csv download="">{locale.tr().desk_download_as_csv()}</a></p>
        <div class="charts">
            {charts.into_iter().map(|(t, v)| view! { <BarChart title=t.to_string() months=months.clone() values=v/> }).collect_view()}
        </div>
        <div class="table-scroll" role="region" aria-label=locale.tr().desk_by_month() tabindex="0">
            <table class="products-table">
                <caption>{locale.tr().desk_by_month()}</caption>
                <thead><tr>
                    <th scope="col">{locale.tr().desk_month()}</th>
                    <th scope="col">{locale.tr().desk_registered()}</th>
                    <th scope="col">{locale.tr().desk_verified()}</th>
                    <th scope="col">{locale.tr().desk_products()}</th>
                    <th scope="col">{locale.tr().nav_requests()}</th>
                    <th scope="col">{locale.tr().desk_fulfilled()}</th>
                </tr></thead>
                <tbody>
                    {f.months.iter().map(|m| view! {
                        <tr>
                            <th scope="row">{m.month.clone()}</th>
                            <td>{m.registered}</td><td>{m.verified}</td><td>{m.products}</td>
                            <td>{m.requests_sent}</td><td>{m.requests_fulfilled}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
