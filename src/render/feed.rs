//! Discovery files: the Atom feed of news and progress reports, the sitemap and robots.txt.
//! Written by hand: each is a few elements, and a feed crate would stamp the build time into
//! `<updated>`, making two builds differ.

use chrono::NaiveDate;

use crate::content::model::Site;
use crate::format;
use crate::paths;
use crate::progress;
use crate::text::escape_xml as x;

/// How many entries the feed holds, newest first. A reader polls the feed, often hourly: a
/// province's 8,000 news items made a 5 MB feed, fetched whole every time for the few new ones.
pub const ENTRIES: usize = 50;

struct Entry<'a> {
    date: NaiveDate,
    id: String,
    url: String,
    title: String,
    summary: Summary<'a>,
}

/// An entry's summary: a news item's is made only for the items the feed keeps.
enum Summary<'a> {
    Text(String),
    News(&'a crate::content::model::News),
}

fn stamp(d: NaiveDate) -> String {
    // Midnight in Vietnam: a date with no time, in the offset residents live in.
    format!("{}T00:00:00+07:00", format::iso(d))
}

/// The feed: the newest [`ENTRIES`] of the news items and of the progress reports, each report
/// saying where each indicator stood on that day. `updated` is the newest entry's date, never
/// the build time.
pub fn atom(site: &Site) -> Vec<u8> {
    let base = &site.config.base_url;
    // The news are in date order, newest first: one older than the one at place ENTRIES has as
    // many entries before it as the feed holds.
    let oldest = site.news.get(ENTRIES.min(site.news.len()).saturating_sub(1)).map(|n| n.date);
    let mut entries: Vec<Entry> = site
        .news
        .iter()
        .take_while(|n| oldest.is_some_and(|d| n.date >= d))
        .map(|n| Entry {
            date: n.date,
            id: format!("{base}{}", paths::news(&n.slug)),
            url: format!("{base}{}", paths::news(&n.slug)),
            title: n.title.clone(),
            summary: Summary::News(n),
        })
        .collect();
    for plan in &site.plans {
        // As it stood that day: the reports up to this one, read once in date order.
        let mut tracker = progress::Tracker::new(site, plan);
        for r in site.reports.iter().filter(|r| r.plan == plan.slug) {
            tracker.read(r);
            let lines: Vec<String> = plan
                .indicators
                .iter()
                .zip(tracker.totals(r.date))
                .map(|(ind, p)| ind.target.feed_line(&ind.name, &site.units.terms(ind), &p))
                .collect();
            let iso = format::iso(r.date);
            entries.push(Entry {
                date: r.date,
                id: format!("{base}{}#bao-cao-{iso}", paths::progress(&plan.slug)),
                url: format!("{base}{}", paths::progress(&plan.slug)),
                title: format!("Tiến độ đến ngày {}: {}", format::date(r.date), plan.title),
                summary: Summary::Text(lines.join("; ") + "."),
            });
        }
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    entries.truncate(ENTRIES);
    let updated = entries.first().map(|e| e.date).or_else(|| site.plans.iter().map(|p| p.from).max());

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    out.push_str(&format!("  <title>{}</title>\n", x(&site.config.title)));
    if let Some(d) = &site.config.description {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", x(d)));
    }
    out.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n", x(base)));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", x(base)));
    out.push_str(&format!("  <id>{}</id>\n", x(base)));
    if let Some(d) = updated {
        out.push_str(&format!("  <updated>{}</updated>\n", stamp(d)));
    }
    out.push_str(&format!("  <author><name>{}</name></author>\n", x(&site.config.authority)));
    out.push_str("  <generator>bangtin</generator>\n");
    for e in &entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", x(&e.title)));
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", x(&e.url)));
        out.push_str(&format!("    <id>{}</id>\n", x(&e.id)));
        out.push_str(&format!("    <published>{}</published>\n", stamp(e.date)));
        out.push_str(&format!("    <updated>{}</updated>\n", stamp(e.date)));
        let summary = match e.summary {
            Summary::Text(ref t) => x(t),
            Summary::News(n) => match &n.summary {
                Some(t) => x(t),
                None => x(&crate::markdown::plain(&n.body, 300)),
            },
        };
        out.push_str(&format!("    <summary>{summary}</summary>\n"));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out.into_bytes()
}

/// Every page a search engine should know, by its canonical URL (folders, not `index.html`).
pub fn sitemap(site: &Site, pages: &[&str]) -> Vec<u8> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    // A line per page, 15,000 at a province's size, made again when a preview adds a page.
    let base = x(&site.config.base_url);
    out.reserve(pages.len() * (base.len() + 48));
    for p in pages {
        if *p == paths::NOT_FOUND {
            continue;
        }
        let path = p.strip_suffix("index.html").unwrap_or(p);
        out.push_str("  <url><loc>");
        out.push_str(&base);
        crate::text::push_xml(&mut out, path);
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

pub fn robots(site: &Site) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url).into_bytes()
}
