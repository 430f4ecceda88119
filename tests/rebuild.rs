//! `serve`'s rebuild after an edit of the bodies of guides, events or news items, or of progress
//! reports, gives exactly what
//! a whole build of the edited site gives: every file, the warnings and the summary. Edits that
//! need a whole build (front matter, deleted files, a report moved to another day, a broken link,
//! a report a build refuses) are refused by the shortcut.

mod common;
#[path = "common/sheets.rs"]
mod sheets;

use std::collections::BTreeMap;
use std::path::PathBuf;

use bangtin::rebuild::{self, Warm};
use bangtin::{render_in_memory, Options};
use chrono::NaiveDate;
use common::*;

const BASE: Option<&str> = Some("http://127.0.0.1:1111/");

struct Preview {
    sc: Scratch,
    opts: Options,
    warm: Warm,
    files: BTreeMap<String, Vec<u8>>,
    /// As a preview last printed them.
    warnings: String,
}

impl Preview {
    fn of(site: &std::path::Path, today: &str) -> Preview {
        let sc = Scratch::of(site);
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let opts = Options { content: sc.site(), out: PathBuf::new(), today, offline: false };
        let (r, warm) = rebuild::render(&opts, BASE).unwrap();
        let files = r.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        Preview { sc, opts, warm, files, warnings: slashed(r.warnings.to_string()) }
    }

    fn whole_warnings(&self) -> String {
        slashed(render_in_memory(&self.opts, BASE, &|_| {}).unwrap().warnings.to_string())
    }

    /// The shortcut's rebuild after `changed`; `None` when it leaves the edit to a whole build.
    fn edit(&mut self, changed: &[&str]) -> Option<Vec<String>> {
        let changed: Vec<PathBuf> = changed.iter().map(|rel| self.sc.file(rel)).collect();
        let files = &self.files;
        let before = |path: &str| files.get(path).map(Vec::as_slice);
        let e = rebuild::edit(&mut self.warm, &changed, self.opts.today, &before)?;
        let grown = e.grown.iter().map(|g| g.path.clone());
        let mut paths: Vec<String> = e.files.iter().map(|f| f.path.clone()).chain(grown).collect();
        paths.sort();
        // A new file (a new report's bulletin) must be one a whole build makes too: the paths
        // are compared below.
        for f in e.files {
            self.files.insert(f.path, f.bytes);
        }
        for g in e.grown {
            let file = self.files.get_mut(&g.path).expect("a file grows from what it was");
            assert!(g.keep <= file.len(), "{}", g.path);
            file.truncate(g.keep);
            file.extend(g.tail);
        }
        let full = render_in_memory(&self.opts, BASE, &|_| {}).unwrap();
        // No warnings: the edit left them as they were.
        if let Some(w) = e.warnings {
            self.warnings = slashed(w.to_string());
        }
        assert_eq!(self.warnings, slashed(full.warnings.to_string()));
        assert_eq!(e.summary.counts(), full.summary.counts());
        assert_eq!((e.summary.files, e.summary.bytes), (full.summary.files, full.summary.bytes));
        let full: BTreeMap<String, Vec<u8>> = full.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        assert_eq!(self.files.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(
                self.files[path] == *bytes,
                "{path} differs from a whole build:\n--- edit\n{}\n--- whole build\n{}",
                String::from_utf8_lossy(&self.files[path]),
                String::from_utf8_lossy(bytes)
            );
        }
        Some(paths)
    }
}

#[test]
fn an_edited_guide_body_renders_as_a_whole_build_would() {
    let mut p = Preview::of(&example(), "2024-06-03");
    let cccd = "guides/the-cccd-gan-chip.md";

    // The guide every bulletin reads: a step's first sentence is on the air.
    p.sc.edit(cccd, "Mang theo chứng minh nhân dân hoặc thẻ cũ", "Nhớ mang chứng minh nhân dân hoặc thẻ cũ");
    let changed = p.edit(&[cccd]).expect("a body edit is rebuilt by the shortcut");
    for path in [
        "huong-dan/the-cccd-gan-chip/index.html",
        "huong-dan/the-cccd-gan-chip/in/index.html",
        "tim-kiem/chi-muc.js",
        "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt",
    ] {
        assert!(changed.iter().any(|c| c == path), "{path} not in {changed:?}");
    }
    let bulletin =
        String::from_utf8(p.files["phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt"].clone())
            .unwrap();
    assert!(bulletin.contains("Bước hai: Chuẩn bị giấy tờ. Nhớ mang chứng minh nhân dân"), "{bulletin}");

    // A new step (the lists show the steps) and HTML the sanitiser takes out (a warning), in a
    // guide no bulletin reads, together with another guide's edit.
    let zalo = "guides/phan-anh-qua-zalo.md";
    let text = std::fs::read_to_string(p.sc.file(zalo)).unwrap();
    p.sc.write(zalo, &format!("{text}\n## Bước 6: Theo dõi trả lời\n\nXem trả lời <b onclick=\"x()\">trong Zalo</b>.\n\n<script>alert(1)</script>\n"));
    p.sc.edit(cccd, "Nhớ mang", "Hãy mang");
    let changed = p.edit(&[zalo, cccd]).unwrap();
    assert!(changed.iter().any(|c| c == "huong-dan/index.html"), "{changed:?}");
    let page = String::from_utf8(p.files["huong-dan/phan-anh-qua-zalo/index.html"].clone()).unwrap();
    assert!(page.contains("Theo dõi trả lời") && !page.contains("<script>alert"), "{page}");

    // A sentence no list shows and no bulletin reads (the answer to a common problem, after the
    // steps): only the guide's own files change.
    p.sc.edit(cccd, "cán bộ sẽ tra lại hồ sơ.", "cán bộ sẽ tra lại hồ sơ giúp.");
    let changed = p.edit(&[cccd]).unwrap();
    assert!(changed.iter().all(|c| !c.starts_with("phat-thanh/") && c != "huong-dan/index.html"), "{changed:?}");
    assert!(changed.iter().any(|c| c == "huong-dan/the-cccd-gan-chip/index.html"), "{changed:?}");

    // The warning goes when the HTML does.
    p.sc.edit(zalo, "<script>alert(1)</script>", "Cảm ơn bà con.");
    p.edit(&[zalo]).unwrap();

    // Saved unchanged, and an editor's temporary file that is gone: nothing to render.
    assert_eq!(p.edit(&[zalo, "guides/.phan-anh-qua-zalo.md.swp", "guides/4913"]).unwrap(), Vec::<String>::new());
}

#[test]
fn an_edited_news_body_renders_as_a_whole_build_would() {
    // Without a summary, the start of the body is the notice the bulletins of its fortnight
    // read, the feed's summary and the page's description.
    let zalo = "news/2024-05-20-kenh-zalo-chinh-thuc.md";
    let sc = Scratch::of(&example());
    let text = std::fs::read_to_string(sc.file(zalo)).unwrap();
    sc.write(zalo, &text.lines().filter(|l| !l.starts_with("summary:")).map(|l| format!("{l}\n")).collect::<String>());
    let mut p = Preview::of(&sc.site(), "2024-06-03");

    p.sc.edit(zalo, "Thực hiện mô hình “Công dân số”, UBND", "Hưởng ứng mô hình “Công dân số”, UBND");
    let changed = p.edit(&[zalo]).expect("a news body edit is rebuilt by the shortcut");
    let bulletin = "phat-thanh/2024-cong-dan-so-2024-05-24/2024-cong-dan-so-2024-05-24.txt";
    for path in [
        "tin-tuc/2024-05-20-kenh-zalo-chinh-thuc/index.html",
        "tim-kiem/chi-muc.js",
        "feed.xml",
        bulletin,
        "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt",
        "phat-thanh/index.html",
    ] {
        assert!(changed.iter().any(|c| c == path), "{path} not in {changed:?}");
    }
    assert!(!changed.iter().any(|c| c.contains("2024-05-17")), "a bulletin before the notice: {changed:?}");
    let said = String::from_utf8(p.files[bulletin].clone()).unwrap();
    assert!(said.contains("Hưởng ứng mô hình"), "{said}");
    let feed = String::from_utf8(p.files["feed.xml"].clone()).unwrap();
    assert!(feed.contains("Hưởng ứng mô hình"), "{feed}");

    // A sentence past the notice, in an item with a summary: only its page and its document of
    // the search change.
    let desk = "news/2024-05-06-lich-truc-ho-tro-mot-cua.md";
    p.sc.edit(desk, "số điện thoại chính chủ.", "số điện thoại chính chủ của mình.");
    let changed = p.edit(&[desk]).unwrap();
    assert_eq!(changed, ["tim-kiem/chi-muc.js", "tin-tuc/2024-05-06-lich-truc-ho-tro-mot-cua/index.html"]);

    // HTML the sanitiser takes out (a warning) in a news item, with a guide's edit in the same save.
    let cccd = "guides/the-cccd-gan-chip.md";
    p.sc.edit(desk, "của mình.", "của mình. <iframe src=\"x\"></iframe>");
    p.sc.edit(cccd, "Không cần mang sổ hộ khẩu.", "Không cần mang sổ hộ khẩu giấy.");
    let changed = p.edit(&[desk, cccd]).unwrap();
    assert!(changed.iter().any(|c| c == "huong-dan/the-cccd-gan-chip/index.html"), "{changed:?}");
    assert!(p.warnings.contains(desk), "{}", p.warnings);
    p.sc.edit(desk, " <iframe src=\"x\"></iframe>", "");
    p.edit(&[desk]).unwrap();
    assert!(!p.warnings.contains(desk), "{}", p.warnings);

    // Saved unchanged, with an editor's file that is gone.
    assert_eq!(p.edit(&[zalo, "news/.2024-05-20-kenh-zalo-chinh-thuc.md.swp"]).unwrap(), Vec::<String>::new());
}

#[test]
fn an_edited_event_body_renders_as_a_whole_build_would() {
    let mut p = Preview::of(&example(), "2024-06-03");
    // A repeating event, upcoming on the preview's day, and a past one, in one save.
    let desk = "events/truc-ho-tro-mot-cua.md";
    let first = "events/hoi-nghi-lan-1.md";
    p.sc.edit(desk, "Bà con mang theo thẻ CCCD", "Bà con nhớ mang theo thẻ CCCD");
    p.sc.edit(first, "ngay tại hội nghị.", "ngay tại hội nghị.\n\n## Chương trình\n\nKhai mạc lúc 7 giờ 30.");
    let changed = p.edit(&[desk, first]).expect("an event body edit is rebuilt by the shortcut");
    for path in [
        "lich/truc-ho-tro-mot-cua/index.html",
        "lich/truc-ho-tro-mot-cua/in/index.html",
        "lich/hoi-nghi-lan-1/index.html",
        "tim-kiem/chi-muc.js",
    ] {
        assert!(changed.iter().any(|c| c == path), "{path} not in {changed:?}");
    }
    assert!(changed.iter().all(|c| c.starts_with("lich/") || c.starts_with("tim-kiem/")), "{changed:?}");
    let page = String::from_utf8(p.files["lich/hoi-nghi-lan-1/index.html"].clone()).unwrap();
    assert!(page.contains("id=\"chuong-trinh\"") && page.contains("Khai mạc lúc 7 giờ 30."), "{page}");

    // Its time is front matter: the schedules, calendars and bulletins show it.
    p.sc.edit(desk, "ends: 2024-05-06 11:00", "ends: 2024-05-06 11:30");
    assert!(p.edit(&[desk]).is_none());
}

#[test]
fn edits_beyond_a_body_are_left_to_a_whole_build() {
    let cccd = "guides/the-cccd-gan-chip.md";
    let refused = |edit: &dyn Fn(&Scratch) -> Vec<&'static str>| {
        let mut p = Preview::of(&example(), "2024-06-03");
        let changed = edit(&p.sc);
        assert!(p.edit(&changed).is_none(), "{changed:?}");
    };
    // Front matter shows on other pages.
    refused(&|sc| {
        sc.edit(cccd, "title: \"", "title: \"Mới: ");
        vec![cccd]
    });
    // A broken link.
    refused(&|sc| {
        sc.edit(cccd, "Không cần mang sổ hộ khẩu.", "Xem [mẫu tờ khai](/huong-dan/khong-co/).");
        vec![cccd]
    });
    // New, deleted and other files.
    refused(&|sc| {
        sc.write("guides/moi.md", "---\ntitle: Mới\nsummary: Mới.\n---\nMới.\n");
        vec!["guides/moi.md"]
    });
    refused(&|sc| {
        std::fs::remove_file(sc.file("guides/phan-anh-qua-zalo.md")).unwrap();
        vec!["guides/phan-anh-qua-zalo.md"]
    });
    refused(&|sc| {
        sc.edit("site.yaml", "title:", "title:");
        vec!["site.yaml"]
    });
    // A news item's front matter shows on the lists and the home page; a broken link in its body.
    let zalo = "news/2024-05-20-kenh-zalo-chinh-thuc.md";
    refused(&|sc| {
        sc.edit(zalo, "title: \"", "title: \"Mới: ");
        vec![zalo]
    });
    refused(&|sc| {
        sc.edit(zalo, "rồi nhắn tin.", "rồi nhắn tin. Xem [hướng dẫn](/huong-dan/khong-co/).");
        vec![zalo]
    });
    // A news item and a report in one save.
    refused(&|sc| {
        sc.edit(zalo, "rồi nhắn tin.", "rồi nhắn tin ngay.");
        sc.edit("progress/2024-05-31.yaml", "2024", "2024");
        vec![zalo, "progress/2024-05-31.yaml"]
    });
}

#[test]
fn a_link_from_another_page_into_an_edited_guide_is_checked_again() {
    let linked = Scratch::of(&example());
    linked.edit(
        "guides/kich-hoat-vneid.md",
        "đến Công an Phường 3 để cập nhật.",
        "xem [bước 2](/huong-dan/the-cccd-gan-chip/#buoc-2).",
    );
    let cccd = "guides/the-cccd-gan-chip.md";
    let mut p = Preview::of(&linked.site(), "2024-06-03");
    // The place it leads to is still there.
    p.sc.edit(cccd, "Không cần mang sổ hộ khẩu.", "Không cần mang sổ hộ khẩu giấy.");
    assert!(p.edit(&[cccd]).is_some());
    // Taken away: a whole build reports the other page's link.
    // (Renamed rather than unnumbered: steps 1, 3 would be an error of their own.)
    p.sc.edit(cccd, "## Bước 2: Chuẩn bị giấy tờ", "## Bước 2: Chuẩn bị giấy tờ {#giay-to}");
    let changed = [p.sc.file(cccd)];
    let files = &p.files;
    let before = |path: &str| files.get(path).map(Vec::as_slice);
    assert!(rebuild::edit(&mut p.warm, &changed, p.opts.today, &before).is_none());
    let whole =
        slashed(render_in_memory(&p.opts, BASE, &|_| {}).err().expect("a whole build reports the link").to_string());
    assert!(whole.contains("guides/kich-hoat-vneid.md") && whole.contains("#buoc-2"), "{whole}");
}

const LAST: &str = "progress/2024-05-31.yaml";
const PLAN: &str = "2024-cong-dan-so";

#[test]
fn a_new_or_edited_report_renders_as_a_whole_build_would() {
    // Twenty days after the last report: every indicator not reached is warned about as stale.
    let mut p = Preview::of(&example(), "2024-06-20");
    assert!(p.whole_warnings().contains("không có số liệu mới"));

    // The next week's report: its bulletin and the sitemap's line for it are new files.
    let last = std::fs::read_to_string(p.sc.file(LAST)).unwrap();
    let next = last.replace("date: 2024-05-31", "date: 2024-06-14").replace("kp1: { cccd: 1295", "kp1: { cccd: 1401");
    p.sc.write("progress/2024-06-14.yaml", &next);
    let changed = p.edit(&["progress/2024-06-14.yaml"]).expect("a new report is rebuilt by the shortcut");
    let bulletin = format!("phat-thanh/{PLAN}-2024-06-14/index.html");
    for path in [
        bulletin.as_str(),
        "phat-thanh/index.html",
        "sitemap.xml",
        "feed.xml",
        "index.html",
        "in/index.html",
        "ke-hoach/2024-cong-dan-so/index.html",
        "tien-do/2024-cong-dan-so/index.html",
        "tien-do/2024-cong-dan-so/du-lieu.csv",
        "tien-do/2024-cong-dan-so/cccd-thoi-gian.svg",
    ] {
        assert!(changed.iter().any(|c| c == path), "{path} not in {changed:?}");
    }
    // The bulletins before it read the reports up to their own day.
    assert!(!changed.iter().any(|c| c.contains("2024-05-31")), "{changed:?}");
    let csv = String::from_utf8(p.files["tien-do/2024-cong-dan-so/du-lieu.csv"].clone()).unwrap();
    assert!(csv.contains("2024-06-14,kp1,Khu phố 1,cccd,") && csv.contains(",1401,,,,"), "{}", &csv[csv.len() - 600..]);
    // The new report is recent: the stale warnings went with it.
    assert!(!p.whole_warnings().contains("không có số liệu mới"), "{}", p.whole_warnings());

    // A figure of a report in the middle: its bulletin and the later ones change.
    let may17 = "progress/2024-05-17.yaml";
    p.sc.edit(may17, "kp1: { cccd: 1264", "kp1: { cccd: 1270");
    let changed = p.edit(&[may17]).unwrap();
    for day in ["2024-05-17", "2024-05-24", "2024-05-31", "2024-06-14"] {
        assert!(changed.iter().any(|c| c.contains(day) && c.ends_with(".txt")), "{day}: {changed:?}");
    }
    assert!(!changed.iter().any(|c| c.contains("2024-05-10")), "{changed:?}");

    // Three reports saved together, one of them with nothing changed: the bulletins from the
    // earliest changed day on change.
    p.sc.edit("progress/2024-06-14.yaml", "kp2: { cccd: 1664", "kp2: { cccd: 1700");
    p.sc.edit("progress/2024-05-24.yaml", "kp3: { cccd: 1144", "kp3: { cccd: 1145");
    let changed = p.edit(&["progress/2024-06-14.yaml", LAST, "progress/2024-05-24.yaml"]).unwrap();
    assert!(changed.iter().any(|c| c.contains("2024-05-24") && c.ends_with(".txt")), "{changed:?}");

    // Saved unchanged, and an editor's files next to the reports: nothing to render.
    assert_eq!(
        p.edit(&[LAST, "progress/.2024-05-31.yaml.swp", "progress/2024-05-31.yaml~"]).unwrap(),
        Vec::<String>::new()
    );
}

/// The example's report of `day` as a table: each khu phố's cards, `cccd[k]` for the k-th.
fn cccd_table(cccd: [f64; 8]) -> Vec<Vec<sheets::V>> {
    use sheets::*;
    let mut rows = vec![vec![S("STT"), S("Khu phố"), S("Công dân được cấp thẻ CCCD gắn chip")]];
    for (k, n) in cccd.iter().enumerate() {
        rows.push(vec![N(k as f64 + 1.0), T(format!("Khu phố {}", k + 1)), N(*n)]);
    }
    rows.push(vec![sheets::E, S("Tổng cộng"), F("=SUM(C2:C9)", cccd.iter().sum())]);
    rows
}

#[test]
fn a_spreadsheet_report_renders_as_a_whole_build_would() {
    let mut p = Preview::of(&example(), "2024-06-20");
    let xlsx = "progress/2024-06-14.xlsx";
    let week = [1300.0, 1670.0, 1160.0, 1830.0, 1480.0, 975.0, 2020.0, 1720.0];
    sheets::xlsx(&p.sc.file(xlsx), "Báo cáo", &cccd_table(week));
    let changed = p.edit(&[xlsx]).expect("a new spreadsheet report is rebuilt by the shortcut");
    assert!(changed.iter().any(|c| c == "tien-do/2024-cong-dan-so/du-lieu.csv"), "{changed:?}");
    let csv = String::from_utf8(p.files["tien-do/2024-cong-dan-so/du-lieu.csv"].clone()).unwrap();
    assert!(csv.contains("2024-06-14,kp1,Khu phố 1,cccd,") && csv.contains(",1300,,,,"), "{}", &csv[csv.len() - 600..]);

    // A figure changed and saved again, with the lock file Excel keeps beside an open workbook.
    let mut more = week;
    more[0] = 1350.0;
    sheets::xlsx(&p.sc.file(xlsx), "Báo cáo", &cccd_table(more));
    p.sc.write("progress/~$2024-06-14.xlsx", "khóa của Excel");
    let changed =
        p.edit(&[xlsx, "progress/~$2024-06-14.xlsx"]).expect("an edited spreadsheet is rebuilt by the shortcut");
    assert!(changed.iter().any(|c| c.contains("2024-06-14") && c.ends_with(".txt")), "{changed:?}");

    // A total that does not add up: a whole build says where.
    sheets::xlsx(&p.sc.file(xlsx), "Báo cáo", &{
        let mut t = cccd_table(more);
        t[9][2] = sheets::F("=SUM(C2:C9)", 1.0);
        t
    });
    assert!(p.edit(&[xlsx]).is_none());
    let whole = slashed(render_in_memory(&p.opts, BASE, &|_| {}).err().expect("a whole build refuses it").to_string());
    assert!(whole.contains("progress/2024-06-14.xlsx, trang “Báo cáo”, ô C10"), "{whole}");
}

#[test]
fn a_guide_edited_while_no_bulletin_reads_it_is_read_as_edited_when_one_does_again() {
    // The bulletins say each guide once for all that read it; an edit of a guide no bulletin
    // reads at the time must still reach the bulletins that read it after a later report.
    let mut p = Preview::of(&example(), "2024-06-20");
    let (chu_ky_so, next) = ("guides/chu-ky-so-ca-nhan.md", "progress/2024-06-14.yaml");
    let bulletin = format!("phat-thanh/{PLAN}-2024-06-14/{PLAN}-2024-06-14.txt");
    let reads = |p: &Preview| {
        let text = String::from_utf8(p.files[&bulletin].clone()).unwrap();
        text.lines().find(|l| l.contains(". Hướng dẫn: ")).unwrap_or_default().to_string()
    };

    // Every unit's cards made, the signatures as they were: signatures are the furthest behind.
    let mut report = std::fs::read_to_string(p.sc.file(LAST)).unwrap().replace("date: 2024-05-31", "date: 2024-06-14");
    let cards =
        [(1295, 1401), (1664, 1829), (1154, 1241), (1822, 2132), (1476, 1635), (970, 1051), (2017, 2360), (1712, 1880)];
    for (k, (had, all)) in cards.iter().enumerate() {
        report = report.replace(&format!("kp{}: {{ cccd: {had},", k + 1), &format!("kp{}: {{ cccd: {all},", k + 1));
    }
    p.sc.write(next, &report);
    p.edit(&[next]).unwrap();
    assert!(reads(&p).contains("Đăng ký chữ ký số cá nhân"), "{}", reads(&p));

    // Signatures on track again: the bulletin reads the first guide.
    let on_track = [150, 186, 135, 86, 162, 112, 96, 191].iter().enumerate().fold(report.clone(), |r, (k, n)| {
        r.replace(&format!("chu-ky-so: {n} }}"), &format!("chu-ky-so: {} }}", n + 50 + k))
    });
    p.sc.write(next, &on_track);
    p.edit(&[next]).unwrap();
    assert!(reads(&p).contains("Làm thẻ căn cước công dân"), "{}", reads(&p));

    // The signatures guide edited while no bulletin reads it, then read again.
    p.sc.edit(chu_ky_so, "Hỏi nhân viên: gói có mất phí không", "Hỏi nhân viên Viettel: gói có mất phí không");
    p.edit(&[chu_ky_so]).unwrap();
    p.sc.write(next, &report);
    p.edit(&[next]).unwrap();
    let text = String::from_utf8(p.files[&bulletin].clone()).unwrap();
    assert!(text.contains("Hỏi nhân viên Viettel"), "{text}");
}

#[test]
fn reports_a_build_refuses_or_that_move_are_left_to_a_whole_build() {
    let refused = |edit: &dyn Fn(&Scratch) -> Vec<&'static str>| {
        let mut p = Preview::of(&example(), "2024-06-20");
        let changed = edit(&p.sc);
        assert!(p.edit(&changed).is_none(), "{changed:?}");
        // A whole build of the same content: refused too, or built (a deleted or moved report).
        let _ = render_in_memory(&p.opts, BASE, &|_| {});
    };
    // A figure above its base, and a cumulative figure that falls.
    refused(&|sc| {
        sc.edit(LAST, "kp1: { cccd: 1295", "kp1: { cccd: 999999");
        vec![LAST]
    });
    refused(&|sc| {
        sc.edit(LAST, "kp1: { cccd: 1295", "kp1: { cccd: 1000");
        vec![LAST]
    });
    // A middle week's figure above the next week's (1,284): the fall is in the report after it.
    refused(&|sc| {
        sc.edit("progress/2024-05-17.yaml", "kp1: { cccd: 1264", "kp1: { cccd: 1290");
        vec!["progress/2024-05-17.yaml"]
    });
    // A second report of a day that has one.
    refused(&|sc| {
        let last = std::fs::read_to_string(sc.file(LAST)).unwrap();
        sc.write("progress/2024-05-31-bo-sung.yaml", &last);
        vec!["progress/2024-05-31-bo-sung.yaml"]
    });
    // Malformed YAML, an unknown unit, a date after today.
    refused(&|sc| {
        sc.write("progress/2024-06-14.yaml", "date: 2024-06-14\nplan: [\n");
        vec!["progress/2024-06-14.yaml"]
    });
    refused(&|sc| {
        let last = std::fs::read_to_string(sc.file(LAST)).unwrap();
        sc.write("progress/2024-06-14.yaml", &last.replace("2024-05-31", "2024-06-14").replace("kp8:", "kp9:"));
        vec!["progress/2024-06-14.yaml"]
    });
    refused(&|sc| {
        let last = std::fs::read_to_string(sc.file(LAST)).unwrap();
        sc.write("progress/2024-07-05.yaml", &last.replace("2024-05-31", "2024-07-05"));
        vec!["progress/2024-07-05.yaml"]
    });
    // A report moved to another day, and one deleted: a bulletin must go.
    refused(&|sc| {
        sc.edit(LAST, "date: 2024-05-31", "date: 2024-05-30");
        vec![LAST]
    });
    refused(&|sc| {
        std::fs::remove_file(sc.file(LAST)).unwrap();
        vec![LAST]
    });
    // A file the build does not read there, and a report saved with a guide.
    refused(&|sc| {
        sc.write("progress/ghi-chu.txt", "số liệu tuần sau");
        vec!["progress/ghi-chu.txt"]
    });
    refused(&|sc| {
        sc.edit(LAST, "kp1: { cccd: 1295", "kp1: { cccd: 1296");
        sc.edit("guides/the-cccd-gan-chip.md", "Không cần mang sổ hộ khẩu.", "Không cần mang sổ hộ khẩu giấy.");
        vec![LAST, "guides/the-cccd-gan-chip.md"]
    });
}

#[test]
fn the_build_days_bulletin_follows_the_news_and_reports_edited_in_a_preview() {
    // News of 12/6 after the last report (31/5): the site built on 20/6 has a bulletin of 20/6
    // that reads it, with the figures of 31/5.
    let notice = "news/2024-06-12-doi-lich-truc.md";
    let with_news = |today: &str| {
        let sc = Scratch::of(&example());
        sc.write(
            notice,
            "---\ntitle: \"Đổi lịch trực thứ Bảy\"\n---\nTổ công nghệ số trực tại Nhà văn hóa khu phố 2.\n",
        );
        Preview::of(&sc.site(), today)
    };
    let today = format!("phat-thanh/{PLAN}-2024-06-20/{PLAN}-2024-06-20.txt");
    let mut p = with_news("2024-06-20");
    let said = |p: &Preview| String::from_utf8(p.files[&today].clone()).unwrap();
    assert!(said(&p).contains("Số liệu tiến độ đến ngày: 31/5/2024"), "{}", said(&p));

    // Its notice edited: the build day's bulletin reads it as edited.
    p.sc.edit(notice, "Nhà văn hóa khu phố 2", "Nhà văn hóa khu phố 3");
    let changed = p.edit(&[notice]).expect("a news body edit is rebuilt by the shortcut");
    assert!(changed.contains(&today), "{changed:?}");
    assert!(said(&p).contains("Nhà văn hóa khu phố ba"), "{}", said(&p));

    // A figure of an earlier report: the build day's bulletin reads it too.
    p.sc.edit(LAST, "kp1: { cccd: 1295", "kp1: { cccd: 1296");
    let changed = p.edit(&[LAST]).unwrap();
    assert!(changed.contains(&today), "{changed:?}");

    // The report of the build day itself: its bulletin takes the build day's place.
    let report = std::fs::read_to_string(p.sc.file(LAST)).unwrap().replace("date: 2024-05-31", "date: 2024-06-20");
    p.sc.write("progress/2024-06-20.yaml", &report);
    p.edit(&["progress/2024-06-20.yaml"]).expect("a report of the build day is rebuilt by the shortcut");
    assert!(said(&p).contains("Số liệu tiến độ đến ngày: 20/6/2024"), "{}", said(&p));

    // A report after the news and before the build day: the build day's bulletin must go,
    // which is a whole build's to do.
    let mut p = with_news("2024-06-20");
    p.sc.write("progress/2024-06-14.yaml", &report.replace("date: 2024-06-20", "date: 2024-06-14"));
    assert!(p.edit(&["progress/2024-06-14.yaml"]).is_none());
    let whole = render_in_memory(&p.opts, BASE, &|_| {}).unwrap();
    assert!(!whole.files.iter().any(|f| f.path == today), "no bulletin of 20/6 once 14/6 reports after the news");
}

#[test]
fn an_edited_body_of_a_large_site_changes_a_few_parts_of_the_search_index() {
    // A site whose index is cut into parts: an edit writes the parts of the words it touched.
    let made = tempfile::tempdir().unwrap();
    let size = bangtin::benchsite::Size { pages: 400, units: 6, events: 12, weeks: 6 };
    bangtin::benchsite::generate(made.path(), None, &size).unwrap();
    let mut p = Preview::of(made.path(), bangtin::benchsite::TODAY);
    let parts = p.files.keys().filter(|f| f.starts_with("tim-kiem/chi-muc/")).count();
    assert!(parts > 50, "{parts} parts");

    let guide = std::fs::read_dir(p.sc.site().join("guides")).unwrap().next().unwrap().unwrap().path();
    let rel = format!("guides/{}", guide.file_name().unwrap().to_string_lossy());
    let text = std::fs::read_to_string(&guide).unwrap();
    // A sentence of words the site has, and one it has never had.
    p.sc.write(&rel, &format!("{text}\nCán bộ hướng dẫn tận nơi; mang theo sổ đỏ quyzz.\n"));
    let changed = p.edit(&[&rel]).expect("a body edit is rebuilt by the shortcut");
    let index: Vec<&String> = changed.iter().filter(|c| c.starts_with("tim-kiem/")).collect();
    assert!(index.iter().any(|c| c.ends_with("/q.js") || c.contains("/qu")), "{index:?}");
    assert!(index.len() > 1 && index.len() < parts / 4, "{} of {parts} parts: {index:?}", index.len());
}
