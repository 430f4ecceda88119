//! The module layering that ARCHITECTURE.md states, kept: every `crate::` path in the library's
//! code (tests aside) names a module of its own stage or of a stage below, and no modules use
//! each other in a circle. The stages are read from ARCHITECTURE.md's table, so the document
//! and this test cannot drift apart; a module missing from the table fails too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Stage name → its modules, in order from the bottom, as the `## Layers` table lists them:
/// rows `| stage | `a`, `b` | … |`.
fn stages(architecture: &str) -> Vec<(String, Vec<String>)> {
    let section = architecture.split("\n## Layers").nth(1).expect("ARCHITECTURE.md has a “## Layers” section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut out = Vec::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 2 || cells[0].starts_with('-') || cells[0].eq_ignore_ascii_case("stage") {
            continue;
        }
        let modules: Vec<String> =
            cells[1].split(',').map(|m| m.trim().trim_matches('`').to_string()).filter(|m| !m.is_empty()).collect();
        out.push((cells[0].trim_matches('*').to_string(), modules));
    }
    out
}

/// The code of a file without its comments, string literals and test module: what names the
/// modules it really uses.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if text[i..].starts_with("//") {
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if text[i..].starts_with("/*") {
            i = text[i..].find("*/").map_or(b.len(), |n| i + n + 2);
        } else if text[i..].starts_with("r#\"") {
            i = text[i + 3..].find("\"#").map_or(b.len(), |n| i + 3 + n + 2);
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            // A string literal, escapes included; a char literal '"' does not start one.
            if i > 0 && b[i - 1] == b'\'' {
                i += 1;
                continue;
            }
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The first name of every `crate::` path in `code`, groups included: `crate::a::b` gives `a`,
/// `crate::{a, b::{c, d}}` gives `a` and `b`.
fn crate_names(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        names.insert(ident(&group[k..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            names.insert(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// The top-level modules the library declares in lib.rs.
fn declared(lib: &str) -> BTreeSet<String> {
    code_of(lib)
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ can be read").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") && p.file_name().is_some_and(|n| n != "tests.rs") {
            out.push(p);
        }
    }
}

/// Module → the modules its code names.
fn uses(src: &Path, modules: &BTreeSet<String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src).unwrap_or(&f);
        let top = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
        let top = top.strip_suffix(".rs").unwrap_or(&top).to_string();
        if !modules.contains(&top) {
            // lib.rs and main.rs, and the binary's own modules: above every stage.
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("a source file can be read");
        uses.entry(top.clone()).or_default().extend(crate_names(&code_of(&text)));
    }
    uses
}

/// What breaks the layering: a use of a module of a higher stage, of a name that is not a
/// module (a re-export at the crate root hides the module it comes from), of a module in no
/// stage, and every circle of modules using each other.
fn violations(
    stages: &[(String, Vec<String>)],
    modules: &BTreeSet<String>,
    uses: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut stage_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, (name, ms)) in stages.iter().enumerate() {
        for m in ms {
            if stage_of.insert(m, k).is_some() {
                out.push(format!("`{m}` is listed in two stages (the second: {name})"));
            }
        }
    }
    for m in modules {
        if !stage_of.contains_key(m.as_str()) {
            out.push(format!("module `{m}` is in no stage of ARCHITECTURE.md's table"));
        }
    }
    for m in stage_of.keys().filter(|m| !modules.contains(**m)) {
        out.push(format!("ARCHITECTURE.md lists `{m}`, which lib.rs does not declare"));
    }
    for (m, used) in uses {
        let Some(&own) = stage_of.get(m.as_str()) else { continue };
        for u in used.iter().filter(|u| *u != m) {
            match stage_of.get(u.as_str()) {
                Some(&theirs) if theirs > own => {
                    out.push(format!("`{m}` ({}) uses `{u}` ({}), a higher stage", stages[own].0, stages[theirs].0))
                }
                Some(_) => {}
                None if modules.contains(u) => {}
                None => out.push(format!("`{m}` uses `crate::{u}`, not a module: name the module it comes from")),
            }
        }
    }
    // Circles, found by a depth-first walk of the uses between modules.
    fn walk<'a>(
        m: &'a str,
        uses: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        out: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let mut circle: Vec<&str> = path[at..].to_vec();
            circle.push(m);
            out.push(format!("modules use each other in a circle: {}", circle.join(" → ")));
            return;
        }
        if !done.insert(m) {
            return;
        }
        path.push(m);
        for u in uses.get(m).into_iter().flatten().filter(|u| *u != m && uses.contains_key(*u)) {
            walk(u, uses, path, done, out);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        walk(m, uses, &mut Vec::new(), &mut done, &mut out);
    }
    out
}

#[test]
fn lower_stages_never_use_higher_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let stages = stages(&architecture);
    assert!(stages.len() >= 5, "the stages of ARCHITECTURE.md's “## Layers” table: {stages:?}");
    let lib = std::fs::read_to_string(root.join("src/lib.rs")).expect("src/lib.rs");
    let modules = declared(&lib);
    let uses = uses(&root.join("src"), &modules);
    let found = violations(&stages, &modules, &uses);
    assert!(found.is_empty(), "the layering of ARCHITECTURE.md is broken:\n  {}", found.join("\n  "));
}

/// The check itself finds each kind of break: a lower stage using a higher one, a circle
/// within a stage, a root re-export, a module in no stage.
#[test]
fn the_check_finds_every_kind_of_break() {
    let table = "# x\n\n## Layers\n\n| stage | modules |\n|---|---|\n| **base** | `text`, `format` |\n\
                 | load | `content` |\n| render | `render`, `chart` |\n\n## Next\n| x | `y` |\n";
    let stages = stages(table);
    assert_eq!(stages.len(), 3, "{stages:?}");
    assert_eq!(stages[0], ("base".to_string(), vec!["text".to_string(), "format".to_string()]));
    let modules: BTreeSet<String> =
        ["text", "format", "content", "render", "chart", "stray"].iter().map(|s| s.to_string()).collect();
    let code = |s: &str| crate_names(&code_of(s));
    let mut uses = BTreeMap::new();
    uses.insert("text".to_string(), code("// crate::content in a comment\nlet s = \"crate::render\\\"\"; let c = '\"'; let r = r#\"crate::chart \" \"#;"));
    uses.insert("format".to_string(), code("use crate::{text, content::model::{Site, Unit}};"));
    uses.insert("content".to_string(), code("use crate::text::nfc; fn f() -> crate::Error {}"));
    uses.insert("render".to_string(), code("use crate::chart::x;"));
    uses.insert("chart".to_string(), code("use crate::{render};\n#[cfg(test)]\nmod t { use crate::stray; }"));
    let found = violations(&stages, &modules, &uses);
    let has = |s: &str| found.iter().any(|f| f.contains(s));
    assert!(has("`format` (base) uses `content` (load)"), "{found:#?}");
    assert!(has("`content` uses `crate::Error`, not a module"), "{found:#?}");
    assert!(has("module `stray` is in no stage"), "{found:#?}");
    assert!(has("circle: chart → render → chart") || has("circle: render → chart → render"), "{found:#?}");
    assert!(!has("`text`"), "comments and strings name nothing: {found:#?}");
    assert_eq!(found.len(), 4, "{found:#?}");
}
