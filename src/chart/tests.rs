//! Every chart is parsed as XML and its drawn values, words and geometry checked against the
//! input; one chart of each kind is compared byte for byte with a stored snapshot.

use std::collections::BTreeSet;
use std::path::PathBuf;

use roxmltree::{Document, Node};
use unicode_normalization::UnicodeNormalization;

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The 003 fixture (Mỹ Phú Đông), indicator `dinh-danh-2`, built on 15/6/2023.
fn fixture_003() -> ChartInput<'static> {
    ChartInput {
        name: "Tài khoản định danh điện tử mức 2 (đại diện hộ)",
        noun: "hộ",
        kind: Kind::Count,
        target: 1057.0,
        value: Some(614.0),
        ratio: None,
        coverage: None,
        units: vec![
            UnitBar { name: "Ấp Tân Phú", value: Some(186.0), target: Some(339.0), ratio: None, base: None },
            UnitBar { name: "Ấp Tân Mỹ", value: Some(169.0), target: Some(375.0), ratio: None, base: None },
            UnitBar { name: "Ấp Tân Đông", value: Some(259.0), target: Some(443.0), ratio: None, base: None },
        ],
        history: vec![(d(2023, 6, 7), 410.0), (d(2023, 6, 14), 614.0)],
        from: d(2023, 5, 25),
        deadline: d(2023, 6, 30),
        as_of: Some(d(2023, 6, 14)),
        today: d(2023, 6, 15),
        done_on: None,
        done_late: None,
        standing: Standing::DungTienDo,
    }
}

fn ratio_input() -> ChartInput<'static> {
    ChartInput {
        name: "Hồ sơ nộp trực tuyến",
        noun: "",
        kind: Kind::Ratio,
        target: 50.0,
        value: Some(120.0 * 100.0 / 230.0),
        ratio: Some((120, 230)),
        coverage: None,
        units: vec![
            UnitBar { name: "Khu phố 1", value: Some(40.0), target: Some(50.0), ratio: Some((40, 100)), base: None },
            UnitBar {
                name: "Khu phố 2",
                value: Some(80.0 * 100.0 / 130.0),
                target: Some(50.0),
                ratio: Some((80, 130)),
                base: None,
            },
        ],
        history: vec![(d(2024, 5, 1), 30.0), (d(2024, 6, 1), 120.0 * 100.0 / 230.0)],
        from: d(2024, 4, 16),
        deadline: d(2024, 9, 30),
        as_of: Some(d(2024, 6, 1)),
        today: d(2024, 6, 2),
        done_on: None,
        done_late: None,
        standing: Standing::DaDat,
    }
}

fn milestone_input(done: bool) -> ChartInput<'static> {
    ChartInput {
        name: "Lập kênh Zalo của phường",
        noun: "",
        kind: Kind::Milestone,
        target: 1.0,
        value: Some(if done { 1.0 } else { 0.0 }),
        ratio: None,
        coverage: None,
        units: Vec::new(),
        history: vec![(d(2023, 6, 7), 0.0), (d(2023, 6, 14), if done { 1.0 } else { 0.0 })],
        from: d(2023, 5, 25),
        deadline: d(2023, 6, 30),
        as_of: Some(d(2023, 6, 14)),
        today: d(2023, 7, 2),
        done_on: done.then(|| d(2023, 6, 14)),
        done_late: None,
        standing: if done { Standing::DaDat } else { Standing::TreHan },
    }
}

fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
}

/// All `<text>` contents, in document order.
fn texts(doc: &Document) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or("").to_string()).collect()
}

fn desc(doc: &Document) -> String {
    doc.descendants().find(|n| n.has_tag_name("desc")).and_then(|n| n.text()).unwrap_or("").to_string()
}

fn title(doc: &Document) -> String {
    doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap_or("").to_string()
}

fn with_attr<'a, 'i>(doc: &'a Document<'i>, attr: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants().filter(|n| n.attribute(attr).is_some()).collect()
}

fn num(n: Node, attr: &str) -> f64 {
    n.attribute(attr).unwrap_or_else(|| panic!("no {attr}")).parse().unwrap()
}

/// The points of the polyline inside a group.
fn polyline(g: Node) -> Vec<(f64, f64)> {
    let line = g.descendants().find(|c| c.has_tag_name("polyline")).unwrap();
    line.attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// What every chart must be: standalone, labelled, scalable, with unique resolvable ids.
fn check_document(svg: &str, prefix: &str) {
    let doc = parse(svg);
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")), "{svg}");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    assert_eq!(root.attribute("height"), None);
    let vb: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|x| x.parse().unwrap()).collect();
    assert_eq!(vb.len(), 4);
    assert!(vb[2] > 0.0 && vb[3] > 0.0);
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    assert!(ids.iter().all(|i| i.starts_with(prefix)), "{ids:?} not under {prefix}");
    let labelled: Vec<&str> = root.attribute("aria-labelledby").unwrap().split(' ').collect();
    assert_eq!(labelled.len(), 2);
    let tags: Vec<&str> = labelled
        .iter()
        .map(|id| doc.descendants().find(|n| n.attribute("id") == Some(*id)).unwrap().tag_name().name())
        .collect();
    assert_eq!(tags, ["title", "desc"]);
    assert!(!title(&doc).is_empty() && !desc(&doc).is_empty());
    for r in doc.descendants().filter_map(|n| n.attribute("fill")).filter(|f| f.starts_with("url(")) {
        let target = r.trim_start_matches("url(#").trim_end_matches(')');
        assert!(unique.contains(target), "{r} points nowhere");
    }
    for t in texts(&doc).iter().chain([desc(&doc), title(&doc)].iter()) {
        assert!(unicode_normalization::is_nfc(t), "not NFC: {t:?}");
        assert_eq!(t.trim(), t, "stray whitespace in {t:?}");
    }
}

#[test]
fn overall_003_draws_and_says_614_of_1057() {
    let svg = overall("ct-dd2-tong", &fixture_003());
    check_document(&svg, "ct-dd2-tong");
    let doc = parse(&svg);
    assert_eq!(
        desc(&doc),
        "Đã đạt 614 trên chỉ tiêu 1.057 hộ, bằng 58,1%. Theo lộ trình, đến 14/6/2023 cần đạt 587 hộ. \
         Đúng tiến độ. Hạn hoàn thành 30/6/2023."
    );
    let t = texts(&doc);
    assert_eq!(t[0], "614/1.057 hộ — 58,1%");
    assert!(t.join(" ").contains("Lộ trình: đến 14/6/2023 cần 587 hộ"), "{t:?}");
    assert!(t.join(" ").contains("Chỉ tiêu: 1.057 hộ"), "{t:?}");

    let bars = with_attr(&doc, "data-value");
    assert_eq!(bars.len(), 1);
    let g = bars[0];
    assert_eq!(num(g, "data-value"), 614.0);
    assert_eq!(num(g, "data-target"), 1057.0);
    assert!(close(num(g, "data-expected"), 1057.0 * 20.0 / 36.0, 1e-3));
    assert!(close(num(g, "data-share"), 614.0 * 100.0 / 1057.0, 1e-3));
    // The bar's length is the value on an axis that ends at the target (the largest figure).
    let rect = g.children().find(|n| n.has_tag_name("rect")).unwrap();
    let track = doc.descendants().find(|n| n.has_tag_name("rect")).unwrap();
    let (w, full) = (num(rect, "width"), num(track, "width"));
    assert!(close(w / full, 614.0 / 1057.0, 0.01), "{w}/{full}");
    // On track: no hatch.
    assert!(!svg.contains("hatch"));
}

#[test]
fn per_unit_003_sorts_by_share_and_marks_the_hamlets_behind() {
    let svg = per_unit("ct-dd2-don-vi", &fixture_003());
    check_document(&svg, "ct-dd2-don-vi");
    let doc = parse(&svg);
    let rows = with_attr(&doc, "data-unit");
    let got: Vec<(&str, f64, f64, &str)> = rows
        .iter()
        .map(|n| {
            (
                n.attribute("data-unit").unwrap(),
                num(*n, "data-value"),
                num(*n, "data-target"),
                n.attribute("data-status").unwrap(),
            )
        })
        .collect();
    // Shares 58,5% / 54,9% / 45,1%; the straight path asks 20/36 = 55,6% on 14/6.
    assert_eq!(
        got,
        [
            ("Ấp Tân Đông", 259.0, 443.0, "dung"),
            ("Ấp Tân Phú", 186.0, 339.0, "cham"),
            ("Ấp Tân Mỹ", 169.0, 375.0, "cham"),
        ]
    );
    for n in &rows {
        assert!(close(num(*n, "data-share"), num(*n, "data-value") * 100.0 / num(*n, "data-target"), 1e-3));
    }
    let t = texts(&doc);
    assert!(t.join(" ").contains("Ấp Tân Đông: 259/443 hộ — 58,5%"), "{t:?}");
    assert!(t.join(" ").contains("Ấp Tân Phú: 186/339 hộ — 54,9% — chậm"), "{t:?}");
    assert!(t.join(" ").contains("Ấp Tân Mỹ: 169/375 hộ — 45,1% — chậm"), "{t:?}");
    assert!(t.join(" ").contains("Vạch đứt: lộ trình đến 14/6/2023 (55,6%)"), "{t:?}");
    // Two hatched bars and the legend's hatched swatch.
    assert_eq!(svg.matches("url(#ct-dd2-don-vi-hatch)").count(), 3);
    assert!(svg.contains("<pattern id=\"ct-dd2-don-vi-hatch\""));
    // Bars are in proportion to the shares.
    let widths: Vec<f64> =
        rows.iter().map(|n| num(n.children().find(|c| c.has_tag_name("rect")).unwrap(), "width")).collect();
    assert!(close(widths[0] / widths[2], (259.0 / 443.0) / (169.0 / 375.0), 0.02), "{widths:?}");
    assert_eq!(
        desc(&doc),
        "Tỷ lệ đạt so với chỉ tiêu riêng của từng đơn vị. Theo lộ trình, đến 14/6/2023 mỗi đơn vị cần đạt 55,6% \
         chỉ tiêu của mình. Ấp Tân Đông: 259 trên 443 hộ, bằng 58,5%. Ấp Tân Phú: 186 trên 339 hộ, bằng 54,9%, \
         chậm tiến độ. Ấp Tân Mỹ: 169 trên 375 hộ, bằng 45,1%, chậm tiến độ."
    );
}

#[test]
fn over_time_003_plots_the_reports_and_projects_30_june() {
    let svg = over_time("ct-dd2-thoi-gian", &fixture_003());
    check_document(&svg, "ct-dd2-thoi-gian");
    let doc = parse(&svg);
    let pts: Vec<(&str, f64)> = with_attr(&doc, "data-date")
        .iter()
        .map(|n| (n.attribute("data-date").unwrap(), num(*n, "data-value")))
        .collect();
    assert_eq!(pts, [("2023-06-07", 410.0), ("2023-06-14", 614.0)]);
    // Higher totals are drawn higher, and the target line above both.
    let cy: Vec<f64> = with_attr(&doc, "data-date")
        .iter()
        .map(|n| num(n.children().find(|c| c.has_tag_name("circle")).unwrap(), "cy"))
        .collect();
    let target = doc.descendants().find(|n| n.attribute("data-series") == Some("chi-tieu")).unwrap();
    let target_y = polyline(target)[0].1;
    assert!(target_y < cy[1] && cy[1] < cy[0], "{target_y} {cy:?}");
    // Heights above the baseline are in proportion to the totals.
    let base = polyline(doc.root_element())[0].1;
    assert!(close((base - cy[0]) / (base - target_y), 410.0 / 1057.0, 0.01), "{base} {cy:?}");
    assert!(close((base - cy[1]) / (base - target_y), 614.0 / 1057.0, 0.01), "{base} {cy:?}");
    let proj = doc.descendants().find(|n| n.attribute("data-series") == Some("du-bao")).unwrap();
    assert_eq!(proj.attribute("data-reaches-on"), Some("2023-06-30"));
    assert_eq!(proj.attribute("data-before-deadline"), Some("true"));
    assert!(close(num(proj, "data-rate"), 204.0 / 7.0, 1e-3));
    assert_eq!(
        desc(&doc),
        "Số đã đạt cộng dồn theo từng lần báo cáo: ngày 7/6/2023 đạt 410 hộ; ngày 14/6/2023 đạt 614 hộ. \
         Lộ trình đều đi từ 0 ngày 25/5/2023 đến chỉ tiêu 1.057 hộ ngày 30/6/2023. \
         Dự báo theo tốc độ 7 ngày gần nhất (29,1 hộ/ngày): đạt chỉ tiêu ngày 30/6/2023, kịp hạn 30/6/2023."
    );
    let t = texts(&doc);
    assert!(t.join(" ").contains("25/5/2023") && t.join(" ").contains("30/6/2023"), "{t:?}");
}

#[test]
fn projection_too_slow_misses_the_deadline() {
    // 90 in 7 days is 12,86 a day; 557 left takes 43,3 → 44 days → 14/6 + 44 = 28/7.
    let p = projection(&[(d(2023, 6, 14), 500.0), (d(2023, 6, 7), 410.0)], d(2023, 5, 25), 1057.0, d(2023, 6, 30));
    assert_eq!(p.reaches_on, Some(d(2023, 7, 28)));
    assert!(!p.before_deadline);
    let svg = over_time(
        "ct-x",
        &ChartInput {
            history: vec![(d(2023, 6, 7), 410.0), (d(2023, 6, 14), 500.0)],
            value: Some(500.0),
            ..fixture_003()
        },
    );
    let doc = parse(&svg);
    assert!(
        desc(&doc).ends_with(
            "Cảnh báo: theo tốc độ 7 ngày gần nhất (12,9 hộ/ngày) sẽ không đạt chỉ tiêu trước hạn 30/6/2023; \
             dự kiến đến ngày 28/7/2023 mới đạt."
        ),
        "{}",
        desc(&doc)
    );
    assert!(texts(&doc).iter().any(|t| t.starts_with("Cảnh báo:")));
    // 28/7 is within a period's length past the deadline, so the axis runs to it and the
    // projection is drawn up to the target line, past the marked deadline.
    let series = |name: &str| doc.descendants().find(|n| n.attribute("data-series") == Some(name)).unwrap();
    let (proj, target) = (polyline(series("du-bao")), polyline(series("chi-tieu")));
    assert_eq!(proj.last().unwrap(), target.last().unwrap());
    assert!(texts(&doc).contains(&"28/7/2023".to_string()) && texts(&doc).contains(&"Hạn 30/6/2023".to_string()));
}

#[test]
fn past_the_deadline_the_warning_says_so() {
    let input = ChartInput {
        history: vec![(d(2023, 6, 7), 410.0), (d(2023, 7, 5), 900.0)],
        value: Some(900.0),
        as_of: Some(d(2023, 7, 5)),
        today: d(2023, 7, 6),
        ..fixture_003()
    };
    let doc_svg = over_time("ct-late", &input);
    check_document(&doc_svg, "ct-late");
    let doc = parse(&doc_svg);
    // 490 in 28 days is 17,5 a day; 157 left takes 8,97 → 9 days → 14/7.
    assert!(
        desc(&doc).ends_with(
            "Cảnh báo: đã quá hạn 30/6/2023 mà chưa đạt chỉ tiêu; theo tốc độ 4 tuần gần nhất (17,5 hộ/ngày), \
             dự kiến ngày 14/7/2023 đạt."
        ),
        "{}",
        desc(&doc)
    );
    // The axis runs on to the projected day; the deadline is marked inside it.
    let t = texts(&doc);
    assert!(t.join(" ").contains("14/7/2023") && t.join(" ").contains("Hạn 30/6/2023"), "{t:?}");
}

#[test]
fn ratio_charts_use_the_percent_against_the_target_percent() {
    let input = ratio_input();
    let o = overall("ct-tt-tong", &input);
    check_document(&o, "ct-tt-tong");
    let doc = parse(&o);
    assert_eq!(texts(&doc)[0], "52,2% (120/230) — chỉ tiêu 50%");
    assert_eq!(
        desc(&doc),
        "Tỷ lệ hiện tại 52,2% (120 trên 230), chỉ tiêu tối thiểu 50%: đã đạt chỉ tiêu. Hạn hoàn thành 30/9/2024."
    );
    let g = with_attr(&doc, "data-value")[0];
    assert!(close(num(g, "data-value"), 52.1739, 1e-4));
    assert_eq!((num(g, "data-target"), num(g, "data-done"), num(g, "data-of")), (50.0, 120.0, 230.0));

    let u = per_unit("ct-tt-don-vi", &input);
    check_document(&u, "ct-tt-don-vi");
    let doc = parse(&u);
    let rows: Vec<(&str, &str)> = with_attr(&doc, "data-unit")
        .iter()
        .map(|n| (n.attribute("data-unit").unwrap(), n.attribute("data-status").unwrap()))
        .collect();
    assert_eq!(rows, [("Khu phố 2", "da-dat"), ("Khu phố 1", "chua-dat")]);
    assert!(texts(&doc).contains(&"Khu phố 1: 40% (40/100) — chưa đạt".to_string()));

    let t = over_time("ct-tt-thoi-gian", &input);
    check_document(&t, "ct-tt-thoi-gian");
    let doc = parse(&t);
    let pts: Vec<f64> = with_attr(&doc, "data-date").iter().map(|n| num(*n, "data-value")).collect();
    assert_eq!(pts.len(), 2);
    assert!(close(pts[1], 52.1739, 1e-4));
    // A horizontal target line, no straight path and no projection.
    let target = doc.descendants().find(|n| n.attribute("data-series") == Some("chi-tieu")).unwrap();
    let line = polyline(target);
    assert_eq!(line[0].1, line[1].1);
    assert!(!t.contains("lo-trinh") && !t.contains("du-bao"));
}

#[test]
fn milestones_say_done_with_the_date_or_not_yet() {
    let done = milestone_input(true);
    let o = overall("ct-zalo", &done);
    check_document(&o, "ct-zalo");
    let doc = parse(&o);
    assert_eq!(texts(&doc)[0], "Đã xong ngày 14/6/2023");
    assert_eq!(desc(&doc), "Lập kênh Zalo của phường: đã xong ngày 14/6/2023. Hạn 30/6/2023.");
    let g = with_attr(&doc, "data-value")[0];
    assert_eq!((g.attribute("data-value"), g.attribute("data-done-on")), (Some("1"), Some("2023-06-14")));

    let not_yet = milestone_input(false);
    let doc_svg = overall("ct-zalo", &not_yet);
    let doc = parse(&doc_svg);
    assert_eq!(texts(&doc), ["Chưa xong", "Đã quá hạn 30/6/2023"]);
    assert_eq!(with_attr(&doc, "data-value")[0].attribute("data-value"), Some("0"));

    let t = over_time("ct-zalo-t", &done);
    check_document(&t, "ct-zalo-t");
    let doc = parse(&t);
    let mark = with_attr(&doc, "data-date")[0];
    assert_eq!((mark.attribute("data-date"), mark.attribute("data-value")), (Some("2023-06-14"), Some("1")));
    assert!(texts(&doc).contains(&"Đã xong ngày 14/6/2023".to_string()));
}

#[test]
fn units_without_a_target_or_figure_are_listed_without_a_share() {
    let mut input = fixture_003();
    input.units = vec![
        UnitBar { name: "Khu B", value: Some(50.0), target: None, ratio: None, base: None },
        UnitBar { name: "Khu A", value: None, target: Some(100.0), ratio: None, base: None },
        UnitBar { name: "Khu C", value: Some(10.0), target: Some(100.0), ratio: None, base: None },
    ];
    let svg = per_unit("ct-u", &input);
    check_document(&svg, "ct-u");
    let doc = parse(&svg);
    let order: Vec<&str> = with_attr(&doc, "data-unit").iter().map(|n| n.attribute("data-unit").unwrap()).collect();
    assert_eq!(order, ["Khu C", "Khu A", "Khu B"]);
    let t = texts(&doc);
    assert!(t.join(" ").contains("Khu B: 50 hộ (chưa giao chỉ tiêu riêng)"), "{t:?}");
    assert!(t.join(" ").contains("Khu A: chưa có số liệu (chỉ tiêu 100 hộ)"), "{t:?}");
    let b = with_attr(&doc, "data-unit").into_iter().find(|n| n.attribute("data-unit") == Some("Khu B")).unwrap();
    assert!(b.attribute("data-share").is_none() && b.children().all(|c| !c.has_tag_name("rect")));
}

/// Inputs that have broken chart code before: nothing may panic, and every result is a valid,
/// labelled document.
#[test]
fn no_input_panics() {
    let base = fixture_003();
    let far = d(2023, 5, 1);
    let mut cases: Vec<ChartInput> = vec![
        ChartInput { value: Some(0.0), history: vec![(d(2023, 6, 7), 0.0)], ..base.clone() },
        ChartInput { target: 0.0, ..base.clone() },
        ChartInput { value: Some(1e6), history: vec![(d(2023, 6, 14), 1e6)], ..base.clone() },
        ChartInput { history: vec![(d(2023, 6, 14), 614.0)], ..base.clone() },
        ChartInput { history: Vec::new(), value: None, as_of: None, units: Vec::new(), ..base.clone() },
        ChartInput {
            target: 1e12,
            value: Some(1e12 - 1.0),
            history: vec![(d(2023, 6, 14), 1e12 - 1.0)],
            ..base.clone()
        },
        ChartInput { deadline: far, ..base.clone() },
        ChartInput { deadline: base.from, ..base.clone() },
        ChartInput {
            value: Some(f64::NAN),
            target: f64::INFINITY,
            history: vec![(d(2023, 6, 14), f64::NAN)],
            ..base.clone()
        },
        ChartInput { value: Some(-5.0), target: -1.0, ..base.clone() },
        ChartInput {
            history: vec![(d(2023, 6, 14), 614.0), (d(2023, 6, 14), 600.0), (d(1900, 1, 1), 1.0), (d(2200, 1, 1), 2.0)],
            ..base.clone()
        },
        ChartInput {
            units: vec![
                UnitBar { name: "X", value: Some(1e9), target: Some(1.0), ratio: None, base: None },
                UnitBar { name: "Y", value: Some(0.0), target: Some(0.0), ratio: None, base: None },
            ],
            ..base.clone()
        },
        ChartInput { from: NaiveDate::MIN, deadline: NaiveDate::MAX, today: NaiveDate::MAX, ..base.clone() },
        ChartInput {
            name: "",
            noun: "",
            value: Some(250.0),
            units: vec![UnitBar { name: "", value: Some(1e12), target: Some(1e12), ratio: Some((7, 3)), base: None }],
            ..base.clone()
        },
    ];
    let more: Vec<ChartInput> = cases
        .iter()
        .flat_map(|c| {
            [
                ChartInput { kind: Kind::Ratio, ratio: Some((0, 0)), ..c.clone() },
                ChartInput { kind: Kind::Milestone, done_on: Some(c.deadline), ..c.clone() },
            ]
        })
        .collect();
    cases.extend(more);
    cases.extend([ratio_input(), milestone_input(true), milestone_input(false)]);
    for (i, c) in cases.iter().enumerate() {
        for (f, name) in [(overall as fn(&str, &ChartInput) -> String, "o"), (per_unit, "u"), (over_time, "t")] {
            let prefix = format!("ct-{i}-{name}");
            let svg = f(&prefix, c);
            check_document(&svg, &prefix);
            check_contrast(&svg);
            assert!(svg.len() < 8_000, "{prefix}: {} bytes", svg.len());
        }
    }
}

#[test]
fn names_are_escaped_and_normalised() {
    let nfd: String = "Ấp Tân Đông".nfd().collect();
    let name = "Hộ <\"đăng ký\"> & 'khác'";
    // A control character pasted from a spreadsheet is not even escapable in XML: it is dropped.
    let nfd_name: String = format!("{}\u{1}", name.nfd().collect::<String>());
    let mut input = fixture_003();
    input.name = &nfd_name;
    input.units[2].name = &nfd;
    for svg in [overall("ct-e", &input), per_unit("ct-e", &input), over_time("ct-e", &input)] {
        check_document(&svg, "ct-e");
        let doc = parse(&svg);
        assert!(title(&doc).starts_with(name), "{}", title(&doc));
    }
    let doc_svg = per_unit("ct-e", &input);
    let doc = parse(&doc_svg);
    assert!(with_attr(&doc, "data-unit").iter().any(|n| n.attribute("data-unit") == Some("Ấp Tân Đông")));
    // A prefix that is not a valid XML name is made into one.
    let svg = overall("3 cccd/tổng", &fixture_003());
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("aria-labelledby"), Some("c3-cccd-t-ng-title c3-cccd-t-ng-desc"));
}

#[test]
fn output_is_deterministic_and_small() {
    let input = fixture_003();
    let all = [overall("a", &input), per_unit("b", &input), over_time("c", &input)];
    assert_eq!(all, [overall("a", &input), per_unit("b", &input), over_time("c", &input)]);
    // Five indicators' three charts must leave room for the rest of a dashboard under 120 KB.
    let total: usize = all.iter().map(String::len).sum();
    assert!(total * 5 < 40_000, "{total} bytes for one indicator");
    // A ward with a dozen units still gets a unit chart of a few KB.
    let names: Vec<String> = (1..=12).map(|i| format!("Khu phố {i}")).collect();
    let mut many = fixture_003();
    many.units = names
        .iter()
        .enumerate()
        .map(|(i, n)| UnitBar { name: n, value: Some(10.0 * i as f64), target: Some(100.0), ratio: None, base: None })
        .collect();
    let svg = per_unit("ct-many", &many);
    check_document(&svg, "ct-many");
    assert!(svg.len() < 10_000, "{} bytes for 12 units", svg.len());
}

// ---------------------------------------------------------------------------------------------
// Contrast (WCAG 2.1 relative luminance).

fn luminance(hex: &str) -> f64 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    let ch = |s: u32| {
        let c = f64::from((v >> s) & 0xFF) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
}

fn contrast_on_white(hex: &str) -> f64 {
    1.05 / (luminance(hex) + 0.05)
}

/// White is only drawn on top of a filled mark (hatch stripes, the tick in a done box, the inside
/// of a hollow point), never as a mark on the white page.
const DECORATIVE: [&str; 1] = ["#FFFFFF"];

fn check_contrast(svg: &str) {
    let doc = parse(svg);
    for n in doc.descendants().filter(|n| n.is_element()) {
        if n.has_tag_name("text") {
            let fill = n.ancestors().find_map(|a| a.attribute("fill")).unwrap();
            assert!(contrast_on_white(fill) >= 4.5, "text {fill} {:?}", n.text());
            continue;
        }
        if n.ancestors().any(|a| a.has_tag_name("pattern")) {
            continue;
        }
        for attr in ["fill", "stroke"] {
            let Some(c) = n.attribute(attr) else { continue };
            if !c.starts_with('#') || DECORATIVE.contains(&c) || n.has_tag_name("svg") {
                continue;
            }
            assert!(contrast_on_white(c) >= 3.0, "{} {attr}={c}: {:.2}", n.tag_name().name(), contrast_on_white(c));
        }
    }
}

#[test]
fn palette_meets_wcag_aa() {
    assert!(close(contrast_on_white("#777777"), 4.48, 0.01));
    for c in [INK, MUTED, WARN] {
        assert!(contrast_on_white(&hex(c)) >= 4.5, "{}", hex(c));
    }
    for c in [BAR, BEHIND, TARGET, PATH, PROJ, EDGE] {
        assert!(contrast_on_white(&hex(c)) >= 3.0, "{}", hex(c));
    }
    // Hatch stripes must show on the bar they mark.
    assert!((luminance("#FFFFFF") + 0.05) / (luminance(&hex(BEHIND)) + 0.05) >= 3.0);
    for svg in [overall("a", &fixture_003()), per_unit("b", &fixture_003()), over_time("c", &fixture_003())] {
        check_contrast(&svg);
    }
}

// ---------------------------------------------------------------------------------------------
// Snapshots: `UPDATE_SNAPSHOTS=1 cargo test` rewrites them; review the diff before committing.

fn snapshot(name: &str, svg: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/chart/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it", path.display()));
    assert!(want == svg, "{} differs; run with UPDATE_SNAPSHOTS=1 and review the diff.\n{svg}", path.display());
}

#[test]
fn snapshots() {
    let input = fixture_003();
    snapshot("003-overall.svg", &overall("ct-dinh-danh-2-tong", &input));
    snapshot("003-per-unit.svg", &per_unit("ct-dinh-danh-2-don-vi", &input));
    snapshot("003-over-time.svg", &over_time("ct-dinh-danh-2-thoi-gian", &input));
    snapshot("ratio-overall.svg", &overall("ct-truc-tuyen-tong", &ratio_input()));
    snapshot("milestone-over-time.svg", &over_time("ct-zalo-thoi-gian", &milestone_input(true)));
}
