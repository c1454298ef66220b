//! A configuration that cannot work stops the server with one clear line.

fn run(envs: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = crate::common::server_binary();
    cmd.args(args)
        .env("DATA_DIR", dir.path())
        .env("RUST_LOG", "off");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn one_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    lines[0]
}

#[test]
fn unwritable_data_dir() {
    let (code, err) = run(&[("DATA_DIR", "/proc/socialen-pazar")], &["migrate"]);
    assert_eq!(code, 2);
    assert!(
        one_line(&err).starts_with("error: DATA_DIR /proc/socialen-pazar cannot be written"),
        "{err}"
    );
}

#[test]
fn meili_url_without_key() {
    let (code, err) = run(&[("MEILI_URL", "http://127.0.0.1:7700")], &["migrate"]);
    assert_eq!(code, 2);
    assert!(one_line(&err).contains("MEILI_MASTER_KEY"), "{err}");
}

#[test]
fn unreachable_database() {
    let (code, err) = run(
        &[("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")],
        &["migrate"],
    );
    assert_eq!(code, 2);
    assert!(
        one_line(&err).starts_with("error: cannot open the database at DATABASE_URL"),
        "{err}"
    );
}

#[test]
fn database_url_of_another_kind() {
    let (code, err) = run(&[("DATABASE_URL", "mysql://localhost/x")], &["migrate"]);
    assert_eq!(code, 2);
    assert!(
        one_line(&err).contains("DATABASE_URL must start with sqlite:// or postgres://"),
        "{err}"
    );
}

#[test]
fn s3_bucket_without_its_keys() {
    let (code, err) = run(&[("S3_BUCKET", "media")], &["migrate"]);
    assert_eq!(code, 2);
    assert!(one_line(&err).contains("S3_ACCESS_KEY_ID"), "{err}");
    let (code, err) = run(&[("S3_ENDPOINT", "http://127.0.0.1:9000")], &["migrate"]);
    assert_eq!(code, 2);
    assert!(
        one_line(&err).contains("S3_ENDPOINT is set but S3_BUCKET is not"),
        "{err}"
    );
}

/// A bucket the keys do not open stops `serve` at start, in one line that
/// names what to check and not the secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_with_a_wrong_key_stops_the_server_at_start() {
    let s3 = crate::common::s3::S3Server::start().await;
    let bucket = s3.bucket("media");
    let mut vars = bucket.vars();
    for (k, v) in &mut vars {
        if *k == "S3_SECRET_ACCESS_KEY" {
            *v = "a-wrong-secret-key".into();
        }
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    vars.push(("LEPTOS_SITE_ADDR", addr));
    vars.push(("LEPTOS_SITE_ROOT", "target/site".into()));
    vars.push(("LEPTOS_OUTPUT_NAME", "socialen-pazar".into()));
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (code, err) = run(&vars, &["serve"]);
    assert_eq!(code, 2, "{err}");
    let line = one_line(&err);
    assert!(
        line.starts_with("error: cannot use the S3 media store"),
        "{line}"
    );
    assert!(line.contains("check S3_ENDPOINT, S3_BUCKET"), "{line}");
    assert!(!line.contains("a-wrong-secret-key"), "{line}");
}

#[test]
fn migrate_and_seed_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    for (args, expect) in [
        (&["migrate"][..], "migrations applied"),
        (&["migrate"][..], "migrations applied"),
        (&["seed", "--no-pictures"][..], "demo data loaded"),
        (&["seed"][..], "demo data already present"),
    ] {
        let out = crate::common::server_binary()
            .args(args)
            .env("DATA_DIR", data)
            .env("RUST_LOG", "off")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(expect),
            "{args:?}"
        );
    }
}

/// `server admin create` takes the password from standard input (never
/// from the command line), refuses a weak one with exit 2, and is safe to
/// run twice.
#[test]
fn admin_create_reads_the_password_from_standard_input() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let admin = |password: &str| {
        let mut child = crate::common::server_binary()
            .args(["admin", "create", "--email", "admin@example.bg"])
            .env("DATA_DIR", dir.path())
            .env("RUST_LOG", "off")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, err) = admin("short");
    assert_eq!(code, 2, "{err}");
    assert!(one_line(&err).starts_with("error: password:"), "{err}");
    let (code, out, err) = admin("a long enough secret");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("admin created: admin@example.bg"), "{out}");
    let (code, out, _) = admin("");
    assert_eq!(code, 0);
    assert!(out.contains("is an admin already"), "{out}");
}

#[test]
fn log_format_of_another_kind() {
    let (code, err) = run(&[("LOG_FORMAT", "xml")], &["migrate"]);
    assert_eq!(code, 2);
    assert!(one_line(&err).contains("LOG_FORMAT \"xml\""), "{err}");
}

/// With `LOG_FORMAT=json` each line is a JSON object, and the lines of a
/// request carry its id: the one the proxy sent, which the answer repeats.
#[test]
fn json_log_lines_of_a_request_carry_its_id() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = crate::common::server_binary()
        .arg("serve")
        .env("DATA_DIR", dir.path())
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "warn,tower_http=debug")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let reader = std::thread::spawn(move || {
        lines
            .map_while(Result::ok)
            .find(|l| l.contains("finished processing request"))
    });
    // A plain HTTP/1.1 request, as a proxy in front would send it.
    let answer = (0..100).find_map(|_| {
        use std::io::{Read, Write};
        let Ok(mut tcp) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
            std::thread::sleep(std::time::Duration::from_millis(100));
            return None;
        };
        tcp.write_all(
            b"GET /healthz/live HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: probe-42\r\nConnection: close\r\n\r\n",
        )
        .ok()?;
        let mut out = String::new();
        tcp.read_to_string(&mut out).ok()?;
        Some(out)
    });
    let line = answer.is_some().then(|| reader.join().unwrap()).flatten();
    child.kill().unwrap();
    child.wait().unwrap();
    let headers = answer.expect("the server answers").to_lowercase();
    assert!(headers.contains("x-request-id: probe-42"), "{headers}");
    let line = line.expect("a log line of the request");
    let json: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
    assert_eq!(json["span"]["id"], "probe-42", "{line}");
    assert_eq!(json["span"]["path"], "/healthz/live", "{line}");
}
