//! Notices by mail: a fake SMTP relay on a real socket receives what the
//! worker sends; a notice is marked mailed only after the relay accepted it,
//! and one for a disabled account is skipped.

use crate::common;

use std::sync::{Arc, Mutex};

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use app::domain::notices::NoticeKind;
use app::server::entities::*;

/// A relay that speaks just enough SMTP and keeps each message's text.
async fn fake_relay() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let kept = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let kept = kept.clone();
            tokio::spawn(async move {
                let (r, mut w) = socket.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(buf) = data.as_mut() {
                        if line == "." {
                            kept.lock().unwrap().push(std::mem::take(buf));
                            data = None;
                            w.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            buf.push_str(&line);
                            buf.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 fake\r\n"
                    } else if upper.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go on\r\n"
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notices_are_mailed_once_through_the_relay() {
    let t = common::sqlite().await;
    server::seed::seed_demo(&t.db).await.unwrap();
    let owner = user::Entity::find()
        .filter(user::Column::Email.eq("predpriyatie@demo.socialenpazar.bg"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let buyer = user::Entity::find()
        .filter(user::Column::Email.eq("kupuvach@demo.socialenpazar.bg"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    // The buyer's account is disabled: their notice is skipped, not sent.
    let mut b: user::ActiveModel = buyer.clone().into();
    b.disabled_at = Set(Some(chrono::Utc::now()));
    b.update(&t.db).await.unwrap();
    let enterprise = enterprise_member::Entity::find()
        .filter(enterprise_member::Column::UserId.eq(owner.id))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .enterprise_id;
    for _ in 0..2 {
        app::server::kernel::notices::tell_enterprise(
            &t.db,
            enterprise,
            NoticeKind::EnterpriseVerified,
            None,
        )
        .await
        .unwrap();
    }
    app::server::kernel::notices::notify(
        &t.db,
        [buyer.id],
        NoticeKind::EnterpriseSuspended,
        &app::server::kernel::notices::About {
            detail: Some("Проверка на сигнал".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let (port, got) = fake_relay().await;
    let dir = tempfile::tempdir().unwrap();
    let relay = format!("smtp://127.0.0.1:{port}");
    let data_dir = dir.path().display().to_string();
    let config = server::config::Config::from_vars(|name| match name {
        "SMTP_URL" => Some(relay.clone()),
        "DATA_DIR" => Some(data_dir.clone()),
        _ => None,
    })
    .unwrap();
    let mailer = std::sync::Arc::new(server::mailer::Mailer::from_config(&config).unwrap());
    tokio::spawn(server::worker::notices(
        t.db.clone(),
        mailer,
        "https://socialenpazar.bg".into(),
    ));
    let unsent = || async {
        notice::Entity::find()
            .filter(notice::Column::MailedAt.is_null())
            .all(&t.db)
            .await
            .unwrap()
            .len()
    };
    for _ in 0..100 {
        if unsent().await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(unsent().await, 0, "every notice is marked");
    let mails = got.lock().unwrap().clone();
    // Two notices for the owner (one per call above), none for the disabled buyer.
    assert_eq!(mails.len(), 2, "{mails:#?}");
    for m in &mails {
        assert!(m.contains("To: predpriyatie@demo.socialenpazar.bg"), "{m}");
        assert!(!m.contains("kupuvach"), "{m}");
        // The body is base64 (UTF-8 text): decode it.
        use base64::Engine;
        let (_, body) = m.split_once("\n\n").expect("headers, then the body");
        let body: String = body.split_whitespace().collect();
        let text = String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(body)
                .unwrap(),
        )
        .unwrap();
        assert!(text.starts_with("Елена Димитрова,"), "{text}");
        assert!(
            text.contains("Предприятието е проверено от регионалния център"),
            "{text}"
        );
        assert!(text.contains("https://socialenpazar.bg/notices"), "{text}");
    }
    // Nothing is sent twice.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(got.lock().unwrap().len(), 2);
}

#[test]
fn smtp_urls_are_checked() {
    use server::config::MailConfig;
    let c = MailConfig::parse("smtp://user:secret@mail.example.bg:2525", "a@b.bg").unwrap();
    assert_eq!((c.host.as_str(), c.port), ("mail.example.bg", 2525));
    assert_eq!(c.credentials, Some(("user".into(), "secret".into())));
    assert_eq!(
        MailConfig::parse("smtp://localhost", "a@b.bg")
            .unwrap()
            .port,
        25
    );
    for bad in [
        "http://mail",
        "smtp://",
        "smtp://host:port",
        "smtp://user@host",
    ] {
        assert!(MailConfig::parse(bad, "a@b.bg").is_err(), "{bad}");
    }
}
