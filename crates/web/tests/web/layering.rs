//! The rooms of the web crate import each other in one direction only: the public portal, the studio,
//! residents' stories and the API never form a cycle, and the shared infrastructure (`shell`)
//! and the gate import none of them. Read from the source, so a new `use` that closes a cycle
//! fails here with the files that make it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules whose imports are checked, and what each may use.
const ROOMS: &[(&str, &[&str])] = &[
    ("shell", &[]),
    ("gate", &["shell"]),
    ("seo", &["shell", "gate"]),
    ("public", &["shell", "gate", "seo"]),
    ("api", &["shell", "gate", "public"]),
    ("contributions", &["shell", "gate", "public"]),
    ("share", &["shell", "gate", "seo", "public"]),
    ("districts", &["shell", "gate", "public"]),
    ("conference", &["shell", "gate", "public", "contributions"]),
    ("oai", &["shell", "gate", "seo"]),
    ("iiif", &["shell", "gate", "seo", "public"]),
    (
        "export",
        &["shell", "gate", "seo", "public", "api", "oai", "studio"],
    ),
    (
        "studio",
        &[
            "shell",
            "gate",
            "public",
            "contributions",
            "districts",
            "conference",
        ],
    ),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The room a file belongs to: `src/<room>.rs` or `src/<room>/…`.
fn room_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn rooms_import_each_other_in_one_direction() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rooms: BTreeMap<&str, BTreeSet<&str>> = ROOMS
        .iter()
        .map(|(r, may)| (*r, may.iter().copied().collect()))
        .collect();
    for room in rooms.keys() {
        assert!(
            src.join(room).is_dir() || src.join(format!("{room}.rs")).is_file(),
            "the room `{room}` is gone: update ROOMS"
        );
    }
    let mut wrong = Vec::new();
    for file in &files {
        let Some(from) = room_of(&src, file) else {
            continue;
        };
        let Some(allowed) = rooms.get(from.as_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read file");
        // `use crate::{a::x, b::y};` groups, possibly over several lines.
        let groups: Vec<&str> = text
            .match_indices("use crate::{")
            .map(|(i, _)| &text[i..i + text[i..].find("};").unwrap_or(text.len() - i)])
            .collect();
        for to in rooms.keys() {
            if *to != from && !allowed.contains(to) {
                let inner = format!("{to}::");
                for group in &groups {
                    let named = group.match_indices(&inner).any(|(i, _)| {
                        !group[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                    });
                    if named {
                        wrong.push(format!(
                            "{}: `{from}` uses `{to}` in `{}`",
                            file.strip_prefix(&src).unwrap_or(file).display(),
                            group.lines().next().unwrap_or_default()
                        ));
                    }
                }
            }
            if *to == from || allowed.contains(to) {
                continue;
            }
            let needle = format!("crate::{to}");
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                let hit = code.match_indices(&needle).any(|(i, _)| {
                    !code[i + needle.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                if hit {
                    wrong.push(format!(
                        "{}:{}: `{from}` uses `{to}`",
                        file.strip_prefix(&src).unwrap_or(file).display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layering:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_allowed_imports_have_no_cycle() {
    // Depth-first search over the allowed edges: a room reached again while on the path is a
    // cycle in the plan itself.
    fn visit<'a>(room: &'a str, edges: &BTreeMap<&'a str, Vec<&'a str>>, path: &mut Vec<&'a str>) {
        assert!(!path.contains(&room), "cycle: {path:?} -> {room}");
        path.push(room);
        for next in edges.get(room).into_iter().flatten() {
            visit(next, edges, path);
        }
        path.pop();
    }
    let edges: BTreeMap<&str, Vec<&str>> = ROOMS.iter().map(|(r, m)| (*r, m.to_vec())).collect();
    for room in edges.keys() {
        visit(room, &edges, &mut Vec::new());
    }
}
