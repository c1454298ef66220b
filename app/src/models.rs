//! What pages show: plain data shared by the server and the browser. The
//! server builds these from database rows (names already in the reader's
//! language); nothing here knows about sea-orm.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub price_cents: i64,
    pub unit: String,
    pub availability: String,
    pub category: String,
    pub enterprise_slug: String,
    pub enterprise_name: String,
    pub verified: bool,
    pub thumb: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryCard {
    pub slug: String,
    pub name: String,
    pub product_count: u64,
    pub children: Vec<CategoryCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreCard {
    pub slug: String,
    pub name: String,
    pub city: String,
    pub region: String,
    pub address: String,
    pub enterprise_count: u64,
    pub districts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseCard {
    pub slug: String,
    pub name: String,
    pub legal_form: String,
    pub settlement: String,
    pub district: String,
    pub verified: bool,
    pub product_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkCard {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub member_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub centre_city: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub categories: Vec<CategoryCard>,
    pub featured: Vec<ProductCard>,
    pub centres: Vec<CentreCard>,
    pub events: Vec<EventCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistrictSummary {
    pub slug: String,
    pub name: String,
    pub enterprise_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreDetail {
    pub centre: CentreCard,
    pub nuts_code: String,
    pub email: String,
    pub districts: Vec<DistrictSummary>,
    pub enterprises: Vec<EnterpriseCard>,
    pub networks: Vec<NetworkCard>,
    pub events: Vec<EventCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub entry: String,
    pub class: String,
    pub certified_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}
