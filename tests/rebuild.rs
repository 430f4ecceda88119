//! `serve`'s rebuild after an edit of guides' bodies gives exactly what a whole build of the
//! edited site gives: every file, the warnings and the summary. Edits that need a whole build
//! (front matter, new or deleted files, a broken link) are refused by the shortcut.

mod common;

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
}

impl Preview {
    fn of(site: &std::path::Path, today: &str) -> Preview {
        let sc = Scratch::of(site);
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let opts = Options { content: sc.site(), out: PathBuf::new(), today };
        let (r, warm) = rebuild::render(&opts, BASE).unwrap();
        let files = r.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        Preview { sc, opts, warm, files }
    }

    /// The shortcut's rebuild after `changed`; `None` when it leaves the edit to a whole build.
    fn edit(&mut self, changed: &[&str]) -> Option<Vec<String>> {
        let changed: Vec<PathBuf> = changed.iter().map(|rel| self.sc.file(rel)).collect();
        let search = self.files["tim-kiem/chi-muc.js"].clone();
        let e = rebuild::edit(&mut self.warm, &changed, self.opts.today, &search)?;
        let paths: Vec<String> = e.files.iter().map(|f| f.path.clone()).collect();
        for f in e.files {
            assert!(self.files.contains_key(&f.path), "an edit makes no new file: {}", f.path);
            self.files.insert(f.path, f.bytes);
        }
        let full = render_in_memory(&self.opts, BASE, &|_| {}).unwrap();
        assert_eq!(e.warnings.to_string(), full.warnings.to_string());
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
    p.sc.write(zalo, &format!("{text}\n## Bước 9: Theo dõi trả lời\n\nXem trả lời <b onclick=\"x()\">trong Zalo</b>.\n\n<script>alert(1)</script>\n"));
    p.sc.edit(cccd, "Nhớ mang", "Hãy mang");
    let changed = p.edit(&[zalo, cccd]).unwrap();
    assert!(changed.iter().any(|c| c == "huong-dan/index.html"), "{changed:?}");
    let page = String::from_utf8(p.files["huong-dan/phan-anh-qua-zalo/index.html"].clone()).unwrap();
    assert!(page.contains("Theo dõi trả lời") && !page.contains("<script>alert"), "{page}");

    // A sentence no list shows and no bulletin reads: only the guide's own files change.
    p.sc.edit(cccd, "Không cần mang sổ hộ khẩu.", "Không cần mang sổ hộ khẩu giấy.");
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
    p.sc.edit(cccd, "## Bước 2: Chuẩn bị giấy tờ", "## Chuẩn bị giấy tờ");
    let changed = [p.sc.file(cccd)];
    assert!(rebuild::edit(&mut p.warm, &changed, p.opts.today, &p.files["tim-kiem/chi-muc.js"]).is_none());
    let whole = render_in_memory(&p.opts, BASE, &|_| {}).err().expect("a whole build reports the link").to_string();
    assert!(whole.contains("guides/kich-hoat-vneid.md") && whole.contains("#buoc-2"), "{whole}");
}
