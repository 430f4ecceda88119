//! Hostile text in every field a content author controls — markup, quotes, script URLs,
//! spreadsheet formulas, line breaks that would start a new line in a line-based format — comes
//! out of every format as text: HTML, SVG and XML escape it (and parse), the calendar keeps it
//! inside its property, the CSV inside its cell and never as a formula, the radio text on its
//! line, the search index inside its string.

mod common;

use common::*;

/// Breaks out of an HTML text node or attribute (either quote), a CDATA section, a script
/// string, and tries the usual ways to run code.
const P: &str =
    r#"<script>alert("x")</script>'"><img src=x onerror=alert(1)> javascript:alert(1) ]]> & ; , \ </textarea>"#;
/// A spreadsheet formula first, as a name might be pasted from Excel.
const F: &str = r#"=HYPERLINK("https://evil.example/","bấm")"#;
/// A line break followed by what would be a property, a header line or a section note.
const NL: &str = "\nATTACH:https://evil.example/x\n[2. Tiến độ — giả]";

/// `s` as a double-quoted YAML scalar.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

fn hostile_site() -> Scratch {
    let sc = Scratch::of(&example());
    let e = |file: &str, from: &str, to: &str| sc.edit(file, from, to);
    let site_title = format!("Phường 3 {P}{NL}");
    e("site.yaml", "title: \"Công dân số Phường 3\"", &format!("title: {}", q(&site_title)));
    e("site.yaml", "authority: \"Ủy ban nhân dân Phường 3\"", &format!("authority: {}", q(&format!("UBND {P}"))));
    e("site.yaml", "station: \"Đài truyền thanh Phường 3\"", &format!("station: {}", q(&format!("Đài {P}{NL}"))));
    e(
        "site.yaml",
        "zalo: \"Zalo OA: UBND Phường 3\"",
        &format!("zalo: {}, email: {}", q(&format!("Zalo {P}")), q(&format!("a@b.vn\" onclick=\"{P}"))),
    );
    e("units.yaml", "name: \"Khu phố 1\"", &format!("name: {}", q(&format!("{F} {P}{NL}"))));
    e("units.yaml", "kind: \"Khu phố\"", &format!("kind: {}", q(&format!("Khu {P}"))));
    let plan = "plans/2024-cong-dan-so.md";
    e(plan, "name: \"Công dân được cấp thẻ CCCD gắn chip\"", &format!("name: {}", q(&format!("CCCD {P}"))));
    e(plan, "lead: \"Công an Phường 3\"", &format!("lead: {}", q(&format!("Công an {P}"))));
    e(plan, "noun: \"người\"", &format!("noun: {}", q(&format!("người {P}"))));
    e(plan, "lead: \"Bộ phận Văn hóa – Xã hội Phường\"", &format!("lead: {}", q(&format!("Bộ phận {P}"))));
    let guide = "guides/the-cccd-gan-chip.md";
    e(
        guide,
        "title: \"Làm thẻ căn cước công dân (CCCD) gắn chip\"",
        &format!("title: {}", q(&format!("Làm thẻ {P}{NL}"))),
    );
    e(guide, "duration: \"", &format!("duration: {}\nx-old-duration: \"", q(&format!("20 phút {P}"))));
    sc.edit(guide, "x-old-duration: ", "# ");
    let event = "events/truc-ho-tro-mot-cua.md";
    e(
        event,
        "title: \"Trực hỗ trợ cài đặt VNeID và dịch vụ công tại Bộ phận Một cửa\"",
        &format!("title: {}", q(&format!("Trực {P}{NL}"))),
    );
    e(event, "location: \"Bộ phận Một cửa UBND Phường 3\"", &format!("location: {}", q(&format!("Một cửa {P}"))));
    let news = "news/2024-05-06-lich-truc-ho-tro-mot-cua.md";
    e(
        news,
        "title: \"Từ ngày 6/5, Bộ phận Một cửa trực hỗ trợ cài đặt VNeID mỗi sáng\"",
        &format!("title: {}", q(&format!("Lịch trực {P}{NL}"))),
    );
    for report in ["2024-05-24", "2024-05-31"] {
        e(&format!("progress/{report}.yaml"), "source: \"", &format!("source: {}\n# \"", q(&format!("{F} {P}"))));
    }
    sc
}

#[test]
fn hostile_strings_come_out_as_text_in_every_format() {
    let sc = hostile_site();
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = snapshot(&sc.out());
    let mut checked = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml") {
            for raw in ["<script>alert", "<img src=x", "</textarea>", "]]>"] {
                assert!(!text.contains(raw), "{path} has {raw:?} unescaped");
            }
            // Our own scripts only: the search page's two files, nothing inline.
            for (at, _) in text.match_indices("<script") {
                let tag = &text[at..text[at..].find('>').map(|e| at + e).unwrap_or(text.len())];
                assert!(tag.contains(" src=\"") && path == "tim-kiem/index.html", "{path}: {tag}");
            }
            for a in bangtin::html::attributes(&text) {
                assert!(!a.name.starts_with("on"), "{path}:{}: {}={}", a.line, a.name, a.value);
                let v = a.value.trim_start().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{path}:{}: {}={}", a.line, a.name, a.value);
            }
            checked += 1;
        }
        if path.ends_with(".svg") || path.ends_with(".xml") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path} is not XML: {e}"));
        }
    }
    assert!(checked > 30, "{checked} pages checked");
    let page = read(&sc.out(), "huong-dan/the-cccd-gan-chip/index.html");
    assert!(
        page.contains("Làm thẻ &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&gt;&lt;img"),
        "escaped as text"
    );

    // The feed says exactly what the author wrote.
    let feed = read(&sc.out(), "feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(titles.contains(&format!("Lịch trực {P}{NL}").as_str()), "{titles:?}");

    // The calendar: the text stays inside SUMMARY and reads back exactly.
    let ics = read(&sc.out(), "lich/truc-ho-tro-mot-cua/truc-ho-tro-mot-cua.ics");
    let unfolded = ics.replace("\r\n ", "");
    assert!(!unfolded.split("\r\n").any(|l| l.starts_with("ATTACH")), "{ics}");
    let summary = unfolded.split("\r\n").find_map(|l| l.strip_prefix("SUMMARY:")).unwrap();
    let back = summary.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    assert_eq!(back, format!("Trực {P}{NL}"));

    // The CSV: every row has its fourteen cells, and a formula is never a formula.
    let csv = read(&sc.out(), "tien-do/2024-cong-dan-so/du-lieu.csv");
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert!(rows.len() > 10);
    for row in &rows {
        assert_eq!(row.len(), 14, "{row:?}");
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "a formula: {cell:?}");
        }
    }
    assert!(rows.iter().any(|r| r[2] == format!("'{F} {P}{NL}")), "the unit's name, defused");

    // The radio text: one item per line, so nothing can start a section note or a header line;
    // plain text, so the header may quote a name as written, but what is read has no markup.
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".txt") && p.starts_with("phat-thanh/")) {
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            !text.lines().any(|l| l.starts_with("[2. Tiến độ — giả") || l.starts_with("ATTACH")),
            "{path}:\n{text}"
        );
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{path}");
        // Every line of the header is a note in square brackets too.
        let read_aloud: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with('[')).collect();
        assert!(read_aloud.len() > 5 && !read_aloud.iter().any(|l| l.contains('<')), "{path}:\n{text}");
    }

    // The search index: a JavaScript string can hold anything but must not end early.
    let index = read(&sc.out(), "tim-kiem/chi-muc.js");
    assert!(!index.contains("</script") && !index.contains("<img"), "{index}");
    assert!(index.contains("\\u003cscript>alert(\\\"x\\\")"), "escaped in the string");
}

/// RFC 4180, as a spreadsheet reads it.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        match (c, quoted) {
            ('"', true) if it.peek() == Some(&'"') => {
                it.next();
                cell.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows.into_iter().skip(1).collect()
}
