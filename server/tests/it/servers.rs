//! Two app servers on one database, as behind a load balancer: a session
//! made on one is a session on the other (sessions live in the database).

use crate::common::{Browser, all_databases, spawn_server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_server_works_on_the_other() {
    for t in all_databases().await {
        server::seed::seed_demo(&t.db).await.unwrap();
        let a = spawn_server(t.db.clone()).await;
        let b = spawn_server(t.db.clone()).await;
        let on_a = Browser::new(&a);
        on_a.sign_in("kupuvach@demo.socialenpazar.bg", "demo-buyer-2026")
            .await;
        // The same browser (cookies are not kept apart by port), now
        // talking to the other server, which has never seen it.
        let on_b = Browser {
            base: b.clone(),
            http: on_a.http.clone(),
            jar: on_a.jar.clone(),
        };
        assert_eq!(
            on_b.whoami().await.as_deref(),
            Some("kupuvach@demo.socialenpazar.bg"),
            "{}",
            t.label
        );
        // Signed out on B: signed out on A too.
        let r = on_b.post("/fn/sign_out", &[("locale", "bg")]).await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        assert_eq!(on_a.whoami().await, None, "{}", t.label);
        t.drop_db().await;
    }
}
