//! The schema, the reference data and the demo data on every database.

use crate::common;

use app::domain::{Availability, ProductStatus, Unit};
use app::server::entities::*;
use app::server::kernel::db::{Unique, unique_violated};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, Statement};

#[tokio::test]
async fn migrations_are_idempotent_and_load_the_six_centres() {
    for t in common::all_databases().await {
        // A second run applies nothing and fails on nothing.
        app::server::kernel::db::migrate(&t.db)
            .await
            .expect("second migrate");
        let centres = regional_centre::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(centres.len(), 6, "{}", t.label);
        assert_eq!(
            district::Entity::find().count(&t.db).await.unwrap(),
            28,
            "{}",
            t.label
        );
        let varna = centres.iter().find(|c| c.slug == "varna").unwrap();
        assert_eq!(varna.address_bg, "ул. „Цар Симеон I“ № 26, Варна");
        let varna_districts = district::Entity::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|d| d.centre_id == varna.id)
            .map(|d| d.name_bg)
            .collect::<Vec<_>>();
        assert_eq!(varna_districts, ["Варна", "Добрич", "Търговище", "Шумен"]);
        t.drop_db().await;
    }
}

/// Two app servers starting together on an empty PostgreSQL: one applies
/// the migrations while the other waits, and both start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_migrating_at_once_both_succeed() {
    let Some(t) = common::postgres_unmigrated().await else {
        eprintln!("no PostgreSQL: skipped");
        return;
    };
    let other = app::server::kernel::db::connect(&t.url).await.unwrap();
    let (a, b) = tokio::join!(
        app::server::kernel::db::migrate(&t.db),
        app::server::kernel::db::migrate(&other)
    );
    a.expect("first server");
    b.expect("second server");
    assert_eq!(
        regional_centre::Entity::find().count(&t.db).await.unwrap(),
        6
    );
    t.drop_db().await;
}

#[tokio::test]
async fn demo_data_is_complete_valid_and_loaded_once() {
    for t in common::all_databases().await {
        let report = server::seed::seed_demo(&t.db).await.expect("seed");
        assert!(!report.skipped);
        let enterprises = enterprise::Entity::find().all(&t.db).await.unwrap();
        assert!(enterprises.len() >= 60, "{} enterprises", enterprises.len());
        for e in &enterprises {
            assert!(
                app::eik::validate(&e.eik).is_ok(),
                "bad ЕИК {} of {}",
                e.eik,
                e.slug
            );
        }
        let products = product::Entity::find().count(&t.db).await.unwrap();
        assert!(products >= 600, "{products} products");
        assert!(network::Entity::find().count(&t.db).await.unwrap() >= 6);
        let events = event::Entity::find().all(&t.db).await.unwrap();
        assert!(events.len() >= 10);
        // The demo's dates move to the day of the seed, ends with starts.
        for ev in &events {
            assert!(
                ev.ends_at > ev.starts_at,
                "{} ends before it starts",
                ev.slug
            );
        }
        // Every centre has enterprises of its own.
        let districts = district::Entity::find().all(&t.db).await.unwrap();
        for centre in 1..=6 {
            let n = enterprises
                .iter()
                .filter(|e| {
                    districts
                        .iter()
                        .any(|d| d.id == e.district_id && d.centre_id == centre)
                })
                .count();
            assert!(n >= 5, "centre {centre} has {n} enterprises");
        }
        for account in server::seed::DEMO_ACCOUNTS {
            assert!(server::seed::has_user(&t.db, account.email).await.unwrap());
        }
        // Every demo product waits for the search index.
        assert_eq!(outbox::Entity::find().count(&t.db).await.unwrap(), products);

        // A second seed adds nothing.
        let again = server::seed::seed_demo(&t.db).await.expect("second seed");
        assert!(again.skipped);
        assert_eq!(
            product::Entity::find().count(&t.db).await.unwrap(),
            products
        );
        assert_eq!(
            user::Entity::find().count(&t.db).await.unwrap(),
            server::seed::DEMO_ACCOUNTS.len() as u64
        );

        // Synthetic products for benchmarks come on top.
        let added = server::seed::seed_synthetic(&t.db, 120)
            .await
            .expect("synthetic");
        assert_eq!(added, 120);
        assert_eq!(
            product::Entity::find().count(&t.db).await.unwrap(),
            products + 120
        );
        t.drop_db().await;
    }
}

#[tokio::test]
async fn constraints_hold_on_every_database() {
    for t in common::all_databases().await {
        server::seed::seed_demo(&t.db).await.expect("seed");
        let first = enterprise::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let now = chrono::Utc::now();

        // A product of an enterprise that does not exist.
        let orphan = product::Entity::insert(product::ActiveModel {
            slug: Set("orphan".into()),
            enterprise_id: Set(999_999),
            category_id: Set(1),
            title: Set("x".into()),
            description: Set("x".into()),
            price_cents: Set(100),
            currency: Set("EUR".into()),
            unit: Set(Unit::Piece),
            availability: Set(Availability::InStock),
            min_order: Set(1),
            status: Set(ProductStatus::Draft),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&t.db)
        .await;
        assert!(orphan.is_err(), "{}: foreign key not enforced", t.label);

        // A second enterprise with the same ЕИК.
        let mut dup: enterprise::ActiveModel = first.clone().into();
        dup.id = sea_orm::ActiveValue::NotSet;
        dup.slug = Set("another-slug".into());
        let err = enterprise::Entity::insert(dup)
            .exec(&t.db)
            .await
            .unwrap_err();
        assert_eq!(
            unique_violated(&err),
            Some(Unique::EnterpriseEik),
            "{}: ЕИК not unique, or not told apart: {err}",
            t.label
        );

        // A second enterprise with the same slug.
        let mut dup: enterprise::ActiveModel = first.clone().into();
        dup.id = sea_orm::ActiveValue::NotSet;
        dup.eik = Set(app::eik::complete9(99_999_998));
        let err = enterprise::Entity::insert(dup)
            .exec(&t.db)
            .await
            .unwrap_err();
        assert_eq!(
            unique_violated(&err),
            Some(Unique::EnterpriseSlug),
            "{}: slug not unique, or reported as something else: {err}",
            t.label
        );

        // The same enterprise twice in a network.
        let member = network_member::Entity::find()
            .one(&t.db)
            .await
            .unwrap()
            .expect("demo networks have members");
        let mut dup: network_member::ActiveModel = member.into();
        dup.id = sea_orm::ActiveValue::NotSet;
        let err = network_member::Entity::insert(dup)
            .exec(&t.db)
            .await
            .unwrap_err();
        assert_eq!(
            unique_violated(&err),
            Some(Unique::NetworkMember),
            "{}: {err}",
            t.label
        );
        t.drop_db().await;
    }
}

#[tokio::test]
async fn sqlite_is_durable_and_enforces_foreign_keys() {
    let t = common::sqlite().await;
    let pragma = |name: &str| {
        let db = t.db.clone();
        let sql = format!("PRAGMA {name}");
        async move {
            let row = db
                .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap()
        }
    };
    assert_eq!(pragma("journal_mode").await, "wal");
    assert_eq!(pragma("synchronous").await, "2", "synchronous=FULL");
    assert_eq!(pragma("foreign_keys").await, "1");
}

/// The database itself refuses a value the code does not know (the CHECK
/// constraints of migration 11), on SQLite and PostgreSQL, and the refusal
/// changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_unknown_domain_values() {
    use sea_orm::ConnectionTrait;
    for t in common::all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let before = common::fingerprint(&t.db).await;
        // (Tables the demo fills, so each statement meets rows.)
        for sql in [
            "UPDATE products SET status = 'archived'",
            "UPDATE products SET unit = 'ton'",
            "UPDATE enterprises SET verification_status = 'trusted'",
            "UPDATE enterprises SET register_class = 'B'",
            "UPDATE enterprise_members SET role = 'boss'",
            "UPDATE network_members SET status = 'maybe'",
            "UPDATE events SET kind = 'party'",
            "UPDATE user_roles SET role = 'superuser'",
        ] {
            let refused = t.db.execute_unprepared(sql).await;
            assert!(refused.is_err(), "{}: {sql} was accepted", t.label);
        }
        common::assert_same(&before, &common::fingerprint(&t.db).await, t.label);
        // NULL stays allowed where the column is optional.
        t.db.execute_unprepared("UPDATE enterprises SET register_class = NULL WHERE id = 1")
            .await
            .unwrap();
        t.drop_db().await;
    }
}

/// Adding the checks to a database that already holds data (an upgrade)
/// keeps every row and every reference: SQLite rebuilds its tables, and
/// nothing may be lost or left dangling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_the_checks_to_a_filled_database_keeps_every_row() {
    use migrations::{Migrator, MigratorTrait};
    for label in ["sqlite", "postgres"] {
        let Some(t) = (match label {
            "sqlite" => Some(common::sqlite_unmigrated().await),
            _ => common::postgres_unmigrated().await,
        }) else {
            continue;
        };
        // Everything up to the checks, then data, then the checks.
        Migrator::up(&t.db, Some(11)).await.unwrap();
        server::seed::seed_demo_before_english(&t.db).await.unwrap();
        let before = common::fingerprint(&t.db).await;
        app::server::kernel::db::migrate_steps(&t.db, 1)
            .await
            .unwrap();
        common::assert_same(&before, &common::fingerprint(&t.db).await, label);
        // The later ones replace checks (rebuilding notices and the audit
        // log on SQLite) and give events, users and centres columns, empty for every
        // row, and products English columns, empty until written: those
        // rows keep their values and end in the new columns.
        app::server::kernel::db::migrate(&t.db).await.unwrap();
        let after = common::fingerprint(&t.db).await;
        const WIDER: [&str; 4] = ["events\n", "users\n", "regional_centres\n", "products\n"];
        let rows = |fp: &str, table: &str| -> Vec<String> {
            fp.split("== ")
                .find(|block| block.starts_with(table))
                .map(|block| block.lines().skip(1).map(str::to_owned).collect())
                .unwrap_or_default()
        };
        for table in WIDER {
            let (old, new) = (rows(&before, table), rows(&after, table));
            assert_eq!(old.len(), new.len(), "{label}: {table}");
            for (o, n) in old.iter().zip(&new) {
                let o = o.trim_end_matches(')');
                assert!(n.starts_with(o), "{label}: {o} became {n}");
            }
        }
        // Tables that came later hold only their reference data, or (the
        // curators' choices) what they took over from the products; and
        // migration 18 queues every product for the search index.
        const NEW: [&str; 4] = [
            "site_pages\n",
            "category_redirects\n",
            "featured_products\n",
            "outbox\n",
        ];
        let rest = |fp: &str| {
            fp.split("== ")
                .filter(|block| !WIDER.iter().chain(&NEW).any(|t| block.starts_with(t)))
                .collect::<Vec<_>>()
                .join("== ")
        };
        common::assert_same(&rest(&before), &rest(&after), label);
        // Each product the old schema marked featured is a home-page choice.
        use app::server::entities::{featured_product, product};
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let marked = product::Entity::find()
            .filter(product::Column::FeaturedAt.is_not_null())
            .count(&t.db)
            .await
            .unwrap();
        let chosen = featured_product::Entity::find()
            .filter(featured_product::Column::OnHome.eq(true))
            .count(&t.db)
            .await
            .unwrap();
        assert!(marked > 0, "{label}: the old demo marks some");
        assert_eq!(marked, chosen, "{label}");
        t.drop_db().await;
    }
}
