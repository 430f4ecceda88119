//! `bangtin init` and `bangtin new`: what they create builds and passes `check` as it is, and
//! nothing the officer already has is ever overwritten.

mod common;

use std::fs;
use std::path::Path;

use common::*;

const TODAY: &str = "2024-06-03";

fn check_at(content: &Path, today: &str) -> Run {
    run(&["check", "--content", s(content), "--today", today])
}

fn new(content: &Path, args: &[&str]) -> Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--content", s(content), "--today", TODAY]);
    run(&all)
}

#[test]
fn init_makes_a_site_that_builds_at_once_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("phuong-moi");
    let r = run(&["init", s(&dir), "--today", TODAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Đã tạo trang mới"), "{}", r.stdout);
    for f in [
        "site.yaml",
        "units.yaml",
        "plans/2024-cong-dan-so.md",
        "guides/kich-hoat-vneid.md",
        "events/hoi-nghi-trien-khai.md",
        "progress/2024-06-03.yaml",
    ] {
        let text = fs::read_to_string(dir.join("content").join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(text.contains("# ") && text.contains("Bắt buộc"), "{f} explains its fields in Vietnamese");
        assert!(!text.contains("{{"), "{f} has an unfilled placeholder");
    }
    let c = check_at(&dir.join("content"), TODAY);
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert_eq!(c.stderr, "", "a new site has nothing to warn about");
    let b = run(&["build", "--content", s(&dir.join("content")), "--out", s(&dir.join("output")), "--today", TODAY]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let home = visible(&read(&dir.join("output"), "index.html"));
    assert!(home.contains("Công dân số Phường Mẫu"), "{home}");
    assert!(home.contains("Số liệu minh họa"), "the sample figures say they are examples: {home}");
    // The defaults work from inside the new folder: content/ in, output/ out.
    let inside = run_in(&dir, &["build", "--today", TODAY, "--quiet"]);
    assert_eq!(inside.code, 0, "{}", inside.stderr);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_or_not_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cu");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("ghi-chu.txt"), "của tôi").unwrap();
    let r = run(&["init", s(&dir)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không trống") && r.stderr.contains(&slashed(s(&dir))), "{}", r.stderr);
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(dir.join("ghi-chu.txt")).unwrap(), "của tôi");

    let file = tmp.path().join("tep.txt");
    fs::write(&file, "x").unwrap();
    let r = run(&["init", s(&file)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không phải thư mục"), "{}", r.stderr);

    let r = run(&["init"]);
    assert_eq!(r.code, 2, "a missing folder is a command-line mistake");
    assert!(r.stderr.contains("thiếu"), "{}", r.stderr);
}

/// The next commands `init` and `new` suggest can be typed as printed: `--content` only where
/// it is not the default, a folder's name with a space in quotes, paths with the system's
/// separator.
#[test]
fn the_commands_suggested_next_run_as_printed() {
    let tmp = tempfile::tempdir().unwrap();
    // As bangtin writes them: the paths it names are compared with the system's own.
    let in_tmp = |args: &[&str], dir: &Path| {
        let out = run_raw_in(dir, args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.stdout
    };
    let said = in_tmp(&["init", "Phường mới 3", "--today", TODAY], tmp.path());
    let site = tmp.path().join("Phường mới 3");
    let yaml = Path::new("Phường mới 3").join("content").join("site.yaml");
    assert!(said.contains(&format!("trong {} và", yaml.display())), "{said}");
    let cd = said.split("cd ").nth(1).and_then(|r| r.split(" rồi chạy ").next()).expect(&said);
    assert_eq!(cd, "\"Phường mới 3\"", "{said}");
    let said = in_tmp(&["new", "news", "Lịch trực", "--today", TODAY], &site);
    assert!(said.contains("Xem trước trong trình duyệt: bangtin serve; kiểm tra: bangtin check\n"), "{said}");
    in_tmp(&["check", "--today", TODAY], &site);
    let content = site.join("content");
    let said = in_tmp(&["new", "guide", "Cài VNeID", "--content", s(&content), "--today", TODAY], tmp.path());
    assert!(said.contains(&format!("kiểm tra: bangtin check --content \"{}\"\n", content.display())), "{said}");
}

/// A file made is named as the system writes paths: on Windows `content\\guides\\x.md`, not
/// `content\\guides/x.md` (a path of the site's own, written with `/`, joined whole).
#[test]
fn a_new_file_is_named_with_the_systems_separator() {
    let sc = Scratch::of(&example());
    let content = sc.site();
    let r = run_raw(&["new", "guide", "Kích hoạt định danh", "--content", s(&content), "--today", TODAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = content.join("guides").join("kich-hoat-dinh-danh.md");
    assert!(r.stdout.contains(&format!("Đã tạo {}", file.display())), "{}", r.stdout);
}

#[test]
fn new_files_pass_check_as_created() {
    let sc = Scratch::of(&example());
    let content = sc.site();
    let r = new(&content, &["guide", "Kích hoạt định danh"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("guides/kich-hoat-dinh-danh.md"), "{}", r.stdout);
    assert!(r.stdout.contains("/huong-dan/kich-hoat-dinh-danh/"), "{}", r.stdout);
    let guide = fs::read_to_string(content.join("guides/kich-hoat-dinh-danh.md")).unwrap();
    assert!(guide.contains("title: \"Kích hoạt định danh\""), "{guide}");

    let r = new(&content, &["event", "Ra quân hỗ trợ tại Khu phố 2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let event = fs::read_to_string(content.join("events/ra-quan-ho-tro-tai-khu-pho-2.md")).unwrap();
    assert!(event.contains("kind: ra-quan") && event.contains("status: tba"), "{event}");
    assert!(event.contains("plan: 2024-cong-dan-so"), "{event}");

    // Quotes and a colon in a title stay text.
    let r = new(&content, &["news", "Thông báo: lịch “trực” tháng 6"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(content.join("news/2024-06-03-thong-bao-lich-truc-thang-6.md").is_file());

    let r = new(&content, &["report"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = fs::read_to_string(content.join("progress/2024-06-03.yaml")).unwrap();
    assert!(report.contains("chép từ báo cáo ngày 31/5/2024"), "{report}");
    assert!(report.contains("  kp1: { cccd: 1295, vneid: 826, dich-vu-cong: 362, chu-ky-so: 150 }"), "{report}");
    assert!(report.contains("  ward: { kenh-zalo: done }"), "{report}");

    let c = check_at(&content, TODAY);
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert!(!c.stderr.contains("lỗi"), "{}", c.stderr);
    // The one thing left to do is named: link the new guide from its indicator.
    assert!(c.stderr.contains("guides/kich-hoat-dinh-danh.md") && c.stderr.contains("không được chỉ tiêu nào dẫn tới"));
    let b = sc.build(TODAY);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(sc.out().join("huong-dan/kich-hoat-dinh-danh/index.html").is_file());
    assert!(sc.out().join("lich/ra-quan-ho-tro-tai-khu-pho-2/index.html").is_file());
}

/// A new event is written undated; the file says how to date it, and both ways build, while the
/// half-way mistake (a date under `status: tba`) is named.
#[test]
fn a_new_event_is_dated_the_way_its_file_says() {
    let sc = Scratch::of(&example());
    let content = sc.site();
    let r = new(&content, &["event", "Hội nghị sơ kết"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let path = content.join("events/hoi-nghi-so-ket.md");
    let undated = fs::read_to_string(&path).unwrap();
    assert_eq!(check_at(&content, TODAY).code, 0);

    // The mistake: the date's line uncommented, the status left as it was.
    let half = undated.replacen("# starts: ", "starts: ", 1);
    fs::write(&path, &half).unwrap();
    let c = check_at(&content, TODAY);
    assert_eq!(c.code, 1, "{}", c.stderr);
    assert!(c.stderr.contains("nhưng vẫn ghi status: tba"), "{}", c.stderr);

    // Way (2) as the file describes it: the two lines of (1) deleted, the three of (2) uncommented.
    let dated: String = undated
        .lines()
        .filter(|l| !l.starts_with("status: tba") && !l.starts_with("when_text:"))
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if ["status: confirmed", "starts: ", "ends: "].iter().any(|k| rest.starts_with(k)) => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&path, &dated).unwrap();
    let c = check_at(&content, TODAY);
    assert_eq!(c.code, 0, "{}\n{dated}", c.stderr);
    let b = sc.build(TODAY);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(sc.out().join("lich/hoi-nghi-so-ket/hoi-nghi-so-ket.ics").is_file(), "dated: a calendar file");
}

#[test]
fn new_never_overwrites() {
    let sc = Scratch::of(&example());
    let content = sc.site();
    let existing = content.join("guides/kich-hoat-vneid.md");
    let before = fs::read(&existing).unwrap();
    let r = new(&content, &["guide", "Kích hoạt VNeID"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("đã có tệp") && r.stderr.contains("guides/kich-hoat-vneid.md"), "{}", r.stderr);
    assert_eq!(fs::read(&existing).unwrap(), before);

    let r = run(&["new", "report", "--content", s(&content), "--today", "2024-05-31"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("progress/2024-05-31.yaml") && r.stderr.contains("không ghi đè"), "{}", r.stderr);
}

#[test]
fn new_explains_what_it_cannot_do() {
    let sc = Scratch::of(&example());
    let content = sc.site();
    let r = new(&content, &["guide"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("thiếu tiêu đề") && r.stderr.contains("bangtin new guide \""), "{}", r.stderr);

    let r = run(&["new", "report", "--content", s(&content), "--today", "2024-10-15"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("nằm ngoài thời gian của kế hoạch"), "{}", r.stderr);

    let r = new(&content, &["report", "--plan", "2024-cong-dan-soo"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("có phải ý bạn là “2024-cong-dan-so”?"), "{}", r.stderr);

    let empty = tempfile::tempdir().unwrap();
    let r = new(empty.path(), &["news", "Tin"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không thấy site.yaml") && r.stderr.contains("bangtin init"), "{}", r.stderr);

    let r = new(&content, &["baocao"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("guide, event, report, news"), "{}", r.stderr);
    // Vietnamese names work too.
    let r = new(&content, &["huong-dan", "Đăng ký tài khoản"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(content.join("guides/dang-ky-tai-khoan.md").is_file());
}

#[test]
fn a_first_report_starts_from_zero_and_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("moi");
    assert_eq!(run(&["init", s(&dir), "--today", TODAY]).code, 0);
    let content = dir.join("content");
    fs::remove_file(content.join("progress/2024-06-03.yaml")).unwrap();
    let r = run(&["new", "report", "Công an Phường", "--content", s(&content), "--today", "2024-06-10"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = fs::read_to_string(content.join("progress/2024-06-10.yaml")).unwrap();
    assert!(report.contains("source: \"Công an Phường\""), "{report}");
    assert!(report.contains("  kp1: { cccd: 0, vneid: 0 }"), "{report}");
    assert!(report.contains("  ward: { kenh-zalo: not-done }"), "{report}");
    let c = check_at(&content, "2024-06-10");
    assert_eq!(c.code, 0, "{}", c.stderr);
}
