//! A real S3-compatible server for the storage tests: `s3s-fs` (installed
//! by `scripts/tools.sh`), which keeps each object as a file under its
//! root and checks every request's SigV4 signature.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub const ACCESS_KEY: &str = "socialen-pazar-test";
pub const SECRET_KEY: &str = "s3cr3t-only-for-the-tests";

/// One `s3s-fs` process on a free port, stopped when dropped.
pub struct S3Server {
    child: Child,
    root: tempfile::TempDir,
    pub endpoint: String,
}

impl S3Server {
    /// Starts a server and waits until it answers.
    pub async fn start() -> S3Server {
        let root = tempfile::tempdir().expect("s3 root");
        // A free port: taken by the OS, then handed over.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let program = std::env::var("S3S_FS").unwrap_or_else(|_| "s3s-fs".into());
        let child = Command::new(&program)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(root.path())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {program} ({e}): run scripts/tools.sh, which installs it")
            });
        let endpoint = format!("http://127.0.0.1:{port}");
        let server = S3Server {
            child,
            root,
            endpoint,
        };
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return server;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("s3s-fs did not start listening on port {port}");
    }

    /// Makes an empty bucket (a folder of the server's root).
    pub fn bucket(&self, name: &str) -> Bucket {
        std::fs::create_dir_all(self.root.path().join(name)).expect("bucket folder");
        Bucket {
            name: name.to_string(),
            dir: self.root.path().join(name),
            endpoint: self.endpoint.clone(),
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A bucket of an [`S3Server`].
pub struct Bucket {
    pub name: String,
    /// Where the server keeps its objects: read to check, independently of
    /// the client, what the bucket holds.
    pub dir: PathBuf,
    pub endpoint: String,
}

impl Bucket {
    /// The server's configuration for this bucket.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("S3_BUCKET", self.name.clone()),
            ("S3_ENDPOINT", self.endpoint.clone()),
            ("S3_REGION", "eu-central-1".into()),
            ("S3_ACCESS_KEY_ID", ACCESS_KEY.into()),
            ("S3_SECRET_ACCESS_KEY", SECRET_KEY.into()),
            ("S3_PATH_STYLE", "true".into()),
        ]
    }

    pub fn settings(&self) -> app::server::kernel::media::S3Settings {
        app::server::kernel::media::S3Settings {
            bucket: self.name.clone(),
            endpoint: self.endpoint.clone(),
            region: "eu-central-1".into(),
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: SECRET_KEY.into(),
            path_style: true,
        }
    }

    /// Every object the server holds in this bucket, with its bytes.
    pub fn objects(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        super::files_under(&self.dir)
    }
}
