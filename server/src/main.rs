//! `server [serve|migrate|seed|reindex]`: the one binary of Социален пазар.

use clap::{Parser, Subcommand};
use server::config::Config;
use server::{seed, web};
use tracing_subscriber::EnvFilter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long a stopping server waits for the search worker's batch (the
/// engine's own timeouts are shorter; a batch left unfinished stays pending).
const OUTBOX_DRAIN: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Parser)]
#[command(
    name = "server",
    about = "Социален пазар — marketplace of Bulgarian social enterprises"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve the site (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Load the demo data into an empty database (adds nothing to one that has data).
    Seed {
        /// Also add N generated products, for benchmarks.
        #[arg(long, value_name = "N")]
        synthetic: Option<u32>,
        /// Do not draw the demo products' pictures.
        #[arg(long)]
        no_pictures: bool,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Back up the SQLite database (online: the site may keep serving),
    /// the media and a manifest into DIR (new or empty). On PostgreSQL the
    /// media and the manifest; the database with pg_dump.
    Backup { dir: std::path::PathBuf },
    /// Restore a backup made by `backup` into an empty DATA_DIR, check it
    /// against its manifest and rebuild the search index.
    Restore { dir: std::path::PathBuf },
    /// Platform administration from the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Make an admin: a new account (the password asked for, or read from
    /// the first line of standard input; never from the command line), or
    /// an existing account given the role.
    Create {
        #[arg(long)]
        email: String,
        /// The name shown for a new account.
        #[arg(long, default_value = "Администратор")]
        name: String,
    },
}

/// The new admin's password: asked twice on a terminal, else the first
/// line of standard input.
fn read_password() -> String {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").unwrap_or_else(|e| fail(e));
        let again = rpassword::prompt_password("Again: ").unwrap_or_else(|e| fail(e));
        if first != again {
            fail("the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .unwrap_or_else(|e| fail(e));
        line.trim_end_matches(['\r', '\n']).to_string()
    }
}

/// Rebuilds the search index from the database; the number of products.
async fn reindex(db: &sea_orm::DatabaseConnection, config: &Config) -> usize {
    use app::server::search::SearchError;
    use app::server::search::index;
    use app::server::search::tantivy_engine::TantivyEngine;
    let rebuilt = match &config.meili {
        Some(_) => {
            let engines = server::open_search(config)
                .await
                .unwrap_or_else(|e| fail(e));
            index::reindex(db, engines.engine.as_ref()).await
        }
        // A running server holds the live index; build beside it and
        // let the server switch over.
        None => {
            let base = config.data_dir.join("search");
            index::reindex_with(db, |docs, started| async move {
                tokio::task::spawn_blocking(move || {
                    TantivyEngine::build_detached(&base, &docs, started)
                })
                .await
                .map_err(|e| SearchError::Engine(e.to_string()))?
            })
            .await
        }
    };
    rebuilt.unwrap_or_else(|e| fail(e))
}

/// Prints one line saying what to fix and exits, instead of a panic trace.
fn fail(what: impl std::fmt::Display) -> ! {
    eprintln!("error: {what}");
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"))
        // A malformed session cookie is a visitor's (or a probe's) doing,
        // not ours: tower-sessions warns on each one, and a load run wrote
        // 18,905 such lines. The visitor is simply anonymous.
        .add_directive(
            "tower_sessions::service=error"
                .parse()
                .expect("a valid directive"),
        );
    // Lines inside a request carry its span: the request id with method
    // and path (see `web::router`).
    match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init(),
        Ok("text") | Err(std::env::VarError::NotPresent) => {
            tracing_subscriber::fmt().with_env_filter(filter).init()
        }
        Ok(other) => fail(format_args!(
            "LOG_FORMAT {other:?} is not a log format: use text (the default) or json"
        )),
        Err(std::env::VarError::NotUnicode(_)) => {
            fail("LOG_FORMAT is not text: use text (the default) or json")
        }
    }
    let cli = Cli::parse();
    let config = Config::from_env().unwrap_or_else(|e| fail(e));
    // A restore fills an empty DATA_DIR before anything opens a database there.
    let restored = match &cli.command {
        Some(Command::Restore { dir }) => {
            let media = server::open_media(&config)
                .await
                .unwrap_or_else(|e| fail(e));
            Some(
                server::backup::restore_files(&config, &media, dir)
                    .await
                    .unwrap_or_else(|e| fail(e)),
            )
        }
        _ => None,
    };
    let db = app::server::kernel::db::connect(&config.database_url)
        .await
        .unwrap_or_else(|e| fail(format_args!("cannot open the database at DATABASE_URL ({e}); check that it is reachable and the URL is right")));
    app::server::kernel::db::migrate(&db)
        .await
        .unwrap_or_else(|e| fail(format_args!("applying migrations failed: {e}")));

    if let Some(manifest) = restored {
        let differs = server::backup::check(&db, &manifest)
            .await
            .unwrap_or_else(|e| fail(e));
        if let Some(found) = differs {
            eprintln!(
                "note: the database holds {found:?}; the manifest counted {:?} a moment before pg_dump ran",
                manifest.counts
            );
        }
        let n = reindex(&db, &config).await;
        let c = manifest.counts;
        println!(
            "restored: {} products, {} images, {} requests, {} media files; search index rebuilt: {n} products",
            c.products,
            c.images,
            c.requests,
            manifest.media.len()
        );
        return;
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => println!("migrations applied"),
        Command::Admin {
            command: AdminCommand::Create { email, name },
        } => {
            use app::server::accounts::users::{AdminMade, create_admin};
            let password = read_password();
            match create_admin(&db, &email, &name, &password).await {
                Ok(AdminMade::Created) => println!("admin created: {email}"),
                Ok(AdminMade::Promoted) => {
                    println!("{email} is now an admin (the password was not changed)")
                }
                Ok(AdminMade::AlreadyAdmin) => println!("{email} is an admin already"),
                Err(app::error::AppError::Invalid(fields)) => {
                    let e = app::error::AppError::Invalid(fields).localized(app::i18n::Locale::En);
                    if let app::error::AppError::Invalid(fields) = e {
                        for f in fields {
                            eprintln!("error: {}: {}", f.field, f.message);
                        }
                    }
                    std::process::exit(2);
                }
                Err(e) => fail(e),
            }
        }
        Command::Seed {
            synthetic,
            no_pictures,
        } => {
            // A store that cannot be used stops the seed before any row.
            let media = if no_pictures {
                None
            } else {
                Some(
                    server::open_media(&config)
                        .await
                        .unwrap_or_else(|e| fail(e)),
                )
            };
            let report = seed::seed_demo(&db).await.unwrap_or_else(|e| fail(e));
            if report.skipped {
                println!("demo data already present: nothing added");
            } else {
                println!(
                    "demo data loaded: {} enterprises, {} products",
                    report.enterprises, report.products
                );
                if let Some(media) = &media {
                    let drawn = server::pictures::draw_missing(&db, media, None)
                        .await
                        .unwrap_or_else(|e| fail(e));
                    println!("pictures drawn: {drawn}");
                }
            }
            if let Some(n) = synthetic {
                let added = seed::seed_synthetic(&db, n)
                    .await
                    .unwrap_or_else(|e| fail(e));
                println!("synthetic products added: {added}");
            }
        }
        Command::Reindex => {
            let n = reindex(&db, &config).await;
            println!("search index rebuilt: {n} products");
        }
        Command::Backup { dir } => {
            let media = server::open_media(&config)
                .await
                .unwrap_or_else(|e| fail(e));
            let m = server::backup::backup(&db, &media, &dir)
                .await
                .unwrap_or_else(|e| fail(e));
            let c = m.counts;
            println!(
                "backed up into {}: {} products, {} images, {} requests, {} media files{}",
                dir.display(),
                c.products,
                c.images,
                c.requests,
                m.media.len(),
                if m.database == "postgres" {
                    " (the PostgreSQL database itself: use pg_dump, see the README)"
                } else {
                    ""
                }
            );
        }
        // Handled before the database is opened.
        Command::Restore { .. } => unreachable!("restored above"),
        Command::Serve => {
            let options = server::leptos_options().unwrap_or_else(|e| fail(e));
            let addr = options.site_addr;
            let engines = server::open_search(&config)
                .await
                .unwrap_or_else(|e| fail(e));
            let mailer = std::sync::Arc::new(
                server::mailer::Mailer::from_config(&config).unwrap_or_else(|e| fail(e)),
            );
            let state = server::state(options, db.clone(), engines.engine.clone(), &config)
                .await
                .unwrap_or_else(|e| fail(e));
            tokio::spawn(server::worker::mail_queue(
                db.clone(),
                mailer.clone(),
                state.mail_queued.clone(),
            ));
            tokio::spawn(server::worker::notices(
                db.clone(),
                mailer,
                state.settings.public_url.clone(),
            ));
            tokio::spawn(server::worker::housekeeping(db.clone()));
            tokio::spawn(server::peers::run(db.clone(), state.reads.clone()));
            tokio::spawn(server::worker::certificates(
                db.clone(),
                state.reads.clone(),
            ));
            let (stop_outbox, outbox_stopping) = tokio::sync::watch::channel(false);
            let outbox = tokio::spawn(server::worker::run(
                db,
                engines.engine,
                engines.embedded,
                state.reads.clone(),
                outbox_stopping,
            ));
            let app = web::router(state);
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .unwrap_or_else(|e| {
                    fail(format_args!(
                        "cannot listen on {addr} ({e}); set LEPTOS_SITE_ADDR to a free address"
                    ))
                });
            tracing::info!("listening on http://{addr}");
            let limits = server::serve::Limits {
                max_connections: config.max_connections,
                ..Default::default()
            };
            server::serve::serve(listener, app, limits, server::serve::shutdown_signal())
                .await
                .unwrap_or_else(|e| fail(e));
            // Requests have drained; the search worker finishes its batch.
            let _ = stop_outbox.send(true);
            if tokio::time::timeout(OUTBOX_DRAIN, outbox).await.is_err() {
                tracing::warn!(
                    "the search index batch did not finish in {OUTBOX_DRAIN:?}; its rows stay pending"
                );
            }
        }
    }
}
