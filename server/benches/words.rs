//! What the interface's words cost: prints figures, asserts nothing.
//!
//! The Fluent messages (`app/locales`) behind `Locale::tr()`: a message
//! without variables (formatted once per language, then a lookup) and one
//! with a plural and a variable (formatted each time), against writing the
//! same text with `format!` in the same run, the cost of the hand-written
//! `pick("…", "…")` this replaced at its most generous. A rendered page
//! uses some tens of messages; the figures here times that count give the
//! cost per page.

use std::hint::black_box;
use std::time::Instant;

use app::i18n::Locale;

const N: u32 = 2_000_000;

fn per_call(label: &str, baseline: Option<f64>, mut f: impl FnMut(u32) -> usize) -> f64 {
    // Warm up, then time.
    let mut sink = 0;
    for i in 0..N / 10 {
        sink += f(i);
    }
    let start = Instant::now();
    for i in 0..N {
        sink += f(i);
    }
    let ns = start.elapsed().as_nanos() as f64 / f64::from(N);
    black_box(sink);
    match baseline {
        Some(b) => println!("{label:<58} {ns:>7.1} ns = {:.2}× the baseline", ns / b),
        None => println!("{label:<58} {ns:>7.1} ns (baseline)"),
    }
    ns
}

fn main() {
    let words = ["Социален пазар", "Social market"];
    let base = per_call("baseline: a literal picked by language", None, |i| {
        black_box(words[(i & 1) as usize]).len()
    });
    per_call(
        "a message without variables (tr().site_name())",
        Some(base),
        |i| {
            let l = if i & 1 == 0 { Locale::Bg } else { Locale::En };
            black_box(l.tr().site_name()).len()
        },
    );
    let fmt = per_call("baseline: format!(\"{n} продукта\")", None, |i| {
        black_box(format!("{} продукта", i % 50)).len()
    });
    per_call(
        "a plural with a variable (tr().count_products(n))",
        Some(fmt),
        |i| black_box(Locale::Bg.tr().count_products(u64::from(i % 50))).len(),
    );
}
