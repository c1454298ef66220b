//! Permission matrices: a table of actions, each with the callers who may
//! do it, walked in order. Every caller who may not is refused (401 signed
//! out, 403 otherwise) and the database is as it was; then one who may
//! does it, so later rows see its effect.

use super::{Browser, TestDb, fingerprint};

/// One request of a matrix, sent the same way by every caller.
pub enum Call {
    /// A form posted to a server function.
    Post(&'static str, Vec<(String, String)>),
    /// A page or a file fetched.
    Get(String),
    /// A multipart form (an upload) to a server function, built afresh for
    /// each caller.
    Upload(&'static str, Box<dyn Fn() -> reqwest::multipart::Form>),
}

impl Call {
    pub async fn send(&self, b: &Browser) -> reqwest::Response {
        match self {
            Call::Post(path, form) => b.post_owned(path, form).await,
            Call::Get(path) => b.get(path).await,
            Call::Upload(path, form) => b.post_multipart(path, form()).await,
        }
    }
}

/// A row of a matrix: what is done, who may do it, and how.
pub struct Action {
    pub name: &'static str,
    pub allowed: &'static [&'static str],
    pub call: Call,
}

/// A form posted to `path`.
pub fn post(
    name: &'static str,
    allowed: &'static [&'static str],
    path: &'static str,
    form: &[(&str, &str)],
) -> Action {
    let form = form
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Action {
        name,
        allowed,
        call: Call::Post(path, form),
    }
}

/// A page or a file fetched from `path`.
pub fn get(name: &'static str, allowed: &'static [&'static str], path: String) -> Action {
    Action {
        name,
        allowed,
        call: Call::Get(path),
    }
}

/// A multipart form, built by `form` for each caller, posted to `path`.
pub fn upload(
    name: &'static str,
    allowed: &'static [&'static str],
    path: &'static str,
    form: impl Fn() -> reqwest::multipart::Form + 'static,
) -> Action {
    Action {
        name,
        allowed,
        call: Call::Upload(path, Box::new(form)),
    }
}

/// Walks `actions` in order. Each of `actors` who may not do an action is
/// refused (401 when signed out, 403 otherwise) and the database does not
/// change; then the first of `doers` who may do it does it, and that
/// succeeds. Returns how many refusals were walked.
pub async fn walk(
    t: &TestDb,
    actions: &[Action],
    actors: &[(&str, &Browser)],
    doers: &[(&str, &Browser)],
) -> usize {
    let mut walked = 0;
    for Action {
        name,
        allowed,
        call,
    } in actions
    {
        for (who, browser) in actors {
            if allowed.contains(who) {
                continue;
            }
            let before = fingerprint(&t.db).await;
            let r = call.send(browser).await;
            let want = if *who == "anonymous" { 401 } else { 403 };
            assert_eq!(
                r.status().as_u16(),
                want,
                "{}: {who} may not {name}",
                t.label
            );
            assert_eq!(
                before,
                fingerprint(&t.db).await,
                "{}: refused {name} by {who} changed the database",
                t.label
            );
            walked += 1;
        }
        let (_, doer) = doers
            .iter()
            .find(|(who, _)| allowed.contains(who))
            .unwrap_or_else(|| panic!("nobody among the doers may {name}"));
        let r = call.send(doer).await;
        assert!(
            r.status().is_success(),
            "{}: {name} by an allowed caller: {}",
            t.label,
            r.status()
        );
    }
    walked
}
