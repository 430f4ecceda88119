//! Reaching residents: search without diacritics, the feed as a reader sees it, the sitemap
//! against its schema, and poster QR codes decoded back to their page.

mod common;

use std::process::Command;

use bangtin::search;
use common::*;

const BASE: &str = "https://phuong3.example.gov.vn/cong-dan-so/";

fn built(site: &std::path::Path, today: &str) -> Scratch {
    let sc = Scratch::of(site);
    let r = sc.build(today);
    assert_eq!(r.code, 0, "build failed:\n{}", r.stderr);
    sc
}

fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn search_finds_guides_typed_without_diacritics() {
    let sc = built(&example(), "2024-06-03");
    let site = bangtin::content::load(&sc.site(), date("2024-06-03")).expect("the example loads");
    let docs = search::index(&site);
    // The files the page loads are this index, byte for byte: a ward's, one file.
    let mut files = Vec::new();
    search::build(&site, false).write(&mut |path, bytes| files.push((path, bytes)));
    assert_eq!(files.len(), 1, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    for (path, bytes) in &files {
        assert_eq!(std::fs::read(sc.out().join(path)).unwrap(), *bytes, "{path}");
    }
    assert!(!sc.out().join("tim-kiem/chi-muc").exists());
    assert_eq!(docs.len(), site.guides.len() + site.events.len() + site.news.len() + site.plans.len());

    let first = |q: &str| search::rank(&docs, q).first().map(|d| d.u.clone()).unwrap_or_default();
    assert_eq!(first("kich hoat dinh danh"), "huong-dan/kich-hoat-vneid/");
    assert_eq!(first("Kích hoạt định danh"), "huong-dan/kich-hoat-vneid/");
    assert_eq!(first("KICH HOAT DINH DANH"), "huong-dan/kich-hoat-vneid/");
    assert_eq!(first("the cccd gan chip"), "huong-dan/the-cccd-gan-chip/");
    assert_eq!(first("chu ky so"), "huong-dan/chu-ky-so-ca-nhan/");
    assert_eq!(first("tai khoan dich vu cong"), "huong-dan/tai-khoan-dich-vu-cong/");
    assert_eq!(first("phan anh zalo"), "huong-dan/phan-anh-qua-zalo/");
    // "đ" is typed "d": "dang ky" finds "Đăng ký".
    assert!(search::rank(&docs, "dang ky").iter().any(|d| d.t.contains("Đăng ký") || d.s.contains("đăng ký")));
    // Events come up by their title: the conferences.
    let hoi_nghi = search::rank(&docs, "hoi nghi trien khai");
    assert!(hoi_nghi.first().is_some_and(|d| d.k == "Lịch" && d.t.contains("Hội nghị")), "{:?}", hoi_nghi.first());
    assert!(search::rank(&docs, "xyzzy khong co").is_empty());

    // Without JavaScript the page still lists every guide, with a working form.
    let page = read(&sc.out(), "tim-kiem/index.html");
    for g in &site.guides {
        assert!(page.contains(&format!("href=\"../huong-dan/{}/\"", g.slug)), "{} missing", g.slug);
    }
    assert!(page.contains("role=\"search\"") && page.contains("<label for=\"q\">"));
    assert!(page.contains("<script src=\"../tim-kiem.js\" defer>"));
    assert!(sc.out().join("tim-kiem.js").is_file());
}

#[test]
fn the_feed_is_read_by_feedparser() {
    let Some(py) = python("the Atom feed was not read by the PyPI feedparser package") else { return };
    for (site, today, entries, first) in
        [(example(), "2024-06-03", 8, "Tiến độ đến ngày 31/5/2024"), (fixture("003-my-phu-dong"), "2023-06-15", 0, "")]
    {
        let sc = built(&site, today);
        let loaded = bangtin::content::load(&sc.site(), date(today)).unwrap();
        let entries = if entries == 0 { (loaded.news.len() + loaded.reports.len()).min(50) } else { entries };
        let base = loaded.config.base_url.clone();
        let out = Command::new(&py)
            .arg(repo().join("tests/feed_check.py"))
            .arg(sc.out())
            .arg(&base)
            .arg(entries.to_string())
            .arg(first)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: feed_check.py failed:\n{text}", site.display());
        assert!(text.contains(&format!("{entries} entries read by feedparser")), "{text}");
    }
}

#[test]
fn the_feed_holds_the_newest_fifty_entries() {
    let sc = Scratch::of(&example());
    // The example's 3 news items (April and May 2024) and 5 reports (May 2024) are newer than these 60.
    sc.add_daily_news(60);
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let feed = read(&sc.out(), "feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 50, "{feed}");
    assert!(feed.contains("<title>Tiến độ đến ngày 31/5/2024: "), "{feed}");
    // The 42 newest of the added items, with their summaries; not the 18 oldest.
    for i in [18, 59] {
        assert!(feed.contains(&format!("<title>Tin số {i}</title>")), "Tin số {i} missing:\n{feed}");
        assert!(feed.contains(&format!("<summary>Bà con lưu ý thông báo số {i}.</summary>")), "{feed}");
    }
    assert!(!feed.contains("<title>Tin số 17</title>"), "{feed}");
    assert!(feed.contains("<updated>2024-05-31T00:00:00+07:00</updated>\n  <author>"), "{feed}");
}

#[test]
fn the_sitemap_lists_every_page_and_passes_its_schema() {
    let sc = built(&example(), "2024-06-03");
    let sitemap = read(&sc.out(), "sitemap.xml");
    let pages: Vec<String> = snapshot(&sc.out())
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .map(|p| format!("{BASE}{}", p.trim_end_matches("index.html")))
        .collect();
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).filter_map(|s| s.split("</loc>").next()).collect();
    assert_eq!(locs, pages.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(locs.contains(&BASE) && locs.contains(&format!("{BASE}huong-dan/kich-hoat-vneid/").as_str()));
    assert!(read(&sc.out(), "robots.txt").contains(&format!("Sitemap: {BASE}sitemap.xml")));

    let Some(xmllint) = xmllint("the sitemap was not validated against its XML schema") else { return };
    let out = Command::new(xmllint)
        .args(["--noout", "--schema"])
        .arg(repo().join("tests/schemas/sitemap.xsd"))
        .arg(sc.out().join("sitemap.xml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "xmllint: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("validates"));
}

#[test]
fn pages_carry_canonical_urls_and_a_png_share_image() {
    let sc = built(&example(), "2024-06-03");
    let guide = read(&sc.out(), "huong-dan/kich-hoat-vneid/index.html");
    assert!(guide.contains(&format!("<link rel=\"canonical\" href=\"{BASE}huong-dan/kich-hoat-vneid/\">")));
    assert!(guide.contains(&format!("<meta property=\"og:image\" content=\"{BASE}chia-se.png\">")));
    assert!(guide.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    let png = std::fs::read(sc.out().join("chia-se.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let (w, h) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!((w, h), (1200, 630), "the size Zalo and Facebook show whole");
}

/// The dark modules of a poster's QR code, from the path our SVG writes: "M{x} {y}h{w}v1h-{w}z".
fn qr_modules(html: &str) -> (usize, Vec<bool>) {
    let svg = &html[html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\"").expect("a QR code")..];
    let size: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let d = svg.split("<path fill=\"#000\" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut grid = vec![false; size * size];
    for cmd in d.split('M').filter(|c| !c.is_empty()) {
        let (xy, rest) = cmd.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let w: usize = rest.split('v').next().unwrap().parse().unwrap();
        for k in x..x + w {
            grid[y * size + k] = true;
        }
    }
    (size, grid)
}

fn decode(html: &str) -> String {
    let (size, grid) = qr_modules(html);
    let scale = 4;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
        if grid[(y / scale) * size + x / scale] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("the QR code decodes").1
}

#[test]
fn posters_print_the_essentials_and_scan_to_their_page() {
    let sc = built(&example(), "2024-06-03");
    let site = bangtin::content::load(&sc.site(), date("2024-06-03")).unwrap();
    let mut posters = vec![("in/index.html".to_string(), BASE.to_string())];
    for g in &site.guides {
        posters.push((format!("huong-dan/{}/in/index.html", g.slug), format!("{BASE}huong-dan/{}/", g.slug)));
        assert!(read(&sc.out(), &format!("huong-dan/{}/index.html", g.slug)).contains("href=\"in/\""));
    }
    for e in &site.events {
        posters.push((format!("lich/{}/in/index.html", e.slug), format!("{BASE}lich/{}/", e.slug)));
    }
    for (poster, url) in &posters {
        let html = read(&sc.out(), poster);
        assert_eq!(decode(&html), *url, "{poster}");
        // Written in parts, one after each "/", where alone it may wrap.
        let written = html.replace("<span>", "").replace("</span>", "").replace("<wbr>", "");
        assert!(
            written.contains(url.trim_start_matches("https://").trim_end_matches('/')),
            "{poster}: address written out"
        );
    }
    // A guide's poster carries its steps; an event's its date and place.
    let vneid = visible(&read(&sc.out(), "huong-dan/kich-hoat-vneid/in/index.html"));
    assert!(vneid.contains("Các bước") && vneid.contains("Tải ứng dụng VNeID"), "{vneid}");
    let conf = visible(&read(&sc.out(), "lich/hoi-nghi-lan-1/in/index.html"));
    assert!(conf.contains("Thời gian") && conf.contains("Địa điểm"), "{conf}");
    // On paper only the poster: navigation, footer and the "back" line are hidden.
    let css = read(&sc.out(), "style.css");
    assert!(css.contains("@page { size: A4;"));
    assert!(css.contains(".site-header nav, .skip, .site-footer .contact, .no-print { display: none; }"));
}
