//! The category tree (Bulgarian and English names) is reference data, as
//! the centres and districts are: a clean install needs it before any
//! enterprise can list a product. Admins change it later; this migration
//! only adds the categories whose address is not taken yet, so an install
//! that had them from the demo data keeps its own.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000014_category_tree"
    }
}

pub struct Category {
    pub slug: &'static str,
    pub bg: &'static str,
    pub en: &'static str,
    /// (slug, Bulgarian name, English name)
    pub children: &'static [(&'static str, &'static str, &'static str)],
}

/// The tree, top categories in the order the home page shows them.
pub const TREE: &[Category] = &[
    Category {
        slug: "hrani",
        bg: "Храни и напитки",
        en: "Food and drink",
        children: &[
            ("med", "Мед и пчелни продукти", "Honey and bee products"),
            ("hlyab", "Хляб и тестени изделия", "Bread and pastry"),
            (
                "zimnina",
                "Сладка, конфитюри и зимнина",
                "Jams and preserves",
            ),
            ("bilki", "Билки и чайове", "Herbs and teas"),
            ("mlechni", "Млечни продукти", "Dairy"),
            ("sladkarstvo", "Сладкарски изделия", "Sweets and cakes"),
        ],
    },
    Category {
        slug: "zanayati",
        bg: "Занаяти",
        en: "Crafts",
        children: &[
            ("keramika", "Керамика", "Ceramics"),
            ("darvo", "Изделия от дърво", "Woodwork"),
            ("suveniri", "Сувенири и подаръци", "Souvenirs and gifts"),
            ("sveshti", "Свещи", "Candles"),
            ("bizhuta", "Бижута", "Jewellery"),
        ],
    },
    Category {
        slug: "tekstil",
        bg: "Текстил",
        en: "Textiles",
        children: &[
            ("tahani", "Тъкани и килими", "Weaving and rugs"),
            ("pletiva", "Плетива", "Knitwear"),
            ("obleklo", "Облекло", "Clothing"),
            ("chanti", "Чанти и аксесоари", "Bags and accessories"),
        ],
    },
    Category {
        slug: "kozmetika",
        bg: "Козметика",
        en: "Cosmetics",
        children: &[
            ("sapuni", "Сапуни", "Soaps"),
            ("kremove", "Кремове и масла", "Creams and oils"),
        ],
    },
    Category {
        slug: "dom-i-gradina",
        bg: "Дом и градина",
        en: "Home and garden",
        children: &[
            ("rasteniya", "Растения и разсад", "Plants and seedlings"),
            ("mebeli", "Мебели", "Furniture"),
            ("domakinstvo", "Домакински изделия", "Household goods"),
        ],
    },
    Category {
        slug: "pechat",
        bg: "Печат и книговезане",
        en: "Printing and bookbinding",
        children: &[
            ("pechatni-uslugi", "Печатни услуги", "Print services"),
            (
                "knigovezane",
                "Книговезане и хартия",
                "Bookbinding and paper",
            ),
        ],
    },
    Category {
        slug: "uslugi",
        bg: "Услуги",
        en: "Services",
        children: &[
            ("ketaring", "Кетъринг", "Catering"),
            ("pochistvane", "Почистване", "Cleaning"),
            ("shivashki-uslugi", "Шивашки услуги", "Tailoring"),
            (
                "ozelenyavane",
                "Озеленяване и поддръжка",
                "Gardening and maintenance",
            ),
            ("remonti", "Ремонти", "Repairs"),
        ],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add_tree(m.get_connection()).await
    }
}

/// Adds every category of [`TREE`] whose address is not taken (the demo
/// loader calls it too, so it also works on a schema older than this).
///
/// # Errors
/// The database's.
pub async fn add_tree<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    for (pos, top) in TREE.iter().enumerate() {
        let parent = add(db, top.slug, top.bg, top.en, None, pos).await?;
        for (cpos, (slug, bg, en)) in top.children.iter().enumerate() {
            add(db, slug, bg, en, Some(parent), cpos).await?;
        }
    }
    Ok(())
}

/// Adds a category unless its address is taken; returns its id either way.
async fn add<C: ConnectionTrait>(
    db: &C,
    slug: &str,
    bg: &str,
    en: &str,
    parent: Option<i32>,
    position: usize,
) -> Result<i32, DbErr> {
    if let Some(id) = id_of(db, slug).await? {
        return Ok(id);
    }
    let insert = Query::insert()
        .into_table(Alias::new("categories"))
        .columns(["slug", "parent_id", "name_bg", "name_en", "position"].map(Alias::new))
        .values_panic([
            slug.into(),
            parent.into(),
            bg.into(),
            en.into(),
            (position as i32).into(),
        ])
        .to_owned();
    db.execute(&insert).await?;
    id_of(db, slug)
        .await?
        .ok_or_else(|| DbErr::Migration(format!("category {slug} not added")))
}

async fn id_of<C: ConnectionTrait>(db: &C, slug: &str) -> Result<Option<i32>, DbErr> {
    let select = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("categories"))
        .and_where(Expr::col(Alias::new("slug")).eq(slug))
        .to_owned();
    let row = db.query_one(&select).await?;
    row.map(|r| r.try_get_by_index::<i32>(0)).transpose()
}
