//! Where every page and file of a built site is: the site's address layout, written once. A
//! path is under the site root, `/`-separated, without a leading `/`; a page's path ends with
//! `/` and is served by its `index.html`. The sections are Vietnamese words a resident can read
//! in a link shared on Zalo (`huong-dan/kich-hoat-vneid/`).
//!
//! Knows nothing of a site: callers give the slugs and ids. [`page`] reads a page's path back,
//! for messages that name what made a page.

use chrono::NaiveDate;

/// The home page.
pub const HOME: &str = "";
/// Every guide.
pub const GUIDES: &str = "huong-dan/";
/// The schedule: every event, grouped by month.
pub const EVENTS: &str = "lich/";
/// The first page of the news.
pub const NEWS: &str = "tin-tuc/";
/// Search, and the list of every guide for a reader without JavaScript.
pub const SEARCH: &str = "tim-kiem/";
/// The radio bulletins.
pub const RADIO: &str = "phat-thanh/";
/// The campaign's poster.
pub const CAMPAIGN_POSTER: &str = "in/";
/// The page a server shows for a missing one, at any depth.
pub const NOT_FOUND: &str = "404.html";
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The site's icon, from the theme; every page links it.
pub const FAVICON: &str = "favicon.svg";
/// Every dated event, for a phone's calendar.
pub const CALENDAR: &str = "lich.ics";
/// The search index's entry, which names its parts, loaded by the search page.
pub const SEARCH_INDEX: &str = "tim-kiem/chi-muc.js";
/// The folder of the search index's parts, fetched by the search page as a query needs them.
pub const SEARCH_PARTS: &str = "tim-kiem/chi-muc/";
/// The name of a unit's calendar file, beside its schedule page.
pub const UNIT_CALENDAR: &str = "lich.ics";

/// A plan's page: its text, indicators and tasks.
pub fn plan(slug: &str) -> String {
    format!("ke-hoach/{slug}/")
}

/// A plan's dashboard.
pub fn progress(plan: &str) -> String {
    format!("tien-do/{plan}/")
}

/// A plan's figures as CSV, beside its dashboard.
pub fn progress_csv(plan: &str) -> String {
    format!("tien-do/{plan}/du-lieu.csv")
}

/// A standalone chart of an indicator, beside its plan's dashboard: `suffix` is `tong`,
/// `don-vi` or `thoi-gian`.
pub fn chart(plan: &str, indicator: &str, suffix: &str) -> String {
    format!("tien-do/{plan}/{indicator}-{suffix}.svg")
}

/// A part of the search index, by its file name without `.js` (`search::index::file_name`).
pub fn search_part(name: &str) -> String {
    format!("{SEARCH_PARTS}{name}.js")
}

pub fn guide(slug: &str) -> String {
    format!("{GUIDES}{slug}/")
}

pub fn event(slug: &str) -> String {
    format!("{EVENTS}{slug}/")
}

/// The name of an event's own calendar file, beside its page.
pub fn event_calendar(slug: &str) -> String {
    format!("{slug}.ics")
}

/// One unit's schedule: the events naming it and those for every unit. Units and events share
/// the folder, so no event may be named like a unit.
pub fn unit_events(id: &str) -> String {
    format!("{EVENTS}{id}/")
}

pub fn news(slug: &str) -> String {
    format!("{NEWS}{slug}/")
}

/// Page `k` (from 1) of the news list.
pub fn news_list(k: usize) -> String {
    if k <= 1 {
        NEWS.to_string()
    } else {
        format!("{NEWS}trang/{k}/")
    }
}

/// A plan's bulletin of a day; its `.txt` is [`bulletin_text`] beside it.
pub fn bulletin(plan: &str, date: NaiveDate) -> String {
    format!("{RADIO}{}/", bulletin_name(plan, date))
}

/// The name of a bulletin's `.txt` file, beside its page.
pub fn bulletin_text(plan: &str, date: NaiveDate) -> String {
    format!("{}.txt", bulletin_name(plan, date))
}

/// `<plan>-<YYYY-MM-DD>`: a bulletin's folder, and its text file's name.
fn bulletin_name(plan: &str, date: NaiveDate) -> String {
    format!("{plan}-{}", date.format("%Y-%m-%d"))
}

/// The printable poster of the page at `page` (a guide's, an event's, or the home page's).
pub fn poster(page: &str) -> String {
    format!("{page}in/")
}

/// What made a page, read back from its path: which template, and which content it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    Home,
    NotFound,
    Plan(&'a str),
    Progress(&'a str),
    Guides,
    Guide(&'a str),
    Events,
    /// An event's page or a unit's schedule: the two share a folder.
    EventOrUnit(&'a str),
    /// A page of the news list.
    NewsList,
    News(&'a str),
    /// Any other page (a bulletin, a poster, search) or file.
    Other,
}

/// What the page at `path` (a file, `huong-dan/x/index.html`, or its folder) is.
pub fn page(path: &str) -> Page<'_> {
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    let parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    match parts.as_slice() {
        [] => Page::Home,
        ["404.html"] => Page::NotFound,
        ["ke-hoach", s] => Page::Plan(s),
        ["tien-do", s] => Page::Progress(s),
        ["huong-dan"] => Page::Guides,
        ["huong-dan", s] => Page::Guide(s),
        ["lich"] => Page::Events,
        ["lich", s] => Page::EventOrUnit(s),
        ["tin-tuc"] | ["tin-tuc", "trang", _] => Page::NewsList,
        ["tin-tuc", s] => Page::News(s),
        _ => Page::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page a path function makes is read back as itself.
    #[test]
    fn pages_are_read_back_as_made() {
        let cases = [
            (HOME.to_string(), Page::Home),
            (NOT_FOUND.to_string(), Page::NotFound),
            (plan("2024-cds"), Page::Plan("2024-cds")),
            (progress("2024-cds"), Page::Progress("2024-cds")),
            (GUIDES.to_string(), Page::Guides),
            (guide("kich-hoat-vneid"), Page::Guide("kich-hoat-vneid")),
            (EVENTS.to_string(), Page::Events),
            (event("hoi-nghi"), Page::EventOrUnit("hoi-nghi")),
            (unit_events("kp1"), Page::EventOrUnit("kp1")),
            (news_list(1), Page::NewsList),
            (news_list(7), Page::NewsList),
            (news("2024-05-20-zalo"), Page::News("2024-05-20-zalo")),
            (poster(&guide("x")), Page::Other),
            (bulletin("p", NaiveDate::from_ymd_opt(2024, 6, 3).unwrap()), Page::Other),
            (SEARCH.to_string(), Page::Other),
        ];
        for (path, want) in cases {
            assert_eq!(page(&path), want, "{path}");
            if path.is_empty() || path.ends_with('/') {
                assert_eq!(page(&format!("{path}index.html")), want, "{path}index.html");
            }
        }
    }

    #[test]
    fn a_bulletin_is_named_by_plan_and_day() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 3).unwrap();
        assert_eq!(bulletin("2024-cds", d), "phat-thanh/2024-cds-2024-06-03/");
        assert_eq!(bulletin_text("2024-cds", d), "2024-cds-2024-06-03.txt");
        assert_eq!(news_list(2), "tin-tuc/trang/2/");
        assert_eq!(poster(HOME), "in/");
        assert_eq!(CAMPAIGN_POSTER, poster(HOME));
    }
}
