//! The fuzz targets (`fuzz/`, a crate of its own that stable `cargo test` never builds) kept in
//! step with the main crate: the same versions of every dependency they share, and every target
//! run by `fuzz/run` (which `.ci/run` runs a minute each where cargo-fuzz is installed).

mod common;

use std::collections::BTreeMap;

use common::*;

/// Each package of a `Cargo.lock` with its versions (a package may be there in two).
fn locked(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let field = |name: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(" = \"")?.strip_suffix('"').map(str::to_string))
        };
        if let (Some(name), Some(version)) = (field("name"), field("version")) {
            out.entry(name).or_default().push(version);
        }
    }
    out
}

#[test]
fn the_fuzz_lock_file_has_the_main_lock_files_versions() {
    let main = locked(&std::fs::read_to_string(repo().join("Cargo.lock")).unwrap());
    let fuzz = locked(&std::fs::read_to_string(repo().join("fuzz/Cargo.lock")).unwrap());
    let behind: Vec<String> = fuzz
        .iter()
        .filter_map(|(name, v)| main.get(name).filter(|m| *m != v).map(|m| format!("{name}: fuzz {v:?}, main {m:?}")))
        .collect();
    assert!(
        behind.is_empty(),
        "fuzz/Cargo.lock is behind Cargo.lock; copy Cargo.lock over it and run `cargo +nightly fuzz build` in fuzz/:\n{}",
        behind.join("\n")
    );
    assert!(fuzz.contains_key("libfuzzer-sys") && fuzz.contains_key("bangtin"));
}

#[test]
fn every_fuzz_target_is_declared_and_run() {
    let manifest = std::fs::read_to_string(repo().join("fuzz/Cargo.toml")).unwrap();
    let script = std::fs::read_to_string(repo().join("fuzz/run")).unwrap();
    let run = script.lines().find(|l| l.trim_start().starts_with("targets=(front_matter")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(repo().join("fuzz/fuzz_targets"))
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for t in &files {
        assert!(
            manifest.contains(&format!("path = \"fuzz_targets/{t}.rs\"")),
            "{t} is not a [[bin]] of fuzz/Cargo.toml"
        );
        assert!(run.split([' ', '(', ')']).any(|w| w == t), "fuzz/run does not run {t}: {run}");
    }
}
