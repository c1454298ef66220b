//! The shape of the code, checked: no file imports a file that imports it
//! back, server functions call services (never entities), and pages call
//! server functions (never services). Read from the sources themselves, so
//! a new file is checked without changing this.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src`, by its module path (`server::kernel::db`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).expect("src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).expect("under src");
                let mut segs: Vec<String> = rel
                    .with_extension("")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if matches!(segs.last().map(String::as_str), Some("mod" | "lib")) {
                    segs.pop();
                }
                out.insert(segs, path);
            }
        }
    }
    out
}

/// The source without comments, string literals (a doc link or a message
/// is no import) and its unit tests (whose `super` is the file itself, and
/// which may reach anywhere).
fn code_of(path: &Path) -> String {
    let mut src = std::fs::read_to_string(path).expect("a source file");
    if let Some(at) = src.find("#[cfg(test)]\nmod tests") {
        src.truncate(at);
    }
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The paths a file names (`crate::a::b`, `super::c`, and the items of
/// `use crate::a::{b, c::d}`), made absolute.
fn paths_named(me: &[String], is_mod_file: bool, code: &str) -> Vec<Vec<String>> {
    let parent: Vec<String> = if is_mod_file {
        me.to_vec()
    } else {
        me[..me.len().saturating_sub(1)].to_vec()
    };
    let absolute = |base: &str, rest: &str| -> Vec<String> {
        let mut p = if base == "crate" {
            Vec::new()
        } else {
            parent.clone()
        };
        p.extend(
            rest.split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        p
    };
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for base in ["crate", "super"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(&format!("{base}::")) {
            let start = from + i;
            from = start + base.len() + 2;
            let before = start.checked_sub(1).map(|j| bytes[j] as char);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest: String = code[from..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
                .collect();
            if let Some(prefix) = rest.strip_suffix('{').filter(|_| rest.ends_with('{')) {
                let close = code[from + rest.len()..].find('}').unwrap_or(0);
                let group = &code[from + rest.len()..from + rest.len() + close];
                for item in group.split(',') {
                    let item = item.split(" as ").next().unwrap_or("").trim();
                    if !item.is_empty() && item != "self" {
                        out.push(absolute(base, &format!("{prefix}{item}")));
                    }
                }
                out.push(absolute(base, prefix));
            } else {
                out.push(absolute(base, rest.trim_end_matches(':')));
            }
        }
    }
    out
}

/// The file a path lands in: the longest prefix that is a module.
fn file_of<'a>(
    modules: &'a BTreeMap<Vec<String>, PathBuf>,
    path: &[String],
) -> Option<&'a PathBuf> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

fn graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let modules = modules();
    let mut edges = BTreeMap::new();
    for (segs, file) in &modules {
        let is_mod_file = file
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs");
        let code = code_of(file);
        let targets: BTreeSet<PathBuf> = paths_named(segs, is_mod_file, &code)
            .iter()
            .filter_map(|p| file_of(&modules, p))
            .filter(|t| *t != file)
            .cloned()
            .collect();
        edges.insert(file.clone(), targets);
    }
    edges
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let edges = graph();
    // Depth-first search for a path back to each file.
    let mut circles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(PathBuf, Vec<PathBuf>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, trail)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    let names: Vec<String> = trail
                        .iter()
                        .map(|p| {
                            p.display()
                                .to_string()
                                .split("/src/")
                                .last()
                                .unwrap_or("")
                                .to_string()
                        })
                        .collect();
                    circles.push(names.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    circles.sort();
    circles.dedup();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

fn files_under(prefix: &str) -> Vec<(String, String)> {
    modules()
        .into_iter()
        .filter(|(segs, _)| segs.first().is_some_and(|s| s == prefix))
        .map(|(_, f)| (f.display().to_string(), code_of(&f)))
        .collect()
}

#[test]
fn server_functions_call_services_never_entities() {
    for (file, code) in files_under("functions") {
        assert!(
            !code.contains("entities"),
            "{file} reaches into the entities; call a service"
        );
    }
}

#[test]
fn pages_call_server_functions_never_services() {
    const SERVICES: [&str; 8] = [
        "server::accounts",
        "server::catalogue",
        "server::curation",
        "server::kernel",
        "server::orders",
        "server::search",
        "server::workspace",
        "server::entities",
    ];
    for (file, code) in files_under("routes") {
        for s in SERVICES {
            assert!(
                !code.contains(s),
                "{file} calls {s}; call a server function"
            );
        }
    }
}
