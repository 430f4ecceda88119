//! Builds the fixture sites made from the real seed plans and checks their real figures and
//! schedules come out as the plans wrote them.

mod common;

use common::*;

fn built(name: &str, today: &str) -> Scratch {
    let sc = Scratch::of(&fixture(name));
    let r = sc.build(today);
    assert_eq!(r.code, 0, "{name} failed to build:\n{}", r.stderr);
    sc
}

#[test]
fn my_phu_dong_shows_the_appendix_figures() {
    let sc = built("003-my-phu-dong", "2023-06-15");
    let home = visible(&read(&sc.out(), "index.html"));
    // Phụ lục III: 186 + 169 + 259 = 614 households of the plan's 1.057 (the appendix rows sum to
    // 1.157; the fixture keeps the plan's target and each hamlet's own count).
    assert!(home.contains("614/1.057 hộ (58,1%)"), "{home}");
    let plan = visible(&read(&sc.out(), "ke-hoach/2023-mo-hinh-diem/index.html"));
    assert!(plan.contains("Số: 46/KH-UBND"), "{plan}");
    assert!(plan.contains("ngày 8/6/2023"), "{plan}");
    assert!(plan.contains("25/5/2023 – 30/6/2023"));
    assert!(plan.contains("97 trường hợp"), "{plan}");
    let progress = visible(&read(&sc.out(), "tien-do/2023-mo-hinh-diem/index.html"));
    for row in ["Ấp Tân Phú 186 339", "Ấp Tân Mỹ 169 375", "Ấp Tân Đông 259 443"] {
        assert!(progress.contains(row), "{row} in {progress}");
    }
    // On 14/6/2023 the straight path to 1.057 by 30/6 asks for 1.057 × 20/36 ≈ 587: 614 is on track.
    assert!(progress.contains("Đúng tiến độ"), "{progress}");
    assert!(progress.contains("67/67 người"), "{progress}");
    // The latest report is the real appendix; only the earlier one is illustrative.
    assert!(!progress.contains("chưa phải số liệu chính thức"), "{progress}");
    assert!(progress.contains("7/6/2023 minh họa 410"), "{progress}");
    assert!(progress.contains("14/6/2023 614"), "{progress}");
    // No figure yet: said once, without a status badge repeating it.
    assert!(progress.contains("Thu nhận hồ sơ cấp CCCD Chưa có số liệu"), "{progress}");
    let raw = read(&sc.out(), "tien-do/2023-mo-hinh-diem/index.html");
    assert!(!raw.contains("badge-chua-co-so-lieu"), "no badge repeating “Chưa có số liệu”");
}

#[test]
fn my_phu_dong_desk_hours_repeat_on_weekdays() {
    let sc = built("003-my-phu-dong", "2023-06-15");
    let text = visible(&read(&sc.out(), "lich/index.html"));
    assert!(text.contains("Sắp diễn ra"), "{text}");
    let desk = visible(&read(&sc.out(), "lich/truc-van-phong-ap/index.html"));
    assert!(desk.contains("Từ Thứ Hai đến Thứ Sáu hằng tuần, đến hết Thứ Sáu, 30/6/2023"), "{desk}");
    assert!(desk.contains("Ấp Tân Phú"), "{desk}");
    // Issue 30: the guide names both desks, the soonest first, each with its days, hours and place.
    let guide = visible(&read(&sc.out(), "huong-dan/kich-hoat-dinh-danh-muc-2/index.html"));
    for place in ["Địa điểm: Bộ phận Một cửa, Ủy ban nhân dân xã Mỹ Phú Đông", "Địa điểm: Văn phòng các ấp"]
    {
        assert!(guide.contains(place), "{place} in {guide}");
    }
    assert!(guide.contains("Ngày: Từ Thứ Hai đến Thứ Sáu hằng tuần, đến hết Thứ Sáu, 30/6/2023"), "{guide}");
}

#[test]
fn bim_son_daily_drive_and_draft_plan() {
    let sc = built("002-bim-son", "2023-03-27");
    let plan = visible(&read(&sc.out(), "ke-hoach/2023-cao-diem-vneid/index.html"));
    assert!(!plan.contains("Chưa có số văn bản"), "a draft without a number says nothing of it: {plan}");
    assert!(plan.contains("tháng 3 năm 2023"), "partial issue date kept as written: {plan}");
    let ev = visible(&read(&sc.out(), "lich/ra-quan-cao-diem/index.html"));
    assert!(ev.contains("Tất cả các ngày, kể cả Thứ Bảy và Chủ nhật"), "{ev}");
    assert!(ev.contains("7h30 – 22h00"), "{ev}");
    let home = visible(&read(&sc.out(), "index.html"));
    assert!(home.contains("Buổi gần nhất: Thứ Hai, 27/3/2023, 7h30 – 22h00"), "{home}");
}

#[test]
fn tinh_hiep_sixty_day_drive_ratios_and_tba_training() {
    let sc = built("001-tinh-hiep", "2024-08-20");
    let plan = visible(&read(&sc.out(), "ke-hoach/2024-cao-diem-60-ngay/index.html"));
    assert!(plan.contains("10/8/2024 – 10/10/2024"), "{plan}");
    assert!(plan.contains("tối thiểu 50%"), "ratio targets read as a minimum share: {plan}");
    let ev = visible(&read(&sc.out(), "lich/cao-diem-60-ngay/index.html"));
    assert!(ev.contains("Thứ Bảy, 10/8/2024 đến Thứ Năm, 10/10/2024"), "{ev}");
    let tba = visible(&read(&sc.out(), "lich/tap-huan-to-cong-nghe-so/index.html"));
    assert!(tba.contains("Sẽ thông báo sau"), "{tba}");
}

#[test]
fn every_fixture_builds_deterministically() {
    for (name, today) in [
        ("001-tinh-hiep", "2024-08-20"),
        ("002-bim-son", "2023-03-27"),
        ("003-my-phu-dong", "2023-06-15"),
        ("004-nam-son", "2024-10-16"),
    ] {
        let a = built(name, today);
        let b = built(name, today);
        assert!(snapshot(&a.out()) == snapshot(&b.out()), "{name} is not deterministic");
    }
}

#[test]
fn my_phu_dong_data_download_has_every_figure() {
    let sc = built("003-my-phu-dong", "2023-06-15");
    let bytes = std::fs::read(sc.out().join("tien-do/2023-mo-hinh-diem/du-lieu.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "Excel needs the BOM to read UTF-8");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("Ngày báo cáo,Mã đơn vị,Đơn vị,Mã chỉ tiêu"), "{}", lines[0]);
    // Two reports: 3 hamlets × 2 indicators + the ward's cán bộ figure, each.
    assert_eq!(lines.len(), 1 + 2 * 7, "{text}");
    let row = lines
        .iter()
        .find(|l| l.starts_with("2023-06-14,tan-dong,Ấp Tân Đông,dinh-danh-2,"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains(",259,,,,"), "{row}");
    assert!(lines.iter().any(|l| l.starts_with("2023-06-14,ward,") && l.contains(",can-bo,") && l.contains(",67,")));
    let page = read(&sc.out(), "tien-do/2023-mo-hinh-diem/index.html");
    assert!(page.contains(r#"<a href="du-lieu.csv" download>"#));
}

/// Removes every inline `<svg>…</svg>`, so a test can ask what the page says in HTML text.
fn without_svgs(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(a) = rest.find("<svg") {
        out.push_str(&rest[..a]);
        let b = rest[a..].find("</svg>").map_or(rest.len(), |b| a + b + "</svg>".len());
        rest = &rest[b..];
    }
    out.push_str(rest);
    out
}

#[test]
fn nam_son_help_desk_page_says_the_next_session_first() {
    let sc = built("004-nam-son", "2024-10-16");
    let raw = read(&sc.out(), "lich/truc-nha-van-hoa/index.html");
    let page = visible(&raw);
    // Wednesday 16/10: the desk sits on Saturdays and Sundays, so the next session is Saturday
    // 19/10; the series began on 7/9, long past, and comes last, after the rule.
    let next = page.find("Buổi gần nhất Thứ Bảy, 19/10/2024, 7h30 – 11h00").unwrap_or_else(|| panic!("{page}"));
    let rule = page.find("Lặp lại Thứ Bảy, Chủ nhật hằng tuần, đến hết Chủ nhật, 29/12/2024").expect("the rule");
    let start = page.find("Bắt đầu từ Thứ Bảy, 7/9/2024").expect("the series start");
    assert!(next < rule && rule < start, "next session, then the rule, then the start: {page}");
    let facts = &raw[raw.find("<dl class=\"facts\">").unwrap()..];
    assert!(
        facts.trim_start_matches("<dl class=\"facts\">").trim_start().starts_with("<dt>Buổi gần nhất</dt>"),
        "{facts}"
    );
    assert!(raw.contains(r#"<time datetime="2024-10-19">Thứ Bảy, 19/10/2024"#), "{raw}");
    // Each of the six long unit names is its own link in a list, not one run of commas.
    assert!(raw.contains(r#"<li><a href="../../lich/doi-ngang/">Tổ dân phố Đồi Ngang - Nghĩa Môn</a></li>"#), "{raw}");
}

#[test]
fn nam_son_dashboard_opens_with_contents_giving_each_status() {
    let sc = built("004-nam-son", "2024-10-16");
    let raw = read(&sc.out(), "tien-do/2024-cong-dan-so-nam-son/index.html");
    let contents_at = raw.find(r#"<nav class="toc contents""#).unwrap_or_else(|| panic!("no contents: {raw}"));
    let first_section = raw.find(r#"<section class="indicator-detail""#).unwrap();
    assert!(contents_at < first_section, "the contents come before the indicators");
    let contents = visible(&raw[contents_at..raw[contents_at..].find("</nav>").unwrap() + contents_at]);
    // Each indicator, linked to its section, with its status in the words Standing::label says.
    for (id, name, status) in [
        ("dinh-danh-2", "Người từ đủ 14 tuổi có tài khoản định danh điện tử mức 2", "Có nguy cơ trễ hạn"),
        ("dich-vu-cong", "Hồ sơ thủ tục hành chính nộp trực tuyến qua Cổng Dịch vụ công", "Chậm tiến độ"),
        ("to-cong-nghe-so", "Mỗi tổ dân phố có Tổ công nghệ số cộng đồng hoạt động", "Đã đạt"),
    ] {
        assert!(raw[contents_at..first_section].contains(&format!("href=\"#ct-{id}\"")), "{id}");
        assert!(contents.contains(&format!("{name} {status}")), "{name} {status} in {contents}");
    }
    // The units behind, furthest behind their own target first: 40/220 = 18,2% before 60/280.
    assert!(
        contents.contains(
            "3 tổ dân phố chậm, chậm nhất trước: Tổ dân phố Nam Thành - Đông Sơn (23,3%), \
             Tổ dân phố Bắc Sơn - Quyết Thắng (31%), Tổ dân phố Đồng Giao - Hạ Long (32%)"
        ),
        "{contents}"
    );
    assert!(contents.contains("6 tổ dân phố chậm; 5 tổ dân phố chậm nhất: Tổ dân phố Nam Thành - Đông Sơn (18,2%), Tổ dân phố Bắc Sơn - Quyết Thắng (21,4%)"), "{contents}");
    // The history is folded away; the projection that misses the deadline is said in HTML, not
    // only drawn in the over-time chart.
    assert_eq!(raw.matches("<details class=\"history\">").count(), 3, "{raw}");
    let text = visible(&without_svgs(&raw));
    assert!(
        text.contains("Theo tốc độ 30 ngày gần nhất, dự kiến đến 31/1/2025 mới đạt, sau hạn 30/11/2024."),
        "{text}"
    );
    // No table sits in a sideways-scrolling box; each cell carries its column's name for the
    // stacked rows of a narrow screen.
    assert!(!raw.contains("table-wrap"), "{raw}");
    assert!(raw.contains(r#"<td data-label="Tình trạng">Chậm tiến độ</td>"#), "{raw}");
}

#[test]
fn every_standalone_chart_names_a_sans_serif_font() {
    for (name, today) in [("003-my-phu-dong", "2023-06-15"), ("004-nam-son", "2024-10-16")] {
        let sc = built(name, today);
        let mut seen = 0;
        for plan in std::fs::read_dir(sc.out().join("tien-do")).unwrap() {
            for f in std::fs::read_dir(plan.unwrap().path()).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_none_or(|e| e != "svg") {
                    continue;
                }
                let svg = std::fs::read_to_string(&f).unwrap();
                let root = &svg[svg.find("<svg").unwrap()..];
                let root = &root[..root.find('>').unwrap()];
                let family = root.split("font-family=\"").nth(1).map(|r| &r[..r.find('"').unwrap()]);
                let family = family.unwrap_or_else(|| panic!("{}: no font-family on <svg>: {root}", f.display()));
                assert!(family.trim_end().ends_with("sans-serif"), "{}: {family}", f.display());
                seen += 1;
            }
        }
        assert!(seen >= 3, "{name}: {seen} charts");
    }
}
