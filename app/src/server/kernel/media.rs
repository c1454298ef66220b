//! Uploaded files: their addresses under `/media`, fresh names, and
//! removing them.

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

/// Writes files (paths relative to the media folder, with their folders);
/// if one cannot be written, none is left behind.
///
/// # Errors
/// [`AppError::Internal`] (the cause is logged).
pub async fn write_all(dir: &std::path::Path, files: &[(&str, &[u8])]) -> AppResult<()> {
    let write = async {
        for (rel, bytes) in files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await?;
            }
            tokio::fs::write(path, bytes).await?;
        }
        std::io::Result::Ok(())
    };
    if let Err(e) = write.await {
        tracing::error!(error = %e, "writing an uploaded file");
        let rels: Vec<String> = files.iter().map(|(r, _)| r.to_string()).collect();
        remove_files(dir, &rels).await;
        return Err(AppError::Internal);
    }
    Ok(())
}

/// Removes files of the media folder (what a refused or replaced upload
/// left); a file already gone is only logged.
pub async fn remove_files(dir: &std::path::Path, files: &[String]) {
    for f in files {
        if let Err(e) = tokio::fs::remove_file(dir.join(f)).await {
            tracing::warn!(file = %f, error = %e, "removing an image file");
        }
    }
}

/// Stores an upload as a logo (the thumbnail rendition) under `folder` of
/// the media folder and records it with `set`, which returns the logo it
/// replaced; that file is removed once the new one is recorded. A refused or
/// failed upload leaves no file behind.
///
/// # Errors
/// The image's refusal, `set`'s error, or Internal.
pub async fn store_logo(
    media_dir: &std::path::Path,
    folder: &str,
    bytes: Vec<u8>,
    set: impl AsyncFnOnce(&str) -> AppResult<Option<String>>,
) -> AppResult<()> {
    let processed = super::images::accept(bytes).await?;
    let rel = format!("{folder}/{}.jpg", new_key());
    write_all(media_dir, &[(&rel, &processed.thumb)]).await?;
    match set(&rel).await {
        Ok(old) => {
            remove_files(media_dir, &old.into_iter().collect::<Vec<_>>()).await;
            Ok(())
        }
        Err(e) => {
            remove_files(media_dir, &[rel]).await;
            Err(e)
        }
    }
}
