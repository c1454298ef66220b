//! Shared test setup: real databases (SQLite always, PostgreSQL when it is
//! reachable) with the real migrations, and the real router on a real port.

pub mod matrix;
pub mod s3;

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database for one test; PostgreSQL ones are dropped when the test ends.
pub struct TestDb {
    pub label: &'static str,
    pub db: DatabaseConnection,
    /// Where `db` connects (a second pool, as a second server has).
    pub url: String,
    admin: Option<(DatabaseConnection, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn drop_db(self) {
        if let Some((admin, name)) = self.admin {
            let _ = self.db.close().await;
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}

fn unique_name() -> String {
    format!(
        "sp_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        chrono::Utc::now().timestamp_micros() % 1_000_000
    )
}

pub async fn sqlite() -> TestDb {
    let t = sqlite_unmigrated().await;
    app::server::kernel::db::migrate(&t.db)
        .await
        .expect("migrate sqlite");
    t
}

/// An empty SQLite database, no migration applied.
pub async fn sqlite_unmigrated() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
    let db = app::server::kernel::db::connect(&url)
        .await
        .expect("open sqlite");
    TestDb {
        label: "sqlite",
        db,
        url,
        admin: None,
        _dir: Some(dir),
    }
}

/// The PostgreSQL server of `TEST_DATABASE_URL`, or the local one on
/// 127.0.0.1:5432; `None` when neither answers.
pub async fn postgres() -> Option<TestDb> {
    let t = postgres_unmigrated().await?;
    app::server::kernel::db::migrate(&t.db)
        .await
        .expect("migrate postgres");
    Some(t)
}

/// An empty PostgreSQL database (dropped when the test ends), no migration
/// applied; `None` when no server answers.
pub async fn postgres_unmigrated() -> Option<TestDb> {
    let base = std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    let admin = match app::server::kernel::db::connect(&base).await {
        Ok(db) => db,
        Err(e) => {
            if std::env::var("TEST_DATABASE_URL").is_ok() {
                panic!("TEST_DATABASE_URL is set but does not answer: {e}");
            }
            eprintln!("PostgreSQL not reachable ({e}); testing SQLite only");
            return None;
        }
    };
    let name = unique_name();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("TEST_DATABASE_URL needs a database name"),
    };
    let db = app::server::kernel::db::connect(&url)
        .await
        .expect("open postgres");
    Some(TestDb {
        label: "postgres",
        db,
        url,
        admin: Some((admin, name)),
        _dir: None,
    })
}

/// SQLite, and PostgreSQL where reachable.
pub async fn all_databases() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        dbs.push(pg);
    }
    dbs
}

/// An embedded search index in a temporary folder.
pub fn tantivy() -> (
    std::sync::Arc<app::server::search::tantivy_engine::TantivyEngine>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let engine =
        app::server::search::tantivy_engine::TantivyEngine::open(dir.path()).expect("open index");
    (std::sync::Arc::new(engine), dir)
}

/// Serves the real router on a free port, with an embedded index that the
/// real worker keeps up to date; returns its base URL.
pub async fn spawn_server(db: DatabaseConnection) -> String {
    let (engine, dir) = tantivy();
    // The folder lives as long as the test process.
    std::mem::forget(dir);
    spawn_server_with(db, engine.clone(), Some(engine)).await
}

pub async fn spawn_server_with(
    db: DatabaseConnection,
    engine: std::sync::Arc<dyn app::server::search::SearchEngine>,
    embedded: Option<std::sync::Arc<app::server::search::tantivy_engine::TantivyEngine>>,
) -> String {
    spawn_configured(db, engine, embedded, &[]).await
}

/// Like [`spawn_server`], with these variables in its configuration too.
pub async fn spawn_server_env(db: DatabaseConnection, vars: &[(&str, &str)]) -> String {
    let (engine, dir) = tantivy();
    std::mem::forget(dir);
    spawn_configured(db, engine.clone(), Some(engine), vars).await
}

pub async fn spawn_configured(
    db: DatabaseConnection,
    engine: std::sync::Arc<dyn app::server::search::SearchEngine>,
    embedded: Option<std::sync::Arc<app::server::search::tantivy_engine::TantivyEngine>>,
    vars: &[(&str, &str)],
) -> String {
    spawn(db, engine, embedded, vars, true).await
}

/// A server that never delivers search updates itself (another server's
/// worker does): what it shows changes only when it learns of a change.
pub async fn spawn_without_worker(
    db: DatabaseConnection,
    engine: std::sync::Arc<dyn app::server::search::SearchEngine>,
    vars: &[(&str, &str)],
) -> String {
    spawn(db, engine, None, vars, false).await
}

async fn spawn(
    db: DatabaseConnection,
    engine: std::sync::Arc<dyn app::server::search::SearchEngine>,
    embedded: Option<std::sync::Arc<app::server::search::tantivy_engine::TantivyEngine>>,
    vars: &[(&str, &str)],
    worker: bool,
) -> String {
    // Server logs go to the test's captured output: shown when it fails.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("warn,server=info,app=info")
        .with_test_writer()
        .try_init();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("socialen-pazar")
        .site_root("target/site")
        .build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    let data = tempfile::tempdir().expect("data dir");
    let data_dir = data.path().display().to_string();
    let config = server::config::Config::from_vars(|name| match name {
        "DATA_DIR" => Some(data_dir.clone()),
        // Links in mail and on printable pages point at this very server.
        "PUBLIC_URL" => Some(base.clone()),
        other => vars
            .iter()
            .find(|(k, _)| *k == other)
            .map(|(_, v)| v.to_string()),
    })
    .expect("config");
    let state = server::state(options, db.clone(), engine.clone(), &config)
        .await
        .expect("state");
    let mailer = std::sync::Arc::new(server::mailer::Mailer::from_config(&config).expect("mailer"));
    tokio::spawn(server::worker::mail_queue(
        db.clone(),
        mailer,
        state.mail_queued.clone(),
    ));
    tokio::spawn(server::peers::run(db.clone(), state.reads.clone()));
    if worker {
        let (_, never_stop) = tokio::sync::watch::channel(false);
        tokio::spawn(server::worker::run(
            db,
            engine,
            embedded,
            state.reads.clone(),
            never_stop,
        ));
    }
    let app = server::web::router(state);
    tokio::spawn(async move {
        server::serve::serve(
            listener,
            app,
            server::serve::Limits::default(),
            std::future::pending(),
        )
        .await
        .expect("serve");
    });
    MAIL_DIRS
        .lock()
        .expect("mail dirs")
        .insert(base.clone(), config.mail_dir());
    // The folder lives as long as the test process.
    std::mem::forget(data);
    base
}

/// The mail folder of each server a test started, by its base URL.
static MAIL_DIRS: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<String, std::path::PathBuf>>,
> = std::sync::LazyLock::new(Default::default);

/// The mails the server at `base` has sent to `to` so far, oldest first,
/// as their text.
pub fn mails_to(base: &str, to: &str) -> Vec<String> {
    let dir = MAIL_DIRS
        .lock()
        .expect("mail dirs")
        .get(base)
        .cloned()
        .expect("a server started by spawn_server");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|m| {
            m.lines()
                .any(|l| l.starts_with("To: ") && l.to_lowercase().contains(&to.to_lowercase()))
        })
        .collect()
}

/// Waits (the mail goes out after the answer) for a mail to `to` whose text
/// holds `needle`, and returns it.
pub async fn mail_holding(base: &str, to: &str, needle: &str) -> String {
    for _ in 0..100 {
        if let Some(mail) = mails_to(base, to).into_iter().find(|m| m.contains(needle)) {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} holding {needle}");
}

/// Sends `head` (a request line and headers, without the blank line) over a
/// bare connection, then `body`, and returns the answer's status. Used where
/// the server answers before reading a body: a client like reqwest may still
/// be writing it and fail with a broken pipe instead of seeing the answer.
pub async fn raw_status(base: &str, head: &str, body: &[u8]) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut c = tokio::net::TcpStream::connect(addr).await.expect("connect");
    c.write_all(format!("{head}\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .expect("head");
    c.write_all(body).await.expect("body");
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), c.read(&mut buf))
            .await
            .expect("answered without waiting for more body")
            .expect("read");
        assert!(n > 0, "closed without an answer");
        answer.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&answer);
    line.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {line}"))
}

/// Waits for a mail to `to` whose text holds `needle` and returns the
/// first `http…` line of it that holds `link_part` (the link to follow).
pub async fn link_in_mail(base: &str, to: &str, link_part: &str) -> String {
    for _ in 0..100 {
        if let Some(link) = mails_to(base, to)
            .iter()
            .rev()
            .flat_map(|m| {
                m.lines()
                    .map(str::trim)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .find(|l| l.starts_with("http") && l.contains(link_part))
        {
            return link;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} with a link holding {link_part}");
}

/// Signs up, confirms the address through the mailed link (as a person
/// would), and signs in.
pub async fn sign_up_confirmed(b: &Browser, email: &str, password: &str, name: &str) {
    let r = b
        .post(
            "/fn/sign_up",
            &[
                ("locale", "bg"),
                ("accept_terms", "on"),
                ("email", email),
                ("password", password),
                ("display_name", name),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "sign-up of {email}");
    confirm_from_mail(b, email).await;
    b.sign_in(email, password).await;
}

/// Follows the confirmation link mailed to `email` (with the browser `b`).
pub async fn confirm_from_mail(b: &Browser, email: &str) {
    let link = link_in_mail(&b.base, email, "/confirm?token=").await;
    let token = link.split("token=").nth(1).expect("a token").to_string();
    let r = b
        .post("/fn/confirm_email", &[("locale", "bg"), ("token", &token)])
        .await;
    assert_eq!(r.status(), 200, "confirming {email}");
}

pub fn client() -> reqwest::Client {
    // A request that hangs fails the test instead of stalling the run.
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

/// GET a URL and read its body as text.
pub async fn get_text(url: &str) -> String {
    client()
        .get(url)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("text body")
}

/// GET a URL and read its JSON body.
pub async fn get_json(url: &str) -> serde_json::Value {
    client()
        .get(url)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("JSON body")
}

/// Waits until `/healthz` says the search engine is up and every outbox row
/// has been delivered.
pub async fn wait_until_indexed(base: &str) {
    for _ in 0..300 {
        let h = get_json(&format!("{base}/healthz")).await;
        if h["status"] == "ok"
            && h["search"]["pending_updates"] == 0
            && h["search"]["documents"].as_u64().unwrap_or(0) > 0
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the search index did not catch up");
}

/// A browser-like client: keeps its cookies, posts forms to server
/// functions the way the pages' island does (JSON back, redirects in the
/// `Location` header).
pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser::with_jar(base, std::sync::Arc::new(reqwest::cookie::Jar::default()))
    }

    fn with_jar(base: &str, jar: std::sync::Arc<reqwest::cookie::Jar>) -> Browser {
        Browser {
            base: base.to_string(),
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .timeout(std::time::Duration::from_secs(30))
                .build()
                .expect("client"),
            jar,
        }
    }

    /// Another browser holding a copy of this one's cookies as they are
    /// now (a stolen session, say); from then on each keeps its own.
    pub fn clone_session(&self) -> Browser {
        use reqwest::cookie::CookieStore;
        let url = reqwest::Url::parse(&self.base).expect("base URL");
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        if let Some(header) = self.jar.cookies(&url) {
            for pair in header.to_str().unwrap_or_default().split(';') {
                jar.add_cookie_str(&format!("{}; Path=/", pair.trim()), &url);
            }
        }
        Browser::with_jar(&self.base, jar)
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Posts a form built at run time (field names with ids in them).
    pub async fn post_owned(&self, path: &str, form: &[(String, String)]) -> reqwest::Response {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.post(path, &pairs).await
    }

    pub async fn post_multipart(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("Accept", "application/json")
            .multipart(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request")
    }

    /// Signs in; panics unless it worked.
    pub async fn sign_in(&self, email: &str, password: &str) {
        let r = self
            .post(
                "/fn/sign_in",
                &[("locale", "bg"), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(
            r.status(),
            200,
            "sign-in of {email}: {}",
            r.text().await.unwrap_or_default()
        );
    }

    /// The signed-in user's e-mail, per the server.
    pub async fn whoami(&self) -> Option<String> {
        let r = self.post("/fn/me", &[]).await;
        assert_eq!(r.status(), 200);
        let v: serde_json::Value = r.json().await.expect("json");
        v["email"].as_str().map(str::to_string)
    }
}

/// The `Location` a server function answered with.
pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Panics with the first line that differs between two fingerprints (the
/// whole of one is too long to read).
#[track_caller]
pub fn assert_same(before: &str, after: &str, what: &str) {
    if before == after {
        return;
    }
    let (mut table, mut a, mut b) = ("", before.lines(), after.lines());
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => {
                if x.starts_with("== ") {
                    table = x;
                }
            }
            (x, y) => {
                panic!("{what}: the database changed in {table}:\n  before: {x:?}\n  after:  {y:?}")
            }
        }
    }
}

/// Every table of the database, as text: equal before and after a refusal
/// means the refusal changed nothing. Tables are listed from the database
/// itself, so a new table is covered without changing this. The two that
/// the background workers keep changing (the search outbox, the mail
/// queue) count only their rows.
pub async fn fingerprint(db: &DatabaseConnection) -> String {
    use sea_orm::{DatabaseBackend, Statement};
    let backend = db.get_database_backend();
    let raw = |sql: String| Statement::from_string(backend, sql);
    let names_sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
    };
    let tables: Vec<String> = db
        .query_all_raw(raw(names_sql.to_owned()))
        .await
        .expect("list tables")
        .into_iter()
        .map(|r| r.try_get_by_index::<String>(0).expect("a table name"))
        .collect();
    let mut out = String::new();
    for table in tables.into_iter().filter(|t| t != "seaql_migrations") {
        let counted_only = matches!(table.as_str(), "outbox" | "outgoing_mail");
        let sql = if counted_only {
            format!("SELECT CAST(COUNT(*) AS TEXT) FROM \"{table}\"")
        } else {
            match backend {
                DatabaseBackend::Postgres => {
                    format!("SELECT t::text FROM \"{table}\" t ORDER BY 1")
                }
                _ => {
                    let columns: Vec<String> = db
                        .query_all_raw(raw(format!("PRAGMA table_info(\"{table}\")")))
                        .await
                        .expect("columns")
                        .into_iter()
                        .map(|r| r.try_get::<String>("", "name").expect("a column"))
                        .collect();
                    let row = columns
                        .iter()
                        .map(|c| format!("quote(\"{c}\")"))
                        .collect::<Vec<_>>()
                        .join(" || ',' || ");
                    format!("SELECT {row} FROM \"{table}\" ORDER BY 1")
                }
            }
        };
        out.push_str(&format!("== {table}\n"));
        for r in db.query_all_raw(raw(sql)).await.expect("rows") {
            out.push_str(&r.try_get_by_index::<String>(0).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// Every file under `dir` (by its path relative to `dir`) with its bytes;
/// dot files (a store's own bookkeeping) left out.
pub fn files_under(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The server binary, with none of the shell's variables that would point
/// it at a real database, search engine or bucket.
pub fn server_binary() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_server"));
    for name in [
        "DATABASE_URL",
        "MEILI_URL",
        "MEILI_MASTER_KEY",
        "S3_BUCKET",
        "S3_ENDPOINT",
        "S3_REGION",
        "S3_ACCESS_KEY_ID",
        "S3_SECRET_ACCESS_KEY",
        "S3_PATH_STYLE",
    ] {
        cmd.env_remove(name);
    }
    cmd
}
