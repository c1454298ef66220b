//! The interface's one i18n layer.
//!
//! Every visible string is a field of [`Messages`]; Bulgarian and English are
//! two values of that struct. A string missing in either language is a
//! compile error, so "English complete" is checked by the compiler rather
//! than by a test. Strings with numbers in them are plain functions.
//!
//! The locale comes from the URL (Bulgarian at the root, English under
//! `/en/`), so every page has one address per language and search engines
//! and shared links keep the language. The server remembers a switch in a
//! cookie and sends returning readers to their language.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    // Forms post the language code ("bg"), the JSON of islands the name.
    #[default]
    #[serde(alias = "bg")]
    Bg,
    #[serde(alias = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Bg, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Bg => "bg",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code {
            "bg" => Some(Locale::Bg),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The locale of a URL path: `/en` and `/en/…` are English.
    pub fn from_path(path: &str) -> Locale {
        if path == "/en" || path.starts_with("/en/") {
            Locale::En
        } else {
            Locale::Bg
        }
    }

    /// The path without its locale prefix (`/en/centres` → `/centres`).
    pub fn strip(path: &str) -> &str {
        if path == "/en" {
            "/"
        } else if path.starts_with("/en/") {
            // "/en/x" → "/x": drop the prefix, keep the slash
            &path[3..]
        } else {
            path
        }
    }

    /// A site path in this locale (`/centres` → `/en/centres`).
    pub fn href(self, path: &str) -> String {
        match self {
            Locale::Bg => path.to_string(),
            Locale::En if path == "/" => "/en".to_string(),
            Locale::En => format!("/en{path}"),
        }
    }

    /// The reader's language's version of a text stored in both.
    pub fn pick<'a>(self, bg: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Bg => bg,
            Locale::En => en,
        }
    }

    pub fn t(self) -> &'static Messages {
        match self {
            Locale::Bg => &BG,
            Locale::En => &EN,
        }
    }
}

pub struct Messages {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_main: &'static str,
    pub nav_search: &'static str,
    pub nav_centres: &'static str,
    pub nav_events: &'static str,
    pub switch_language: &'static str,
    pub other_language_name: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_categories: &'static str,
    pub home_featured: &'static str,
    pub home_centres: &'static str,
    pub home_events: &'static str,
    pub home_no_events: &'static str,
    pub centres_title: &'static str,
    pub centres_intro: &'static str,
    pub centre_region: &'static str,
    pub centre_districts: &'static str,
    pub centre_address: &'static str,
    pub centre_enterprises: &'static str,
    pub centre_networks: &'static str,
    pub centre_events: &'static str,
    pub centre_no_enterprises: &'static str,
    pub centre_no_networks: &'static str,
    pub count_enterprises: fn(u64) -> String,
    pub count_products: fn(u64) -> String,
    pub count_members: fn(u64) -> String,
    pub verified: &'static str,
    pub unverified: &'static str,
    pub by_enterprise: &'static str,
    pub price_bgn_equivalent: &'static str,
    pub unit_piece: &'static str,
    pub unit_kg: &'static str,
    pub unit_litre: &'static str,
    pub unit_hour: &'static str,
    pub unit_set: &'static str,
    pub availability_in_stock: &'static str,
    pub availability_made_to_order: &'static str,
    pub availability_out_of_stock: &'static str,
    pub network_kind_production: &'static str,
    pub network_kind_distribution: &'static str,
    pub network_kind_regional: &'static str,
    pub network_kind_thematic: &'static str,
    pub event_kind_fair: &'static str,
    pub event_kind_bazaar: &'static str,
    pub event_kind_exchange: &'static str,
    pub event_kind_forum: &'static str,
    pub event_kind_conference: &'static str,
    pub event_kind_training: &'static str,
    pub footer_about: &'static str,
    pub footer_programme: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub impact_disability: &'static str,
    pub impact_long_term_unemployed: &'static str,
    pub impact_youth_leaving_care: &'static str,
    pub impact_over_55: &'static str,
    pub impact_refugees: &'static str,
    pub impact_violence_victims: &'static str,
    pub impact_other: &'static str,
    pub search_results_for: &'static str,
    pub search_all_products: &'static str,
    pub search_filters: &'static str,
    pub search_clear_filters: &'static str,
    pub search_sort: &'static str,
    pub sort_relevance: &'static str,
    pub sort_price_asc: &'static str,
    pub sort_price_desc: &'static str,
    pub sort_newest: &'static str,
    pub search_no_results: &'static str,
    pub search_suggest: &'static str,
    pub search_degraded: &'static str,
    pub pagination: &'static str,
    pub page_previous: &'static str,
    pub page_next: &'static str,
    pub facet_category: &'static str,
    pub facet_centre: &'static str,
    pub facet_district: &'static str,
    pub facet_network: &'static str,
    pub facet_verified: &'static str,
    pub facet_availability: &'static str,
    pub facet_impact: &'static str,
    pub facet_price: &'static str,
    pub count_results: fn(u64) -> String,
    pub product_description: &'static str,
    pub product_category: &'static str,
    pub product_min_order: &'static str,
    pub product_stock: &'static str,
    pub product_tags: &'static str,
    pub product_seller: &'static str,
    pub product_related: &'static str,
    pub product_networks: &'static str,
    pub product_no_image: &'static str,
    pub enterprise_eik: &'static str,
    pub enterprise_address: &'static str,
    pub enterprise_phone: &'static str,
    pub enterprise_website: &'static str,
    pub enterprise_mission: &'static str,
    pub enterprise_about: &'static str,
    pub enterprise_impact: &'static str,
    pub enterprise_employs: &'static str,
    pub enterprise_register: &'static str,
    pub enterprise_register_entry: &'static str,
    pub enterprise_register_class: &'static str,
    pub enterprise_certified_on: &'static str,
    pub enterprise_valid_until: &'static str,
    pub enterprise_not_registered: &'static str,
    pub enterprise_products: &'static str,
    pub enterprise_centre: &'static str,
    pub enterprise_networks: &'static str,
    pub network_members: &'static str,
    pub network_catalogue: &'static str,
    pub events_title: &'static str,
    pub events_upcoming: &'static str,
    pub events_past: &'static str,
    pub event_place: &'static str,
    pub event_starts: &'static str,
    pub event_ends: &'static str,
    pub event_participants: &'static str,
    pub event_no_participants: &'static str,
    pub employed_share: fn(i32, i32) -> String,
    pub reinvested: fn(i32) -> String,
    pub network_all_products: fn(u64) -> String,
}

pub static BG: Messages = Messages {
    site_name: "Социален пазар",
    site_tagline: "Продукти и услуги на социалните предприятия в България",
    skip_to_content: "Към съдържанието",
    nav_main: "Основна навигация",
    nav_search: "Търсене",
    nav_centres: "Регионални центрове",
    nav_events: "Събития",
    switch_language: "Switch to English",
    other_language_name: "English",
    search_label: "Търсене на продукти и услуги",
    search_placeholder: "мед, вълнени чорапи, кетъринг…",
    search_button: "Търси",
    home_title: "Купувайте от социални предприятия",
    home_intro: "Храни, занаяти, текстил, козметика и услуги от предприятия, които дават работа на хора в неравностойно положение. Всяка покупка подкрепя тяхната мисия.",
    home_categories: "Категории",
    home_featured: "Избрани продукти",
    home_centres: "Регионални центрове",
    home_events: "Предстоящи събития",
    home_no_events: "Няма насрочени събития.",
    centres_title: "Регионални центрове",
    centres_intro: "Шест регионални центъра проверяват социалните предприятия в своя район, изграждат мрежи и организират панаири и обучения.",
    centre_region: "Район",
    centre_districts: "Области",
    centre_address: "Адрес",
    centre_enterprises: "Социални предприятия",
    centre_networks: "Мрежи",
    centre_events: "Събития",
    centre_no_enterprises: "Все още няма регистрирани предприятия.",
    centre_no_networks: "Все още няма мрежи.",
    count_enterprises: |n| match n {
        1 => "1 предприятие".to_string(),
        n => format!("{n} предприятия"),
    },
    count_products: |n| match n {
        1 => "1 продукт".to_string(),
        n => format!("{n} продукта"),
    },
    count_members: |n| match n {
        1 => "1 член".to_string(),
        n => format!("{n} члена"),
    },
    verified: "Проверено предприятие",
    unverified: "Непроверено",
    by_enterprise: "от",
    price_bgn_equivalent: "равностойност в лева",
    unit_piece: "бр.",
    unit_kg: "кг",
    unit_litre: "л",
    unit_hour: "час",
    unit_set: "комплект",
    availability_in_stock: "В наличност",
    availability_made_to_order: "По поръчка",
    availability_out_of_stock: "Изчерпан",
    network_kind_production: "Производствена мрежа",
    network_kind_distribution: "Дистрибуторска мрежа",
    network_kind_regional: "Регионална мрежа",
    network_kind_thematic: "Тематична мрежа",
    event_kind_fair: "Панаир",
    event_kind_bazaar: "Базар",
    event_kind_exchange: "Борса",
    event_kind_forum: "Форум",
    event_kind_conference: "Конференция",
    event_kind_training: "Обучение",
    footer_about: "Социален пазар е дигиталната платформа на социалната и солидарна икономика в България.",
    footer_programme: "Регионалните центрове подкрепят предприятията във всички 28 области.",
    not_found_title: "Страницата не е намерена",
    not_found_text: "Няма страница на този адрес. Може да е преместена или изтрита.",
    back_home: "Към началната страница",
    error_title: "Нещо се обърка",
    error_text: "Страницата не може да бъде показана в момента. Опитайте отново след малко.",
    impact_disability: "хора с увреждания",
    impact_long_term_unemployed: "продължително безработни",
    impact_youth_leaving_care: "младежи, напускащи институции",
    impact_over_55: "хора над 55 години",
    impact_refugees: "бежанци",
    impact_violence_victims: "жертви на насилие или трафик",
    impact_other: "други уязвими групи",
    search_results_for: "Резултати за",
    search_all_products: "Всички продукти и услуги",
    search_filters: "Филтри",
    search_clear_filters: "Изчисти филтрите",
    search_sort: "Подреждане",
    sort_relevance: "Най-подходящи",
    sort_price_asc: "Цена: възходяща",
    sort_price_desc: "Цена: низходяща",
    sort_newest: "Най-нови",
    search_no_results: "Няма намерени продукти.",
    search_suggest: "Опитайте с по-малко или по-общи думи, проверете правописа или махнете някой филтър.",
    search_degraded: "Търсачката временно не отговаря. Показваме по-прости резултати от базата данни, без брой по филтри.",
    pagination: "Страници",
    page_previous: "Предишна",
    page_next: "Следваща",
    facet_category: "Категория",
    facet_centre: "Регионален център",
    facet_district: "Област",
    facet_network: "Мрежа",
    facet_verified: "Проверка",
    facet_availability: "Наличност",
    facet_impact: "Работа за",
    facet_price: "Цена",
    count_results: |n| match n {
        1 => "1 резултат".to_string(),
        n => format!("{n} резултата"),
    },
    product_description: "Описание",
    product_category: "Категория",
    product_min_order: "Минимална поръчка",
    product_stock: "Наличност",
    product_tags: "Етикети",
    product_seller: "Производител",
    product_related: "Подобни продукти",
    product_networks: "Мрежи на предприятието",
    product_no_image: "Няма снимка",
    enterprise_eik: "ЕИК",
    enterprise_address: "Адрес",
    enterprise_phone: "Телефон",
    enterprise_website: "Уебсайт",
    enterprise_mission: "Мисия",
    enterprise_about: "За предприятието",
    enterprise_impact: "Социално въздействие",
    enterprise_employs: "Дава работа на",
    enterprise_register: "Регистър на социалните предприятия",
    enterprise_register_entry: "Вписване №",
    enterprise_register_class: "Клас",
    enterprise_certified_on: "Сертификат от",
    enterprise_valid_until: "Валиден до",
    enterprise_not_registered: "Предприятието все още не е вписано в регистъра.",
    enterprise_products: "Продукти и услуги",
    enterprise_centre: "Регионален център",
    enterprise_networks: "Мрежи",
    network_members: "Членове",
    network_catalogue: "Общ каталог",
    events_title: "Събития",
    events_upcoming: "Предстоящи",
    events_past: "Минали",
    event_place: "Място",
    event_starts: "Начало",
    event_ends: "Край",
    event_participants: "Участващи предприятия",
    event_no_participants: "Все още няма потвърдени участници.",
    employed_share: |v, t| format!("{v} от общо {t} души в предприятието са от уязвими групи"),
    reinvested: |p| format!("{p}% от печалбата се реинвестира в социалната мисия"),
    network_all_products: |n| format!("Всички {n} продукта в търсенето"),
};

pub static EN: Messages = Messages {
    site_name: "Social Market",
    site_tagline: "Products and services of Bulgaria's social enterprises",
    skip_to_content: "Skip to content",
    nav_main: "Main navigation",
    nav_search: "Search",
    nav_centres: "Regional centres",
    nav_events: "Events",
    switch_language: "Превключи на български",
    other_language_name: "Български",
    search_label: "Search products and services",
    search_placeholder: "honey, wool socks, catering…",
    search_button: "Search",
    home_title: "Buy from social enterprises",
    home_intro: "Food, crafts, textiles, cosmetics and services from enterprises that employ people at a disadvantage. Every purchase supports their mission.",
    home_categories: "Categories",
    home_featured: "Featured products",
    home_centres: "Regional centres",
    home_events: "Upcoming events",
    home_no_events: "No events are scheduled.",
    centres_title: "Regional centres",
    centres_intro: "Six regional centres verify the social enterprises of their region, build networks and organise fairs and trainings.",
    centre_region: "Region",
    centre_districts: "Districts",
    centre_address: "Address",
    centre_enterprises: "Social enterprises",
    centre_networks: "Networks",
    centre_events: "Events",
    centre_no_enterprises: "No enterprises are registered yet.",
    centre_no_networks: "No networks yet.",
    count_enterprises: |n| match n {
        1 => "1 enterprise".to_string(),
        n => format!("{n} enterprises"),
    },
    count_products: |n| match n {
        1 => "1 product".to_string(),
        n => format!("{n} products"),
    },
    count_members: |n| match n {
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    },
    verified: "Verified enterprise",
    unverified: "Not verified",
    by_enterprise: "by",
    price_bgn_equivalent: "equivalent in leva",
    unit_piece: "pc",
    unit_kg: "kg",
    unit_litre: "l",
    unit_hour: "hour",
    unit_set: "set",
    availability_in_stock: "In stock",
    availability_made_to_order: "Made to order",
    availability_out_of_stock: "Out of stock",
    network_kind_production: "Production network",
    network_kind_distribution: "Distribution network",
    network_kind_regional: "Regional network",
    network_kind_thematic: "Thematic network",
    event_kind_fair: "Fair",
    event_kind_bazaar: "Bazaar",
    event_kind_exchange: "Exchange",
    event_kind_forum: "Forum",
    event_kind_conference: "Conference",
    event_kind_training: "Training",
    footer_about: "Social Market is the digital platform of Bulgaria's social and solidarity economy.",
    footer_programme: "The regional centres support enterprises in all 28 districts.",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. It may have been moved or deleted.",
    back_home: "Go to the home page",
    error_title: "Something went wrong",
    error_text: "The page cannot be shown right now. Please try again shortly.",
    impact_disability: "people with disabilities",
    impact_long_term_unemployed: "long-term unemployed people",
    impact_youth_leaving_care: "young people leaving care",
    impact_over_55: "people over 55",
    impact_refugees: "refugees",
    impact_violence_victims: "victims of violence or trafficking",
    impact_other: "other vulnerable groups",
    search_results_for: "Results for",
    search_all_products: "All products and services",
    search_filters: "Filters",
    search_clear_filters: "Clear filters",
    search_sort: "Sort",
    sort_relevance: "Best match",
    sort_price_asc: "Price: low to high",
    sort_price_desc: "Price: high to low",
    sort_newest: "Newest",
    search_no_results: "No products found.",
    search_suggest: "Try fewer or more general words, check the spelling, or remove a filter.",
    search_degraded: "The search engine is not answering right now. These are simpler results from the database, without filter counts.",
    pagination: "Pages",
    page_previous: "Previous",
    page_next: "Next",
    facet_category: "Category",
    facet_centre: "Regional centre",
    facet_district: "District",
    facet_network: "Network",
    facet_verified: "Verification",
    facet_availability: "Availability",
    facet_impact: "Employs",
    facet_price: "Price",
    count_results: |n| match n {
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    },
    product_description: "Description",
    product_category: "Category",
    product_min_order: "Minimum order",
    product_stock: "Stock",
    product_tags: "Tags",
    product_seller: "Made by",
    product_related: "Related products",
    product_networks: "The enterprise's networks",
    product_no_image: "No picture",
    enterprise_eik: "UIC (ЕИК)",
    enterprise_address: "Address",
    enterprise_phone: "Phone",
    enterprise_website: "Website",
    enterprise_mission: "Mission",
    enterprise_about: "About",
    enterprise_impact: "Social impact",
    enterprise_employs: "Employs",
    enterprise_register: "Register of Social Enterprises",
    enterprise_register_entry: "Entry no.",
    enterprise_register_class: "Class",
    enterprise_certified_on: "Certified on",
    enterprise_valid_until: "Valid until",
    enterprise_not_registered: "The enterprise is not entered in the register yet.",
    enterprise_products: "Products and services",
    enterprise_centre: "Regional centre",
    enterprise_networks: "Networks",
    network_members: "Members",
    network_catalogue: "Combined catalogue",
    events_title: "Events",
    events_upcoming: "Upcoming",
    events_past: "Past",
    event_place: "Place",
    event_starts: "Starts",
    event_ends: "Ends",
    event_participants: "Taking part",
    event_no_participants: "No participants are confirmed yet.",
    employed_share: |v, t| format!("{v} of its {t} people come from vulnerable groups"),
    reinvested: |p| format!("{p}% of the profit is reinvested in the social mission"),
    network_all_products: |n| format!("All {n} products in search"),
};

impl Messages {
    pub fn unit(&self, unit: &str) -> &'static str {
        match unit {
            "kg" => self.unit_kg,
            "litre" => self.unit_litre,
            "hour" => self.unit_hour,
            "set" => self.unit_set,
            _ => self.unit_piece,
        }
    }

    pub fn availability(&self, a: &str) -> &'static str {
        match a {
            "made_to_order" => self.availability_made_to_order,
            "out_of_stock" => self.availability_out_of_stock,
            _ => self.availability_in_stock,
        }
    }

    pub fn network_kind(&self, k: &str) -> &'static str {
        match k {
            "distribution" => self.network_kind_distribution,
            "regional" => self.network_kind_regional,
            "thematic" => self.network_kind_thematic,
            _ => self.network_kind_production,
        }
    }

    pub fn impact_group(&self, g: &str) -> &'static str {
        match g {
            "disability" => self.impact_disability,
            "long_term_unemployed" => self.impact_long_term_unemployed,
            "youth_leaving_care" => self.impact_youth_leaving_care,
            "over_55" => self.impact_over_55,
            "refugees" => self.impact_refugees,
            "violence_victims" => self.impact_violence_victims,
            _ => self.impact_other,
        }
    }

    pub fn facet(&self, f: &str) -> &'static str {
        match f {
            "category" => self.facet_category,
            "centre" => self.facet_centre,
            "district" => self.facet_district,
            "network" => self.facet_network,
            "verified" => self.facet_verified,
            "availability" => self.facet_availability,
            "impact" => self.facet_impact,
            _ => self.facet_price,
        }
    }

    pub fn sort(&self, s: &str) -> &'static str {
        match s {
            "price_asc" => self.sort_price_asc,
            "price_desc" => self.sort_price_desc,
            "newest" => self.sort_newest,
            _ => self.sort_relevance,
        }
    }

    /// "5–10 €" / "€5–10", "над 50 €" / "over €50" for a price bucket.
    pub fn price_range(&self, bucket: &str) -> String {
        let bg = std::ptr::eq(self, &BG);
        match bucket.split_once('-') {
            Some((lo, "")) if bg => format!("над {lo}\u{a0}€"),
            Some((lo, "")) => format!("over €{lo}"),
            Some((lo, hi)) if bg => format!("{lo}–{hi}\u{a0}€"),
            Some((lo, hi)) => format!("€{lo}–{hi}"),
            None => bucket.to_string(),
        }
    }

    pub fn event_kind(&self, k: &str) -> &'static str {
        match k {
            "bazaar" => self.event_kind_bazaar,
            "exchange" => self.event_kind_exchange,
            "forum" => self.event_kind_forum,
            "conference" => self.event_kind_conference,
            "training" => self.event_kind_training,
            _ => self.event_kind_fair,
        }
    }
}

/// The message for a refusal code of [`crate::forms`] and the services, in
/// the reader's language. An unknown code falls back to a generic message
/// (and is a bug to fix, so it is easy to spot in a test).
pub fn field_message(locale: Locale, code: &str) -> &'static str {
    let (bg, en) = match code {
        "required" => ("Попълнете това поле.", "Please fill in this field."),
        "too_short" => ("Твърде кратко.", "Too short."),
        "too_long" => ("Твърде дълго.", "Too long."),
        "control_chars" => (
            "Съдържа непозволени невидими знаци.",
            "Contains invisible characters that are not allowed.",
        ),
        "negative" => ("Не може да е отрицателно.", "Cannot be negative."),
        "too_small" => ("Твърде малко.", "Too small."),
        "too_large" => ("Твърде голямо.", "Too large."),
        "not_a_number" => (
            "Въведете число, напр. 12,50.",
            "Enter a number, e.g. 12.50.",
        ),
        "too_many_decimals" => (
            "Най-много два знака след десетичната запетая.",
            "At most two decimal places.",
        ),
        "not_allowed" => (
            "Изберете една от предложените стойности.",
            "Choose one of the offered values.",
        ),
        "email_invalid" => (
            "Това не прилича на имейл адрес.",
            "This does not look like an e-mail address.",
        ),
        "tag_invalid" => (
            "Етикетите са до 40 знака, разделени със запетая.",
            "Tags are up to 40 characters, separated by commas.",
        ),
        "too_many_tags" => ("Най-много 10 етикета.", "At most 10 tags."),
        "eik_length" => (
            "ЕИК има 9 или 13 цифри.",
            "An EIK (UIC) has 9 or 13 digits.",
        ),
        "eik_checksum" => (
            "Контролната цифра на ЕИК не съвпада — проверете цифрите.",
            "The EIK check digit does not match: check the digits.",
        ),
        "eik_taken" => (
            "Предприятие с този ЕИК вече е в платформата. Можете да поискате да се присъедините към него.",
            "An enterprise with this EIK is already on the platform. You can ask to join it.",
        ),
        "phone_invalid" => (
            "Телефонът съдържа само цифри, интервали и + - ( ) /.",
            "A phone number holds only digits, spaces and + - ( ) /.",
        ),
        "url_invalid" => (
            "Адресът трябва да започва с https:// или http://.",
            "The address must start with https:// or http://.",
        ),
        "more_than_total" => (
            "Не може да е повече от общия брой заети.",
            "Cannot be more than the total number employed.",
        ),
        "date_invalid" => (
            "Въведете дата (напр. 2027-03-01).",
            "Enter a date (e.g. 2027-03-01).",
        ),
        "date_past" => ("Датата вече е минала.", "This date has already passed."),
        "date_future" => ("Датата още не е настъпила.", "This date is still to come."),
        "ends_before_start" => (
            "Краят трябва да е след началото.",
            "The end must come after the start.",
        ),
        "enterprise_unknown" => (
            "Няма предприятие с такъв адрес или ЕИК.",
            "No enterprise has this address or EIK.",
        ),
        "choose_one" => (
            "Изберете поне едно предприятие.",
            "Choose at least one enterprise.",
        ),
        "not_a_member" => (
            "Едно от избраните предприятия не е член на мрежата.",
            "One of the chosen enterprises is not a member of the network.",
        ),
        "lines_mismatch" => (
            "Предложете количество и цена за всеки ред.",
            "Propose a quantity and a price for every line.",
        ),
        "no_lines" => ("Няма редове за промяна.", "There are no lines to change."),
        "password_short" => (
            "Паролата трябва да е поне 10 знака.",
            "The password must be at least 10 characters.",
        ),
        "password_is_email" => (
            "Паролата не може да съвпада с имейла.",
            "The password cannot be your e-mail address.",
        ),
        "password_wrong" => (
            "Текущата парола не е вярна.",
            "The current password is wrong.",
        ),
        "sign_in_failed" => ("Грешен имейл или парола.", "Wrong e-mail or password."),
        "email_unconfirmed" => (
            "Първо потвърдете имейла си: отворете връзката, която ви изпратихме. Нова връзка можете да поискате от страницата на профила.",
            "Confirm your e-mail address first: open the link we sent you. You can ask for a new link on your account page.",
        ),
        "link_invalid" => (
            "Връзката не е валидна: вече е използвана, изтекла е или е непълна. Поискайте нова от страницата на профила.",
            "The link is not valid: it was used already, has expired or is incomplete. Ask for a new one on your account page.",
        ),
        "transfer_account_unknown" => (
            "Няма профил с потвърден имейл на този адрес. Помолете представителя да се регистрира и да потвърди имейла си.",
            "There is no account with a confirmed address here. Ask the representative to sign up and confirm the address.",
        ),
        "locked_while_suspended" => (
            "Докато предприятието е спряно, това поле се променя само от регионалния център.",
            "While the enterprise is suspended, only its regional centre changes this field.",
        ),
        "category_unknown" => ("Няма такава категория.", "There is no such category."),
        "district_unknown" => ("Няма такава област.", "There is no such district."),
        "invitation_exists" => (
            "Този адрес вече е поканен или е член.",
            "This address is already invited or a member.",
        ),
        "image_empty" => ("Файлът е празен.", "The file is empty."),
        "image_too_large" => ("Файлът е над 10 MB.", "The file is over 10 MB."),
        "image_not_image" => ("Файлът не е изображение.", "The file is not an image."),
        "image_unsupported" => (
            "Приемат се JPEG, PNG и WebP.",
            "JPEG, PNG and WebP are accepted.",
        ),
        "image_too_many_pixels" => (
            "Изображението е твърде голямо (над 40 мегапиксела).",
            "The image is too large (over 40 megapixels).",
        ),
        "image_corrupt" => (
            "Изображението е повредено или непълно.",
            "The image is damaged or incomplete.",
        ),
        "too_many_images" => (
            "Най-много 8 снимки на продукт.",
            "At most 8 images per product.",
        ),
        "unknown_column" => ("Непозната колона.", "Unknown column."),
        "missing_column" => ("Липсва колона.", "A column is missing."),
        "duplicate_column" => ("Колоната се повтаря.", "The column appears twice."),
        "empty" => ("Файлът е празен.", "The file is empty."),
        "field_count" => (
            "Редът има друг брой полета от заглавния.",
            "The line has a different number of fields than the header.",
        ),
        "not_utf8" => (
            "Файлът не е в UTF-8. Запазете го като „CSV UTF-8“.",
            "The file is not UTF-8. Save it as \"CSV UTF-8\".",
        ),
        "too_many_lines" => (
            "Най-много 10 000 реда в един файл.",
            "At most 10,000 lines in one file.",
        ),
        "duplicate_slug" => (
            "Този идентификатор (slug) вече е на друг ред.",
            "This slug is already on another line.",
        ),
        "slug_unknown" => (
            "Няма ваш продукт с този идентификатор (slug).",
            "You have no product with this slug.",
        ),
        "file_missing" => ("Изберете файл.", "Choose a file."),
        "quantity_positive" => (
            "Количеството трябва да е поне 1.",
            "The quantity must be at least 1.",
        ),
        "below_min_order" => ("Под минималната поръчка.", "Below the minimum order."),
        "out_of_stock" => ("Няма наличност.", "Out of stock."),
        "over_stock" => ("Повече от наличното количество.", "More than is in stock."),
        "basket_full" => (
            "Кошницата е пълна (до 100 продукта).",
            "The basket is full (up to 100 products).",
        ),
        "basket_empty" => ("Кошницата е празна.", "The basket is empty."),
        "form_expired" => (
            "Формулярът е остарял. Презаредете страницата.",
            "The form has expired. Reload the page.",
        ),
        "not_orderable" => (
            "Този продукт вече не може да се поръча. Махнете го от кошницата.",
            "This product can no longer be ordered. Remove it from the basket.",
        ),
        _ => ("Стойността не е приета.", "The value was not accepted."),
    };
    locale.pick(bg, en)
}

/// The message for an error that is not about one field.
pub fn status_message(locale: Locale, status: u16) -> &'static str {
    let (bg, en) = match status {
        401 => (
            "Влезте в профила си, за да продължите.",
            "Please sign in to continue.",
        ),
        403 => (
            "Нямате право на това действие.",
            "You are not allowed to do this.",
        ),
        404 => ("Не е намерено.", "Not found."),
        409 => (
            "Промяната се сблъска с друга. Презаредете и опитайте пак.",
            "The change clashed with another one. Reload and try again.",
        ),
        429 => (
            "Твърде много опити. Изчакайте минута и опитайте пак.",
            "Too many attempts. Wait a minute and try again.",
        ),
        503 => (
            "Услугата временно не отговаря. Опитайте след малко.",
            "The service is not answering right now. Try again shortly.",
        ),
        _ => (
            "Нещо се обърка при нас. Опитайте пак след малко.",
            "Something went wrong on our side. Try again shortly.",
        ),
    };
    locale.pick(bg, en)
}

/// What a notice says, in the reader's language (the notices page and mail).
pub fn notice_text(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "request_received" => locale.pick("Ново запитване", "A new request"),
        "request_accepted" => locale.pick("Запитването ви е прието", "Your request was accepted"),
        "request_declined" => locale.pick("Запитването ви е отказано", "Your request was declined"),
        "request_fulfilled" => {
            locale.pick("Запитването ви е изпълнено", "Your request was fulfilled")
        }
        "request_cancelled" => locale.pick(
            "Купувачът отмени запитване",
            "The buyer cancelled a request",
        ),
        "message" => locale.pick("Ново съобщение", "A new message"),
        "question_received" => {
            locale.pick("Нов въпрос за продукт", "A new question about a product")
        }
        "quote_received" => locale.pick("Ново запитване за оферта", "A new request for a quote"),
        "request_proposed" => locale.pick(
            "Предприятието предлага промени",
            "The enterprise proposes changes",
        ),
        "enterprise_verified" => locale.pick(
            "Предприятието е проверено от регионалния център",
            "The enterprise was verified by its regional centre",
        ),
        "verification_rejected" => locale.pick("Проверката е отказана", "Verification was refused"),
        "correction_requested" => locale.pick(
            "Регионалният център поиска корекция",
            "The regional centre asked for a correction",
        ),
        "verification_requested" => locale.pick(
            "Предприятие поиска проверка",
            "An enterprise asked for verification",
        ),
        "enterprise_suspended" => {
            locale.pick("Предприятието е спряно", "The enterprise was suspended")
        }
        "enterprise_restored" => locale.pick(
            "Предприятието е възстановено",
            "The enterprise was restored",
        ),
        "product_hidden" => locale.pick(
            "Продукт е скрит от куратор",
            "A product was hidden by a curator",
        ),
        "product_shown" => locale.pick("Продукт отново е видим", "A product is visible again"),
        "certificate_expiring" => locale.pick(
            "Удостоверението за социално предприятие изтича скоро",
            "The social enterprise certificate expires soon",
        ),
        "certificate_lapsed" => locale.pick(
            "Удостоверението изтече; знакът „проверено“ е свален",
            "The certificate expired; the verified badge was removed",
        ),
        "enterprise_transferred" => locale.pick(
            "Регионалният център прехвърли предприятието на негов представител",
            "The regional centre transferred the enterprise to its representative",
        ),
        "network_invited" => locale.pick("Покана за мрежа", "An invitation to a network"),
        "network_approved" => locale.pick("Приети сте в мрежа", "You were accepted into a network"),
        "network_removed" => {
            locale.pick("Членството в мрежа приключи", "A network membership ended")
        }
        "network_applied" => locale.pick("Кандидатура за мрежа", "An application to a network"),
        "event_applied" => locale.pick("Заявка за участие в събитие", "A sign-up for an event"),
        "event_confirmed" => locale.pick(
            "Участието в събитие е потвърдено",
            "Taking part in an event was confirmed",
        ),
        "event_declined" => locale.pick(
            "Участието в събитие е отказано",
            "Taking part in an event was declined",
        ),
        _ => locale.pick("Промяна", "A change"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_between_locales() {
        assert_eq!(Locale::from_path("/en/centres/varna"), Locale::En);
        assert_eq!(Locale::from_path("/en"), Locale::En);
        assert_eq!(Locale::from_path("/english"), Locale::Bg);
        assert_eq!(Locale::strip("/en/centres"), "/centres");
        assert_eq!(Locale::strip("/en"), "/");
        assert_eq!(Locale::strip("/centres"), "/centres");
        assert_eq!(Locale::En.href("/"), "/en");
        assert_eq!(Locale::En.href("/centres"), "/en/centres");
        assert_eq!(Locale::Bg.href("/centres"), "/centres");
    }

    #[test]
    fn bulgarian_plurals() {
        assert_eq!((BG.count_products)(1), "1 продукт");
        assert_eq!((BG.count_products)(12), "12 продукта");
        assert_eq!((EN.count_enterprises)(2), "2 enterprises");
    }
}
