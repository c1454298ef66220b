//! Money and dates as the reader's locale writes them. Money is integer cents
//! everywhere; a float never touches a price.

use crate::i18n::Locale;

/// The fixed conversion rate of the lev to the euro (1 € = 1.95583 лв.).
pub const BGN_PER_EUR_MICRO: i64 = 1_955_830;

fn group_thousands(n: i64, sep: char) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// "12,50 €" in Bulgarian, "€12.50" in English.
pub fn money(cents: i64, locale: Locale) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let whole = cents.abs() / 100;
    let frac = cents.abs() % 100;
    match locale {
        // Bulgarian groups thousands with a (no-break) space.
        Locale::Bg => format!(
            "{sign}{},{frac:02}\u{a0}€",
            group_thousands(whole, '\u{a0}')
        ),
        Locale::En => format!("{sign}€{}.{frac:02}", group_thousands(whole, ',')),
    }
}

/// The lev equivalent of a euro price, rounded half away from zero to the stotinka.
pub fn bgn_cents(eur_cents: i64) -> i64 {
    let micro = eur_cents as i128 * BGN_PER_EUR_MICRO as i128;
    let (q, r) = (micro / 1_000_000, micro % 1_000_000);
    (if r.abs() >= 500_000 {
        q + micro.signum()
    } else {
        q
    }) as i64
}

/// "24,45 лв." in Bulgarian, "BGN 24.45" in English.
pub fn leva(cents: i64, locale: Locale) -> String {
    let whole = cents / 100;
    let frac = cents.abs() % 100;
    match locale {
        Locale::Bg => format!("{},{frac:02}\u{a0}лв.", group_thousands(whole, '\u{a0}')),
        Locale::En => format!("BGN\u{a0}{}.{frac:02}", group_thousands(whole, ',')),
    }
}

const MONTHS_BG: [&str; 12] = [
    "януари",
    "февруари",
    "март",
    "април",
    "май",
    "юни",
    "юли",
    "август",
    "септември",
    "октомври",
    "ноември",
    "декември",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "12 декември 2026" / "12 December 2026".
pub fn date(d: chrono::NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    let m = d.month0() as usize;
    match locale {
        Locale::Bg => format!("{} {} {} г.", d.day(), MONTHS_BG[m], d.year()),
        Locale::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
    }
}

/// Event times are shown in Bulgarian time, whoever reads them.
pub fn date_time(dt: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    let local = dt.with_timezone(&sofia_offset(dt));
    format!(
        "{}, {}",
        date(local.date_naive(), locale),
        local.format("%H:%M")
    )
}

/// A wall-clock time in Bulgaria (as a curator types an event's start) as
/// UTC. In the hour the clocks go back, the earlier of the two is meant.
pub fn from_sofia(local: chrono::NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let summer = chrono::Utc.from_utc_datetime(&(local - chrono::Duration::hours(3)));
    if sofia_offset(summer).local_minus_utc() == 3 * 3600 {
        summer
    } else {
        chrono::Utc.from_utc_datetime(&(local - chrono::Duration::hours(2)))
    }
}

/// The date in Bulgaria at `now`: the platform's day (a certificate valid
/// until 31 December lapses at midnight in Sofia, not at 02:00).
pub fn sofia_date(now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    to_sofia(now).date()
}

/// The first instant of the next day in Sofia after `now`.
pub fn next_sofia_midnight(now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    let tomorrow = sofia_date(now)
        .succ_opt()
        .expect("a date before the end of time");
    from_sofia(tomorrow.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

/// A UTC time as Bulgarian wall-clock time, for a `datetime-local` field.
pub fn to_sofia(dt: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    dt.with_timezone(&sofia_offset(dt)).naive_local()
}

/// Europe/Sofia: UTC+2, and UTC+3 from the last Sunday of March to the last
/// Sunday of October (EU rule, switching at 01:00 UTC).
fn sofia_offset(dt: chrono::DateTime<chrono::Utc>) -> chrono::FixedOffset {
    use chrono::{Datelike, NaiveDate, TimeZone, Weekday};
    let year = dt.year();
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(year, month, 31).expect("valid date");
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().expect("valid date");
        }
        chrono::Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).expect("valid time"))
    };
    let summer = dt >= last_sunday(3) && dt < last_sunday(10);
    chrono::FixedOffset::east_opt(if summer { 3 * 3600 } else { 2 * 3600 }).expect("valid offset")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_both_locales() {
        assert_eq!(money(1250, Locale::Bg), "12,50\u{a0}€");
        assert_eq!(money(1250, Locale::En), "€12.50");
        assert_eq!(money(123456789, Locale::En), "€1,234,567.89");
        assert_eq!(money(5, Locale::Bg), "0,05\u{a0}€");
    }

    #[test]
    fn leva_at_the_fixed_rate() {
        assert_eq!(bgn_cents(100), 196); // 1.95583 → 1.96
        assert_eq!(bgn_cents(1250), 2445); // 24.447875 → 24.45
        assert_eq!(leva(2445, Locale::Bg), "24,45\u{a0}лв.");
    }

    #[test]
    fn the_platform_s_day_is_sofia_s() {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // 22:30 UTC on New Year's Eve is already 1 January in Sofia.
        assert_eq!(
            sofia_date(at("2026-12-31T22:30:00Z")).to_string(),
            "2027-01-01"
        );
        assert_eq!(
            sofia_date(at("2026-12-31T21:59:00Z")).to_string(),
            "2026-12-31"
        );
        assert_eq!(
            next_sofia_midnight(at("2026-12-31T12:00:00Z")).to_rfc3339(),
            "2026-12-31T22:00:00+00:00"
        );
        // Summer time: midnight is 21:00 UTC.
        assert_eq!(
            next_sofia_midnight(at("2027-06-30T21:30:00Z")).to_rfc3339(),
            "2027-07-01T21:00:00+00:00"
        );
    }

    #[test]
    fn wall_clock_times_round_trip() {
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        // Winter: UTC+2; summer: UTC+3.
        assert_eq!(
            from_sofia(at("2026-12-12T10:00")).to_rfc3339(),
            "2026-12-12T08:00:00+00:00"
        );
        assert_eq!(
            from_sofia(at("2027-05-21T10:00")).to_rfc3339(),
            "2027-05-21T07:00:00+00:00"
        );
        for s in ["2026-12-12T10:00", "2027-05-21T10:00", "2027-03-28T05:00"] {
            assert_eq!(to_sofia(from_sofia(at(s))), at(s));
        }
    }

    #[test]
    fn sofia_time_follows_summer_time() {
        use chrono::TimeZone;
        let winter = chrono::Utc.with_ymd_and_hms(2026, 12, 12, 8, 0, 0).unwrap();
        assert!(date_time(winter, Locale::En).ends_with("10:00"));
        let summer = chrono::Utc.with_ymd_and_hms(2027, 6, 1, 8, 0, 0).unwrap();
        assert!(date_time(summer, Locale::En).ends_with("11:00"));
    }
}
