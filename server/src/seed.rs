//! Demo data: six demo accounts, 66 enterprises with their
//! products, networks and events, all written in Bulgarian under `seed/`.
//! `seed` on a database that has enterprises adds nothing; `--synthetic N`
//! adds N generated products for benchmarks.

use std::collections::HashMap;

use app::domain::{
    Availability, EventKind, ImpactGroup, LegalForm, MemberRole, MembershipStatus, NetworkKind,
    ParticipationStatus, ProductStatus, RegisterClass, Unit, UserRole, VerificationStatus,
};
use app::eik;
use app::server::entities::*;
use app::text::slugify;
use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, TransactionTrait,
};
use serde::Deserialize;

const DEMO_FILES: [&str; 2] = [
    include_str!("../seed/demo-a.json"),
    include_str!("../seed/demo-b.json"),
];

#[derive(Deserialize)]
struct DemoFile {
    enterprises: Vec<EnterpriseIn>,
    networks: Vec<NetworkIn>,
    events: Vec<EventIn>,
}

#[derive(Deserialize)]
struct RegisterIn {
    entry: String,
    class: RegisterClass,
    certified_on: NaiveDate,
    valid_until: NaiveDate,
}

#[derive(Deserialize)]
struct EnterpriseIn {
    slug: String,
    name: String,
    legal_form: LegalForm,
    district: String,
    settlement: String,
    address: String,
    email: String,
    phone: String,
    website: Option<String>,
    description: String,
    mission: String,
    impact_groups: Vec<ImpactGroup>,
    employees_total: i32,
    employees_vulnerable: i32,
    profit_reinvested_pct: i32,
    register: Option<RegisterIn>,
    products: Vec<ProductIn>,
}

#[derive(Deserialize, Clone)]
struct ProductIn {
    title: String,
    description: String,
    category: String,
    price_cents: i64,
    unit: Unit,
    availability: Availability,
    stock: Option<i32>,
    min_order: i32,
    tags: Vec<String>,
    /// Some demo products have English versions (English pages, searches).
    #[serde(default)]
    title_en: Option<String>,
    #[serde(default)]
    description_en: Option<String>,
}

#[derive(Deserialize)]
struct NetworkIn {
    slug: String,
    name: String,
    kind: NetworkKind,
    centre: String,
    description: String,
    members: Vec<String>,
}

#[derive(Deserialize)]
struct EventIn {
    slug: String,
    title: String,
    kind: EventKind,
    centre: String,
    starts_at: DateTime<chrono::FixedOffset>,
    ends_at: DateTime<chrono::FixedOffset>,
    place: String,
    description: String,
    participants: Vec<String>,
}

/// A demo account: listed in the README, never for production.
pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub name: &'static str,
    pub role: &'static str,
}

pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@demo.socialenpazar.bg",
        password: "demo-admin-2026",
        name: "Мария Администраторова",
        role: "admin",
    },
    DemoAccount {
        email: "kurator.varna@demo.socialenpazar.bg",
        password: "demo-kurator-2026",
        name: "Петя Иванова",
        role: "curator:varna",
    },
    DemoAccount {
        email: "kurator.plovdiv@demo.socialenpazar.bg",
        password: "demo-kurator-2026",
        name: "Георги Стоянов",
        role: "curator:plovdiv",
    },
    DemoAccount {
        email: "predpriyatie@demo.socialenpazar.bg",
        password: "demo-member-2026",
        name: "Елена Димитрова",
        role: "member",
    },
    DemoAccount {
        email: "predpriyatie2@demo.socialenpazar.bg",
        password: "demo-member-2026",
        name: "Стефан Колев",
        role: "member",
    },
    DemoAccount {
        email: "kupuvach@demo.socialenpazar.bg",
        password: "demo-buyer-2026",
        name: "Николай Петров",
        role: "buyer",
    },
];

fn hash_password(password: &str) -> Result<String, DbErr> {
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DbErr::Custom(format!("hashing a demo password: {e}")))
}

/// How demo enterprises deliver and are paid, in turn.
const DEMO_DELIVERY: [&str; 3] = [
    "С куриер до офис или адрес в цялата страна, 2–4 работни дни; над 60 € доставката е за наша сметка.",
    "С куриер в цялата страна до 3 работни дни, за сметка на купувача.",
    "Доставяме сами в областта веднъж седмично; за другаде — с куриер.",
];
const DEMO_PAYMENT: [&str; 3] = [
    "Наложен платеж или по банков път срещу проформа фактура.",
    "По банков път; за фирми — с фактура, 14 дни срок.",
    "В брой при получаване или по банков път.",
];

/// The day the demo data was written for: its dates (certificates,
/// events) are given as of this day.
fn written_for() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("valid date")
}

/// How far the demo's dates move so that they read as of the day `seed`
/// runs: certificates still valid, events still to come, the figures'
/// months consistent with them. Two seeds on one day write the same data.
fn demo_shift() -> Duration {
    Duration::days((Utc::now().date_naive() - written_for().date_naive()).num_days())
}

/// A certificate's end as of the day `seed` runs: moved with the demo's
/// dates, and on by whole years while it would already have lapsed (the
/// register renews certificates yearly), so no demo enterprise greets its
/// owner with a lapsed certificate.
fn still_valid(valid_until: NaiveDate) -> NaiveDate {
    let today = Utc::now().date_naive();
    let mut until = valid_until + demo_shift();
    while until <= today {
        until = until
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(until + Duration::days(365));
    }
    until
}

/// "Now" for demo timestamps: 9:00 on the day `seed` runs.
fn demo_epoch() -> DateTime<Utc> {
    written_for() + demo_shift()
}

/// What `seed` did.
pub struct SeedReport {
    pub enterprises: usize,
    pub products: usize,
    pub skipped: bool,
}

/// Loads the demo data unless the database already has enterprises.
///
/// # Errors
/// A database error; the whole load is one transaction, so a failure leaves
/// the database as it was.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    seed_demo_with(db, true).await
}

/// The demo data as a database from before English content held it (no
/// English titles or descriptions: their columns came with migration 19),
/// for tests that seed an older schema and then upgrade it.
///
/// # Errors
/// As [`seed_demo`].
pub async fn seed_demo_before_english(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    seed_demo_with(db, false).await
}

async fn seed_demo_with(db: &DatabaseConnection, english: bool) -> Result<SeedReport, DbErr> {
    if enterprise::Entity::find().count(db).await? > 0 {
        return Ok(SeedReport {
            enterprises: 0,
            products: 0,
            skipped: true,
        });
    }
    let mut files: Vec<DemoFile> = DEMO_FILES
        .iter()
        .enumerate()
        .map(|(i, s)| {
            serde_json::from_str(s).map_err(|e| DbErr::Custom(format!("seed demo file {i}: {e}")))
        })
        .collect::<Result<_, _>>()?;
    if !english {
        for p in files
            .iter_mut()
            .flat_map(|f| f.enterprises.iter_mut())
            .flat_map(|e| e.products.iter_mut())
        {
            p.title_en = None;
            p.description_en = None;
        }
    }
    // Hash before the transaction: argon2 is deliberately slow.
    let hashes: Vec<String> = DEMO_ACCOUNTS
        .iter()
        .map(|a| hash_password(a.password))
        .collect::<Result<_, _>>()?;

    // Curators' choices of featured products have their own table since
    // migration 18; on an older schema (the upgrade tests seed one) the demo
    // marks the products as that schema did, and migration 18 takes them over.
    let choices_table = migrations::SchemaManager::new(db)
        .has_table("featured_products")
        .await?;

    let txn = db.begin().await?;
    let now = demo_epoch();

    // The category tree is reference data (a migration); products name
    // theirs. Added here too where missing, so the demo loads on a schema
    // from before the tree was a migration (the upgrade tests do that).
    migrations::m20261204_000014_category_tree::add_tree(&txn).await?;
    let category_ids: HashMap<String, i32> = category::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();

    // Only the columns the demo needs: an upgrade test seeds a database
    // migrated only part of the way, before centres had all their columns.
    let centres: HashMap<String, i32> = regional_centre::Entity::find()
        .select_only()
        .column(regional_centre::Column::Slug)
        .column(regional_centre::Column::Id)
        .into_tuple::<(String, i32)>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let districts: HashMap<String, (i32, i32)> = district::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|d| (d.slug, (d.id, d.centre_id)))
        .collect();

    // Accounts
    let mut user_ids: HashMap<&str, i32> = HashMap::new();
    let mut curator_of_centre: HashMap<i32, i32> = HashMap::new();
    for (account, hash) in DEMO_ACCOUNTS.iter().zip(hashes) {
        let user = user::Entity::insert(user::ActiveModel {
            email: Set(account.email.into()),
            password_hash: Set(hash),
            display_name: Set(account.name.into()),
            locale: Set("bg".into()),
            created_at: Set(now),
            // The demo's addresses count as confirmed (nobody reads them).
            email_confirmed_at: Set(Some(now)),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let uid = user.last_insert_id;
        user_ids.insert(account.email, uid);
        let (role, centre) = match account.role.split_once(':') {
            Some((r, c)) => (r, centres.get(c).copied()),
            None => (account.role, None),
        };
        if role == "admin" || role == "curator" {
            user_role::Entity::insert(user_role::ActiveModel {
                user_id: Set(uid),
                role: Set(if role == "admin" {
                    UserRole::Admin
                } else {
                    UserRole::Curator
                }),
                centre_id: Set(centre),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        if let (Some(c), "curator") = (centre, role) {
            curator_of_centre.insert(c, uid);
        }
    }

    // Enterprises and products
    let mut enterprise_ids: HashMap<String, i32> = HashMap::new();
    let mut product_count = 0usize;
    let mut index = 0u32;
    let mut used_product_slugs: HashMap<String, u32> = HashMap::new();
    for file in &files {
        for e in &file.enterprises {
            index += 1;
            let (district_id, centre_id) = *districts.get(&e.district).ok_or_else(|| {
                DbErr::Custom(format!("unknown district {} of {}", e.district, e.slug))
            })?;
            // Spread ЕИКs over the number space; the loader computes the check digit.
            let eik = eik::complete9(10_000_000 + index * 1_234_567 % 89_000_000);
            // Most enterprises with a register entry have been verified by
            // their centre; every fifth waits in the curator's queue.
            let (status, verified_at, verified_by) = match (&e.register, index.is_multiple_of(5)) {
                (Some(_), false) => (
                    VerificationStatus::Verified,
                    Some(now - Duration::days(i64::from(index))),
                    curator_of_centre
                        .get(&centre_id)
                        .copied()
                        .or(user_ids.get("admin@demo.socialenpazar.bg").copied()),
                ),
                _ => (VerificationStatus::Unverified, None, None),
            };
            let created = now - Duration::days(200 - i64::from(index));
            let ent = enterprise::Entity::insert(enterprise::ActiveModel {
                slug: Set(e.slug.clone()),
                eik: Set(eik),
                name: Set(e.name.clone()),
                legal_form: Set(e.legal_form),
                district_id: Set(district_id),
                settlement: Set(e.settlement.clone()),
                address: Set(e.address.clone()),
                email: Set(e.email.clone()),
                phone: Set(e.phone.clone()),
                website: Set(e.website.clone()),
                description: Set(e.description.clone()),
                mission: Set(e.mission.clone()),
                logo_path: Set(None),
                employees_total: Set(e.employees_total),
                employees_vulnerable: Set(e.employees_vulnerable.min(e.employees_total)),
                profit_reinvested_pct: Set(e.profit_reinvested_pct.clamp(0, 100)),
                register_entry: Set(e.register.as_ref().map(|r| r.entry.clone())),
                register_class: Set(e.register.as_ref().map(|r| r.class)),
                certified_on: Set(e.register.as_ref().map(|r| r.certified_on)),
                certificate_valid_until: Set(e
                    .register
                    .as_ref()
                    .map(|r| still_valid(r.valid_until))),
                delivery_terms: Set(DEMO_DELIVERY[index as usize % DEMO_DELIVERY.len()].into()),
                pickup_terms: Set(format!(
                    "От {} в работно време, след уговорка по телефона.",
                    e.settlement
                )),
                payment_terms: Set(DEMO_PAYMENT[index as usize % DEMO_PAYMENT.len()].into()),
                verification_status: Set(status),
                verified_at: Set(verified_at),
                verified_by: Set(verified_by),
                verification_requested_at: Set(
                    (status == VerificationStatus::Unverified).then_some(created)
                ),
                created_at: Set(created),
                updated_at: Set(created),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            enterprise_ids.insert(e.slug.clone(), ent);
            for g in &e.impact_groups {
                enterprise_impact_group::Entity::insert(enterprise_impact_group::ActiveModel {
                    enterprise_id: Set(ent),
                    impact_group: Set(*g),
                })
                .exec_without_returning(&txn)
                .await?;
            }
            for (pi, p) in e.products.iter().enumerate() {
                let category_id = *category_ids.get(&p.category).ok_or_else(|| {
                    DbErr::Custom(format!("unknown category {} in {}", p.category, e.slug))
                })?;
                let slug = unique_slug(&mut used_product_slugs, &p.title);
                let created = now - Duration::hours(i64::from(index) * 37 + pi as i64 * 5);
                let product_id = insert_product(&txn, ent, category_id, p, slug, created).await?;
                // Each centre's curator features a few products: on the
                // centre's page for a month from today, every other one on
                // the home page as well.
                let featured = pi == 0 && index % 4 == 1;
                if featured && !choices_table {
                    product::Entity::update_many()
                        .col_expr(product::Column::FeaturedAt, Expr::value(created))
                        .filter(product::Column::Id.eq(product_id))
                        .exec(&txn)
                        .await?;
                } else if featured {
                    let today = now.date_naive();
                    featured_product::Entity::insert(featured_product::ActiveModel {
                        product_id: Set(product_id),
                        centre_id: Set(centre_id),
                        on_home: Set(index % 8 == 1),
                        starts_on: Set(today),
                        ends_on: Set(today + Duration::days(30)),
                        created_by: Set(curator_of_centre.get(&centre_id).copied()),
                        created_at: Set(now),
                        ..Default::default()
                    })
                    .exec_without_returning(&txn)
                    .await?;
                }
                product_count += 1;
            }
        }
    }

    // The demo enterprise members own the first two enterprises of the Varna
    // region, so that a network of two can be walked through with demo accounts.
    let first_two = files
        .first()
        .map(|f| f.enterprises.iter().take(2).collect::<Vec<_>>())
        .unwrap_or_default();
    for (email, e) in [
        "predpriyatie@demo.socialenpazar.bg",
        "predpriyatie2@demo.socialenpazar.bg",
    ]
    .into_iter()
    .zip(first_two)
    {
        if let (Some(uid), Some(eid)) = (user_ids.get(email), enterprise_ids.get(&e.slug)) {
            enterprise_member::Entity::insert(enterprise_member::ActiveModel {
                enterprise_id: Set(*eid),
                user_id: Set(*uid),
                role: Set(MemberRole::Owner),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
    }

    // Networks and events
    for file in &files {
        for n in &file.networks {
            let centre_id = *centres
                .get(&n.centre)
                .ok_or_else(|| DbErr::Custom(format!("unknown centre {}", n.centre)))?;
            let nid = network::Entity::insert(network::ActiveModel {
                slug: Set(n.slug.clone()),
                centre_id: Set(centre_id),
                name: Set(n.name.clone()),
                kind: Set(n.kind),
                description: Set(n.description.clone()),
                created_by: Set(curator_of_centre.get(&centre_id).copied()),
                created_at: Set(now - Duration::days(60)),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            for m in &n.members {
                let Some(eid) = enterprise_ids.get(m) else {
                    continue;
                };
                network_member::Entity::insert(network_member::ActiveModel {
                    network_id: Set(nid),
                    enterprise_id: Set(*eid),
                    status: Set(MembershipStatus::Approved),
                    created_at: Set(now - Duration::days(50)),
                    approved_at: Set(Some(now - Duration::days(45))),
                    approved_by: Set(curator_of_centre.get(&centre_id).copied()),
                    ..Default::default()
                })
                .exec(&txn)
                .await?;
            }
        }
        for ev in &file.events {
            let centre_id = *centres
                .get(&ev.centre)
                .ok_or_else(|| DbErr::Custom(format!("unknown centre {}", ev.centre)))?;
            let eid = event::Entity::insert(event::ActiveModel {
                slug: Set(ev.slug.clone()),
                centre_id: Set(centre_id),
                title: Set(ev.title.clone()),
                kind: Set(ev.kind),
                starts_at: Set(ev.starts_at.with_timezone(&Utc) + demo_shift()),
                ends_at: Set(ev.ends_at.with_timezone(&Utc) + demo_shift()),
                place: Set(ev.place.clone()),
                description: Set(ev.description.clone()),
                created_by: Set(curator_of_centre.get(&centre_id).copied()),
                created_at: Set(now - Duration::days(30)),
                ..Default::default()
            })
            .exec(&txn)
            .await?
            .last_insert_id;
            for p in &ev.participants {
                let Some(ent) = enterprise_ids.get(p) else {
                    continue;
                };
                event_participant::Entity::insert(event_participant::ActiveModel {
                    event_id: Set(eid),
                    enterprise_id: Set(*ent),
                    status: Set(ParticipationStatus::Confirmed),
                    created_at: Set(now - Duration::days(20)),
                    ..Default::default()
                })
                .exec(&txn)
                .await?;
            }
        }
    }

    txn.commit().await?;
    Ok(SeedReport {
        enterprises: enterprise_ids.len(),
        products: product_count,
        skipped: false,
    })
}

fn unique_slug(used: &mut HashMap<String, u32>, title: &str) -> String {
    let base = slugify(title, 80);
    let base = if base.is_empty() {
        "produkt".to_string()
    } else {
        base
    };
    let n = used.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}-{n}") }
}

async fn insert_product(
    db: &impl ConnectionTrait,
    enterprise_id: i32,
    category_id: i32,
    p: &ProductIn,
    slug: String,
    created: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let id = product::Entity::insert(product::ActiveModel {
        slug: Set(slug),
        enterprise_id: Set(enterprise_id),
        category_id: Set(category_id),
        title: Set(p.title.clone()),
        description: Set(p.description.clone()),
        // Left out when absent, so the demo also loads into a schema from
        // before these columns (see `seed_demo_before_english`).
        title_en: p.title_en.clone().map_or(NotSet, |t| Set(Some(t))),
        description_en: p.description_en.clone().map_or(NotSet, |t| Set(Some(t))),
        price_cents: Set(p.price_cents),
        currency: Set("EUR".into()),
        unit: Set(p.unit),
        availability: Set(p.availability),
        stock: Set(p.stock),
        min_order: Set(p.min_order.max(1)),
        status: Set(ProductStatus::Published),
        created_at: Set(created),
        updated_at: Set(created),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    let mut tags: Vec<&String> = p.tags.iter().collect();
    tags.sort();
    tags.dedup();
    for tag in tags {
        product_tag::Entity::insert(product_tag::ActiveModel {
            product_id: Set(id),
            tag: Set(tag.clone()),
        })
        .exec_without_returning(db)
        .await?;
    }
    outbox::Entity::insert(outbox::ActiveModel {
        entity_type: Set("product".into()),
        entity_id: Set(id),
        created_at: Set(created),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(id)
}

/// Adds `count` generated products (variations of the demo products, spread
/// over the existing enterprises) for benchmarks. Runs in batches of 500.
///
/// # Errors
/// A database error; batches already committed stay.
pub async fn seed_synthetic(db: &DatabaseConnection, count: u32) -> Result<u32, DbErr> {
    let files: Vec<DemoFile> = DEMO_FILES
        .iter()
        .map(|s| serde_json::from_str(s).map_err(|e| DbErr::Custom(e.to_string())))
        .collect::<Result<_, _>>()?;
    let templates: Vec<ProductIn> = files
        .iter()
        .flat_map(|f| {
            f.enterprises
                .iter()
                .flat_map(|e| e.products.iter().cloned())
        })
        // The variants' titles differ from the English ones.
        .map(|p| ProductIn {
            title_en: None,
            description_en: None,
            ..p
        })
        .collect();
    let enterprises: Vec<i32> = enterprise::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let categories: HashMap<String, i32> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.slug, c.id))
        .collect();
    if enterprises.is_empty() || templates.is_empty() {
        return Err(DbErr::Custom(
            "run `server seed` first: synthetic products need enterprises".into(),
        ));
    }
    let start = product::Entity::find().count(db).await? as u32;
    const VARIANTS: [&str; 8] = [
        "",
        "подаръчна опаковка",
        "голяма разфасовка",
        "ръчна изработка",
        "сезонно издание",
        "малка разфасовка",
        "специална серия",
        "комплект",
    ];
    let now = Utc::now();
    let mut done = 0u32;
    while done < count {
        let txn = db.begin().await?;
        let batch = (count - done).min(500);
        for i in 0..batch {
            let n = start + done + i;
            let t = &templates[n as usize % templates.len()];
            let variant = VARIANTS[(n as usize / templates.len()) % VARIANTS.len()];
            let mut p = t.clone();
            if !variant.is_empty() {
                p.title = format!("{}, {variant}", t.title);
            }
            p.price_cents = t.price_cents + i64::from(n % 97) * 5;
            let ent = enterprises[(n as usize * 7) % enterprises.len()];
            let Some(cat) = categories.get(&p.category) else {
                continue;
            };
            let slug = format!("{}-s{n}", slugify(&p.title, 60));
            insert_product(
                &txn,
                ent,
                *cat,
                &p,
                slug,
                now - Duration::minutes(i64::from(n)),
            )
            .await?;
        }
        txn.commit().await?;
        done += batch;
    }
    Ok(done)
}

/// Whether a demo account's e-mail exists (used by tests).
pub async fn has_user(db: &DatabaseConnection, email: &str) -> Result<bool, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .count(db)
        .await?
        > 0)
}
