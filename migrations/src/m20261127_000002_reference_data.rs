//! Reference data that is a fact of the domain rather than demo content: the
//! six regional centres, the planning regions (NUTS-2) they serve and the 28
//! districts. Production needs these as much as the demo does.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000002_reference_data"
    }
}

struct Centre {
    slug: &'static str,
    city_bg: &'static str,
    city_en: &'static str,
    region_bg: &'static str,
    region_en: &'static str,
    nuts: &'static str,
    address_bg: &'static str,
    address_en: &'static str,
    districts: &'static [(&'static str, &'static str, &'static str)],
}

const CENTRES: &[Centre] = &[
    Centre {
        slug: "varna",
        city_bg: "Варна",
        city_en: "Varna",
        region_bg: "Североизточен район",
        region_en: "North-East region",
        nuts: "BG33",
        address_bg: "ул. „Цар Симеон I“ № 26, Варна",
        address_en: "26 Tsar Simeon I St, Varna",
        districts: &[
            ("varna", "Варна", "Varna"),
            ("dobrich", "Добрич", "Dobrich"),
            ("targovishte", "Търговище", "Targovishte"),
            ("shumen", "Шумен", "Shumen"),
        ],
    },
    Centre {
        slug: "burgas",
        city_bg: "Бургас",
        city_en: "Burgas",
        region_bg: "Югоизточен район",
        region_en: "South-East region",
        nuts: "BG34",
        address_bg: "Бургас",
        address_en: "Burgas",
        districts: &[
            ("burgas", "Бургас", "Burgas"),
            ("sliven", "Сливен", "Sliven"),
            ("stara-zagora", "Стара Загора", "Stara Zagora"),
            ("yambol", "Ямбол", "Yambol"),
        ],
    },
    Centre {
        slug: "lovech",
        city_bg: "Ловеч",
        city_en: "Lovech",
        region_bg: "Северозападен район",
        region_en: "North-West region",
        nuts: "BG31",
        address_bg: "Ловеч",
        address_en: "Lovech",
        districts: &[
            ("vidin", "Видин", "Vidin"),
            ("vratsa", "Враца", "Vratsa"),
            ("lovech", "Ловеч", "Lovech"),
            ("montana", "Монтана", "Montana"),
            ("pleven", "Плевен", "Pleven"),
        ],
    },
    Centre {
        slug: "gabrovo",
        city_bg: "Габрово",
        city_en: "Gabrovo",
        region_bg: "Северен централен район",
        region_en: "North Central region",
        nuts: "BG32",
        address_bg: "Габрово",
        address_en: "Gabrovo",
        districts: &[
            ("veliko-tarnovo", "Велико Търново", "Veliko Tarnovo"),
            ("gabrovo", "Габрово", "Gabrovo"),
            ("razgrad", "Разград", "Razgrad"),
            ("ruse", "Русе", "Ruse"),
            ("silistra", "Силистра", "Silistra"),
        ],
    },
    Centre {
        slug: "plovdiv",
        city_bg: "Пловдив",
        city_en: "Plovdiv",
        region_bg: "Южен централен район",
        region_en: "South Central region",
        nuts: "BG42",
        address_bg: "Пловдив",
        address_en: "Plovdiv",
        districts: &[
            ("kardzhali", "Кърджали", "Kardzhali"),
            ("pazardzhik", "Пазарджик", "Pazardzhik"),
            ("plovdiv", "Пловдив", "Plovdiv"),
            ("smolyan", "Смолян", "Smolyan"),
            ("haskovo", "Хасково", "Haskovo"),
        ],
    },
    Centre {
        slug: "blagoevgrad",
        city_bg: "Благоевград",
        city_en: "Blagoevgrad",
        region_bg: "Югозападен район",
        region_en: "South-West region",
        nuts: "BG41",
        address_bg: "Благоевград",
        address_en: "Blagoevgrad",
        districts: &[
            ("blagoevgrad", "Благоевград", "Blagoevgrad"),
            ("kyustendil", "Кюстендил", "Kyustendil"),
            ("pernik", "Перник", "Pernik"),
            ("sofia-oblast", "София (област)", "Sofia Province"),
            ("sofia-grad", "София (столица)", "Sofia City"),
        ],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        for (i, c) in CENTRES.iter().enumerate() {
            let centre_id = i as i32 + 1;
            let insert = Query::insert()
                .into_table(Alias::new("regional_centres"))
                .columns(
                    [
                        "id",
                        "slug",
                        "name_bg",
                        "name_en",
                        "city_bg",
                        "city_en",
                        "region_bg",
                        "region_en",
                        "nuts_code",
                        "address_bg",
                        "address_en",
                        "email",
                        "phone",
                    ]
                    .map(Alias::new),
                )
                .values_panic([
                    centre_id.into(),
                    c.slug.into(),
                    format!("Регионален център {}", c.city_bg).into(),
                    format!("{} Regional Centre", c.city_en).into(),
                    c.city_bg.into(),
                    c.city_en.into(),
                    c.region_bg.into(),
                    c.region_en.into(),
                    c.nuts.into(),
                    c.address_bg.into(),
                    c.address_en.into(),
                    format!("{}@socialenpazar.bg", c.slug).into(),
                    "".into(),
                ])
                .to_owned();
            m.exec_stmt(insert).await?;
            for (slug, bg, en) in c.districts {
                let insert = Query::insert()
                    .into_table(Alias::new("districts"))
                    .columns(["slug", "centre_id", "name_bg", "name_en"].map(Alias::new))
                    .values_panic([(*slug).into(), centre_id.into(), (*bg).into(), (*en).into()])
                    .to_owned();
                m.exec_stmt(insert).await?;
            }
        }
        // PostgreSQL's sequence does not move when ids are given explicitly.
        if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            db.execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('regional_centres', 'id'), (SELECT MAX(id) FROM regional_centres))",
            )
            .await?;
        }
        Ok(())
    }
}
