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
    for (name, today) in
        [("001-tinh-hiep", "2024-08-20"), ("002-bim-son", "2023-03-27"), ("003-my-phu-dong", "2023-06-15")]
    {
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
