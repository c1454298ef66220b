//! What the platform keeps only for a while goes on time, on both
//! databases: read notices after 90 days, any notice after a year, sent
//! mail after 30 days; unsent mail and recent notices stay.

use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

use crate::common::all_databases;
use app::domain::notices::NoticeKind;
use app::server::entities::{notice, outgoing_mail, user};
use app::server::kernel::housekeeping::{Purged, optimize, purge};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_notices_and_sent_mail_go_and_the_rest_stays() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let someone = user::Entity::find().one(&t.db).await.unwrap().unwrap().id;
        let now = Utc::now();
        let days = |n: i64| Some(now - Duration::days(n));
        // (made, read): gone, kept, gone, kept.
        for (made, read) in [(100, days(91)), (100, days(10)), (400, None), (100, None)] {
            notice::Entity::insert(notice::ActiveModel {
                user_id: Set(someone),
                kind: Set(NoticeKind::RequestReceived),
                created_at: Set(now - Duration::days(made)),
                read_at: Set(read),
                ..Default::default()
            })
            .exec(&t.db)
            .await
            .unwrap();
        }
        // (made, sent): gone, kept, kept (the relay has yet to take it).
        for (made, sent) in [(40, days(31)), (40, days(1)), (40, None)] {
            outgoing_mail::Entity::insert(outgoing_mail::ActiveModel {
                to_address: Set("someone@example.bg".into()),
                subject: Set("Тема".into()),
                body: Set("Текст".into()),
                created_at: Set(now - Duration::days(made)),
                sent_at: Set(sent),
                attempts: Set(0),
                ..Default::default()
            })
            .exec(&t.db)
            .await
            .unwrap();
        }
        let (notices, mails) = (
            notice::Entity::find().count(&t.db).await.unwrap(),
            outgoing_mail::Entity::find().count(&t.db).await.unwrap(),
        );
        let purged = purge(&t.db, now).await.unwrap();
        assert_eq!(
            purged,
            Purged {
                notices: 2,
                mails: 1
            },
            "{}",
            t.label
        );
        assert_eq!(
            notice::Entity::find().count(&t.db).await.unwrap(),
            notices - 2
        );
        assert_eq!(
            outgoing_mail::Entity::find().count(&t.db).await.unwrap(),
            mails - 1
        );
        // Again: nothing more to do.
        assert_eq!(
            purge(&t.db, now).await.unwrap(),
            Purged::default(),
            "{}",
            t.label
        );
        optimize(&t.db).await.unwrap();
        t.drop_db().await;
    }
}
