//! Uploaded files: where they are kept (a folder of this server or an
//! S3-compatible bucket, behind one [`Media`]), their addresses under
//! `/media`, fresh names, and removing them.
//!
//! Both stores are `object_store` implementations (Apache Arrow's crate:
//! one trait for the local file system and S3, atomic local writes, SigV4
//! signing), so the code above this module never knows which one it has.

use std::sync::Arc;

use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::error::{AppError, AppResult};

/// The address of a stored file.
pub fn media_url(path: &str) -> String {
    format!("/media/{path}")
}

/// A random one-time key (128 bits, hex).
pub fn new_key() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a name is written as the store itself writes it (no empty, `.`
/// or `..` segments; no leading or trailing `/`).
pub fn well_formed(rel: &str) -> bool {
    Path::parse(rel).is_ok_and(|p| p.as_ref() == rel)
}

/// Where an S3-compatible bucket is and how to sign in to it.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    pub bucket: String,
    /// `https://…` (or `http://…` for a store on a private network).
    pub endpoint: String,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Path-style addresses (`endpoint/bucket/key`), which most self-hosted
    /// stores need; otherwise virtual-hosted (`bucket.endpoint/key`).
    pub path_style: bool,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret stays out of every log line and panic message.
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("path_style", &self.path_style)
            .finish_non_exhaustive()
    }
}

/// A store cannot be used; the message names what failed (never a key).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MediaError(String);

/// An error with its causes ("HTTP error: builder error" alone says
/// little to an operator).
fn causes(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

/// Whether a store's error only says that the name leads to no file.
fn names_nothing(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind;
    let mut next = Some(e);
    while let Some(cause) = next {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                ErrorKind::NotFound | ErrorKind::NotADirectory | ErrorKind::InvalidFilename
            )
        {
            return true;
        }
        next = cause.source();
    }
    false
}

/// A stored file read for an answer.
pub enum Read {
    /// The bytes (streamed), their length and their entity tag (quoted,
    /// as HTTP has it).
    Found {
        body: futures::stream::BoxStream<'static, Result<bytes::Bytes, object_store::Error>>,
        size: u64,
        etag: Option<String>,
    },
    /// The reader's copy (`If-None-Match`) is current; its tag.
    NotModified { etag: Option<String> },
    /// No such file, or a path that could never name one.
    Missing,
}

/// The media store: uploaded images, logos and drawn demo pictures, by
/// their path relative to the store (`products/12/<key>.jpg`).
#[derive(Clone)]
pub struct Media {
    store: Arc<dyn ObjectStore>,
    /// A store across the network (S3), not a folder of this machine.
    remote: bool,
    /// For the log and the backup manifest: "folder …" or "bucket …".
    label: String,
}

impl std::fmt::Debug for Media {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl Media {
    /// Files in a folder of this machine (created if missing).
    ///
    /// # Errors
    /// The folder cannot be made.
    pub fn folder(dir: &std::path::Path) -> Result<Media, MediaError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| MediaError(format!("media folder {}: {e}", dir.display())))?;
        // Removing a product's last picture also removes its folder.
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| MediaError(format!("media folder {}: {e}", dir.display())))?
            .with_automatic_cleanup(true);
        Ok(Media {
            store: Arc::new(store),
            remote: false,
            label: format!("folder {}", dir.display()),
        })
    }

    /// Files in an S3-compatible bucket.
    ///
    /// # Errors
    /// Settings the client refuses (an endpoint it cannot parse).
    pub fn s3(s: &S3Settings) -> Result<Media, MediaError> {
        let store = object_store::aws::AmazonS3Builder::new()
            .with_bucket_name(&s.bucket)
            .with_endpoint(&s.endpoint)
            .with_region(&s.region)
            .with_access_key_id(&s.access_key_id)
            .with_secret_access_key(&s.secret_access_key)
            .with_virtual_hosted_style_request(!s.path_style)
            // A store that is down fails an upload in seconds, with a clear
            // error, rather than after the crate's three minutes of retries.
            .with_retry(object_store::RetryConfig {
                max_retries: 3,
                retry_timeout: std::time::Duration::from_secs(10),
                ..object_store::RetryConfig::default()
            })
            .with_client_options(
                // These options replace the builder's whole set, so plain
                // HTTP (a store on a private network) is allowed here.
                object_store::ClientOptions::new()
                    .with_allow_http(s.endpoint.starts_with("http://"))
                    .with_connect_timeout(std::time::Duration::from_secs(5))
                    .with_timeout(std::time::Duration::from_secs(30)),
            )
            .build()
            .map_err(|e| MediaError(format!("S3 bucket {}: {e}", s.bucket)))?;
        Ok(Media {
            store: Arc::new(store),
            remote: true,
            label: format!("bucket {} at {}", s.bucket, s.endpoint),
        })
    }

    /// "folder …" or "bucket … at …".
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether the store is across the network (its failure is a bad
    /// gateway, a folder's is this server's own).
    pub fn is_remote(&self) -> bool {
        self.remote
    }

    /// Writes, reads back and removes a small file, so that a store that
    /// cannot be used (a wrong key, a missing bucket) stops the server at
    /// start rather than failing the first upload.
    ///
    /// # Errors
    /// What the store answered.
    pub async fn check(&self) -> Result<(), MediaError> {
        let probe = format!(".probe/{}", new_key());
        let fail = |e: object_store::Error| MediaError(format!("{}: {}", self.label, causes(&e)));
        let path = Path::from(probe.as_str());
        self.put(&probe, b"ok".to_vec()).await.map_err(fail)?;
        let read = async { self.store.get(&path).await?.bytes().await };
        if let Err(e) = read.await {
            // Not left behind where it was written but cannot be read.
            let _ = self.store.delete(&path).await;
            return Err(fail(e));
        }
        self.store.delete(&path).await.map_err(fail)?;
        Ok(())
    }

    async fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), object_store::Error> {
        let path = Path::parse(rel)?;
        self.store.put(&path, PutPayload::from(bytes)).await?;
        Ok(())
    }

    /// Writes files (paths relative to the store); if one cannot be
    /// written, none is left behind.
    ///
    /// # Errors
    /// [`AppError::Internal`] (the cause is logged).
    pub async fn write_all(&self, files: &[(&str, &[u8])]) -> AppResult<()> {
        for (i, (rel, bytes)) in files.iter().enumerate() {
            if let Err(e) = self.put(rel, bytes.to_vec()).await {
                tracing::error!(error = %e, store = %self.label, file = %rel, "writing an uploaded file");
                let written: Vec<String> = files[..i].iter().map(|(r, _)| r.to_string()).collect();
                self.remove_files(&written).await;
                return Err(AppError::Internal);
            }
        }
        Ok(())
    }

    /// Writes one file as it is (backup restore and tests).
    ///
    /// # Errors
    /// The store's.
    pub async fn write(&self, rel: &str, bytes: Vec<u8>) -> Result<(), MediaError> {
        self.put(rel, bytes)
            .await
            .map_err(|e| MediaError(format!("writing {rel} into {}: {}", self.label, causes(&e))))
    }

    /// Removes files (what a refused or replaced upload left, or a deleted
    /// product's); a file already gone is only logged.
    pub async fn remove_files(&self, files: &[String]) {
        for f in files {
            let removed = match Path::parse(f) {
                Ok(path) => self.store.delete(&path).await,
                Err(e) => Err(e.into()),
            };
            if let Err(e) = removed {
                tracing::warn!(file = %f, store = %self.label, error = %e, "removing an image file");
            }
        }
    }

    /// A file for an answer; `if_none_match` is the reader's
    /// `If-None-Match` header. The tags are compared here, not by the
    /// store: some S3-compatible stores ignore the condition.
    ///
    /// # Errors
    /// The store failed (not a missing file).
    pub async fn read(&self, rel: &str, if_none_match: Option<&str>) -> Result<Read, MediaError> {
        // Only names of the kind this store writes (segments of letters,
        // digits, '-', '_' and '.', none starting with '.'), so nothing
        // outside the store, and no name a store refuses, can be asked for.
        let plain = !rel.is_empty()
            && rel.split('/').all(|s| {
                !s.is_empty()
                    && !s.starts_with('.')
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            });
        let Ok(path) = Path::parse(rel) else {
            return Ok(Read::Missing);
        };
        if !plain {
            return Ok(Read::Missing);
        }
        match self.store.get(&path).await {
            Ok(got) => {
                // S3 quotes its tags, the local store does not.
                let etag = got.meta.e_tag.as_deref().map(|t| {
                    if t.starts_with('"') || t.starts_with("W/") {
                        t.to_string()
                    } else {
                        format!("\"{t}\"")
                    }
                });
                let current = if_none_match.is_some_and(|header| {
                    header.split(',').map(str::trim).any(|tag| {
                        tag == "*"
                            || etag.as_deref().is_some_and(|e| {
                                e.trim_start_matches("W/") == tag.trim_start_matches("W/")
                            })
                    })
                });
                if current {
                    return Ok(Read::NotModified { etag });
                }
                Ok(Read::Found {
                    size: got.meta.size,
                    etag,
                    body: got.into_stream(),
                })
            }
            // A folder is not a file: the local store answers NotFound.
            Err(object_store::Error::NotFound { .. }) => Ok(Read::Missing),
            // Nor is a file a folder (`a.jpg/b.jpg` on the local store).
            Err(e) if names_nothing(&e) => Ok(Read::Missing),
            Err(e) => Err(MediaError(format!(
                "reading {rel} from {}: {}",
                self.label,
                causes(&e)
            ))),
        }
    }

    /// A whole file, or `None` when there is none.
    ///
    /// # Errors
    /// The store failed.
    pub async fn bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, MediaError> {
        let fail = |e: object_store::Error| MediaError(format!("reading {rel}: {}", causes(&e)));
        let Ok(path) = Path::parse(rel) else {
            return Ok(None);
        };
        match self.store.get(&path).await {
            Ok(got) => Ok(Some(got.bytes().await.map_err(fail)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(fail(e)),
        }
    }

    /// Every file with its size, sorted by path.
    ///
    /// # Errors
    /// The store failed.
    pub async fn list(&self) -> Result<Vec<(String, u64)>, MediaError> {
        use futures::TryStreamExt;
        let mut files: Vec<(String, u64)> = self
            .store
            .list(None)
            .map_ok(|m| (m.location.to_string(), m.size))
            .try_collect()
            .await
            .map_err(|e| MediaError(format!("listing {}: {}", self.label, causes(&e))))?;
        files.retain(|(p, _)| !p.starts_with(".probe/"));
        files.sort();
        Ok(files)
    }

    /// Stores an upload as a logo (the thumbnail rendition) under `folder`
    /// and records it with `set`, which returns the logo it replaced; that
    /// file is removed once the new one is recorded. A refused or failed
    /// upload leaves no file behind.
    ///
    /// # Errors
    /// The image's refusal, `set`'s error, or Internal.
    pub async fn store_logo(
        &self,
        folder: &str,
        bytes: Vec<u8>,
        set: impl AsyncFnOnce(&str) -> AppResult<Option<String>>,
    ) -> AppResult<()> {
        let processed = super::images::accept(bytes).await?;
        let rel = format!("{folder}/{}.jpg", new_key());
        self.write_all(&[(&rel, &processed.thumb)]).await?;
        match set(&rel).await {
            Ok(old) => {
                self.remove_files(&old.into_iter().collect::<Vec<_>>())
                    .await;
                Ok(())
            }
            Err(e) => {
                self.remove_files(&[rel]).await;
                Err(e)
            }
        }
    }
}
