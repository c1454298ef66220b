//! What public catalogue pages read, kept in memory per version of the
//! catalogue.
//!
//! A product or search page is the same data for every reader; reading it
//! from SQLite every time costs a dozen queries, each handed across threads
//! row by row (sqlx), and the search also runs the engine's facet counts.
//! So the loaded data is kept, and every page is still rendered for its
//! reader (their header, their language).
//!
//! Freshness does not rest on a timer. Every kept value is stamped with the
//! catalogue's *generation*, read before loading; a value from an older
//! generation is never served. The generation moves on
//! - after every request that may write (any method but GET and HEAD), once
//!   its handler has committed and before its answer leaves, so whoever
//!   saved something sees it on their next page;
//! - after the search worker delivered updates to the engine, so search
//!   results follow the index;
//! - after the certificate sweep or anything else that writes outside a
//!   request (see [`ReadCache::invalidate`]).
//!
//! Parts of pages are kept too, as HTML beside the data they were rendered
//! from ([`ReadCache::html_of`]): rendering the same 24 search results for
//! every reader costs more than everything else on the page. A kept part is
//! served only for data equal to its own, so it can never be older than the
//! data the page was given.
//!
//! App servers sharing a PostgreSQL tell each other of every change (LISTEN
//! and NOTIFY, see the server's `peers`), so a write on one is seen on all.
//! Writes by another process that is no app server (the `server` command
//! line) are not seen at once; `DATA_CACHE_SECONDS` (default 5) bounds how
//! long, and also how long a value derived from the clock (a certificate's
//! validity, an upcoming event) may lag.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use moka::sync::Cache;

use crate::error::AppResult;

/// Entries kept at most. A page's data is a few kilobytes (a product) to
/// tens of kilobytes (24 search results); the largest, 100 results asked
/// for through `per_page`, about 100 KB, so at worst about 100 MB.
const MAX_ENTRIES: u64 = 1_000;

type Entry = (u64, Arc<dyn Any + Send + Sync>);

/// Rendered HTML and the data it was rendered from.
type Fragment = Arc<(Box<dyn Any + Send + Sync>, Arc<str>)>;

/// See the module documentation.
pub struct ReadCache {
    generation: AtomicU64,
    /// Reads answered from what was kept, and reads that loaded (metrics).
    hits: AtomicU64,
    misses: AtomicU64,
    entries: Option<Cache<String, Entry>>,
    fragments: Option<Cache<String, Fragment>>,
    /// Told of every change made here, to pass on to other app servers on
    /// the same PostgreSQL (see the server's `peers`).
    peers: std::sync::OnceLock<Arc<tokio::sync::Notify>>,
}

impl ReadCache {
    /// Keeps values for at most `seconds` (0 keeps nothing).
    pub fn new(seconds: u64) -> ReadCache {
        fn bounded<V: Clone + Send + Sync + 'static>(seconds: u64) -> Option<Cache<String, V>> {
            (seconds > 0).then(|| {
                Cache::builder()
                    .time_to_live(Duration::from_secs(seconds))
                    .max_capacity(MAX_ENTRIES)
                    .build()
            })
        }
        ReadCache {
            generation: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            entries: bounded(seconds),
            fragments: bounded(seconds),
            peers: std::sync::OnceLock::new(),
        }
    }

    /// The current generation (the page cache stamps its pages with it too).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Reads served from what was kept and reads that had to load, since
    /// the start.
    pub fn hits_and_misses(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Something public may have changed: nothing kept so far is served
    /// again, here or (once told) on the other app servers.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Some(peers) = self.peers.get() {
            // One permit at most: changes close together make one message.
            peers.notify_one();
        }
    }

    /// Another app server changed something: as [`Self::invalidate`],
    /// without telling anyone back.
    pub fn invalidate_from_peer(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// What [`Self::invalidate`] wakes from now on (set once, at start).
    pub fn tell_peers(&self) -> Arc<tokio::sync::Notify> {
        self.peers.get_or_init(Default::default).clone()
    }

    /// The value kept under `key` for the current generation, or `load`'s,
    /// which is then kept. Errors are not kept.
    ///
    /// # Errors
    /// `load`'s.
    pub async fn get_or_load<V, F, Fut>(&self, key: String, load: F) -> AppResult<Arc<V>>
    where
        V: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<V>>,
    {
        self.get_or_load_if(key, load, |_| true).await
    }

    /// Like [`ReadCache::get_or_load`], but keeps the value only when `keep`
    /// says so (a search answered by the database fallback is not kept).
    ///
    /// # Errors
    /// `load`'s.
    pub async fn get_or_load_if<V, F, Fut>(
        &self,
        key: String,
        load: F,
        keep: impl FnOnce(&V) -> bool,
    ) -> AppResult<Arc<V>>
    where
        V: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<V>>,
    {
        let Some(entries) = &self.entries else {
            return load().await.map(Arc::new);
        };
        // Read before loading: a write committed while we load moves the
        // generation on, and what we loaded is then already stale.
        let generation = self.generation();
        if let Some((stamp, value)) = entries.get(&key)
            && stamp == generation
            && let Ok(value) = value.downcast::<V>()
        {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(value);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let value = Arc::new(load().await?);
        if keep(&value) {
            entries.insert(key, (generation, value.clone()));
        }
        Ok(value)
    }

    /// The HTML `render` makes of `data`, kept under `key` and served again
    /// while the data given is equal to the data it was made from (one
    /// comparison instead of a render). `key` names what is rendered and
    /// everything besides `data` that the HTML depends on (the language).
    pub fn html_of<T>(&self, key: &str, data: &T, render: impl FnOnce() -> String) -> Arc<str>
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        let Some(fragments) = &self.fragments else {
            return render().into();
        };
        if let Some(kept) = fragments.get(key)
            && kept.0.downcast_ref::<T>() == Some(data)
        {
            return kept.1.clone();
        }
        let html: Arc<str> = render().into();
        fragments.insert(
            key.to_owned(),
            Arc::new((Box::new(data.clone()), html.clone())),
        );
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn serves_a_value_only_within_its_generation() {
        let cache = ReadCache::new(60);
        let loads = std::sync::atomic::AtomicU32::new(0);
        let load = || async { Ok(loads.fetch_add(1, Ordering::SeqCst)) };
        let a = cache.get_or_load("k".into(), load).await.unwrap();
        let b = cache.get_or_load("k".into(), load).await.unwrap();
        assert_eq!((*a, *b), (0, 0), "the second read is served from memory");
        cache.invalidate();
        let c = cache.get_or_load("k".into(), load).await.unwrap();
        assert_eq!(*c, 1, "after a write the value is loaded again");
    }

    #[tokio::test]
    async fn a_write_during_a_load_makes_that_load_stale() {
        let cache = ReadCache::new(60);
        let first = cache
            .get_or_load("k".into(), || async {
                // A write commits while this reader is still loading.
                cache.invalidate();
                Ok("old")
            })
            .await
            .unwrap();
        assert_eq!(*first, "old");
        let second = cache
            .get_or_load("k".into(), || async { Ok("new") })
            .await
            .unwrap();
        assert_eq!(
            *second, "new",
            "the value loaded across a write is not served"
        );
    }

    #[tokio::test]
    async fn errors_and_refused_values_are_not_kept() {
        let cache = ReadCache::new(60);
        let failed: AppResult<Arc<u8>> = cache
            .get_or_load("e".into(), || async {
                Err(crate::error::AppError::NotFound)
            })
            .await;
        assert!(failed.is_err());
        let ok = cache.get_or_load("e".into(), || async { Ok(7u8) }).await;
        assert_eq!(*ok.unwrap(), 7);
        let degraded = cache
            .get_or_load_if("d".into(), || async { Ok(1u8) }, |_| false)
            .await
            .unwrap();
        let again = cache
            .get_or_load_if("d".into(), || async { Ok(2u8) }, |_| true)
            .await
            .unwrap();
        assert_eq!((*degraded, *again), (1, 2));
    }

    #[test]
    fn html_is_kept_only_for_equal_data() {
        let cache = ReadCache::new(60);
        let renders = std::sync::atomic::AtomicU32::new(0);
        let render = |data: &str| {
            cache.html_of("k", &data.to_string(), || {
                renders.fetch_add(1, Ordering::SeqCst);
                format!("<p>{data}</p>")
            })
        };
        assert_eq!(&*render("a"), "<p>a</p>");
        assert_eq!(&*render("a"), "<p>a</p>");
        assert_eq!(
            renders.load(Ordering::SeqCst),
            1,
            "the same data is not rendered again"
        );
        assert_eq!(&*render("b"), "<p>b</p>", "changed data is rendered anew");
        assert_eq!(renders.load(Ordering::SeqCst), 2);
        let other_type = cache.html_of("k", &7u8, || "<p>7</p>".into());
        assert_eq!(&*other_type, "<p>7</p>");
        let off = ReadCache::new(0);
        off.html_of("k", &1u8, || "x".into());
        assert_eq!(
            &*off.html_of("k", &1u8, || "y".into()),
            "y",
            "0 seconds keeps nothing"
        );
    }

    #[tokio::test]
    async fn zero_seconds_keeps_nothing() {
        let cache = ReadCache::new(0);
        let a = cache
            .get_or_load("k".into(), || async { Ok(1u8) })
            .await
            .unwrap();
        let b = cache
            .get_or_load("k".into(), || async { Ok(2u8) })
            .await
            .unwrap();
        assert_eq!((*a, *b), (1, 2));
    }
}
