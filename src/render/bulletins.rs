//! `/phat-thanh/`: the loudspeaker bulletin of every report date of every plan, as a page and as
//! the plain-text file the station reads from — the same text `bangtin radio --date` prints.

use serde::Serialize;

use super::format::{self, date, long_date};
use super::views::Link;
use super::Renderer;
use crate::content::model::Site;
use crate::radio::airtime;
use crate::radio::bulletin::{self, Bulletin, Kind};
use crate::radio::Speaker;

#[derive(Serialize)]
pub struct SectionView {
    pub id: &'static str,
    pub kind: Kind,
    pub title: String,
    pub duration_text: String,
    /// Spoken text, one paragraph per item.
    pub lines: Vec<String>,
}

#[derive(Serialize)]
pub struct RadioView {
    pub path: String,
    /// The plain-text file's name, beside the page.
    pub txt: String,
    pub iso: String,
    pub date_text: String,
    pub station: String,
    pub plan: Link,
    pub plan_number: Option<String>,
    pub as_of_text: String,
    pub duration_text: String,
    pub rate_text: String,
    /// "5 phút 10 giây khi đọc 200 tiếng một phút", when the site gives a slow rate.
    pub slow_text: Option<String>,
    pub sections: Vec<SectionView>,
}

/// One line of the list at `/phat-thanh/`.
#[derive(Serialize)]
pub struct RadioCard {
    pub path: String,
    pub txt_path: String,
    pub iso: String,
    pub date_text: String,
    pub plan_title: String,
    pub plan_number: Option<String>,
    pub duration_text: String,
}

#[derive(Serialize)]
pub struct RadioList {
    pub bulletins: Vec<RadioCard>,
    pub station: String,
}

fn section_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Opening => "mo-dau",
        Kind::Progress => "tien-do",
        Kind::Events => "lich-sap-toi",
        Kind::Guide => "huong-dan",
        Kind::Notices => "thong-bao",
        Kind::Closing => "ket-thuc",
    }
}

fn view(b: &Bulletin, plan_title: &str, slug: &str) -> RadioView {
    RadioView {
        path: format!("phat-thanh/{slug}/"),
        txt: format!("{slug}.txt"),
        iso: format::iso(b.date),
        date_text: long_date(b.date),
        station: b.station.clone(),
        plan: Link { title: plan_title.to_string(), path: format!("ke-hoach/{}/", b.plan) },
        plan_number: b.plan_number.clone(),
        as_of_text: b.as_of.map(date).unwrap_or_default(),
        duration_text: airtime::duration(b.seconds),
        rate_text: format::decimal(b.pace.rate),
        slow_text: b
            .slow
            .map(|(p, secs)| format!("{} khi đọc {} tiếng một phút", airtime::duration(secs), format::decimal(p.rate))),
        sections: b
            .sections
            .iter()
            .map(|s| SectionView {
                id: section_id(s.kind),
                kind: s.kind,
                title: s.title.clone(),
                duration_text: airtime::duration(s.seconds),
                lines: s.lines().map(str::to_string).collect(),
            })
            .collect(),
    }
}

/// Every bulletin's page and `.txt`, and the list of them, newest first.
pub(super) fn pages(r: &Renderer, site: &Site) {
    use rayon::prelude::*;
    let cfg = &site.config.radio;
    let sp = Speaker::new(cfg.dialect, &cfg.lexicon);
    let mut cards = Vec::new();
    for plan in &site.plans {
        // One bulletin per report date (a plan has one report a day), as the reports up to it
        // give the progress: read once, in date order, while the bulletins are composed on
        // every core.
        let mut tracker = crate::progress::Tracker::new(site, plan);
        let snapshots = site.reports.iter().filter(|x| x.plan == plan.slug).map(|report| {
            tracker.read(report);
            (report, tracker.indicators(report.date))
        });
        let made: Vec<RadioCard> = snapshots
            .par_bridge()
            .map(|(report, progress)| {
                let d = report.date;
                let last = Some((d, report.illustrative));
                let b = bulletin::compose_with(site, plan, d, &sp, last, progress);
                let slug = bulletin::slug(&plan.slug, d);
                let v = view(&b, &plan.title, &slug);
                r.file(format!("{}{}", v.path, v.txt), bulletin::text(&b).into_bytes());
                let title = format!("Bản tin phát thanh ngày {}", date(d));
                let desc = format!(
                    "Bản tin “Công dân số” của {} ngày {}, viết sẵn cách đọc để phát trên loa; khoảng {}.",
                    b.station,
                    date(d),
                    v.duration_text
                );
                let meta = super::views::PageMeta::new(site, &v.path, &title, &desc);
                r.page("radio.html", &v.path, meta, &v);
                RadioCard {
                    txt_path: format!("{}{}", v.path, v.txt),
                    path: v.path,
                    iso: v.iso,
                    date_text: v.date_text,
                    plan_title: plan.title.clone(),
                    plan_number: v.plan_number,
                    duration_text: v.duration_text,
                }
            })
            .collect();
        cards.extend(made);
    }
    cards.sort_by(|a, b| b.iso.cmp(&a.iso).then(a.path.cmp(&b.path)));
    let meta = super::views::PageMeta::new(
        site,
        "phat-thanh/",
        "Phát thanh",
        "Bản tin “Công dân số” để Đài truyền thanh đọc trên loa: tiến độ, lịch sắp tới, hướng dẫn và thông báo, viết sẵn cách đọc.",
    );
    r.page("radio_list.html", "phat-thanh/", meta, &RadioList { bulletins: cards, station: cfg.station.clone() });
}
