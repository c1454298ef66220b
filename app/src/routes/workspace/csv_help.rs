//! The CSV format explained in the reader's language: every column, the
//! category codes, units, availabilities and statuses a file may use.

use leptos::prelude::*;

use crate::domain::{Availability, Unit};
use crate::i18n::Locale;
use crate::models::Choice;

#[component]
pub fn CsvHelp(locale: Locale, categories: Vec<Choice>) -> impl IntoView {
    let t = locale.tr();
    let columns: [(&str, &str); 13] = [
        ("slug", t.csv_col_slug()),
        ("title", t.csv_col_title()),
        ("description", t.csv_col_description()),
        ("category", t.csv_col_category()),
        ("price", t.csv_col_price()),
        ("unit", t.csv_col_unit()),
        ("availability", t.csv_col_availability()),
        ("stock", t.csv_col_stock()),
        ("min_order", t.csv_col_min_order()),
        ("tags", t.csv_col_tags()),
        ("status", t.csv_col_status()),
        ("title_en", t.csv_col_title_en()),
        ("description_en", t.csv_col_description_en()),
    ];
    view! {
        <section aria-labelledby="h-csv-help">
            <h3 id="h-csv-help">{t.csv_format()}</h3>
            <p class="hint">{t.ws_utf_8_comma_or()}</p>
            <dl class="facts">
                {columns.into_iter().map(|(name, what)| view! { <dt><code>{name}</code></dt><dd>{what}</dd> }).collect_view()}
            </dl>
            <div class="two-col">
                <div>
                    <h4>{t.csv_units()}</h4>
                    <ul>{Unit::ALL.iter().map(|u| view! { <li><code>{u.code()}</code>" — "{t.unit(*u)}</li> }).collect_view()}</ul>
                    <h4>{t.csv_availabilities()}</h4>
                    <ul>{Availability::ALL.iter().map(|a| view! { <li><code>{a.code()}</code>" — "{t.availability(*a)}</li> }).collect_view()}</ul>
                    <h4>{t.csv_statuses()}</h4>
                    <ul>
                        <li><code>"draft"</code>" — "{t.csv_status_draft()}</li>
                        <li><code>"published"</code>" — "{t.csv_status_published()}</li>
                    </ul>
                </div>
                <div>
                    <h4>{t.csv_categories()}</h4>
                    <ul class="csv-categories">
                        {categories.into_iter().map(|c| view! { <li><code>{c.value}</code>" — "{c.label}</li> }).collect_view()}
                    </ul>
                </div>
            </div>
        </section>
    }
}
