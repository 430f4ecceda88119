//! One status per indicator, said the same on the card, the dashboard, the charts, the feed and
//! the radio: an indicator on its path whose recent rate reaches the target only after the
//! deadline is "có nguy cơ trễ hạn" everywhere, with why, and never "Đúng tiến độ"; past the
//! deadline short of the target it is "trễ hạn".

mod common;

use common::*;

fn built(today: &str) -> Scratch {
    let sc = Scratch::of(&example());
    let r = sc.build(today);
    assert_eq!(r.code, 0, "{}", r.stderr);
    sc
}

/// The text of the dashboard's section for one indicator, charts included: from its card's
/// heading (not the dashboard's contents, which link to it first).
fn section(page: &str, name: &str) -> String {
    let start = page.find(&format!(">{name}</h")).unwrap_or_else(|| panic!("{name} not on the page"));
    let end = page[start..].find("</section>").map_or(page.len(), |e| start + e);
    visible(&page[start..end])
}

#[test]
fn a_projection_that_misses_the_deadline_is_at_risk_everywhere() {
    // Digital signatures, 31/5/2024: 1.118 of 4.005, above the path's 1.079; but 4 weeks
    // earlier (3/5) it was 515, so 21,5 a day, which reaches 4.005 only on 13/10, after 30/9.
    let sc = built("2024-06-03");
    let name = "Người trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân";
    let why = "Theo tốc độ 4 tuần gần nhất, dự kiến đến 13/10/2024 mới đạt, sau hạn 30/9/2024.";
    // The home page's line of it says the same status.
    let home = visible(&read(&sc.out(), "index.html"));
    assert!(home.contains(&format!("{name} Có nguy cơ trễ hạn Đạt 11,2%")), "{home}");
    let page = "tien-do/2024-cong-dan-so/index.html";
    let html = read(&sc.out(), page);
    let card = section(&html, name);
    assert!(card.contains("Có nguy cơ trễ hạn Chỉ tiêu: 40%"), "{page}: {card}");
    assert!(card.contains(why), "{page}: {card}");
    // The overall chart says the same status.
    assert!(card.contains("Có nguy cơ trễ hạn · hạn 30/9/2024"), "{page}: {card}");
    assert!(!card.contains("Đúng tiến độ · hạn") && !card.contains("Đúng tiến độ Chỉ tiêu"), "{page}: {card}");
    assert!(card.contains("Toàn phường có nguy cơ trễ hạn; 2 khu phố chậm: Khu phố 4, Khu phố 7."), "{card}");
    let dashboard = section(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"), name);
    assert!(dashboard.contains("Cảnh báo: theo tốc độ 4 tuần gần nhất (21,5 người/ngày) sẽ không đạt chỉ tiêu trước hạn 30/9/2024; dự kiến đến ngày 13/10/2024 mới đạt"), "{dashboard}");
    let feed = read(&sc.out(), "feed.xml");
    assert!(feed.contains("(1.118/4.005 người, 27,9% chỉ tiêu) — có nguy cơ trễ hạn"), "{feed}");
    let said = read(&sc.out(), "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt");
    let line = said.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{said}"));
    assert!(line.contains("Có nguy cơ trễ hạn: theo tốc độ bốn tuần gần nhất, dự kiến đến ngày mười ba tháng mười năm hai ngàn không trăm hai mươi bốn mới đạt, sau hạn."), "{line}");
    assert!(!line.contains("Đúng tiến độ"), "{line}");
    // The others keep a rate that reaches their targets in time.
    let card = section(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"), "Công dân được cấp thẻ CCCD gắn chip");
    assert!(card.contains("Đúng tiến độ Chỉ tiêu"), "{card}");
}

#[test]
fn past_the_deadline_short_of_the_target_is_late_everywhere() {
    let sc = built("2024-12-02");
    let name = "Công dân được cấp thẻ CCCD gắn chip";
    let home = visible(&read(&sc.out(), "index.html"));
    assert!(home.contains(&format!("{name} Trễ hạn Đạt")), "the home page's line: {home}");
    let card = section(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"), name);
    assert!(
        card.contains("Trễ hạn Chỉ tiêu: 95% dân số (12.853 người) · Hạn 30/9/2024 (đã quá hạn 63 ngày)"),
        "{card}"
    );
    assert!(card.contains("Trễ hạn · hạn 30/9/2024"), "{card}");
    let dashboard = read(&sc.out(), "tien-do/2024-cong-dan-so/index.html");
    assert!(!visible(&dashboard).contains("Đúng tiến độ"), "nothing is on track after the deadline");
    // The feed's entries are each as of their report, inside the period: none is late yet.
    let feed = read(&sc.out(), "feed.xml");
    assert!(!feed.contains("— trễ hạn"), "{feed}");
}

/// A milestone's report may say the day it was done; done after its deadline, it is said to be
/// "hoàn thành trễ hạn N ngày" everywhere, and that day stays when later reports say only "done".
#[test]
fn a_milestone_done_late_says_how_late_everywhere() {
    let sc = Scratch::of(&example());
    let site = sc.site();
    let plan = site.join("plans/2024-cong-dan-so.md");
    let text =
        std::fs::read_to_string(&plan).unwrap().replace("    deadline: 2024-05-31\n", "    deadline: 2024-05-10\n");
    std::fs::write(&plan, text).unwrap();
    let report = site.join("progress/2024-05-17.yaml");
    let text = std::fs::read_to_string(&report).unwrap().replace("kenh-zalo: done", "kenh-zalo: 2024-05-15");
    assert!(text.contains("kenh-zalo: 2024-05-15"), "{text}");
    std::fs::write(&report, text).unwrap();
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);

    let name = "Thiết lập kênh Zalo tiếp nhận phản ánh, kiến nghị";
    let home = visible(&read(&sc.out(), "index.html"));
    assert!(home.contains(&format!("{name} Đã đạt Đã xong ngày 15/5/2024, hoàn thành trễ hạn 5 ngày")), "{home}");
    let card = section(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"), name);
    assert!(card.contains("Đã xong ngày 15/5/2024, hoàn thành trễ hạn 5 ngày"), "{card}");
    assert!(card.contains("Đã xong ngày 15/5/2024, trễ hạn 5 ngày"), "the chart: {card}");
    let feed = read(&sc.out(), "feed.xml");
    assert!(feed.contains("đã hoàn thành ngày 15/5/2024, hoàn thành trễ hạn 5 ngày"), "{feed}");
    let csv = read(&sc.out(), "tien-do/2024-cong-dan-so/du-lieu.csv");
    assert!(csv.contains(",kenh-zalo,") && csv.contains(",,,2024-05-15,"), "{csv}");
    let said = read(&sc.out(), "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt");
    // On air the name is spoken: "Zalo" is "Da lô".
    let spoken = name.replace("Zalo", "Da lô");
    let line = said.lines().find(|l| l.starts_with(&spoken)).unwrap_or_else(|| panic!("{said}"));
    assert!(
        line.contains(
            "đã hoàn thành ngày mười lăm tháng năm năm hai ngàn không trăm hai mươi bốn, hoàn thành trễ hạn năm ngày."
        ),
        "{line}"
    );
}

/// A unit is judged as the whole is: on its path, but at its own recent rate reaching its share
/// only after the deadline, its row says "Có nguy cơ trễ hạn", not "Đúng tiến độ".
#[test]
fn a_unit_whose_own_rate_misses_the_deadline_is_at_risk_in_its_row() {
    let sc = Scratch::of(&example());
    // Khu phố 1's signatures: 140 already on 3/5, then 2 or 3 a week to 150 on 31/5 — above its
    // path (111,8 of 415 by 31/5) but 10 in four weeks never reaches 415 by 30/9.
    for (day, was, now) in [("03", 72, 140), ("10", 91, 142), ("17", 107, 145), ("24", 132, 148), ("31", 150, 150)] {
        let rel = format!("progress/2024-05-{day}.yaml");
        sc.edit(&rel, &format!("chu-ky-so: {was} }}"), &format!("chu-ky-so: {now} }}"));
    }
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let name = "Người trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân";
    let dashboard = section(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"), name);
    let row = |unit: &str| {
        let table = &dashboard
            [dashboard.find("Khu phố Đã đạt Chỉ tiêu So với chỉ tiêu Tình trạng").expect("the units' table")..];
        let at = table.find(&format!("{unit} ")).unwrap_or_else(|| panic!("{unit} in {table}"));
        table[at..].split(" Khu phố ").next().unwrap_or_default().to_string()
    };
    assert_eq!(row("Khu phố 1"), "Khu phố 1 14,5% (150) 40% (415) 36,1% Có nguy cơ trễ hạn");
    // Khu phố 2 keeps a rate that reaches its share in time, and 4 is below its path.
    assert!(row("Khu phố 2").ends_with("Đúng tiến độ"), "{}", row("Khu phố 2"));
    assert!(row("Khu phố 4").ends_with("Chậm tiến độ"), "{}", row("Khu phố 4"));
}

/// A count target without targets for the units: each unit's figure is shown, but measured
/// against nothing it has no status, not "Đúng tiến độ".
#[test]
fn a_unit_without_a_target_of_its_own_has_no_status() {
    let sc = Scratch::of(&example());
    sc.edit(
        "plans/2024-cong-dan-so.md",
        "  - id: kenh-zalo\n",
        "  - id: to-cong-nghe\n    name: \"Thành viên Tổ công nghệ số được tập huấn\"\n    target: 40\n    deadline: 2024-09-30\n  - id: kenh-zalo\n",
    );
    for unit in ["kp1", "kp2"] {
        sc.edit(
            "progress/2024-05-31.yaml",
            &format!("  {unit}: {{ cccd:"),
            &format!("  {unit}: {{ to-cong-nghe: 5, cccd:"),
        );
    }
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dashboard =
        section(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"), "Thành viên Tổ công nghệ số được tập huấn");
    assert!(dashboard.contains("Khu phố 1 5 — — —"), "{dashboard}");
    assert!(!dashboard.contains("Khu phố 1 5 — — Đúng tiến độ"), "{dashboard}");
}
