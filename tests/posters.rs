//! The posters (`…/in/`) say what stays true while they hang on a wall: a repeating event its
//! rule, never its next session; no status word of the schedule's, but a cancellation; a guide
//! too long for one A4 sheet cut, saying how many steps the page has beyond it. That each prints
//! on one sheet is checked in Chromium by `tests/browser/posters.mjs`.

mod common;

use std::path::Path;

use common::*;

fn built(site: &Path, today: &str) -> Scratch {
    let sc = Scratch::of(site);
    let r = sc.build(today);
    assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
    sc
}

/// What a poster says, as `visible` reads it, without the invisible word joiners that keep
/// "7h30 – 11h00" on one line.
fn said(html: &str) -> String {
    visible(html).replace('\u{2060}', "")
}

/// Every poster of a built site: its path and its HTML.
fn posters(out: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n == "index.html") && dir.file_name().is_some_and(|n| n == "in") {
                let rel = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
                found.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_recurring_help_desk_prints_its_rule_not_its_next_session() {
    let sc = built(&example(), "2024-06-03");
    let desk = read(&sc.out(), "lich/truc-ho-tro-mot-cua/in/index.html");
    let text = said(&desk);
    assert!(
        text.contains("Thời gian Từ Thứ Hai đến Thứ Sáu hằng tuần, 7h30 – 11h00, đến hết Thứ Hai, 30/9/2024"),
        "{text}"
    );
    for stale in ["Buổi gần nhất", "Buổi tới", "3/6/2024"] {
        assert!(!text.contains(stale), "the desk's poster says “{stale}”, stale the next day: {text}");
    }
    // The campaign's poster lists the desk by its rule too.
    let campaign = said(&read(&sc.out(), "in/index.html"));
    assert!(
        campaign.contains("Từ Thứ Hai đến Thứ Sáu hằng tuần, 7h30 – 11h00, đến hết Thứ Hai, 30/9/2024"),
        "{campaign}"
    );
    assert!(!campaign.contains("Buổi gần nhất"), "{campaign}");

    // Printed on another day of the series, the poster is the same, byte for byte.
    let later = built(&example(), "2024-07-17");
    assert_eq!(read(&later.out(), "lich/truc-ho-tro-mot-cua/in/index.html"), desk);

    // Before its first session, a series also says when it starts.
    let before = Scratch::of(&example());
    before.edit("events/truc-ho-tro-mot-cua.md", "starts: 2024-05-06", "starts: 2024-06-10");
    before.edit("events/truc-ho-tro-mot-cua.md", "ends: 2024-05-06", "ends: 2024-06-10");
    assert_eq!(before.build("2024-06-03").code, 0);
    let text = said(&read(&before.out(), "lich/truc-ho-tro-mot-cua/in/index.html"));
    assert!(text.contains("Bắt đầu Thứ Hai, 10/6/2024 Thời gian Từ Thứ Hai đến Thứ Sáu hằng tuần"), "{text}");
}

#[test]
fn a_desk_without_hours_prints_its_days() {
    let sc = built(&fixture("003-my-phu-dong"), "2023-06-15");
    let text = said(&read(&sc.out(), "lich/truc-mot-cua/in/index.html"));
    assert!(text.contains("Thời gian Từ Thứ Hai đến Thứ Sáu hằng tuần, đến hết Thứ Sáu, 30/6/2023"), "{text}");
    assert!(!text.contains("Buổi gần nhất") && !text.contains("16/6/2023"), "{text}");
}

#[test]
fn no_poster_prints_a_status_word() {
    let sites = [
        (example(), "2024-06-03"),
        (fixture("001-tinh-hiep"), "2024-08-20"),
        (fixture("002-bim-son"), "2023-03-27"),
        (fixture("003-my-phu-dong"), "2023-06-15"),
    ];
    let mut seen = 0;
    for (site, today) in &sites {
        let sc = built(site, today);
        for (rel, html) in posters(&sc.out()) {
            let text = said(&html);
            // The schedule's words for a status ("Đã xác định", "Dự kiến", …), as a label; what a
            // tentative or undated one means for a resident is said in a sentence ("Lưu ý").
            for word in ["Đã xác định", "Dự kiến", "Sẽ thông báo sau", "Đã hủy", "Tình trạng"] {
                assert!(!text.contains(word), "{}: {rel} says “{word}”: {text}", site.display());
            }
            assert!(!html.contains("poster-lead\">Dự kiến") && !html.contains("poster-notice\">Đã"), "{rel}");
            seen += 1;
        }
    }
    assert!(seen >= 20, "only {seen} posters");
}

#[test]
fn a_cancelled_event_still_says_it_is_cancelled() {
    let sc = Scratch::of(&example());
    sc.edit("events/hoi-nghi-lan-2.md", "status: confirmed", "status: cancelled");
    sc.edit("events/hoi-nghi-lan-1.md", "status: confirmed", "status: tentative");
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&sc.out(), "lich/hoi-nghi-lan-2/in/index.html");
    assert!(html.contains("<p class=\"poster-notice\">Sự kiện này đã bị hủy.</p>"), "{html}");
    assert!(!said(&html).contains("Đã hủy"), "the notice, not the status word");
    // The tentative first conference says what "tentative" means, once.
    let first = said(&read(&sc.out(), "lich/hoi-nghi-lan-1/in/index.html"));
    assert!(first.contains("Lưu ý Thời gian và địa điểm là dự kiến, có thể thay đổi."), "{first}");
}

#[test]
fn a_guide_too_long_for_one_sheet_is_cut_saying_how_many_steps_are_left() {
    let sc = Scratch::of(&example());
    let steps: String = (1..=40)
        .map(|i| {
            format!(
                "## Bước {i}: Mở ứng dụng, chọn mục cần làm và điền đủ thông tin theo hướng dẫn {i}\n\nBước {i}.\n\n"
            )
        })
        .collect();
    sc.write(
        "guides/rat-dai.md",
        &format!("---\ntitle: \"Một hướng dẫn rất dài\"\nsummary: \"Bốn mươi bước.\"\n---\nMở đầu.\n\n{steps}"),
    );
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&sc.out(), "huong-dan/rat-dai/in/index.html");
    assert!(html.contains("poster-fit-6"), "the smallest type");
    let shown = html
        .split("<ol class=\"poster-steps\">")
        .nth(1)
        .unwrap()
        .split("</ol>")
        .next()
        .unwrap()
        .matches("<li>")
        .count();
    assert!((5..40).contains(&shown), "{shown} steps shown");
    let more = format!("Còn {} bước nữa: quét mã QR để xem đầy đủ.", 40 - shown);
    assert!(html.contains(&more), "{more} in {html}");
    // The example's own guides, the longest six steps, are not cut.
    for (rel, html) in posters(&sc.out()) {
        if rel.starts_with("huong-dan/") && !rel.starts_with("huong-dan/rat-dai/") {
            assert!(!html.contains("poster-steps-more"), "{rel} is cut");
        }
    }
}

#[test]
fn the_address_is_written_in_parts_that_wrap_only_after_a_slash() {
    let sc = built(&example(), "2024-06-03");
    let html = read(&sc.out(), "huong-dan/tai-khoan-dich-vu-cong/in/index.html");
    assert!(html.contains(
        "<p class=\"poster-url\"><span>phuong3.example.gov.vn/</span><wbr><span>cong-dan-so/</span><wbr>\
         <span>huong-dan/</span><wbr><span>tai-khoan-dich-vu-cong</span></p>"
    ));
    let css = read(&sc.out(), "style.css");
    assert!(!css.contains("break-all"), "no address broken inside a word");
}
