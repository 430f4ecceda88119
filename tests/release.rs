//! Releases and CI (`.github/workflows/`, `scripts/package-release`): the workflows are valid
//! against GitHub's workflow schema (by `check-jsonschema`, which `scripts/test` installs), build
//! the four targets the README promises and run `.ci/run` and `cargo test` where it says; the
//! packing script puts the binary, the README, the officers' guide and the licences in each
//! archive and writes a checksum that matches it.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

fn workflow(name: &str) -> serde_yaml::Value {
    let path = repo().join(".github/workflows").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn strings(v: &serde_yaml::Value) -> Vec<String> {
    match v {
        serde_yaml::Value::Sequence(items) => items.iter().filter_map(|i| i.as_str().map(String::from)).collect(),
        other => other.as_str().map(String::from).into_iter().collect(),
    }
}

/// Every `run:` of a job, joined.
fn runs(job: &serde_yaml::Value) -> String {
    let steps = job["steps"].as_sequence().map(Vec::as_slice).unwrap_or_default();
    steps.iter().filter_map(|s| s["run"].as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_workflows_are_valid_against_githubs_schema() {
    let Some(py) = python("the GitHub workflows were not checked against GitHub's workflow schema") else { return };
    let dir = repo().join(".github/workflows");
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    let out = Command::new(&py)
        .args(["-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"])
        .args(&files)
        .output()
        .expect("python");
    assert!(
        out.status.success(),
        "check-jsonschema:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_version_tag_builds_the_four_targets_and_publishes_them() {
    let w = workflow("release.yml");
    let tags = strings(&w["on"]["push"]["tags"]);
    assert!(tags.iter().any(|t| t.starts_with('v')), "{tags:?}");
    let matrix = w["jobs"]["build"]["strategy"]["matrix"]["include"].as_sequence().expect("a matrix");
    let mut targets: Vec<&str> = matrix.iter().filter_map(|m| m["target"].as_str()).collect();
    targets.sort();
    assert_eq!(
        targets,
        ["aarch64-apple-darwin", "x86_64-apple-darwin", "x86_64-pc-windows-msvc", "x86_64-unknown-linux-musl"]
    );
    let build = runs(&w["jobs"]["build"]);
    assert!(build.contains("cargo build --release --locked --target"), "{build}");
    assert!(build.contains("scripts/package-release"), "{build}");
    let release = runs(&w["jobs"]["release"]);
    assert!(release.contains("gh release create") && release.contains("SHA256SUMS"), "{release}");
    assert_eq!(w["jobs"]["release"]["permissions"]["contents"].as_str(), Some("write"));
}

#[test]
fn ci_runs_the_projects_checks_on_linux_and_the_tests_on_windows_and_macos() {
    let w = workflow("ci.yml");
    assert!(runs(&w["jobs"]["linux"]).contains("bash .ci/run"));
    let others = &w["jobs"]["other-systems"];
    let mut systems = strings(&others["strategy"]["matrix"]["os"]);
    systems.sort();
    assert_eq!(systems, ["macos-latest", "windows-latest"]);
    assert!(runs(others).contains("cargo test --locked"));
    let portable = runs(&w["jobs"]["portable"]);
    assert!(portable.contains("BANGTIN_PORTABLE=1") && portable.contains("--no-default-features"), "{portable}");
}

/// Runs the packing script on a stand-in binary for Windows, and reads the archive back.
#[test]
fn a_release_archive_holds_the_binary_the_readme_the_guide_and_the_licences() {
    let Some(py) = python("scripts/package-release was not run") else { return };
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("bangtin.exe");
    fs::write(&binary, b"MZ stand-in").unwrap();
    let out = dir.path().join("dist");
    let version = env!("CARGO_PKG_VERSION");
    let run = |version: &str| {
        Command::new(&py)
            .arg(repo().join("scripts/package-release"))
            .args(["--target", "x86_64-pc-windows-msvc", "--version", version, "--binary"])
            .arg(&binary)
            .arg("--out")
            .arg(&out)
            .env("CARGO", env!("CARGO"))
            .output()
            .expect("python")
    };
    // A tag that is not Cargo.toml's version is refused: the archive would lie about what it holds.
    let wrong = run("v999.0.0");
    assert!(!wrong.status.success() && String::from_utf8_lossy(&wrong.stderr).contains("Cargo.toml"));
    let r = run(&format!("v{version}"));
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));

    let name = format!("bangtin-v{version}-x86_64-pc-windows-msvc");
    let archive = out.join(format!("{name}.zip"));
    let mut zip = zip::ZipArchive::new(fs::File::open(&archive).unwrap()).unwrap();
    let mut read = |path: &str| {
        let mut f = zip.by_name(&format!("{name}/{path}")).unwrap_or_else(|_| panic!("{path} is not in the archive"));
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut s).unwrap();
        s
    };
    assert_eq!(read("bangtin.exe"), b"MZ stand-in");
    assert_eq!(read("README.md"), fs::read(repo().join("README.md")).unwrap());
    for doc in fs::read_dir(repo().join("docs/vi")).unwrap() {
        let doc = doc.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!read(&format!("docs/vi/{doc}")).is_empty(), "docs/vi/{doc}");
    }
    // bangtin's own licences, as the repository has them.
    for own in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert_eq!(read(own), fs::read(repo().join(own)).unwrap(), "{own}");
    }
    let licences = String::from_utf8(read("THIRD-PARTY-LICENSES.txt")).unwrap();
    // Crates of every build, and one only Windows builds have; not the allocator Windows lacks.
    for line in ["- clap ", "- tera ", "- windows-sys "] {
        assert!(licences.contains(line), "{line} is not among the third-party licences");
    }
    assert!(!licences.contains("- tikv-jemallocator "), "jemalloc is not built on Windows");
    assert!(licences.contains("Permission is hereby granted, free of charge"), "the MIT text itself");

    // The checksum as `sha256sum` writes it, of the archive as it is.
    let sums = fs::read_to_string(out.join(format!("{name}.zip.sha256"))).unwrap();
    let hash = Command::new(&py)
        .args(["-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())"])
        .arg(&archive)
        .output()
        .unwrap();
    let hash = String::from_utf8(hash.stdout).unwrap();
    assert_eq!(sums, format!("{}  {name}.zip\n", hash.trim()));
    assert!(Path::new(&archive).metadata().unwrap().len() > 0);
}
