//! The schedule residents act on: each hamlet's calendar page, the next events on the home page,
//! event pages that say when, where and for whom, and `.ics` files a phone's calendar reads —
//! checked here byte by byte and, through `tests/ical_check.py`, by the PyPI `icalendar` package.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn built(site: &Path, today: &str) -> Scratch {
    let sc = Scratch::of(site);
    let r = sc.build(today);
    assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
    sc
}

/// The example before its conferences: no progress report may be dated after `today`.
fn example_before_the_conferences() -> Scratch {
    let sc = Scratch::of(&example());
    std::fs::remove_dir_all(sc.file("progress")).unwrap();
    // Confirmed once they took place; tentative before.
    sc.edit("events/hoi-nghi-lan-1.md", "status: confirmed", "status: tentative");
    sc
}

fn ics(out: &Path, rel: &str) -> String {
    String::from_utf8(std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))).unwrap()
}

fn uids(text: &str) -> Vec<&str> {
    text.split("\r\n").filter_map(|l| l.strip_prefix("UID:")).collect()
}

#[test]
fn each_unit_page_lists_what_concerns_that_hamlet() {
    let sc = Scratch::of(&example());
    // The field days now name two hamlets; the conferences and desk hours name none, so they
    // concern every hamlet.
    sc.edit("events/ra-quan-khu-pho.md", "units: [kp1, kp2, kp3, kp4, kp5, kp6, kp7, kp8]", "units: [kp1, kp2]");
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let kp1 = visible(&read(&sc.out(), "lich/kp1/index.html"));
    let kp3 = visible(&read(&sc.out(), "lich/kp3/index.html"));
    assert!(kp1.contains("Lịch của Khu phố 1"), "{kp1}");
    for page in [&kp1, &kp3] {
        assert!(page.contains("Buổi gần nhất: Thứ Hai, 3/6/2024, 7h30 – 11h00"), "{page}");
        assert!(page.contains("Hội nghị triển khai mô hình “Công dân số” (lần thứ nhất)"), "{page}");
        assert!(page.contains("Thêm lịch của Khu phố"), "{page}");
    }
    assert!(kp1.contains("Ra quân hướng dẫn “Công dân số” tại các khu phố"), "{kp1}");
    assert!(!kp3.contains("Ra quân hướng dẫn"), "kp3 is not concerned: {kp3}");
    // Upcoming first, then undated, then past, as on /lich/.
    let (up, undated, past) =
        (kp1.find("Sắp diễn ra").unwrap(), kp1.find("Chưa có ngày").unwrap(), kp1.find("Đã diễn ra").unwrap());
    assert!(up < undated && undated < past, "{kp1}");

    // A dated event for one hamlet reaches only that hamlet's calendar file.
    let sc = Scratch::of(&fixture("003-my-phu-dong"));
    sc.edit("events/truc-van-phong-ap.md", "units: [tan-phu, tan-my, tan-dong]", "units: [tan-phu]");
    let r = sc.build("2023-06-15");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tan_phu = ics(&sc.out(), "lich/tan-phu/lich.ics");
    let tan_my = ics(&sc.out(), "lich/tan-my/lich.ics");
    assert_eq!(
        uids(&tan_phu),
        ["truc-mot-cua@my-phu-dong.example.gov.vn", "truc-van-phong-ap@my-phu-dong.example.gov.vn"]
    );
    assert_eq!(uids(&tan_my), ["truc-mot-cua@my-phu-dong.example.gov.vn"]);
    assert!(tan_my.contains("X-WR-CALNAME:Lịch Ấp Tân Mỹ — Công dân số xã Mỹ Phú Đông\r\n"), "{tan_my}");
    let page = visible(&read(&sc.out(), "lich/tan-my/index.html"));
    assert!(!page.contains("Văn phòng các ấp"), "{page}");
    assert!(page.contains("Bộ phận Một cửa"), "{page}");
}

#[test]
fn the_schedule_links_every_unit_calendar_and_the_whole_calendar() {
    let sc = built(&example(), "2024-06-03");
    let html = read(&sc.out(), "lich/index.html");
    assert!(visible(&html).contains("Lịch của từng khu phố"), "{html}");
    for i in 1..=8 {
        assert!(html.contains(&format!(r#"<a href="../lich/kp{i}/">Khu phố {i}</a>"#)), "kp{i} in {html}");
        assert!(sc.out().join(format!("lich/kp{i}/index.html")).is_file());
        assert!(sc.out().join(format!("lich/kp{i}/lich.ics")).is_file());
    }
    assert!(html.contains(
        r#"<a href="../lich.ics" type="text/calendar">Thêm toàn bộ lịch vào lịch điện thoại (tệp .ics)</a>"#
    ));
    // An event page links the hamlets it names to their calendars.
    let ev = read(&sc.out(), "lich/ra-quan-khu-pho/index.html");
    assert!(ev.contains(r#"<a href="../../lich/kp2/">Khu phố 2</a>"#), "{ev}");
}

#[test]
fn home_shows_the_next_three_events() {
    let sc = example_before_the_conferences();
    // A fourth upcoming session, and a cancelled one before all of them.
    sc.write(
        "events/tap-huan-to-cong-nghe-so.md",
        "---\ntitle: \"Tập huấn Tổ công nghệ số cộng đồng\"\nkind: tap-huan\nstarts: 2024-05-20 14:00\n---\n",
    );
    sc.write(
        "events/gap-mat-dau-nam.md",
        "---\ntitle: \"Gặp mặt đầu năm\"\nkind: hoi-nghi\nstarts: 2024-04-13 08:00\nstatus: cancelled\n---\n",
    );
    let r = sc.build("2024-04-12");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&sc.out(), "index.html");
    let section = &html[html.find("id=\"lich-sap-toi\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(section.matches("<li class=\"event ").count(), 3, "{section}");
    let text = visible(section);
    let first = text.find("Thứ Ba, 16/4/2024, 7h30 – 11h00").expect("first conference");
    let second = text.find("Thứ Ba, 23/4/2024, 7h30 – 11h00").expect("second conference");
    let third = text.find("Thứ Hai, 6/5/2024").expect("desk hours");
    assert!(first < second && second < third, "{text}");
    assert!(!text.contains("Tập huấn Tổ công nghệ số"), "only three: {text}");
    assert!(!text.contains("Gặp mặt đầu năm"), "cancelled events are not next: {text}");
    // The cancelled one keeps its place on /lich/, said in words, and its calendar file says so.
    let lich = visible(&read(&sc.out(), "lich/index.html"));
    assert!(lich.contains("Gặp mặt đầu năm"), "{lich}");
    let ev = visible(&read(&sc.out(), "lich/gap-mat-dau-nam/index.html"));
    assert!(ev.contains("Đã hủy. Sự kiện này đã bị hủy."), "{ev}");
    assert!(ev.contains("Tệp lịch báo buổi này đã hủy (tệp .ics)"), "{ev}");
    let cancelled = ics(&sc.out(), "lich/gap-mat-dau-nam/gap-mat-dau-nam.ics");
    assert!(cancelled.contains("STATUS:CANCELLED\r\n") && cancelled.contains("SUMMARY:[Đã hủy] Gặp mặt đầu năm\r\n"));
}

#[test]
fn event_pages_say_when_where_who_and_offer_the_calendar_file() {
    let sc = example_before_the_conferences();
    let r = sc.build("2024-04-12");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&sc.out(), "lich/hoi-nghi-lan-1/index.html");
    let text = visible(&html);
    for said in [
        "Ngày Thứ Ba, 16/4/2024",
        "Giờ 7h30 – 11h00",
        "Địa điểm Hội trường UBND Phường 3",
        "Tình trạng Dự kiến",
        "Dự kiến. Thời gian và địa điểm là dự kiến, có thể thay đổi.",
        "Thành phần tham dự Toàn thể cán bộ, công chức Phường 3",
    ] {
        assert!(text.contains(said), "{said:?} in {text}");
    }
    assert!(
        html.contains(r#"<a class="button" href="hoi-nghi-lan-1.ics" type="text/calendar">Thêm vào lịch điện thoại (tệp .ics)</a>"#),
        "{html}"
    );
    let own = ics(&sc.out(), "lich/hoi-nghi-lan-1/hoi-nghi-lan-1.ics");
    assert_eq!(uids(&own), ["hoi-nghi-lan-1@phuong3.example.gov.vn"]);
    assert!(own.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20240416T073000\r\n"), "{own}");
    assert!(own.contains("STATUS:TENTATIVE\r\n"), "{own}");

    // Repeating desk hours: the next session, and the rule in words.
    let desk = visible(&read(&sc.out(), "lich/truc-ho-tro-mot-cua/index.html"));
    assert!(desk.contains("Lặp lại Từ Thứ Hai đến Thứ Sáu hằng tuần, đến hết Thứ Hai, 30/9/2024"), "{desk}");
    assert!(desk.contains("Thêm vào lịch điện thoại (tệp .ics)"), "{desk}");

    // No date yet: no file, and the page says why.
    let tba = read(&sc.out(), "lich/ra-quan-khu-pho/index.html");
    assert!(!tba.contains(".ics"), "{tba}");
    assert!(visible(&tba).contains("Chưa thể thêm vào lịch điện thoại vì chưa có ngày giờ cụ thể"), "{tba}");
    assert!(!sc.out().join("lich/ra-quan-khu-pho/ra-quan-khu-pho.ics").exists());
    assert!(!ics(&sc.out(), "lich.ics").contains("ra-quan-khu-pho"));
}

#[test]
fn calendar_files_are_folded_crlf_and_the_same_whatever_the_day() {
    let a = built(&example(), "2024-06-03");
    let b = built(&example(), "2024-06-03");
    // What is upcoming changes with the day; a calendar file does not.
    let later = built(&example(), "2024-07-01");
    let files: Vec<String> = snapshot(&a.out()).into_keys().filter(|k| k.ends_with(".ics")).collect();
    assert_eq!(files.len(), 1 + 3 + 8, "{files:?}");
    for rel in &files {
        let bytes = std::fs::read(a.out().join(rel)).unwrap();
        assert!(bytes == std::fs::read(b.out().join(rel)).unwrap(), "{rel} differs between two builds");
        assert!(bytes == std::fs::read(later.out().join(rel)).unwrap(), "{rel} depends on --today");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{rel}");
        let lines: Vec<&str> = text.split("\r\n").collect();
        for (n, l) in lines[..lines.len() - 1].iter().enumerate() {
            assert!(l.len() <= 75, "{rel}:{}: {} octets: {l}", n + 1, l.len());
            assert!(!l.contains(['\r', '\n']), "{rel}:{}: a bare line break", n + 1);
        }
    }
    let all = ics(&a.out(), "lich.ics");
    // Folded lines unfold to the whole Vietnamese title, never a broken character.
    let unfolded = all.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:Hội nghị triển khai mô hình “Công dân số” (lần thứ nhất)\r\n"), "{unfolded}");
    assert!(
        unfolded.contains("DESCRIPTION:Thành phần tham dự:\\n- Toàn thể cán bộ\\, công chức Phường 3\\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20240930T165959Z\r\n"));
    // The stamp comes from the content: the start, in UTC.
    assert!(unfolded.contains("DTSTAMP:20240416T003000Z\r\n"), "{unfolded}");
    assert_eq!(
        uids(&unfolded),
        [
            "hoi-nghi-lan-1@phuong3.example.gov.vn",
            "hoi-nghi-lan-2@phuong3.example.gov.vn",
            "truc-ho-tro-mot-cua@phuong3.example.gov.vn"
        ]
    );
}

#[test]
fn calendar_files_are_read_right_by_python_icalendar() {
    let Some(py) = python("the .ics files were not read by the PyPI icalendar package") else { return };
    let script = repo().join("tests/ical_check.py");
    for (name, site, today) in [
        ("example", example(), "2024-06-03"),
        ("001-tinh-hiep", fixture("001-tinh-hiep"), "2024-08-20"),
        ("002-bim-son", fixture("002-bim-son"), "2023-03-27"),
        ("003-my-phu-dong", fixture("003-my-phu-dong"), "2023-06-15"),
    ] {
        let sc = Scratch::of(&site);
        if name == "example" {
            // One status of each kind a client must read: the first conference as it stood
            // before it took place.
            sc.edit("events/hoi-nghi-lan-1.md", "status: confirmed", "status: tentative");
        }
        assert_eq!(sc.build(today).code, 0, "{name}");
        let out = Command::new(&py)
            .arg(&script)
            .arg(sc.out())
            .arg(name)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {py}: {e}"));
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{name}: ical_check.py failed ({}):\n{stdout}{stderr}", out.status);
        assert!(stdout.contains("all as expected"), "{name}: {stdout}{stderr}");
    }
}
