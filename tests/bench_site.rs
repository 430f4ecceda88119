//! The benchmark's synthetic site (`bangtin bench-site`, hidden from help): it passes `check`,
//! and the same arguments write the same bytes, so two benchmark runs measure the same site.

mod common;

use common::*;

fn generate(dir: &std::path::Path) -> Run {
    run(&["bench-site", s(dir), "--pages", "60", "--units", "7", "--events", "25", "--weeks", "10"])
}

#[test]
fn the_synthetic_site_passes_check_and_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let r = generate(&a);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(generate(&b).code, 0);
    assert_eq!(snapshot(&a), snapshot(&b));
    let guides = snapshot(&a.join("guides"));
    assert_eq!(guides.len(), 12, "a fifth of the pages are guides");
    let one = String::from_utf8(guides.values().next().unwrap().clone()).unwrap();
    assert!(one.contains("## Bước 1: ") && one.contains("ệ"), "{one}");

    let check = run(&["check", "--content", s(&a), "--today", "2024-12-31"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(!check.stderr.contains("lỗi"), "{}", check.stderr);
}

#[test]
fn it_is_not_in_the_help_and_refuses_a_folder_with_files() {
    assert!(!run(&["--help"]).stdout.contains("bench-site"));
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("x"), "").unwrap();
    assert_eq!(generate(tmp.path()).code, 1);
}

/// Rendering on every core must not make the output depend on which thread finished first.
#[test]
fn a_parallel_build_is_byte_identical_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_eq!(generate(&site).code, 0);
    let build = |out: &std::path::Path| {
        let r = run(&["build", "--content", s(&site), "--out", s(out), "--today", "2024-12-31", "--quiet"]);
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        snapshot(out)
    };
    let first = build(&tmp.path().join("a"));
    assert!(first.len() > 100, "{} files", first.len());
    for _ in 0..3 {
        assert!(first == build(&tmp.path().join("b")), "two builds of the same site differ");
    }
}
