//! `cargo install --locked --path .` and `--git` build the crate as `cargo package` lists it:
//! every file the binary compiles in (`include_str!` and `include_bytes!`, the theme above all)
//! must be in that list, or an install from a package would not build.

mod common;

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use common::*;

/// `dir/rel` without its `..` parts.
fn tidy(dir: &Path, rel: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for c in dir.join(rel).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Every file a source file under `src/` includes, relative to the repository.
fn included() -> BTreeSet<String> {
    let root = repo();
    let mut files = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for mac in ["include_str!(\"", "include_bytes!(\""] {
            for (i, _) in text.match_indices(mac) {
                let rel = text[i + mac.len()..].split('"').next().unwrap();
                let file = tidy(entry.path().parent().unwrap(), rel);
                let rel =
                    file.strip_prefix(&root).unwrap_or_else(|_| panic!("{} is outside the crate", file.display()));
                files.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

#[test]
fn the_package_holds_every_file_the_binary_compiles_in() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--list", "--locked", "--allow-dirty", "--offline"])
        .current_dir(repo())
        .output()
        .expect("cargo");
    assert!(out.status.success(), "cargo package --list:\n{}", String::from_utf8_lossy(&out.stderr));
    let listed: BTreeSet<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    let included = included();
    assert!(included.iter().filter(|f| f.starts_with("themes/default/")).count() >= 20, "{included:?}");
    let missing: Vec<&String> = included.iter().filter(|f| !listed.contains(*f)).collect();
    assert!(missing.is_empty(), "compiled in but not packaged: {missing:?}");
    // And what an installed binary's user reads.
    for f in ["README.md", "Cargo.lock", "docs/vi/README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(listed.contains(f), "{f} is not packaged");
    }
}
