//! CSV import benchmark: prints figures, asserts nothing.
//!
//! An enterprise imports a 10,000-line catalogue into a fresh SQLite
//! database with the demo data. Reported: parsing and checking the file
//! alone (the baseline), and the whole import (every line checked, then all
//! saved in one transaction with their tags and outbox rows), as seconds and
//! as a ratio to the baseline measured in the same run.

use std::time::Instant;

use app::server::workspace::csv;
use app::server::workspace::products;

const LINES: usize = 10_000;

fn catalogue() -> Vec<u8> {
    let mut csv = String::from(
        "slug;title;description;category;price;unit;availability;stock;min_order;tags;status\n",
    );
    for i in 0..LINES {
        csv.push_str(&format!(
            ";Вълнени чорапи модел {i};Плетени на ръка от овча вълна, размер {};pletiva;{},{:02};piece;in_stock;{};1;вълна|чорапи|модел {};published\n",
            36 + i % 10,
            5 + i % 40,
            i % 100,
            i % 50,
            i % 30
        ));
    }
    csv.into_bytes()
}

fn main() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        );
        let db = app::server::kernel::db::connect(&url).await.expect("db");
        app::server::kernel::db::migrate(&db)
            .await
            .expect("migrate");
        server::seed::seed_demo(&db).await.expect("seed");
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let user = app::server::entities::user::Entity::find()
            .filter(
                app::server::entities::user::Column::Email.eq("predpriyatie@demo.socialenpazar.bg"),
            )
            .one(&db)
            .await
            .expect("query")
            .expect("demo owner");
        let owner = app::server::auth::load(&db, user.id)
            .await
            .expect("load")
            .expect("enabled");
        let enterprise = owner.memberships[0].0;
        let bytes = catalogue();

        let t = Instant::now();
        let parsed = csv::parse(&bytes).expect("a good file");
        let parse = t.elapsed().as_secs_f64();
        assert_eq!(parsed.len(), LINES);

        let t = Instant::now();
        let summary = products::import_csv(&db, &owner, enterprise, &bytes)
            .await
            .map_err(|_| "import failed")
            .expect("import");
        let import = t.elapsed().as_secs_f64();
        println!("   file: {LINES} lines, {} KB", bytes.len() / 1024);
        println!("   parse and check only : {parse:7.3} s   1.00x");
        println!(
            "   whole import         : {import:7.3} s   {:.1}x  ({} created; target: seconds)",
            import / parse,
            summary.created
        );
    });
}
