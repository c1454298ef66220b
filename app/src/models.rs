//! What pages show: plain data shared by the server and the browser. The
//! server builds these from database rows (names already in the reader's
//! language); nothing here knows about sea-orm.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::notices::NoticeKind;
use crate::domain::orders::{DeliveryWish, OrderKind, OrderStatus};
use crate::domain::{
    Availability, EventKind, ImpactGroup, LegalForm, MemberRole, MembershipStatus, NetworkKind,
    ParticipationStatus, ProductStatus, RegisterClass, Unit, VerificationStatus,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub price_cents: i64,
    pub unit: Unit,
    pub availability: Availability,
    pub category: String,
    pub enterprise_slug: String,
    pub enterprise_name: String,
    pub verified: bool,
    /// The card's picture: the first photo's thumbnail, or the drawing of
    /// the product's top category when it has no photo.
    pub picture: Picture,
}

/// A card's picture and whether it is a photo (or a drawing standing in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub src: String,
    pub photo: bool,
}

impl Picture {
    /// The top categories with a drawing of their own (`public/illustrations/`);
    /// any other falls back to `other.svg`.
    pub const DRAWN: [&'static str; 7] = [
        "hrani",
        "zanayati",
        "tekstil",
        "kozmetika",
        "dom-i-gradina",
        "pechat",
        "uslugi",
    ];

    /// A photo's thumbnail (its address under `/media`) or the drawing of
    /// the top category `root`.
    pub fn of(thumb: Option<String>, root: &str) -> Picture {
        match thumb {
            Some(src) => Picture { src, photo: true },
            None => {
                let name = if Self::DRAWN.contains(&root) {
                    root
                } else {
                    "other"
                };
                Picture {
                    src: format!("/illustrations/{name}.svg"),
                    photo: false,
                }
            }
        }
    }
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
    pub legal_form: LegalForm,
    pub settlement: String,
    pub district: String,
    pub verified: bool,
    pub product_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkCard {
    pub slug: String,
    pub name: String,
    pub kind: NetworkKind,
    pub member_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub slug: String,
    pub title: String,
    pub kind: EventKind,
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
    pub phone: String,
    /// When it is open, in the reader's language (may be empty).
    pub hours: String,
    /// Who works there, one person a line.
    pub team: Vec<String>,
    pub districts: Vec<DistrictSummary>,
    /// The products its curators feature today.
    pub featured: Vec<ProductCard>,
    pub enterprises: Vec<EnterpriseCard>,
    pub networks: Vec<NetworkCard>,
    pub events: Vec<EventCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub entry: String,
    pub class: Option<RegisterClass>,
    pub certified_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

/// A search as the page and the JSON API take it (all optional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SearchParams {
    pub q: String,
    pub category: Option<String>,
    pub centre: Option<String>,
    pub district: Option<String>,
    pub network: Option<String>,
    pub verified: Option<String>,
    pub availability: Option<String>,
    pub impact: Option<String>,
    pub price: Option<String>,
    pub sort: String,
    pub page: u32,
    pub per_page: u32,
}

impl SearchParams {
    pub const MAX_QUERY_CHARS: usize = 200;
    pub const MAX_PER_PAGE: u32 = 100;
    pub const DEFAULT_PER_PAGE: u32 = 24;
    pub const MAX_PAGE: u32 = 1000;

    /// Reads a search from query-string values. Numbers that do not parse
    /// are left at 0 (the default) and their names returned, so that the
    /// page can ignore them and the API can refuse them.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> (SearchParams, Vec<&'static str>) {
        let text = |k: &str| get(k).filter(|v| !v.is_empty());
        let mut bad = Vec::new();
        let mut number = |k: &'static str| match text(k).map(|v| v.trim().parse::<u32>()) {
            None => 0,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                bad.push(k);
                0
            }
        };
        let page = number("page");
        let per_page = number("per_page");
        let params = SearchParams {
            q: text("q").unwrap_or_default(),
            category: text("category"),
            centre: text("centre"),
            district: text("district"),
            network: text("network"),
            verified: text("verified"),
            availability: text("availability"),
            impact: text("impact"),
            price: text("price"),
            sort: text("sort").unwrap_or_default(),
            page,
            per_page,
        };
        (params, bad)
    }

    /// The facet filters that are set, as (facet, value).
    pub fn filters(&self) -> Vec<(&'static str, &str)> {
        [
            ("category", &self.category),
            ("centre", &self.centre),
            ("district", &self.district),
            ("network", &self.network),
            ("verified", &self.verified),
            ("availability", &self.availability),
            ("impact", &self.impact),
            ("price", &self.price),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
    }

    pub fn set_filter(&mut self, facet: &str, value: Option<String>) {
        let slot = match facet {
            "category" => &mut self.category,
            "centre" => &mut self.centre,
            "district" => &mut self.district,
            "network" => &mut self.network,
            "verified" => &mut self.verified,
            "availability" => &mut self.availability,
            "impact" => &mut self.impact,
            "price" => &mut self.price,
            _ => return,
        };
        *slot = value;
    }

    /// The query string of this search (page 1 and defaults left out).
    /// Written into one string: a search page has some fifty links.
    pub fn to_query(&self) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(64);
        let mut push = |k: &str, v: &dyn std::fmt::Display| {
            if !out.is_empty() {
                out.push('&');
            }
            let _ = write!(out, "{k}={v}");
        };
        if !self.q.is_empty() {
            push("q", &encode_component(&self.q));
        }
        for (k, v) in self.filters() {
            push(k, &encode_component(v));
        }
        if !self.sort.is_empty() && self.sort != "relevance" {
            push("sort", &encode_component(&self.sort));
        }
        if self.page > 1 {
            push("page", &self.page);
        }
        if self.per_page != 0 && self.per_page != Self::DEFAULT_PER_PAGE {
            push("per_page", &self.per_page);
        }
        out
    }
}

/// Percent-encodes a query-string value: RFC 3986 unreserved characters
/// stay, everything else (UTF-8 bytes included) is escaped.
pub fn encode_component(s: &str) -> percent_encoding::PercentEncode<'_> {
    const ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, ESCAPED)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub product: ProductCard,
    /// The title cut into pieces; `true` pieces matched the query.
    pub title_marks: Vec<(String, bool)>,
}

/// An enterprise found by its name, with its words already in the
/// reader's language (the results island has no translation tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseHit {
    pub slug: String,
    pub name: String,
    pub settlement: String,
    pub district: String,
    /// "12 products".
    pub products: String,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetGroup {
    pub facet: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchPage {
    pub params: SearchParams,
    pub total: u64,
    /// "12 results", in the reader's language (plural forms are the
    /// server's: the results island has no translation tables).
    #[serde(default)]
    pub count_text: String,
    pub pages: u32,
    pub hits: Vec<SearchHit>,
    /// Enterprises whose name holds the words (first page only).
    #[serde(default)]
    pub enterprises: Vec<EnterpriseHit>,
    pub facets: Vec<FacetGroup>,
    /// The engine did not answer; these results come from simpler database matching.
    pub degraded: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageView {
    /// The addresses of the photo and of its thumbnail (under `/media`).
    pub path: String,
    pub thumb: String,
    pub alt: String,
    pub width: i32,
    pub height: i32,
    /// The thumbnail's width, for `srcset`.
    pub thumb_width: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub card: ProductCard,
    pub description: String,
    pub category_slug: String,
    pub stock: Option<i32>,
    pub min_order: i32,
    pub tags: Vec<String>,
    pub images: Vec<ImageView>,
    /// An absolute address of the first photo, for shared links.
    #[serde(default)]
    pub share_image: Option<String>,
    pub terms: Terms,
    pub enterprise: EnterpriseCard,
    pub enterprise_eik: String,
    pub impact_groups: Vec<ImpactGroup>,
    pub networks: Vec<NetworkCard>,
    pub related: Vec<ProductCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseDetail {
    #[serde(default)]
    pub id: i32,
    pub card: EnterpriseCard,
    pub eik: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub description: String,
    pub mission: String,
    pub impact_groups: Vec<ImpactGroup>,
    pub employees_total: i32,
    pub employees_vulnerable: i32,
    pub profit_reinvested_pct: i32,
    pub register: Option<RegisterEntry>,
    pub centre_slug: String,
    pub centre_name: String,
    pub networks: Vec<NetworkCard>,
    pub products: Vec<ProductCard>,
    /// The logo's address, when one was uploaded.
    #[serde(default)]
    pub logo: Option<String>,
    pub terms: Terms,
}

/// An enterprise's terms of trade; empty where it said nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub delivery: String,
    pub pickup: String,
    pub payment: String,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        self.delivery.is_empty() && self.pickup.is_empty() && self.payment.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkDetail {
    pub card: NetworkCard,
    pub description: String,
    /// The logo's address, if the centre uploaded one.
    pub logo: Option<String>,
    pub centre_slug: String,
    pub centre_name: String,
    pub members: Vec<EnterpriseCard>,
    pub products: Vec<ProductCard>,
    pub product_total: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub card: EventCard,
    pub description: String,
    /// Called off by its centre: the page says so and takes no sign-ups.
    pub cancelled: bool,
    pub centre_slug: String,
    pub participants: Vec<EnterpriseCard>,
    /// The catalogue of the enterprises taking part (the first ones).
    pub products: Vec<ProductCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventsData {
    pub upcoming: Vec<EventCard>,
    pub past: Vec<EventCard>,
}

/// The signed-in user, as the header and account page show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub display_name: String,
    pub email: String,
    pub locale: String,
    pub admin: bool,
    pub email_confirmed: bool,
    pub curator: bool,
    pub enterprise_count: usize,
}

/// What the header shows of the reader: who they are, what their basket
/// holds, what waits for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HeaderInfo {
    pub me: Option<Me>,
    /// Lines in the basket.
    pub basket: usize,
    pub unread_notices: u64,
    /// The reader's enterprises, with their requests waiting for an answer.
    pub inboxes: Vec<InboxCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxCount {
    pub slug: String,
    pub name: String,
    pub waiting: u64,
}

/// One of the caller's enterprises on their dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyEnterprise {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub role: MemberRole,
    pub verification_status: VerificationStatus,
    pub suspension_reason: Option<String>,
    pub product_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i32,
    pub enterprise_name: String,
    pub enterprise_slug: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub enterprises: Vec<MyEnterprise>,
    pub invitations: Vec<Invitation>,
    /// Whether the caller's address is confirmed (else invitations and
    /// registering wait for it).
    pub email_confirmed: bool,
}

/// A choice in a form's select: value and label in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i32,
    pub display_name: String,
    pub email: String,
    pub role: MemberRole,
}

/// A product in the enterprise's own list: every status, not only public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceProduct {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub price_cents: i64,
    pub unit: Unit,
    pub status: ProductStatus,
    /// Kept only for the order requests that name it.
    pub archived: bool,
    pub hidden_reason: Option<String>,
    pub thumb: Option<String>,
}

/// The enterprise workspace: profile, products, people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: i32,
    pub slug: String,
    pub name: String,
    /// `None` for an admin who is no member.
    pub role: Option<MemberRole>,
    pub verification_status: VerificationStatus,
    pub verification_note: Option<String>,
    pub suspension_reason: Option<String>,
    pub logo: Option<String>,
    pub profile: crate::forms::EnterpriseInput,
    pub products: Vec<WorkspaceProduct>,
    pub members: Vec<Member>,
    pub invited: Vec<String>,
    /// The categories a product (or a CSV line) may name.
    pub categories: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductImageRef {
    pub id: i32,
    pub url: String,
    pub thumb: String,
}

/// The product form, filled for editing (or empty for a new product).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductForm {
    pub enterprise_id: i32,
    pub enterprise_slug: String,
    pub enterprise_name: String,
    pub product_id: Option<i32>,
    pub slug: Option<String>,
    pub status: ProductStatus,
    pub input: crate::forms::ProductInput,
    pub images: Vec<ProductImageRef>,
    pub categories: Vec<Choice>,
    /// A one-time key for a new product's form (see migration 5).
    pub creation_key: String,
}

/// Choices for the enterprise registration and profile forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseFormChoices {
    pub districts: Vec<Choice>,
}

/// One line of the basket, with today's product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketLine {
    pub product_id: i32,
    pub slug: String,
    pub title: String,
    pub unit: Unit,
    pub unit_price_cents: i64,
    pub quantity: i32,
    pub min_order: i32,
    /// Items on the shelf, where the enterprise counts them.
    pub stock: Option<i32>,
}

/// The basket's lines of one enterprise: one order request when sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketEnterprise {
    pub enterprise_id: i32,
    pub enterprise_slug: String,
    pub enterprise_name: String,
    pub lines: Vec<BasketLine>,
    pub total_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasketView {
    pub enterprises: Vec<BasketEnterprise>,
    /// Lines whose product can no longer be ordered (unpublished, hidden).
    pub unavailable: usize,
    /// A fresh key for the send form, so a request sent twice (a double
    /// click, a resent form) is recorded once.
    pub send_key: String,
    /// Whether sending is open at once (else it goes through sign-in).
    #[serde(default)]
    pub signed_in: bool,
    /// The send form's contact fields as the reader last typed them, or as
    /// the account knows them.
    #[serde(default)]
    pub contact: crate::forms::SendInput,
}

/// A request in a list (the buyer's, or an enterprise's inbox).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub id: i32,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub enterprise_slug: String,
    pub enterprise_name: String,
    pub buyer_name: String,
    pub total_cents: i64,
    pub line_count: usize,
    /// How the buyer wishes to receive it.
    pub delivery: crate::domain::orders::DeliveryWish,
    /// What was asked for, "title × quantity; …".
    pub items: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub line_id: i32,
    pub product_id: i32,
    pub title: String,
    pub unit: Unit,
    pub quantity: i32,
    /// The price when the request was sent.
    pub unit_price_cents: i64,
    /// The enterprise's proposed change, waiting for the buyer.
    pub proposed_quantity: Option<i32>,
    pub proposed_unit_price_cents: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub author: String,
    pub mine: bool,
    pub body: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderRequestView {
    pub summary: OrderSummary,
    pub as_buyer: bool,
    pub as_enterprise: bool,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub delivery: DeliveryWish,
    pub message: String,
    pub enterprise_note: Option<String>,
    pub decline_reason: Option<String>,
    /// The product a question is about: (address, title).
    pub about_product: Option<(String, String)>,
    pub lines: Vec<OrderLineView>,
    pub thread: Vec<ThreadMessage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Favourites {
    pub products: Vec<ProductCard>,
    pub enterprises: Vec<EnterpriseCard>,
}

/// Something that changed for the user (a request received, accepted, a
/// message), as the notices page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeView {
    pub kind: NoticeKind,
    pub order_request_id: Option<i32>,
    /// Notices about an enterprise (verification, suspension) link to its workspace.
    pub enterprise_slug: Option<String>,
    /// The reason a curator gave, where there is one.
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
    pub unread: bool,
}

// ---- The regional centres' work ----

/// A centre the caller curates (admins: every centre), with what waits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CuratedCentre {
    pub slug: String,
    pub name: String,
    pub waiting: u64,
}

/// One person holding one role, on the admins' page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleRow {
    /// The role's id (what revoking names).
    pub id: i32,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreCurators {
    pub slug: String,
    pub name: String,
    pub curators: Vec<RoleRow>,
}

/// Who holds which role: the admins, and each centre's curators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RolesPage {
    pub admins: Vec<RoleRow>,
    pub centres: Vec<CentreCurators>,
}

/// A trust page as the public reads it: its newest version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustPageView {
    pub page: crate::domain::TrustPage,
    pub title: String,
    /// Plain text: blank lines part paragraphs, `## ` starts a heading,
    /// `- ` a list item (see `components::prose`).
    pub body: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// A trust page in one language, as an admin edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrustPageEdit {
    pub language: crate::i18n::Locale,
    pub current: TrustPageView,
}

/// A centre's contact data as admins edit them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CentreContacts {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub contacts: CentreContactsInput,
}

/// What the admins' form of a centre sends (`input[…]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CentreContactsInput {
    pub address_bg: String,
    pub address_en: String,
    pub phone: String,
    pub email: String,
    pub hours_bg: String,
    pub hours_en: String,
    pub team_bg: String,
    pub team_en: String,
}

/// The admins' list of accounts: those matching a search, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsersPage {
    pub query: String,
    pub users: Vec<UserRow>,
    /// More accounts match than are shown (narrow the search).
    pub more: bool,
}

/// One account as an admin sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_signed_in_at: Option<DateTime<Utc>>,
    pub email_confirmed: bool,
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    /// Deleted by its owner: nothing to act on.
    pub deleted: bool,
    pub admin: bool,
    /// The centres the person curates, by name.
    pub curator_of: Vec<String>,
    /// The enterprises the person belongs to: name, address and role.
    pub memberships: Vec<(String, String, MemberRole)>,
    /// The caller's own account (it cannot be disabled from here).
    pub is_caller: bool,
}

/// The curator's start page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CuratorHome {
    pub admin: bool,
    pub centres: Vec<CuratedCentre>,
}

/// What an enterprise declared, as the curator checks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredEnterprise {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub eik: String,
    pub legal_form: LegalForm,
    pub district: String,
    pub settlement: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub description: String,
    pub employees_total: i32,
    pub employees_vulnerable: i32,
    pub profit_reinvested_pct: i32,
    pub impact_groups: Vec<ImpactGroup>,
    pub register_entry: Option<String>,
    pub register_class: Option<RegisterClass>,
    pub certified_on: Option<chrono::NaiveDate>,
    pub valid_until: Option<chrono::NaiveDate>,
    pub verification_status: VerificationStatus,
    /// The badge shows (verified and the certificate valid today).
    pub verified: bool,
    pub verification_note: Option<String>,
    pub requested_at: Option<DateTime<Utc>>,
    pub suspension_reason: Option<String>,
    pub product_count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
/// `S`: [`MembershipStatus`] for a network, [`ParticipationStatus`] for an event.
pub struct MembershipRow<S> {
    /// The membership's (or participation's) own id, for the decision buttons.
    pub id: i32,
    pub enterprise_slug: String,
    pub enterprise_name: String,
    pub status: S,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskNetwork {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub kind: NetworkKind,
    pub description: String,
    pub logo: Option<String>,
    pub members: Vec<MembershipRow<MembershipStatus>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskEvent {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub description: String,
    pub participants: Vec<MembershipRow<ParticipationStatus>>,
}

/// A curator's desk for one centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub centre_slug: String,
    pub centre_name: String,
    /// Waiting for verification, oldest request first.
    pub queue: Vec<DeclaredEnterprise>,
    /// Every enterprise of the region, by name.
    pub enterprises: Vec<DeclaredEnterprise>,
    pub networks: Vec<DeskNetwork>,
    pub events: Vec<DeskEvent>,
}

/// One enterprise under review: its declaration and its products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub centre_slug: String,
    pub centre_name: String,
    pub enterprise: DeclaredEnterprise,
    pub products: Vec<WorkspaceProduct>,
}

/// A region's figures for one month (`month` is `YYYY-MM`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthFigures {
    pub month: String,
    pub registered: u64,
    pub verified: u64,
    pub products: u64,
    pub requests_sent: u64,
    pub requests_fulfilled: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub centre_slug: String,
    pub centre_name: String,
    /// The last twelve months, oldest first.
    pub months: Vec<MonthFigures>,
    pub enterprises: u64,
    pub verified_now: u64,
    pub products_listed: u64,
    pub networks: u64,
    pub network_members: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// The person, or `None` for the platform itself (a certificate lapsing).
    pub actor: Option<String>,
    pub action: crate::domain::audit::AuditAction,
    pub entity_type: String,
    pub entity_label: String,
    pub centre: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The centre's name, or `None` for the whole platform (admins).
    pub centre_name: Option<String>,
    pub centre_slug: Option<String>,
    pub entries: Vec<AuditEntry>,
}

/// A network an enterprise belongs to, applied to or was invited to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyNetwork {
    pub membership_id: i32,
    pub slug: String,
    pub name: String,
    pub status: MembershipStatus,
}

/// An upcoming event, and whether the enterprise signed up for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyEvent {
    pub event_id: i32,
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub centre_city: String,
    /// `None` when not signed up.
    pub status: Option<ParticipationStatus>,
}

/// The enterprise's side of the centres' work, shown in its workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    pub networks: Vec<MyNetwork>,
    /// Networks it may apply to (value: network id).
    pub open_networks: Vec<Choice>,
    pub events: Vec<MyEvent>,
}

/// The printable page of an event, with a QR code of its address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPrint {
    pub event: EventDetail,
    pub url: String,
    pub qr_svg: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> SearchParams {
        let pairs: std::collections::HashMap<String, String> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| {
                let v = percent_encoding::percent_decode_str(v)
                    .decode_utf8()
                    .unwrap();
                (k.to_string(), v.into_owned())
            })
            .collect();
        SearchParams::from_lookup(|k| pairs.get(k).cloned()).0
    }

    #[test]
    fn a_search_survives_its_own_query_string() {
        let params = SearchParams {
            q: "мед & \"sapun\"?=#+%".into(),
            category: Some("храни/мед".into()),
            verified: Some("true".into()),
            sort: "price_asc".into(),
            page: 3,
            per_page: 50,
            ..Default::default()
        };
        let query = params.to_query();
        assert!(query.is_ascii(), "{query}");
        assert_eq!(query.matches('&').count(), 5, "{query}");
        assert_eq!(parse(&query), params);
    }

    #[test]
    fn defaults_are_left_out_and_unreserved_characters_stay() {
        let params = SearchParams {
            q: "мед".into(),
            sort: "relevance".into(),
            page: 1,
            per_page: SearchParams::DEFAULT_PER_PAGE,
            ..Default::default()
        };
        assert_eq!(params.to_query(), "q=%D0%BC%D0%B5%D0%B4");
        let plain = SearchParams {
            q: "a-b_c.d~e f".into(),
            ..Default::default()
        };
        assert_eq!(plain.to_query(), "q=a-b_c.d~e%20f");
        assert_eq!(SearchParams::default().to_query(), "");
    }
}

/// The category tree as admins keep it: every category in tree order (a
/// top category, then its subcategories).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryAdmin {
    pub id: i32,
    pub slug: String,
    pub name_bg: String,
    pub name_en: String,
    /// The top category it is under (none for a top category).
    pub parent_id: Option<i32>,
    /// Its place among its siblings, from 1.
    pub position: u32,
    /// How many siblings it has, itself included (the places it may take).
    pub siblings: u32,
    pub subcategories: u32,
    /// Products of every status listed under it (not under its subcategories).
    pub products: u64,
    /// Former addresses that still lead here.
    pub old_slugs: Vec<String>,
}

/// What the admins' form of a new category, or of a rename, sends
/// (`input[…]`). An empty slug is made from the Bulgarian name (new) or
/// left as it is (rename); `parent` is a top category's id or empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CategoryInput {
    pub name_bg: String,
    pub name_en: String,
    pub slug: String,
    #[serde(default)]
    pub parent: String,
}

/// A curator's choice of a product to feature, as their page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeaturedChoice {
    pub id: i32,
    pub product: ProductCard,
    pub on_home: bool,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    /// Shown today, waiting for its start date, or over.
    pub state: FeatureState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureState {
    Shown,
    Scheduled,
    Over,
}

/// What the curator's form of a new choice sends (`input[…]`): the
/// product by its address (`/p/<slug>` or the slug), dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FeatureInput {
    pub product: String,
    pub starts_on: String,
    pub ends_on: String,
    #[serde(default)]
    pub on_home: Option<String>,
}

/// A region's featured products and the region's public products that
/// match the curator's search, to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeaturedPage {
    pub centre_slug: String,
    pub centre_name: String,
    pub choices: Vec<FeaturedChoice>,
    pub query: String,
    pub candidates: Vec<ProductCard>,
    /// Today in Europe/Sofia, the form's first date.
    pub today: chrono::NaiveDate,
}
