//! The whole schema of the design: people and their roles, the regional
//! centres, enterprises and their goods, networks, events, order requests,
//! favourites, the audit log and the search outbox.

use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000001_schema"
    }
}

/// Identifiers are plain names; `Alias` keeps the tables readable as a list.
fn n(name: &'static str) -> Alias {
    Alias::new(name)
}

fn fk(table: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(n(table), n(column))
        .to(n(to), n("id"))
        .to_owned()
}

fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_")))
        .table(n(table))
        .if_not_exists();
    for c in columns {
        stmt.col(n(c));
    }
    stmt.to_owned()
}

fn unique(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = index(table, columns);
    stmt.name(format!("ux_{table}_{}", columns.join("_")))
        .unique();
    stmt
}

fn created_at() -> ColumnDef {
    timestamp_with_time_zone(n("created_at"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            // --- people ---------------------------------------------------
            Table::create()
                .table(n("users"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("email"), 254))
                .col(string(n("password_hash")))
                .col(string_len(n("display_name"), 120))
                .col(string_len(n("locale"), 2).default("bg"))
                .col(timestamp_with_time_zone_null(n("disabled_at")))
                .col(created_at())
                .to_owned(),
            Table::create()
                .table(n("regional_centres"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 80))
                .col(string(n("name_bg")))
                .col(string(n("name_en")))
                .col(string(n("city_bg")))
                .col(string(n("city_en")))
                .col(string(n("region_bg")))
                .col(string(n("region_en")))
                .col(string(n("nuts_code")))
                .col(string(n("address_bg")))
                .col(string(n("address_en")))
                .col(string(n("email")))
                .col(string(n("phone")))
                .to_owned(),
            Table::create()
                .table(n("districts"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 80))
                .col(integer(n("centre_id")))
                .col(string(n("name_bg")))
                .col(string(n("name_en")))
                .foreign_key(&mut fk("districts", "centre_id", "regional_centres"))
                .to_owned(),
            // A user's roles beyond "buyer", which everyone has: admin, or
            // curator of exactly one centre.
            Table::create()
                .table(n("user_roles"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("user_id")))
                .col(string_len(n("role"), 20))
                .col(integer_null(n("centre_id")))
                .col(created_at())
                .foreign_key(
                    &mut fk("user_roles", "user_id", "users")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("user_roles", "centre_id", "regional_centres"))
                .to_owned(),
            Table::create()
                .table(n("sessions"))
                .if_not_exists()
                .col(string_len(n("id"), 64).primary_key())
                .col(integer_null(n("user_id")))
                .col(text(n("data")))
                .col(timestamp_with_time_zone(n("expires_at")))
                .foreign_key(
                    &mut fk("sessions", "user_id", "users")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            // --- enterprises and their goods --------------------------------
            Table::create()
                .table(n("enterprises"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 120))
                .col(string_len_uniq(n("eik"), 13))
                .col(string_len(n("name"), 200))
                .col(string_len(n("legal_form"), 40))
                .col(integer(n("district_id")))
                .col(string_len(n("settlement"), 120))
                .col(string_len(n("address"), 300))
                .col(string_len(n("email"), 254))
                .col(string_len(n("phone"), 40))
                .col(string_len_null(n("website"), 300))
                .col(text(n("description")))
                .col(text(n("mission")))
                .col(string_null(n("logo_path")))
                .col(integer(n("employees_total")).default(0))
                .col(integer(n("employees_vulnerable")).default(0))
                .col(integer(n("profit_reinvested_pct")).default(0))
                .col(string_len_null(n("register_entry"), 40))
                .col(string_len_null(n("register_class"), 4))
                .col(date_null(n("certified_on")))
                .col(date_null(n("certificate_valid_until")))
                .col(string_len(n("verification_status"), 20).default("unverified"))
                .col(timestamp_with_time_zone_null(n("verified_at")))
                .col(integer_null(n("verified_by")))
                .col(text_null(n("verification_note")))
                .col(timestamp_with_time_zone_null(n("suspended_at")))
                .col(text_null(n("suspension_reason")))
                .col(created_at())
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("enterprises", "district_id", "districts"))
                .foreign_key(&mut fk("enterprises", "verified_by", "users"))
                .to_owned(),
            Table::create()
                .table(n("enterprise_impact_groups"))
                .if_not_exists()
                .col(integer(n("enterprise_id")))
                .col(string_len(n("impact_group"), 40))
                .primary_key(
                    Index::create()
                        .col(n("enterprise_id"))
                        .col(n("impact_group")),
                )
                .foreign_key(
                    &mut fk("enterprise_impact_groups", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            Table::create()
                .table(n("enterprise_members"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("enterprise_id")))
                .col(integer(n("user_id")))
                .col(string_len(n("role"), 20))
                .col(created_at())
                .foreign_key(
                    &mut fk("enterprise_members", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(
                    &mut fk("enterprise_members", "user_id", "users")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            Table::create()
                .table(n("enterprise_invitations"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("enterprise_id")))
                .col(string_len(n("email"), 254))
                .col(integer(n("invited_by")))
                .col(created_at())
                .col(timestamp_with_time_zone_null(n("accepted_at")))
                .foreign_key(
                    &mut fk("enterprise_invitations", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("enterprise_invitations", "invited_by", "users"))
                .to_owned(),
            Table::create()
                .table(n("categories"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 80))
                .col(integer_null(n("parent_id")))
                .col(string(n("name_bg")))
                .col(string(n("name_en")))
                .col(integer(n("position")).default(0))
                .foreign_key(&mut fk("categories", "parent_id", "categories"))
                .to_owned(),
            Table::create()
                .table(n("products"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 160))
                .col(integer(n("enterprise_id")))
                .col(integer(n("category_id")))
                .col(string_len(n("title"), 200))
                .col(text(n("description")))
                .col(big_integer(n("price_cents")))
                .col(string_len(n("currency"), 3).default("EUR"))
                .col(string_len(n("unit"), 10))
                .col(string_len(n("availability"), 20))
                .col(integer_null(n("stock")))
                .col(integer(n("min_order")).default(1))
                .col(string_len(n("status"), 20).default("draft"))
                .col(text_null(n("hidden_reason")))
                .col(timestamp_with_time_zone_null(n("featured_at")))
                .col(timestamp_with_time_zone_null(n("archived_at")))
                .col(created_at())
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(
                    &mut fk("products", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("products", "category_id", "categories"))
                .to_owned(),
            Table::create()
                .table(n("product_tags"))
                .if_not_exists()
                .col(integer(n("product_id")))
                .col(string_len(n("tag"), 40))
                .primary_key(Index::create().col(n("product_id")).col(n("tag")))
                .foreign_key(
                    &mut fk("product_tags", "product_id", "products")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            Table::create()
                .table(n("product_images"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("product_id")))
                .col(integer(n("position")))
                .col(string(n("path")))
                .col(string(n("thumb_path")))
                .col(integer(n("width")))
                .col(integer(n("height")))
                .col(string_len(n("alt"), 200))
                .col(created_at())
                .foreign_key(
                    &mut fk("product_images", "product_id", "products")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            // --- networks and events ----------------------------------------
            Table::create()
                .table(n("networks"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 120))
                .col(integer(n("centre_id")))
                .col(string_len(n("name"), 200))
                .col(string_len(n("kind"), 20))
                .col(text(n("description")))
                .col(string_null(n("logo_path")))
                .col(integer_null(n("created_by")))
                .col(created_at())
                .foreign_key(&mut fk("networks", "centre_id", "regional_centres"))
                .foreign_key(&mut fk("networks", "created_by", "users"))
                .to_owned(),
            Table::create()
                .table(n("network_members"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("network_id")))
                .col(integer(n("enterprise_id")))
                .col(string_len(n("status"), 20))
                .col(created_at())
                .col(timestamp_with_time_zone_null(n("approved_at")))
                .col(integer_null(n("approved_by")))
                .foreign_key(
                    &mut fk("network_members", "network_id", "networks")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(
                    &mut fk("network_members", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("network_members", "approved_by", "users"))
                .to_owned(),
            Table::create()
                .table(n("events"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len_uniq(n("slug"), 160))
                .col(integer(n("centre_id")))
                .col(string_len(n("title"), 200))
                .col(string_len(n("kind"), 20))
                .col(timestamp_with_time_zone(n("starts_at")))
                .col(timestamp_with_time_zone(n("ends_at")))
                .col(string_len(n("place"), 300))
                .col(text(n("description")))
                .col(integer_null(n("created_by")))
                .col(created_at())
                .foreign_key(&mut fk("events", "centre_id", "regional_centres"))
                .foreign_key(&mut fk("events", "created_by", "users"))
                .to_owned(),
            Table::create()
                .table(n("event_participants"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("event_id")))
                .col(integer(n("enterprise_id")))
                .col(string_len(n("status"), 20))
                .col(created_at())
                .foreign_key(
                    &mut fk("event_participants", "event_id", "events")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(
                    &mut fk("event_participants", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            // --- buyers ------------------------------------------------------
            Table::create()
                .table(n("order_requests"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("buyer_id")))
                .col(integer(n("enterprise_id")))
                .col(string_len(n("kind"), 20).default("order"))
                .col(string_len(n("status"), 20))
                .col(string_len(n("delivery"), 20))
                .col(integer_null(n("event_id")))
                .col(string_len(n("contact_name"), 120))
                .col(string_len(n("contact_email"), 254))
                .col(string_len(n("contact_phone"), 40))
                .col(text(n("message")))
                .col(text_null(n("enterprise_note")))
                .col(text_null(n("decline_reason")))
                // A double submit carries the same key and finds the first request.
                .col(string_len_uniq(n("idempotency_key"), 64))
                .col(created_at())
                .col(timestamp_with_time_zone(n("updated_at")))
                .foreign_key(&mut fk("order_requests", "buyer_id", "users"))
                .foreign_key(&mut fk("order_requests", "enterprise_id", "enterprises"))
                .foreign_key(&mut fk("order_requests", "event_id", "events"))
                .to_owned(),
            Table::create()
                .table(n("order_request_lines"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("order_request_id")))
                .col(integer(n("product_id")))
                .col(string_len(n("title"), 200))
                .col(string_len(n("unit"), 10))
                .col(integer(n("quantity")))
                // The price at the time of the request: later price changes do not touch it.
                .col(big_integer(n("unit_price_cents")))
                .foreign_key(
                    &mut fk("order_request_lines", "order_request_id", "order_requests")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("order_request_lines", "product_id", "products"))
                .to_owned(),
            Table::create()
                .table(n("messages"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("order_request_id")))
                .col(integer(n("author_id")))
                .col(text(n("body")))
                .col(created_at())
                .foreign_key(
                    &mut fk("messages", "order_request_id", "order_requests")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(&mut fk("messages", "author_id", "users"))
                .to_owned(),
            Table::create()
                .table(n("favourites"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("user_id")))
                .col(integer_null(n("product_id")))
                .col(integer_null(n("enterprise_id")))
                .col(created_at())
                .foreign_key(
                    &mut fk("favourites", "user_id", "users")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(
                    &mut fk("favourites", "product_id", "products")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .foreign_key(
                    &mut fk("favourites", "enterprise_id", "enterprises")
                        .on_delete(ForeignKeyAction::Cascade)
                        .to_owned(),
                )
                .to_owned(),
            // --- bookkeeping -------------------------------------------------
            Table::create()
                .table(n("audit_log"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer_null(n("actor_id")))
                .col(string_len(n("action"), 60))
                .col(string_len(n("entity_type"), 40))
                .col(integer(n("entity_id")))
                .col(integer_null(n("centre_id")))
                .col(text_null(n("reason")))
                .col(text_null(n("details")))
                .col(created_at())
                .foreign_key(&mut fk("audit_log", "actor_id", "users"))
                .foreign_key(&mut fk("audit_log", "centre_id", "regional_centres"))
                .to_owned(),
            // Pending search-index updates, written in the same transaction as
            // the change and deleted only once the engine acknowledged them.
            Table::create()
                .table(n("outbox"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string_len(n("entity_type"), 20))
                .col(integer(n("entity_id")))
                .col(integer(n("attempts")).default(0))
                .col(text_null(n("last_error")))
                .col(created_at())
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }

        let indexes = vec![
            index("districts", &["centre_id"]),
            unique("user_roles", &["user_id", "role", "centre_id"]),
            index("sessions", &["user_id"]),
            index("sessions", &["expires_at"]),
            index("enterprises", &["district_id"]),
            index("enterprises", &["verification_status"]),
            unique("enterprise_members", &["enterprise_id", "user_id"]),
            index("enterprise_members", &["user_id"]),
            index("enterprise_invitations", &["email"]),
            index("categories", &["parent_id"]),
            index("products", &["enterprise_id"]),
            index("products", &["category_id"]),
            index("products", &["status", "created_at"]),
            index("products", &["featured_at"]),
            index("product_tags", &["tag"]),
            index("product_images", &["product_id", "position"]),
            index("networks", &["centre_id"]),
            unique("network_members", &["network_id", "enterprise_id"]),
            index("network_members", &["enterprise_id"]),
            index("events", &["centre_id", "starts_at"]),
            index("events", &["starts_at"]),
            unique("event_participants", &["event_id", "enterprise_id"]),
            index("event_participants", &["enterprise_id"]),
            index("order_requests", &["buyer_id", "created_at"]),
            index("order_requests", &["enterprise_id", "status"]),
            index("order_request_lines", &["order_request_id"]),
            index("messages", &["order_request_id", "created_at"]),
            unique("favourites", &["user_id", "product_id"]),
            unique("favourites", &["user_id", "enterprise_id"]),
            index("audit_log", &["centre_id", "created_at"]),
            index("audit_log", &["entity_type", "entity_id"]),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
