//! A configuration that cannot work stops the server with one clear line.

use std::process::Command;

fn run(envs: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .env_remove("MEILI_URL")
        .env_remove("MEILI_MASTER_KEY")
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
fn migrate_and_seed_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    for (args, expect) in [
        (&["migrate"][..], "migrations applied"),
        (&["migrate"][..], "migrations applied"),
        (&["seed", "--no-pictures"][..], "demo data loaded"),
        (&["seed"][..], "demo data already present"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("MEILI_URL")
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
