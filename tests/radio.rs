//! The loudspeaker bulletin: its pages and `.txt` files, `bangtin radio` and `bangtin radio say`,
//! air time and cutting to fit. The spoken forms come from the normaliser, which is improved
//! separately, so these tests check what holds whatever it says; the snapshots (one bulletin of
//! each fixture, `tests/snapshots/bulletins/`) show the rest and are rewritten with
//! `BANGTIN_BLESS=1 cargo test --test radio snapshot`.

mod common;

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use bangtin::content::model::RadioConfig;
use bangtin::radio::airtime::{self, Pace};
use bangtin::radio::bulletin::{self, Bulletin};
use bangtin::speech::Speaker;
use common::*;

const SITE: &str = "003-my-phu-dong";
const TODAY: &str = "2023-06-15";
const LATEST: &str = "2023-06-14";

fn built() -> Scratch {
    let sc = Scratch::of(&fixture(SITE));
    let r = sc.build(TODAY);
    assert_eq!(r.code, 0, "{}", r.stderr);
    sc
}

fn radio(extra: &[&str]) -> Run {
    let site = fixture(SITE);
    let mut args = vec!["radio", "--content", s(&site), "--today", TODAY];
    args.extend_from_slice(extra);
    run(&args)
}

/// The lines of one section of a bulletin's text, by the start of its bracketed title.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| !(l.starts_with('[') && l.contains(&format!(". {title}"))));
    lines.next();
    lines.take_while(|l| !l.is_empty()).collect()
}

/// The lines to read: everything after the header that is not a bracketed note.
fn spoken(text: &str) -> Vec<&str> {
    text.lines().skip_while(|l| !l.starts_with("[1.")).filter(|l| !l.is_empty() && !l.starts_with('[')).collect()
}

/// Seconds of a "4 phút 20 giây" / "45 giây" / "2 phút" duration.
fn seconds_of(words: &str) -> u64 {
    let w: Vec<&str> = words.split_whitespace().collect();
    let mut total = 0;
    for pair in w.windows(2) {
        match pair[1].trim_end_matches([',', ')', ']', '.']) {
            "phút" => total += pair[0].parse::<u64>().unwrap_or(0) * 60,
            "giây" => total += pair[0].parse::<u64>().unwrap_or(0),
            _ => {}
        }
    }
    total
}

fn total_seconds(text: &str) -> u64 {
    let line = text.lines().find(|l| l.starts_with("[Thời lượng ước tính:")).expect("air time in the header");
    seconds_of(line.split_once(':').unwrap().1.split(',').next().unwrap())
}

fn section_seconds(text: &str) -> Vec<u64> {
    text.lines()
        .filter(|l| l.starts_with('[') && l.contains(" — khoảng "))
        .map(|l| seconds_of(l.rsplit_once(" — khoảng ").unwrap().1))
        .collect()
}

#[test]
fn every_report_date_has_a_bulletin_page_and_text() {
    let sc = built();
    let list = visible(&read(&sc.out(), "phat-thanh/index.html"));
    let newest = list.find("Thứ Tư, 14/6/2023").expect("newest bulletin listed");
    let older = list.find("Thứ Tư, 7/6/2023").expect("older bulletin listed");
    assert!(newest < older, "newest first: {list}");
    assert!(list.contains("Kế hoạch số 46/KH-UBND"), "{list}");
    for date in ["2023-06-07", LATEST] {
        let dir = format!("phat-thanh/2023-mo-hinh-diem-{date}/");
        let page = read(&sc.out(), &format!("{dir}index.html"));
        assert!(page.contains(&format!("href=\"2023-mo-hinh-diem-{date}.txt\"")), "page links its text");
        let txt = read(&sc.out(), &format!("{dir}2023-mo-hinh-diem-{date}.txt"));
        assert!(!txt.contains('\r') && txt.ends_with('\n'));
        // The file the station downloads is exactly what the command prints for that day.
        let r = radio(&["--date", date]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, txt, "{date}");
        // The page shows the same words, section by section, with each section's air time.
        let seen = visible(&page);
        for l in spoken(&txt) {
            let escaped = l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            assert!(page.contains(&format!("<p>{escaped}</p>")), "{l} not on the page");
        }
        for title in ["Mở đầu", "Tiến độ thực hiện kế hoạch", "Lịch sắp tới", "Kết thúc"] {
            assert!(page.contains(&format!("\">{title}</h2>")), "{title} heading on {dir}");
        }
        // The only notice is dated 9/6: read on the 14th, not yet written on the 7th.
        assert_eq!(page.contains("\">Thông báo</h2>"), date == LATEST, "{dir}");
        assert!(seen.contains("Khoảng"), "{seen}");
    }
    // The navigation leads to the bulletins from every page.
    assert!(read(&sc.out(), "index.html").contains("href=\"phat-thanh/\">Bản tin phát thanh</a>"));
}

#[test]
fn the_bulletin_opens_with_the_station_and_the_day_and_closes_politely() {
    let r = radio(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = r.stdout;
    // The air day is today, with the figures of the latest report before it.
    assert!(text.contains("Ngày phát: Thứ Năm, 15/6/2023"), "defaults to today: {text}");
    assert!(text.contains("Số liệu tiến độ đến ngày: 14/6/2023"), "{text}");
    let opening = section(&text, "Mở đầu");
    assert!(opening[0].starts_with("Đây là Đài truyền thanh xã Mỹ Phú Đông."), "{opening:?}");
    assert!(opening[0].to_lowercase().contains("hôm nay, thứ năm, ngày mười lăm tháng sáu"), "{opening:?}");
    let progress = section(&text, "Tiến độ");
    assert!(progress[0].contains("tính đến ngày mười bốn tháng sáu"), "{progress:?}");
    // Once the opening has said the year, the dates of the same year are said without it.
    assert_eq!(text.matches("năm hai ngàn không trăm hai mươi ba").count(), 1 + 4, "the opening, the notice's: {text}");
    let closing = section(&text, "Kết thúc");
    let last = closing.last().unwrap();
    assert!(last.starts_with("Đài truyền thanh xã Mỹ Phú Đông vừa phát bản tin"), "{last}");
    assert!(last.contains("Cảm ơn bà con đã lắng nghe."), "{last}");
}

/// News of the plan dated `date`, with no summary: the notice is the start of its body.
fn news(sc: &Scratch, date: &str, plan: Option<&str>) {
    let plan = plan.map(|p| format!("plan: {p}\n")).unwrap_or_default();
    sc.write(
        &format!("news/{date}-doi-lich-truc.md"),
        &format!(
            "---\ntitle: \"Đổi lịch trực ngày {date}\"\n{plan}---\nTổ công nghệ số trực tại Hội trường ấp Tân Mỹ.\n"
        ),
    );
}

/// The bulletins listed at `/phat-thanh/`, by the day in their address.
fn listed(sc: &Scratch) -> Vec<String> {
    let list = read(&sc.out(), "phat-thanh/index.html");
    list.split("href=\"../phat-thanh/2023-mo-hinh-diem-")
        .skip(1)
        .filter(|s| s.get(10..).is_some_and(|rest| rest.starts_with("/\">")))
        .map(|s| s[..10].to_string())
        .collect()
}

#[test]
fn news_after_the_last_report_adds_the_build_days_bulletin() {
    let sc = Scratch::of(&fixture(SITE));
    news(&sc, TODAY, None);
    let r = sc.build(TODAY);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(listed(&sc), [TODAY, LATEST, "2023-06-07"]);
    let dir = format!("phat-thanh/2023-mo-hinh-diem-{TODAY}/");
    let txt = read(&sc.out(), &format!("{dir}2023-mo-hinh-diem-{TODAY}.txt"));
    // What the station downloads is what the command prints for the day, and it reads the
    // news with the figures of the last report, said to be of that day.
    let printed = run(&["radio", "--content", s(&sc.site()), "--today", TODAY]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert_eq!(printed.stdout, txt);
    assert!(
        txt.contains("Ngày phát: Thứ Năm, 15/6/2023") && txt.contains("Số liệu tiến độ đến ngày: 14/6/2023"),
        "{txt}"
    );
    let notices = section(&txt, "Thông báo").join("\n");
    assert!(
        notices.contains("Thông báo: Đổi lịch trực ngày") && notices.contains("Tổ công nghệ số trực tại Hội trường"),
        "{notices}"
    );
    // The list says whose figures it reads.
    let list = visible(&read(&sc.out(), "phat-thanh/index.html"));
    assert!(list.contains("số liệu theo báo cáo ngày 14/6/2023, có thông báo mới"), "{list}");
    assert_eq!(list.matches("số liệu theo báo cáo ngày").count(), 1, "only the build day's: {list}");
    let page = visible(&read(&sc.out(), &format!("{dir}index.html")));
    assert!(page.contains("Số liệu đến ngày 14/6/2023"), "{page}");
}

#[test]
fn the_build_day_has_no_bulletin_of_its_own_without_news_after_the_last_report() {
    // News of the report's own day, and news of a fortnight and more before the build day: the
    // report's bulletin reads the first; no bulletin of the build day would read the second.
    for (news_day, today) in [(LATEST, TODAY), (TODAY, "2023-06-30")] {
        let sc = Scratch::of(&fixture(SITE));
        news(&sc, news_day, None);
        let r = sc.build(today);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(listed(&sc), [LATEST, "2023-06-07"], "news {news_day}, built {today}");
    }
    // Within the fortnight, the last day of it included.
    let sc = Scratch::of(&fixture(SITE));
    news(&sc, TODAY, None);
    assert_eq!(sc.build("2023-06-29").code, 0);
    assert_eq!(listed(&sc), ["2023-06-29", LATEST, "2023-06-07"]);
}

#[test]
fn a_ward_notice_after_the_plan_ended_brings_no_bulletin_back_but_its_own_news_does() {
    // The plan ran to 30/6/2023.
    let sc = Scratch::of(&fixture(SITE));
    news(&sc, "2023-07-03", None);
    assert_eq!(sc.build("2023-07-05").code, 0);
    assert_eq!(listed(&sc), [LATEST, "2023-06-07"]);
    let sc = Scratch::of(&fixture(SITE));
    news(&sc, "2023-07-03", Some("2023-mo-hinh-diem"));
    assert_eq!(sc.build("2023-07-05").code, 0);
    assert_eq!(listed(&sc), ["2023-07-05", LATEST, "2023-06-07"]);
    let txt = read(&sc.out(), "phat-thanh/2023-mo-hinh-diem-2023-07-05/2023-mo-hinh-diem-2023-07-05.txt");
    assert!(txt.contains("Ngày phát: Thứ Tư, 5/7/2023"), "{txt}");
}

#[test]
fn progress_names_every_indicator_and_the_hamlets_behind() {
    let text = radio(&[]).stdout;
    let progress = section(&text, "Tiến độ").join("\n");
    // Names as the normaliser reads them: only the words before any abbreviation.
    for name in ["Thu nhận hồ sơ cấp", "Hộ đã cài đặt ứng dụng", "Tài khoản định danh điện tử", "Cán bộ, công chức"]
    {
        assert!(progress.contains(name), "{name} in {progress}");
    }
    assert!(progress.contains("Đúng tiến độ."), "{progress}");
    assert!(progress.contains("Chậm tiến độ"), "{progress}");
    // The officials' count is reached: its figures say so, once.
    assert!(progress.contains("đã có sáu mươi bảy trên sáu mươi bảy người, đạt một trăm phần trăm chỉ tiêu."));
    assert!(!progress.contains("Đã đạt chỉ tiêu."), "{progress}");
    // Two of the three hamlets behind, named with "ấp" said once; then all three, counted.
    assert!(progress.contains("Đúng tiến độ. Tuy vậy, các ấp Tân Phú và Tân Mỹ còn chậm."), "{progress}");
    assert!(progress.contains("Cả ba ấp đều còn chậm."), "{progress}");
    assert!(!progress.contains("Ấp Tân Đông"), "{progress}");
    // The earlier report is illustrative, and the bulletin of its day says so.
    let early = radio(&["--date", "2023-06-07"]).stdout;
    assert!(section(&early, "Tiến độ")[0].contains("số liệu minh họa"), "{early}");
}

/// `bangtin radio` of fixture `name` on `date`.
fn fixture_radio(name: &str, date: &str, extra: &[&str]) -> String {
    let site = fixture(name);
    let mut args = vec!["radio", "--content", s(&site), "--date", date, "--today", date];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn a_deadline_indicators_share_is_said_once() {
    // Tịnh Hiệp: all five indicators are due on 10/10/2024, said once before them.
    let text = fixture_radio("001-tinh-hiep", "2024-08-20", &[]);
    let progress = section(&text, "Tiến độ");
    let due = "hạn ngày mười tháng mười";
    assert_eq!(progress.iter().filter(|l| l.contains(due)).count(), 1, "{progress:#?}");
    assert!(progress[1].starts_with("Các chỉ tiêu đều có hạn ngày mười tháng mười"), "{progress:#?}");
    assert!(progress[1].contains("còn năm mươi mốt ngày"), "{progress:#?}");
    assert_eq!(progress.len(), 2 + 5, "{progress:#?}");
    assert!(progress[2..].iter().all(|l| !l.contains("hạn")), "{progress:#?}");

    // Mỹ Phú Đông: the applications are due on 20/6 and say it themselves; two indicators are
    // due on 30/6, said once before both; the reached one says no deadline.
    let text = fixture_radio("003-my-phu-dong", "2023-06-14", &[]);
    let progress = section(&text, "Tiến độ");
    assert!(progress[1].starts_with("Thu nhận hồ sơ cấp"), "{progress:#?}");
    assert!(progress[1].contains("Còn sáu ngày đến hạn ngày hai mươi tháng sáu"), "{progress:#?}");
    assert!(progress[2].starts_with("Các chỉ tiêu sau cùng hạn ngày ba mươi tháng sáu"), "{progress:#?}");
    assert!(progress[3].starts_with("Tài khoản định danh điện tử") && progress[4].starts_with("Hộ đã cài đặt"));
    assert!(progress[3..].iter().all(|l| !l.contains("đến hạn")), "{progress:#?}");
    assert_eq!(progress.iter().filter(|l| l.contains("ba mươi tháng sáu")).count(), 1, "{progress:#?}");
}

#[test]
fn units_behind_are_said_as_all_most_or_by_name() {
    // Bỉm Sơn: five of the eight behind; the three that are not are fewer to say.
    let text = fixture_radio("002-bim-son", "2023-03-27", &[]);
    let progress = section(&text, "Tiến độ").join("\n");
    assert!(
        progress.contains(
            "Đúng tiến độ. Tuy vậy, tất cả các phường, xã đều còn chậm, trừ các phường Ba Đình, Ngọc Trạo và Bắc Sơn."
        ),
        "{progress}"
    );
    assert!(!progress.contains("Phường Lam Sơn") && !progress.contains("Xã Hà Lan"), "{progress}");
    // The three no further than on the 24th: all eight behind, counted, none named.
    let sc = Scratch::of(&fixture("002-bim-son"));
    let report = "progress/2023-03-27.yaml";
    sc.edit(report, "ba-dinh: { vneid-con-lai: 1080 }", "ba-dinh: { vneid-con-lai: 610 }");
    sc.edit(report, "ngoc-trao: { vneid-con-lai: 820 }", "ngoc-trao: { vneid-con-lai: 470 }");
    let text = run(&["radio", "--content", s(&sc.site()), "--date", "2023-03-27", "--today", "2023-03-27"]).stdout;
    let progress = section(&text, "Tiến độ").join("\n");
    // (Whether "Tuy vậy, …" or not, as the whole stands.)
    let lower = progress.to_lowercase();
    assert!(lower.contains("tất cả các phường, xã đều còn chậm, trừ phường bắc sơn."), "{progress}");
    sc.edit(report, "bac-son: { vneid-con-lai: 880 }", "bac-son: { vneid-con-lai: 505 }");
    let text = run(&["radio", "--content", s(&sc.site()), "--date", "2023-03-27", "--today", "2023-03-27"]).stdout;
    let progress = section(&text, "Tiến độ").join("\n");
    assert!(progress.to_lowercase().contains("cả tám phường, xã đều còn chậm."), "{progress}");
    assert!(!progress.contains("Phường ") && !progress.contains("Xã "), "{progress}");
}

#[test]
fn an_events_place_is_said_once() {
    let events = |name: &str, date: &str| -> Vec<String> {
        section(&fixture_radio(name, date, &[]), "Lịch sắp tới")[1..].iter().map(|l| l.to_string()).collect()
    };
    let once = |line: &str, place: &str| {
        assert_eq!(line.matches(place).count(), 1, "{place} in {line}");
    };
    // The title names the place, the location says more of it: said once, in full, in the title.
    let my_phu_dong = events("003-my-phu-dong", "2023-06-14");
    assert!(
        my_phu_dong[0].starts_with(
            "Tổ công nghệ số cộng đồng xã trực tại Bộ phận Một cửa, Ủy ban nhân dân xã Mỹ Phú Đông, buổi gần nhất vào"
        ),
        "{my_phu_dong:#?}"
    );
    once(&my_phu_dong[0], "Bộ phận Một cửa");
    // The title says all of it.
    assert!(my_phu_dong[1].starts_with("Trực hướng dẫn cài đặt"), "{my_phu_dong:#?}");
    once(&my_phu_dong[1], "Văn phòng các ấp");
    let bim_son = events("002-bim-son", "2023-03-27");
    assert!(
        bim_son[0].contains(" tại Nhà văn hóa các khu phố, thôn, xóm và tại nhà dân, buổi gần nhất"),
        "{bim_son:#?}"
    );
    once(&bim_son[0], "khu phố, thôn, xóm");
    // The whole commune: said so, and not again as "all its hamlets".
    let tinh_hiep = events("001-tinh-hiep", "2024-08-20");
    assert!(tinh_hiep[0].ends_with(", trên toàn xã Tịnh Hiệp."), "{tinh_hiep:#?}");
    assert!(tinh_hiep[1].contains("Tổ công nghệ số cộng đồng tại các điểm thôn, từ thứ Ba"), "{tinh_hiep:#?}");
    once(&tinh_hiep[1], "thôn,");
    // A place the title does not name is said after the day.
    let sc = Scratch::of(&fixture("003-my-phu-dong"));
    sc.edit("events/truc-van-phong-ap.md", "location: \"Văn phòng các ấp\"", "location: \"Nhà văn hóa ấp Tân Mỹ\"");
    let text = run(&["radio", "--content", s(&sc.site()), "--date", "2023-06-14", "--today", "2023-06-14"]).stdout;
    let line = section(&text, "Lịch sắp tới")[2].to_string();
    assert!(line.contains("từ bảy giờ ba mươi phút đến mười một giờ, tại Nhà văn hóa ấp Tân Mỹ."), "{line}");
}

/// Whether `line` has "bạn" as a word of its own.
fn says_ban(line: &str) -> bool {
    line.split(|c: char| !c.is_alphanumeric()).any(|w| w.to_lowercase() == "bạn")
}

#[test]
fn a_guide_read_on_air_speaks_to_bà_con() {
    // Tịnh Hiệp's guide sends the reader to "Tổ công nghệ số cộng đồng ở thôn của bạn".
    let text = fixture_radio("001-tinh-hiep", "2024-08-20", &[]);
    let guide = section(&text, "Hướng dẫn");
    assert!(guide.last().unwrap().ends_with("Tổ công nghệ số cộng đồng ở thôn của bà con."), "{guide:#?}");
    // The example's guide says "bạn" in four of its steps.
    let r = run(&["radio", "--content", s(&example()), "--date", "2024-05-31", "--today", "2024-06-03"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let guide = section(&r.stdout, "Hướng dẫn");
    assert!(guide.iter().any(|l| l.contains("Bà con cần làm nếu")), "{guide:#?}");
    assert!(guide.iter().any(|l| l.contains("tìm thông tin của bà con")), "{guide:#?}");
    for (name, plan, date) in fixture_bulletins() {
        let b = compose_at(&fixture(&name), &plan, &date);
        let text = bulletin::text(&b);
        assert!(section(&text, "Hướng dẫn").iter().all(|l| !says_ban(l)), "{name}: {text}");
    }
    assert!(guide.iter().all(|l| !says_ban(l)), "{guide:#?}");
}

#[test]
fn the_bulletins_own_words_have_no_parentheses() {
    // Every fixture with the parentheses of its content taken out: any left in what is read
    // would be the bulletin's own, which a listener cannot hear. (Those of an officer's text are
    // the normaliser's to say as a pause.)
    for (name, plan, date) in fixture_bulletins() {
        let sc = Scratch::of(&fixture(&name));
        for entry in walkdir::WalkDir::new(sc.site()).into_iter().map(Result::unwrap) {
            if entry.file_type().is_file() {
                let text = fs::read_to_string(entry.path()).unwrap();
                fs::write(entry.path(), text.replace(['(', ')'], "")).unwrap();
            }
        }
        let b = compose_at(&sc.site(), &plan, &date);
        let spoken = bulletin::spoken(&b);
        assert!(spoken.lines().count() > 10, "{spoken}");
        assert!(!spoken.contains(['(', ')']), "{name}:\n{spoken}");
        // The notes, which are not read, need none either.
        assert!(!bulletin::text(&b).contains(['(', ')']), "{name}:\n{}", bulletin::text(&b));
    }
}

#[test]
fn a_reached_target_is_said_reached_once() {
    // The example on 31/5/2024: the Zalo channel, a milestone, was done on 17/5.
    let r = run(&["radio", "--content", s(&example()), "--date", "2024-05-31", "--today", "2024-06-03"]);
    let progress = section(&r.stdout, "Tiến độ");
    let zalo = progress.iter().find(|l| l.starts_with("Thiết lập kênh Da lô")).unwrap();
    assert!(zalo.contains(": đã hoàn thành, theo báo cáo ngày mười bảy tháng năm") && !zalo.contains("đạt"), "{zalo}");
    // A share of a base reached says the share, the goal, and then that it is reached.
    let sc = Scratch::of(&example());
    sc.edit(
        "plans/2024-cong-dan-so.md",
        "target: { percent: 95, of: population }",
        "target: { percent: 85, of: population }",
    );
    let r = run(&["radio", "--content", s(&sc.site()), "--date", "2024-05-31", "--today", "2024-06-03"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let progress = section(&r.stdout, "Tiến độ");
    let cccd = progress.iter().find(|l| l.starts_with("Công dân được cấp thẻ")).unwrap();
    assert!(cccd.contains("chỉ tiêu tám mươi lăm phần trăm;") && cccd.ends_with(" Đã đạt chỉ tiêu."), "{cccd}");
}

#[test]
fn what_is_said_once_for_indicators_goes_with_the_last_of_them() {
    // Cut a little at a time: the indicators go one by one, the shared deadline with the last.
    let full = fixture_radio("001-tinh-hiep", "2024-08-20", &[]);
    let total = total_seconds(&full);
    let (mut some, mut gone) = (false, false);
    for cut in (0..total).step_by(5) {
        let minutes = format!("{:.3}", (total - cut) as f64 / 60.0);
        let text = fixture_radio("001-tinh-hiep", "2024-08-20", &["--max-minutes", &minutes]);
        let progress = section(&text, "Tiến độ");
        if progress.is_empty() {
            gone = true;
            continue;
        }
        assert!(progress.len() >= 3, "{minutes}: {progress:#?}");
        some |= progress.len() < 2 + 5;
        assert!(progress[1].starts_with("Các chỉ tiêu đều có hạn"), "{minutes}: {progress:#?}");
        // The air time said is still the lines' own.
        let pace = Pace { rate: 240.0, pauses: RadioConfig::PAUSES };
        let expected = airtime::seconds(spoken(&text).iter().copied(), &pace, true);
        assert_eq!(total_seconds(&text), expected.round() as u64, "{minutes}");
    }
    assert!(some && gone, "cut until some indicators went, then all");
}

#[test]
fn of_many_units_behind_only_the_furthest_are_read_out() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let args = ["bench-site", s(&site), "--pages", "10", "--units", "40", "--events", "3", "--weeks", "52"];
    assert_eq!(run(&args).code, 0);
    let r = run(&["radio", "--content", s(&site), "--today", "2024-12-31"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let progress = section(&r.stdout, "Tiến độ");
    let counted: Vec<&&str> = progress.iter().filter(|l| l.contains("khu phố còn chậm, chậm nhất là")).collect();
    assert!(!counted.is_empty(), "{progress:?}");
    for line in counted {
        // "Có hai mươi mốt trên bốn mươi khu phố còn chậm, chậm nhất là các khu phố ba, …, và …."
        assert!(line.contains(" trên bốn mươi khu phố còn chậm"), "{line}");
        let named = line.split("chậm nhất là các khu phố ").nth(1).unwrap();
        let named = named.split(['.', ';']).next().unwrap();
        assert_eq!(named.split(", ").flat_map(|n| n.split(" và ")).count(), 5, "{line}");
        assert!(!named.contains("Khu phố"), "the kind is said once: {line}");
    }
    // Every indicator in a few sentences, not forty names each.
    for line in &progress {
        assert!(line.matches(", ").count() <= 12, "{line}");
    }
    let progress_time = section_seconds(&r.stdout)[1];
    assert!(progress_time < 5 * 60, "{progress_time} s of progress");
}

#[test]
fn each_notice_is_said_again() {
    let text = radio(&[]).stdout;
    let notices = section(&text, "Thông báo");
    let said: Vec<usize> = (0..notices.len()).filter(|i| notices[*i].starts_with("Thông báo:")).collect();
    assert!(!said.is_empty(), "{text}");
    for i in said {
        let again = notices.get(i + 1).unwrap_or_else(|| panic!("nothing after {}", notices[i]));
        let what = notices[i].strip_prefix("Thông báo:").unwrap();
        assert_eq!(again.strip_prefix("Xin nhắc lại:"), Some(what), "{notices:?}");
    }
}

#[test]
fn coming_events_carry_the_day_of_the_week() {
    let text = radio(&["--date", LATEST]).stdout;
    let events = section(&text, "Lịch sắp tới");
    assert!(events.len() >= 2, "{text}");
    let days = ["thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật"];
    for l in &events[1..] {
        let lower = l.to_lowercase();
        assert!(days.iter().any(|d| lower.contains(d)), "no day of the week in {l}");
    }
    // The bulletin is dated 14/6; the desk hours are next held the day after.
    assert!(events[1].to_lowercase().contains("thứ năm"), "{events:?}");
    assert!(text.contains("Dành cho bà con tất cả các ấp."), "{text}");
}

#[test]
fn the_guide_is_read_as_short_steps() {
    let text = radio(&[]).stdout;
    let guide = section(&text, "Hướng dẫn");
    let steps: Vec<&&str> = guide.iter().filter(|l| l.starts_with("Bước")).collect();
    assert_eq!(steps.len(), 5, "{guide:?}");
    assert!(!text.contains("**"), "no Markdown");
    assert!(guide.iter().all(|l| !l.contains("Không đọc mã OTP")), "common problems are not steps");
    // Each step whole, in whole sentences: step 2 with its warning, step 3 with the code to type.
    assert!(steps[1].ends_with("Không cài từ đường link người lạ gửi."), "{guide:#?}");
    assert!(steps[2].ends_with("rồi bấm Gửi yêu cầu. Nhập mã ô tê pê sáu số trong tin nhắn."), "{guide:#?}");
    assert!(steps[0].ends_with("để làm hồ sơ tài khoản mức hai."), "{guide:#?}");
    for step in steps {
        assert!(step.ends_with('.'), "{step}");
    }
    // A paragraph too long to keep by ear stops at the end of a sentence, never inside one.
    let sc = Scratch::of(&fixture(SITE));
    let more = "Sau khoảng 7 ngày làm việc, bà con sẽ nhận tin nhắn báo hồ sơ đã được duyệt.";
    sc.edit(GUIDE, "để làm hồ sơ tài khoản mức 2.", &format!("để làm hồ sơ tài khoản mức 2. {more} Nhớ giữ máy."));
    let r = run(&["radio", "--content", s(&sc.site()), "--today", TODAY]);
    let guide = section(&r.stdout, "Hướng dẫn");
    let step = guide.iter().find(|l| l.starts_with("Bước một")).unwrap();
    assert!(step.ends_with("để làm hồ sơ tài khoản mức hai."), "{guide:#?}");
}

const GUIDE: &str = "guides/kich-hoat-dinh-danh-muc-2.md";

/// Mỹ Phú Đông with `radio_steps` of its guide as given, after its `order` line.
fn with_radio_steps(yaml: &str) -> Scratch {
    let sc = Scratch::of(&fixture(SITE));
    sc.edit(GUIDE, "order: 1\n", &format!("order: 1\n{yaml}"));
    sc
}

#[test]
fn a_guide_may_give_each_step_its_own_words_for_the_radio() {
    let sc = with_radio_steps(
        "radio_steps:\n  - \"Mang thẻ CCCD và điện thoại đến Công an xã để đăng ký.\"\n  - Tải ứng dụng VNeID từ CH Play hoặc App Store\n  - \"Khi có tin nhắn báo duyệt, mở VNeID, bấm Kích hoạt, nhập số định danh và số điện thoại của bạn.\"\n  - \"Đặt mật khẩu và mã bảo vệ sáu số; không đưa cho ai.\"\n  - \"Đăng nhập, bấm Ví giấy tờ: thấy thẻ CCCD là xong.\"\n",
    );
    let r = run(&["radio", "--content", s(&sc.site()), "--today", TODAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let steps: Vec<&str> = section(&r.stdout, "Hướng dẫn").into_iter().filter(|l| l.starts_with("Bước")).collect();
    assert_eq!(
        steps,
        [
            "Bước một: Đăng ký tại Công an xã. Mang thẻ căn cước công dân và điện thoại đến Công an xã để đăng ký.",
            "Bước hai: Tải ứng dụng vê en e ai đi. Tải ứng dụng vê en e ai đi từ xê hát plây hoặc áp xờ to.",
            "Bước ba: Kích hoạt tài khoản. Khi có tin nhắn báo duyệt, mở vê en e ai đi, bấm Kích hoạt, nhập số định danh và số điện thoại của bà con.",
            "Bước bốn: Đặt mật khẩu và mã bảo vệ. Đặt mật khẩu và mã bảo vệ sáu số; không đưa cho ai.",
            "Bước năm: Kiểm tra. Đăng nhập, bấm Ví giấy tờ: thấy thẻ căn cước công dân là xong.",
        ]
    );
    // The site builds with it, and its pages do not show it.
    let r = sc.build(TODAY);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&sc.out(), "huong-dan/kich-hoat-dinh-danh-muc-2/index.html");
    assert!(!page.contains("Tải ứng dụng VNeID từ CH Play hoặc App Store"), "{page}");
}

#[test]
fn radio_steps_that_do_not_match_the_steps_are_refused_with_how_to_fix_them() {
    let refused = |yaml: &str, expected: &[&str]| {
        let sc = with_radio_steps(yaml);
        let r = run(&["check", "--content", s(&sc.site()), "--today", TODAY]);
        assert_eq!(r.code, 1, "{yaml}: {}{}", r.stdout, r.stderr);
        for e in expected {
            assert!(r.stderr.contains(e), "missing {e:?} for {yaml}:\n{}", r.stderr);
        }
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    };
    // Four sentences for five steps: the line of the field, and what to do.
    refused(
        "radio_steps: [\"Một.\", \"Hai.\", \"Ba.\", \"Bốn.\"]\n",
        &[
            &format!("lỗi: {GUIDE}:10:"),
            "trường:  radio_steps",
            "có 4 câu đọc nhưng bài có 5 bước (từ “## Bước 1” đến “## Bước 5”)",
            "cần:     đúng 5 câu, mỗi bước “## Bước N: …” của bài một câu để đài đọc trên loa",
            "hoặc bỏ cả trường radio_steps",
        ],
    );
    // An empty sentence: its own line and item.
    refused(
        "radio_steps:\n  - \"Một.\"\n  - \"Hai.\"\n  - \"  \"\n  - \"Bốn.\"\n  - \"Năm.\"\n",
        &[&format!("lỗi: {GUIDE}:13:"), "trường:  radio_steps[2]", "câu đọc của bước 3 để trống", "một câu cho bước 3"],
    );
    // Not a list.
    refused(
        "radio_steps: \"Mở VNeID và kích hoạt.\"\n",
        &[&format!("lỗi: {GUIDE}:10:"), "trường:  radio_steps", "gặp", "một danh sách, mỗi bước"],
    );
    // A misspelt name is an unknown field, with the right one suggested.
    refused("radio_step: [\"Một.\"]\n", &["trường “radio_step” không được hỗ trợ", "radio_steps"]);
}

#[test]
fn air_time_adds_up() {
    let text = radio(&[]).stdout;
    let total = total_seconds(&text);
    let parts = section_seconds(&text);
    assert_eq!(parts.len(), 6, "{text}");
    let sum: u64 = parts.iter().sum();
    // Each figure is rounded to the second on its own.
    assert!(sum.abs_diff(total) <= 3, "sections {parts:?} vs total {total}");
    // The header's total is the documented rule applied to the lines read.
    let pace = Pace { rate: 240.0, pauses: RadioConfig::PAUSES };
    let lines = spoken(&text);
    let expected = airtime::seconds(lines.iter().copied(), &pace, true);
    assert_eq!(total, expected.round() as u64, "{text}");
}

#[test]
fn air_time_of_a_known_text() {
    let pace = Pace { rate: 240.0, pauses: RadioConfig::PAUSES };
    // 8 + 4 syllables: 3 s; three sentence ends (“:” and two “.”) 1.8 s; one comma 0.3 s; one
    // pause between the two items 1 s.
    let lines = ["Xin nhắc lại: bà con mang theo thẻ.", "Cảm ơn, bà con."];
    let s = airtime::seconds(lines, &pace, true);
    assert!((s - 6.1).abs() < 1e-9, "{s}");
    assert_eq!(airtime::duration(s), "6 giây");
    let slow = Pace { rate: 200.0, ..pace };
    assert!((airtime::seconds(lines, &slow, true) - 6.7).abs() < 1e-9);
}

#[test]
fn max_minutes_leaves_out_the_guide_first_and_fits() {
    let full = radio(&[]).stdout;
    let full_total = total_seconds(&full);
    let guide: u64 = section_seconds(&full)[3];
    assert!(full.contains("[4. Hướng dẫn:"), "{full}");
    // Just short enough that leaving out the guide is enough.
    let minutes = (full_total - guide / 2) as f64 / 60.0;
    let r = radio(&["--max-minutes", &format!("{minutes:.3}")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains(". Hướng dẫn:"), "{}", r.stdout);
    assert!(total_seconds(&r.stdout) as f64 <= minutes * 60.0 + 0.5, "{}", r.stdout);
    let dropped: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("  - ")).collect();
    assert_eq!(dropped.len(), 1, "{}", r.stderr);
    assert!(dropped[0].starts_with("  - hướng dẫn “"), "{}", r.stderr);
    // Two minutes: more goes, in order, and the opening, the nearest event and the closing stay.
    let r = radio(&["--max-minutes", "2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(total_seconds(&r.stdout) <= 120, "{}", r.stdout);
    let dropped: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("  - ")).collect();
    assert!(dropped[0].starts_with("  - hướng dẫn"), "{}", r.stderr);
    assert!(dropped[1].starts_with("  - tiến độ"), "{}", r.stderr);
    for kept in ["Mở đầu", "Lịch sắp tới", "Kết thúc"] {
        assert!(!section(&r.stdout, kept).is_empty(), "{kept} kept: {}", r.stdout);
    }
    // Too short to fit even what is always read: said, not hidden.
    let r = radio(&["--max-minutes", "0,2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("cảnh báo: bản tin vẫn dài"), "{}", r.stderr);
    assert!(!section(&r.stdout, "Lịch sắp tới").is_empty());
}

#[test]
fn out_file_is_written_whole_and_dialect_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ban-tin.txt");
    let r = radio(&["-o", s(&file)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Đã ghi bản tin ngày 15/6/2023"), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), radio(&[]).stdout);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    // The fixture reads numbers the southern way; the command line may ask for the northern.
    let nam = radio(&[]).stdout;
    let bac = radio(&["--dialect", "bac"]).stdout;
    assert!(nam.contains("ngàn") && !nam.contains("nghìn"), "{nam}");
    assert!(bac.contains("nghìn") && !bac.contains("ngàn"), "{bac}");
    let bad = radio(&["--dialect", "trung"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("giá trị “trung”") && bad.stderr.contains("--dialect"), "{}", bad.stderr);
    let bad = radio(&["--plan", "2023-mo-hinh"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("có phải ý bạn là “2023-mo-hinh-diem”?"), "{}", bad.stderr);
}

/// `-o` never replaces what is not a regular file: a named pipe is written into (a reader gets
/// the bulletin, the pipe stays), a link's file is written and the link kept, a link to nothing,
/// a folder and a socket are refused with a message; `-o -` is the screen.
#[cfg(unix)]
#[test]
fn out_writes_into_a_pipe_follows_a_link_and_refuses_what_is_not_a_file() {
    use std::os::unix::fs::FileTypeExt;
    let expected = radio(&[]).stdout;
    let dash = radio(&["-o", "-"]);
    assert_eq!((dash.code, dash.stdout.as_str()), (0, expected.as_str()), "{}", dash.stderr);
    let dir = tempfile::tempdir().unwrap();

    let fifo = dir.path().join("loa");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let r = radio(&["-o", s(&fifo)]);
    if r.code != 0 {
        // Lets the reader go before failing.
        let _ = fs::OpenOptions::new().write(true).open(&fifo);
        panic!("{}", r.stderr);
    }
    assert_eq!(reader.join().unwrap(), expected);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a named pipe");

    let file = dir.path().join("ban-tin-that.txt");
    fs::write(&file, "cũ").unwrap();
    let link = dir.path().join("ban-tin.txt");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let r = radio(&["-o", s(&link)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
    assert_eq!(fs::read_to_string(&file).unwrap(), expected);

    let nowhere = dir.path().join("mat.txt");
    std::os::unix::fs::symlink(dir.path().join("khong-co/x.txt"), &nowhere).unwrap();
    let socket = dir.path().join("o-cam");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (path, what) in [
        (nowhere.as_path(), "là một liên kết tượng trưng (symlink) trỏ tới chỗ không có, không phải một tệp"),
        (dir.path(), "là một thư mục, không phải một tệp"),
        (socket.as_path(), "là một ổ cắm (socket), không phải một tệp"),
    ] {
        let r = radio(&["-o", s(path)]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains(&format!("lỗi: “{}” {what}", path.display())), "{}", r.stderr);
        assert!(r.stderr.contains("hoặc “-” để in ra màn hình"), "{}", r.stderr);
    }
    assert!(fs::symlink_metadata(&nowhere).unwrap().file_type().is_symlink());
    assert!(fs::symlink_metadata(&socket).unwrap().file_type().is_socket());
    let mut left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["ban-tin-that.txt", "ban-tin.txt", "loa", "mat.txt", "o-cam"], "no temporary file left");
}

/// `bangtin radio say …` with `input` on stdin and the given `PATH`.
fn piped(args: &[&str], input: &str, path: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bangtin"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn say_reads_stdin_one_line_per_line_without_a_site() {
    let nowhere = tempfile::tempdir().unwrap();
    let missing = nowhere.path().join("khong-co");
    let input = "Hôm nay, 16/4/2024, UBND xã\n\n1.057 hộ lúc 7h30\r\n## Tiêu đề\n";
    let (code, out, err) = piped(&["radio", "say", "--content", s(&missing), "-"], input, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(out.ends_with('\n'));
    assert_eq!(out.lines().nth(1), Some(""), "an empty line stays empty: {out}");
    assert!(!out.contains('\r'));
    // Text on the command line, with the site's dialect unless told otherwise.
    let site = fixture(SITE);
    let nam = run(&["radio", "say", "--content", s(&site), "năm 2024"]);
    let bac = run(&["radio", "say", "--content", s(&site), "--dialect", "bac", "năm 2024"]);
    assert_eq!(nam.code, 0, "{}", nam.stderr);
    assert!(nam.stdout.contains("ngàn") && bac.stdout.contains("nghìn"), "{} / {}", nam.stdout, bac.stdout);
    let words = run(&["radio", "say", "--content", s(&missing), "Còn", "-5", "ngày"]);
    assert_eq!(words.code, 0, "{}", words.stderr);
    assert_eq!(words.stdout.lines().count(), 1);
    assert!(words.stdout.contains("âm năm"), "{}", words.stdout);
    // Options after the text are options, and "-" still reads stdin.
    let (code, out, err) = piped(&["radio", "say", "-", "--content", s(&site), "--dialect", "bac"], "1.000\n", None);
    assert_eq!((code, out.as_str()), (0, "Một nghìn\n"), "{err}");
    // Text that starts with a dash goes after "--".
    let dash = run(&["radio", "say", "--content", s(&missing), "--", "- Khu phố 3"]);
    assert_eq!(dash.stdout, "Khu phố ba\n", "{}", dash.stderr);
}

#[test]
fn say_reports_a_broken_site_yaml() {
    let sc = Scratch::of(&fixture(SITE));
    sc.edit("site.yaml", "dialect: nam", "dialect: trung");
    let r = run(&["radio", "say", "--content", s(&sc.site()), "1.057"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("giọng đọc “trung” không có"), "{}", r.stderr);
}

fn espeak_installed() -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("espeak-ng").is_file()))
}

#[test]
fn audio_without_espeak_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("ban-tin.wav");
    let site = fixture(SITE);
    let args = ["radio", "--content", s(&site), "--today", TODAY, "--audio", s(&wav)];
    // An empty PATH finds no espeak-ng, whether or not this machine has one.
    let (code, out, err) = piped(&args, "", Some(""));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("không tìm thấy chương trình espeak-ng"), "{err}");
    assert!(err.contains("apt install espeak-ng"), "{err}");
    assert!(out.is_empty(), "nothing is printed before failing: {out}");
    assert!(!wav.exists());
}

#[test]
fn audio_with_espeak_is_a_wave_file() {
    if !espeak_installed() {
        eprintln!("espeak-ng is not installed; the WAV check is skipped (the missing case is tested)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("ban-tin.wav");
    let r = radio(&["--audio", s(&wav), "-o", s(&dir.path().join("ban-tin.txt"))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&wav).unwrap();
    assert!(bytes.len() > 44, "more than a header: {} bytes", bytes.len());
    assert_eq!(&bytes[..4], b"RIFF");
    assert_eq!(&bytes[8..12], b"WAVE");
}

fn day(iso: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

/// The bulletin of `plan` of the site at `site` on `date`, composed as `bangtin radio` does.
fn compose_at(site: &std::path::Path, plan: &str, date: &str) -> Bulletin {
    let site = bangtin::content::load(site, day(date)).unwrap_or_else(|e| panic!("{}: {e:?}", site.display()));
    let plan = site.plans.iter().find(|p| p.slug == plan).unwrap();
    let cfg = &site.config.radio;
    bulletin::compose(&site, plan, day(date), &Speaker::new(cfg.dialect, &cfg.lexicon))
}

#[test]
fn the_header_is_notes_and_only_the_sections_are_read() {
    for (name, plan, date) in fixture_bulletins() {
        let b = compose_at(&fixture(&name), &plan, &date);
        let (text, spoken) = (bulletin::text(&b), bulletin::spoken(&b));
        // Every line of the text is empty, a note in square brackets, or a line to read.
        let head: Vec<&str> = text.lines().take_while(|l| !l.is_empty()).collect();
        assert!(head.len() >= 6 && head.iter().all(|l| l.starts_with('[') && l.ends_with(']')), "{text}");
        for l in text.lines().filter(|l| l.starts_with('[')) {
            assert!(l.ends_with(']') && l.matches('[').count() == 1 && l.matches(']').count() == 1, "{l}");
        }
        let read: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with('[')).collect();
        assert_eq!(read, spoken.lines().collect::<Vec<_>>(), "{name}");
        // What a speech engine is given has none of the header.
        for note in ["BẢN TIN PHÁT THANH", "Đài:", "Ngày phát", "Kế hoạch:", "Số liệu tiến độ", "Thời lượng", "ghi chú"]
        {
            assert!(!spoken.contains(note), "{name}: {note} in\n{spoken}");
        }
        assert!(spoken.lines().all(|l| !l.starts_with('[')), "{spoken}");
        assert!(bangtin::text::is_nfc(&text), "{name}");
    }
}

/// Every plan of every fixture that has reports, as `bangtin radio` prints its bulletin on the day
/// of its last report: `(fixture, plan, day)`.
fn fixture_bulletins() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut fixtures: Vec<_> =
        fs::read_dir(repo().join("tests/fixtures")).unwrap().map(|e| e.unwrap().path()).collect();
    fixtures.sort();
    for dir in fixtures {
        let far = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
        let site = bangtin::content::load(&dir, far).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
        for plan in &site.plans {
            if let Some(last) = site.reports.iter().filter(|r| r.plan == plan.slug).map(|r| r.date).max() {
                let name = dir.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, plan.slug.clone(), last.format("%Y-%m-%d").to_string()));
            }
        }
    }
    out
}

// The bulletin of each fixture's plans on the day of their last report, compared with the file
// under tests/snapshots/bulletins/. After an intended change (of the bulletin's wording, or of
// the normaliser's spoken forms), write them all again with
//
//     BANGTIN_BLESS=1 cargo test --test radio snapshot
//
// and read `git diff tests/snapshots/bulletins/` through as an announcer would before committing.
#[test]
fn snapshot_of_each_fixtures_latest_bulletin() {
    let bless = std::env::var_os("BANGTIN_BLESS").is_some();
    let dir = repo().join("tests/snapshots/bulletins");
    let mut differ = Vec::new();
    let cases = fixture_bulletins();
    assert_eq!(cases.len(), 4, "{cases:?}");
    for (name, plan, day) in cases {
        let site = fixture(&name);
        let r = run(&["radio", "--content", s(&site), "--plan", &plan, "--date", &day, "--today", &day]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let path = dir.join(format!("{name}-{plan}-{day}.txt"));
        if bless {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, &r.stdout).unwrap();
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if want != r.stdout {
            let first = want.lines().zip(r.stdout.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
            differ.push(format!("{} (first differing line {first})\n--- now:\n{}", path.display(), r.stdout));
        }
    }
    assert!(
        differ.is_empty(),
        "bulletins differ from their snapshots; if the change is intended, run \
         BANGTIN_BLESS=1 cargo test --test radio snapshot and review the diff:\n{}",
        differ.join("\n")
    );
}

#[test]
fn bulletins_are_in_the_build_and_identical_from_build_to_build() {
    let a = built();
    let b = built();
    let (sa, sb) = (snapshot(&a.out()), snapshot(&b.out()));
    let radio: Vec<&String> = sa.keys().filter(|k| k.starts_with("phat-thanh/")).collect();
    assert_eq!(radio.len(), 5, "{radio:?}");
    for k in radio {
        assert!(sa[k] == sb[k], "{k} differs between two builds");
    }
}

/// A site's lexicon entry of several words is read as one on air, the longest first: a product
/// name with a space is not spelled letter by letter.
#[test]
fn a_lexicon_phrase_of_the_site_is_read_on_air() {
    let sc = Scratch::of(&example());
    let site = sc.site();
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    let yaml = yaml.replace(
        "radio: { station: \"Đài truyền thanh Phường 3\", dialect: nam }",
        "radio:\n  station: \"Đài truyền thanh Phường 3\"\n  dialect: nam\n  lexicon:\n    \"Tổ CNS\": \"Tổ công nghệ số\"\n    \"Tổ CNS cộng đồng\": \"Tổ công nghệ số cộng đồng\"\n    \"Zalo OA\": \"Da lô ô a\"\n",
    );
    assert!(yaml.contains("\"Tổ CNS\""), "the example's radio line changed: {yaml}");
    fs::write(site.join("site.yaml"), yaml).unwrap();
    let news = site.join("news/2024-05-20-kenh-zalo-chinh-thuc.md");
    let text = fs::read_to_string(&news).unwrap().replace(
        "summary: \"Người dân, doanh nghiệp có thể",
        "summary: \"Tổ CNS cộng đồng và Tổ CNS các khu phố hướng dẫn dùng Zalo OA. Người dân, doanh nghiệp có thể",
    );
    fs::write(&news, text).unwrap();
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let txt = read(&sc.out(), "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt");
    assert!(
        txt.contains("Tổ công nghệ số cộng đồng và Tổ công nghệ số các khu phố hướng dẫn dùng Da lô ô a."),
        "{txt}"
    );
    assert!(!txt.contains("CNS") && !txt.contains("OA"), "{txt}");
}
