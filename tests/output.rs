//! The output folder as the disk leaves it: a spare that cannot be written over, and the paths
//! `--out` may name.

mod common;

#[cfg(unix)]
use std::fs;
#[cfg(target_os = "linux")]
use std::path::{Path, PathBuf};
#[cfg(target_os = "linux")]
use std::process::Command;

use common::*;

const TODAY: &str = "2024-06-03";

/// A file made impossible to write over or remove, and put back when dropped so the scratch
/// folder can go: made immutable when the tests run as root (who ignores permissions), else left
/// without write permission in a folder without it. Linux only: `chattr`.
#[cfg(target_os = "linux")]
struct Stuck {
    file: PathBuf,
    immutable: bool,
}

#[cfg(target_os = "linux")]
impl Stuck {
    fn new(file: &Path) -> Option<Stuck> {
        use std::os::unix::fs::PermissionsExt;
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if root {
            let made = Command::new("chattr").arg("+i").arg(file).output().is_ok_and(|o| o.status.success());
            return made.then(|| Stuck { file: file.to_path_buf(), immutable: true });
        }
        fs::set_permissions(file, fs::Permissions::from_mode(0o444)).ok()?;
        fs::set_permissions(file.parent()?, fs::Permissions::from_mode(0o555)).ok()?;
        Some(Stuck { file: file.to_path_buf(), immutable: false })
    }
}

#[cfg(target_os = "linux")]
impl Drop for Stuck {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.file).status();
        } else if let Some(dir) = self.file.parent() {
            let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
        }
    }
}

/// The folders beside the output whose names start with `prefix`.
#[cfg(target_os = "linux")]
fn beside(sc: &Scratch, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(sc.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    found.sort();
    found
}

/// A file in the spare that cannot be written over (made immutable, or another user's) made
/// every later build fail. The build moves what it wrote into a fresh folder and goes on, says
/// where the spare now is, and later builds never take that folder again.
#[cfg(target_os = "linux")]
#[test]
fn a_spare_that_cannot_be_written_over_gives_way_to_a_fresh_folder() {
    let sc = Scratch::of(&example());
    for _ in 0..2 {
        let r = sc.build(TODAY);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let spare = sc.dir.path().join(".out.bangtin-du-tru");
    assert!(spare.join(".bangtin").is_file(), "the second build left the first as the spare");
    let Some(mut stuck) = Stuck::new(&spare.join("huong-dan/index.html")) else {
        eprintln!("this file system cannot make a file impossible to write over; skipped");
        return;
    };
    let fresh = Scratch::of(&example());
    assert_eq!(fresh.build(TODAY).code, 0);

    let r = sc.build(TODAY);
    assert_eq!(r.code, 0, "the build goes on in a fresh folder:\n{}", r.stderr);
    assert!(snapshot(&sc.out()) == snapshot(&fresh.out()), "the output is exactly a build into an empty folder");
    let broken = beside(&sc, ".out.bangtin-hong-");
    assert_eq!(broken.len(), 1, "the spare given up on waits beside the output: {broken:?}");
    let real = broken[0].join("huong-dan/index.html");
    stuck.file = real.clone();
    let said = format!("{}{}", r.stdout, r.stderr);
    assert!(said.contains(&format!("cảnh báo: {}", real.display())), "names the real path:\n{said}");
    assert!(said.contains("không ghi đè được tệp này trong thư mục dự phòng"), "{said}");
    assert!(said.contains(&format!("xóa thư mục “{}” khi có quyền", broken[0].display())), "{said}");
    // What could be removed of it is gone; only the stuck file and the marker stay.
    let left: Vec<String> = snapshot(&broken[0]).into_keys().collect();
    assert_eq!(left, [".bangtin", "huong-dan/index.html"]);

    // Later builds neither take it nor fail on it, and say nothing more of it.
    for _ in 0..2 {
        let r = sc.build(TODAY);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(!r.stderr.contains("thư mục dự phòng"), "{}", r.stderr);
        assert!(snapshot(&sc.out()) == snapshot(&fresh.out()));
    }
    assert_eq!(beside(&sc, ".out.bangtin-hong-"), broken);
    // Once the file can go, the next build removes the folder.
    drop(stuck);
    assert_eq!(sc.build(TODAY).code, 0);
    assert!(beside(&sc, ".out.bangtin-hong-").is_empty());
}

/// `--out link/` named the folder the link points at, passed the link check, and failed after a
/// whole build with a message about a file in the path: it is refused before anything is read.
#[cfg(unix)]
#[test]
fn an_output_named_through_a_link_with_a_slash_is_refused_up_front() {
    let sc = Scratch::of(&example());
    let real = sc.dir.path().join("that");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("giu-lai.txt"), "của người khác").unwrap();
    let link = sc.dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    // A broken content shows the refusal comes first: no content message.
    sc.write("units.yaml", "kind: [\n");
    for out in [format!("{}/", link.display()), format!("{}/.", link.display())] {
        let r = run(&["build", "--content", s(&sc.site()), "--out", &out, "--today", TODAY]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains(&format!("lỗi: “{}” là một liên kết tượng trưng", link.display())), "{}", r.stderr);
        assert!(!r.stderr.contains("units.yaml"), "refused before the content is read: {}", r.stderr);
    }
    assert_eq!(snapshot(&real).into_keys().collect::<Vec<_>>(), ["giu-lai.txt"]);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

/// `--out a/b/c` makes the missing `a/b`, as Hugo and Zola do; only once the content is known to
/// build, and never inside another site's output, which that site's next build would replace.
#[test]
fn missing_parents_of_the_output_are_made_except_inside_another_output() {
    let sc = Scratch::of(&example());
    let deep = sc.dir.path().join("a/b/c");
    let r = run(&["build", "--content", s(&sc.site()), "--out", s(&deep), "--today", TODAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(deep.join("index.html").is_file() && deep.join(".bangtin").is_file());

    let inside = deep.join("ban-khac");
    let r = run(&["build", "--content", s(&sc.site()), "--out", s(&inside), "--today", TODAY]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("thư mục đầu ra của một lần dựng khác"), "{}", r.stderr);
    assert!(!inside.exists());

    // A content error makes nothing.
    sc.write("units.yaml", "kind: [\n");
    let elsewhere = sc.dir.path().join("x/y/z");
    let r = run(&["build", "--content", s(&sc.site()), "--out", s(&elsewhere), "--today", TODAY]);
    assert_eq!(r.code, 1);
    assert!(!sc.dir.path().join("x").exists());
}
