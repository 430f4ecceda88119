//! Printable A4 posters (`.../in/`) for the café wall and the hamlet's notice board: large
//! type, the steps or the date and place, and a QR code to the page itself.

use serde::Serialize;

use super::views::{EventView, GuideView, HomeView};
use crate::content::model::Site;
use crate::qr;

#[derive(Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Serialize)]
pub struct PosterView {
    /// "Hướng dẫn", "Lịch", or the campaign's name.
    pub kicker: String,
    pub title: String,
    pub lead: String,
    pub facts: Vec<Fact>,
    /// Short lines read top to bottom: the guide's steps, the campaign's targets.
    pub steps_title: &'static str,
    pub steps: Vec<String>,
    /// Lower down, smaller: where to get help, what else is coming.
    pub more_title: &'static str,
    pub more: Vec<String>,
    /// The page's absolute URL, in the QR code and written out for those without a camera.
    pub url: String,
    pub url_text: String,
    pub qr_svg: String,
    /// Back to the page on screen, relative.
    pub back: String,
}

impl PosterView {
    /// A poster for the page at `url`: its QR code and written address; the rest filled in after.
    fn new(url: String, kicker: String, title: String, lead: String) -> PosterView {
        PosterView {
            qr_svg: qr_for(&url, &title),
            url_text: url_text(&url),
            url,
            kicker,
            title,
            lead,
            facts: Vec::new(),
            steps_title: "",
            steps: Vec::new(),
            more_title: "",
            more: Vec::new(),
            back: "../".into(),
        }
    }
}

fn qr_for(url: &str, title: &str) -> String {
    qr::svg(url, &format!("Mã QR dẫn đến trang “{title}”: {url}")).unwrap_or_default()
}

fn url_text(url: &str) -> String {
    url.split_once("://").map_or(url, |(_, rest)| rest).trim_end_matches('/').to_string()
}

/// The "Bước 1: Tải ứng dụng" headings without their number: the poster numbers them itself.
fn step_text(text: &str) -> String {
    match text.split_once(':') {
        Some((head, rest)) if head.trim_start().to_lowercase().starts_with("bước") => rest.trim().to_string(),
        _ => text.to_string(),
    }
}

pub fn guide(site: &Site, g: &GuideView) -> PosterView {
    let url = format!("{}{}", site.config.base_url, g.path);
    let mut facts = Vec::new();
    if let Some(a) = &g.audience {
        facts.push(Fact { label: "Dành cho", value: a.clone() });
    }
    if !g.needs.is_empty() {
        facts.push(Fact { label: "Mang theo", value: g.needs.join("; ") });
    }
    if let Some(d) = &g.duration {
        facts.push(Fact { label: "Thời gian", value: d.clone() });
    }
    let mut more = g.help.clone();
    if let Some(p) = &site.config.contact.phone {
        more.push(format!("Điện thoại: {p}"));
    }
    PosterView {
        facts,
        steps_title: "Các bước",
        steps: g.toc.iter().map(|t| step_text(&t.text)).collect(),
        more_title: "Cần giúp đỡ? Hỏi tại",
        more,
        ..PosterView::new(url, "Hướng dẫn".into(), g.title.clone(), g.summary.clone())
    }
}

pub fn event(site: &Site, e: &EventView) -> PosterView {
    let url = format!("{}{}", site.config.base_url, e.path);
    let mut facts = vec![Fact { label: "Thời gian", value: e.when_text.clone() }];
    if !e.next_text.is_empty() {
        facts.push(Fact { label: "Buổi tới", value: e.next_text.clone() });
    }
    if let Some(l) = &e.location {
        facts.push(Fact { label: "Địa điểm", value: l.clone() });
    }
    if !e.attendees.is_empty() {
        facts.push(Fact { label: "Thành phần", value: e.attendees.join("; ") });
    }
    if !e.units.is_empty() {
        facts.push(Fact { label: "Dành cho", value: e.units.join(", ") });
    }
    if !e.status_note.is_empty() {
        facts.push(Fact { label: "Lưu ý", value: e.status_note.clone() });
    }
    let mut more = Vec::new();
    if let Some(p) = &site.config.contact.phone {
        more.push(format!("Điện thoại: {p}"));
    }
    if let Some(z) = &site.config.contact.zalo {
        more.push(format!("Zalo: {z}"));
    }
    PosterView {
        facts,
        more_title: "Liên hệ",
        more,
        ..PosterView::new(url, e.kind_label.to_string(), e.title.clone(), e.status_label.to_string())
    }
}

/// One poster for the whole campaign: its targets, what is coming, and the site's address.
pub fn campaign(site: &Site, home: &HomeView) -> PosterView {
    let url = site.config.base_url.clone();
    let (title, lead, steps) = match &home.plan {
        Some(p) => (
            p.title.clone(),
            format!("{} {}", p.number_text, p.period_text).trim().to_string(),
            p.indicators.iter().map(|i| format!("{}: {}", i.name, i.target_text)).collect(),
        ),
        None => (site.config.title.clone(), String::new(), Vec::new()),
    };
    let mut more: Vec<String> = home
        .events
        .iter()
        .map(|e| {
            let place = e.location.as_deref().map(|l| format!(", {l}")).unwrap_or_default();
            format!("{}: {}{place}", e.title, e.when_text)
        })
        .collect();
    if let Some(p) = &site.config.contact.phone {
        more.push(format!("Điện thoại: {p}"));
    }
    PosterView {
        steps_title: "Chỉ tiêu",
        steps,
        more_title: "Sắp diễn ra",
        more,
        ..PosterView::new(url, site.config.title.clone(), title, lead)
    }
}
