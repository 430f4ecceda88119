//! Printable A4 posters (`.../in/`) for the café wall and the hamlet's notice board: large
//! type, the steps or the date and place, and a QR code to the page itself.
//!
//! A poster prints on one A4 sheet, always. The theme lays it out in two columns on paper
//! (the facts and steps on the left, the QR code and where to get help on the right) at one of
//! seven type sizes, [`PosterView::fit`], which [`fit`] picks here from how much the poster says;
//! what still does not fit at the smallest size (a guide of many steps) is cut, saying how much
//! more the page behind the QR code has. A poster stays true for as long as it hangs: a repeating
//! event prints its rule, never its next session, and no poster prints a status word of the
//! schedule's ("Đã xác định"), only what a status means to a resident (a cancellation).

use serde::Serialize;

use super::views::{EventView, GuideView, HomeView};
use super::when::{repeat_rule, status_note};
use crate::content::model::{Event, Site, Status};
use crate::format::long_date;
use crate::paths;
use crate::qr;
use crate::schedule::When;

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
    /// What a resident must know before anything else, in a box: "Sự kiện này đã bị hủy.";
    /// empty for most posters.
    pub notice: String,
    pub lead: String,
    pub facts: Vec<Fact>,
    /// Short lines read top to bottom: the guide's steps, the campaign's targets.
    pub steps_title: &'static str,
    pub steps: Vec<String>,
    /// When steps were cut to fit the sheet: how many more the page has. Empty otherwise.
    pub steps_more: String,
    /// Below the steps, as large: what is coming (the campaign's next events). Empty otherwise.
    pub agenda_title: &'static str,
    pub agenda: Vec<String>,
    /// Beside the steps, under the QR code, smaller: where to get help, whom to call.
    pub more_title: &'static str,
    pub more: Vec<String>,
    /// The page's absolute URL, in the QR code and written out for those without a camera.
    pub url: String,
    pub url_text: String,
    /// `url_text` cut after each "/", each part ending with its "/": the only places the
    /// written address may wrap.
    pub url_parts: Vec<String>,
    pub qr_svg: String,
    /// The QR code's caption.
    pub scan: &'static str,
    /// Back to the page on screen, relative.
    pub back: String,
    /// The poster page's description (for a link shared on Zalo): an event's time and place;
    /// empty for the others, whose page describes them.
    #[serde(skip)]
    pub description: String,
    /// The type size on paper, 0 (largest) to 6 (smallest): the theme's `poster-fit-N`.
    pub fit: u8,
}

impl PosterView {
    /// A poster for the page at `url`: its QR code and written address; the rest filled in after.
    fn new(url: String, kicker: String, title: String, lead: String) -> PosterView {
        let url_text = url_text(&url);
        PosterView {
            qr_svg: qr_for(&url, &title),
            scan: SCAN,
            url_parts: url_parts(&url_text),
            url_text,
            url,
            kicker,
            title,
            notice: String::new(),
            lead,
            facts: Vec::new(),
            steps_title: "",
            steps: Vec::new(),
            steps_more: String::new(),
            agenda_title: "",
            agenda: Vec::new(),
            more_title: "",
            more: Vec::new(),
            back: "../".into(),
            fit: 0,
            description: String::new(),
        }
    }

    /// Picks the type size, and cuts steps and help lines that would not fit at the smallest.
    fn fitted(mut self) -> PosterView {
        fit(&mut self);
        self
    }
}

fn qr_for(url: &str, title: &str) -> String {
    qr::svg(url, &format!("Mã QR dẫn đến trang “{title}”: {url}")).unwrap_or_default()
}

fn url_text(url: &str) -> String {
    url.split_once("://").map_or(url, |(_, rest)| rest).trim_end_matches('/').to_string()
}

/// `a.vn/huong-dan/x` → `a.vn/`, `huong-dan/`, `x`.
fn url_parts(text: &str) -> Vec<String> {
    text.split_inclusive('/').map(str::to_string).collect()
}

/// `7h30 – 11h00` on one line: the hours of [`super::when::time_range`] joined by no-break
/// spaces and a word joiner (a line may break after a dash, even before a no-break space), as
/// printed type must not leave "11h00" alone at the start of a line.
fn keep_hours(text: &str) -> String {
    text.replace(" – ", "\u{a0}–\u{2060}\u{a0}")
}

/// "Điện thoại: 0254 3852 123", the number on one line.
fn phone(site: &Site) -> Option<String> {
    site.config.contact.phone.as_ref().map(|p| format!("Điện thoại: {}", p.replace(' ', "\u{a0}")))
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
    more.extend(phone(site));
    PosterView {
        facts,
        steps_title: "Các bước",
        steps: g.toc.iter().map(|t| step_text(&t.text)).collect(),
        more_title: "Cần giúp đỡ? Hỏi tại",
        more,
        ..PosterView::new(url, "Hướng dẫn".into(), g.title.clone(), g.summary.clone())
    }
    .fitted()
}

/// An event's poster, as of `w`. When it is is said in words that stay true while the poster
/// hangs: a repeating event's rule (and its first day, while that is still to come), or the
/// event's own days.
pub fn event(site: &Site, e: &Event, w: When, ev: &EventView) -> PosterView {
    let url = format!("{}{}", site.config.base_url, ev.path);
    let when = repeat_rule(e).unwrap_or_else(|| ev.when_text.clone());
    let mut facts = Vec::new();
    if let (Some(_), Some(s), When::Upcoming(next)) = (&e.repeat, e.starts, w) {
        if next == s.date {
            facts.push(Fact { label: "Bắt đầu", value: long_date(s.date) });
        }
    }
    facts.push(Fact { label: "Thời gian", value: keep_hours(&when) });
    if let Some(l) = &ev.location {
        facts.push(Fact { label: "Địa điểm", value: l.clone() });
    }
    if !ev.attendees.is_empty() {
        facts.push(Fact { label: "Thành phần", value: ev.attendees.join("; ") });
    }
    if !ev.units.is_empty() {
        facts.push(Fact { label: "Dành cho", value: ev.units.join(", ") });
    }
    // A cancellation is the first thing the poster says; any other status only what it means
    // for a resident, never the schedule's word for it.
    let note = status_note(e.status);
    let notice = if e.status == Status::Cancelled { note.to_string() } else { String::new() };
    if e.status != Status::Cancelled && !note.is_empty() {
        facts.push(Fact { label: "Lưu ý", value: note.to_string() });
    }
    let mut more: Vec<String> = phone(site).into_iter().collect();
    if let Some(z) = &site.config.contact.zalo {
        more.push(format!("Zalo: {z}"));
    }
    let description = [Some(when), ev.location.clone()].into_iter().flatten().collect::<Vec<_>>().join(" — ");
    PosterView {
        description,
        notice,
        facts,
        more_title: "Liên hệ",
        more,
        ..PosterView::new(url, ev.kind_label.to_string(), ev.title.clone(), String::new())
    }
    .fitted()
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
    let agenda = home
        .events
        .iter()
        .map(|card| {
            let place = card.location.as_deref().map(|l| format!(", {l}")).unwrap_or_default();
            // A repeating event says its rule here too: its next session is stale the next day.
            let event = site.events.iter().find(|e| paths::event(&e.slug) == card.path);
            let when = event.and_then(repeat_rule).unwrap_or_else(|| card.when_text.clone());
            format!("{}: {}{place}", card.title, keep_hours(&when))
        })
        .collect();
    PosterView {
        steps_title: "Chỉ tiêu",
        steps,
        agenda_title: "Sắp diễn ra",
        agenda,
        more_title: "Liên hệ",
        more: phone(site).into_iter().collect(),
        ..PosterView::new(url, site.config.title.clone(), title, lead)
    }
    .fitted()
}

// --- fitting the sheet ----------------------------------------------------------------------
//
// A model of the theme's print layout (`style.css`, `/* A4 posters`), in millimetres: the
// sheet less its margins, the columns, and each part's type size in points at `poster-fit-3`;
// every size but the QR code's, its caption's and the address's is multiplied by `SCALES[fit]`,
// and none is below `MIN_PT`. Lines are counted from characters at the average advance of
// DejaVu Sans (what Chromium prints with on Debian; Segoe UI and Roboto are narrower), with a
// tenth more for the ends of lines words do not fill. `tests/browser/posters.mjs` prints every
// poster and fails any that takes a second sheet or has text cut off.

/// The poster's height on paper: the theme's 265 mm (A4's 297 mm less its 14 mm margins, less
/// 4 mm spare), less 3 mm more.
const SHEET_MM: f32 = 262.0;
/// A4's 210 mm less the margins.
const PAGE_MM: f32 = 182.0;
/// The right column, and the gap before it.
const SIDE_MM: f32 = 64.0;
const GAP_MM: f32 = 8.0;
const QR_MM: f32 = 56.0;
const PT_MM: f32 = 25.4 / 72.0;
/// The type size of `poster-fit-N`, relative to `poster-fit-3`: larger for a poster that says
/// little (an event: its day, time and place), smaller for a long guide.
pub const SCALES: [f32; 7] = [1.7, 1.4, 1.2, 1.0, 0.9, 0.8, 0.7];
/// No type on a poster is smaller, in points.
const MIN_PT: f32 = 11.0;

/// A type size of the theme at fit 3, at scale `s`.
fn pt(base: f32, s: f32) -> f32 {
    (base * s).max(MIN_PT)
}

/// Lines `text` takes in a column `width` mm wide at `pt` points; `bold` type is wider.
fn lines(text: &str, width: f32, pt: f32, bold: bool) -> f32 {
    let advance = if bold { 0.59 } else { 0.53 } * pt * PT_MM;
    let per_line = (width / advance).floor().max(1.0);
    let chars = text.chars().count() as f32 * 1.1;
    (chars / per_line).ceil().max(1.0)
}

/// Height in mm of `n` lines at `pt` points, line-height `lh`.
fn tall(n: f32, pt: f32, lh: f32) -> f32 {
    n * pt * PT_MM * lh
}

struct Heights {
    head: f32,
    left: f32,
    right: f32,
    foot: f32,
}

impl Heights {
    fn total(&self) -> f32 {
        self.head + self.left.max(self.right) + self.foot
    }
}

fn heights(p: &PosterView, s: f32) -> Heights {
    let left_w = PAGE_MM - SIDE_MM - GAP_MM;
    let (h1, notice, lead) = (pt(28.0, s), pt(17.0, s), pt(15.0, s));
    let mut head = tall(1.0, pt(13.0, s), 1.3) + tall(lines(&p.title, PAGE_MM, h1, true), h1, 1.15) + 3.0 + 4.0;
    if !p.notice.is_empty() {
        head += tall(lines(&p.notice, PAGE_MM - 8.0, notice, true), notice, 1.3) + 3.0 + 4.6;
    }
    if !p.lead.is_empty() {
        head += tall(lines(&p.lead, PAGE_MM, lead, false), lead, 1.3) + 2.0;
    }
    let mut left = 0.0;
    let fact = pt(15.0, s);
    for f in &p.facts {
        left += tall(1.0 + lines(&f.value, left_w, fact, false), fact, 1.3) + 0.35 * fact * PT_MM;
    }
    if !p.facts.is_empty() {
        left += 3.0;
    }
    if !p.steps.is_empty() {
        let (h2, step) = (pt(17.0, s), pt(16.0, s));
        left += tall(1.0, h2, 1.3) + 2.0;
        for text in &p.steps {
            left += tall(lines(text, left_w - 1.4 * step * PT_MM, step, false), step, 1.3) + 0.3 * step * PT_MM;
        }
        if !p.steps_more.is_empty() {
            let more = pt(14.0, s);
            left += tall(lines(&p.steps_more, left_w, more, false), more, 1.3) + 2.0;
        }
    }
    if !p.agenda.is_empty() {
        let (h2, item) = (pt(17.0, s), pt(15.0, s));
        left += 4.0 + tall(1.0, h2, 1.3) + 2.0;
        for text in &p.agenda {
            left += tall(lines(text, left_w - 1.1 * item * PT_MM, item, false), item, 1.3) + 0.3 * item * PT_MM;
        }
    }
    let scan = pt(12.0, s);
    let mut right = QR_MM + 2.0 + tall(lines(SCAN, SIDE_MM, scan, false), scan, 1.3);
    if !p.more.is_empty() {
        let (h2, item) = (pt(14.0, s), pt(12.5, s));
        right += 4.0 + 3.0 + 1.0 + tall(1.0, h2, 1.3) + 1.0;
        for m in &p.more {
            right += tall(lines(m, SIDE_MM - 6.0 - 1.1 * item * PT_MM, item, false), item, 1.3) + 1.5;
        }
    }
    // The address wraps only after a "/": a line per run of parts that fits.
    let per_line = (PAGE_MM / (0.6 * 16.0 * PT_MM)).floor();
    let (mut url_lines, mut used) = (1.0, 0.0);
    for part in &p.url_parts {
        let n = part.chars().count() as f32;
        if used + n > per_line && used > 0.0 {
            url_lines += 1.0;
            used = 0.0;
        }
        used += n;
    }
    let foot = 4.0 + 2.0 + 0.6 + tall(1.0, 12.0, 1.3) + tall(url_lines, 16.0, 1.25) + 1.0 + tall(1.0, 11.0, 1.3);
    Heights { head, left, right, foot }
}

/// The QR code's caption.
const SCAN: &str = "Quét mã QR bằng camera điện thoại hoặc Zalo để xem đầy đủ.";

/// Sets `p.fit` to the largest type that fits the sheet; at the smallest, cuts the last steps
/// (saying how many more the page has) and then the lines of help before the last, until it fits.
fn fit(p: &mut PosterView) {
    for (i, s) in SCALES.iter().enumerate() {
        p.fit = i as u8;
        if heights(p, *s).total() <= SHEET_MM {
            return;
        }
    }
    let s = SCALES[SCALES.len() - 1];
    let all = p.steps.len();
    let fits = |h: Heights, column: fn(&Heights) -> f32| h.head + column(&h) + h.foot <= SHEET_MM;
    while p.steps.len() > 1 && !fits(heights(p, s), |h| h.left) {
        p.steps.pop();
        p.steps_more = format!("Còn {} bước nữa: quét mã QR để xem đầy đủ.", all - p.steps.len());
    }
    while p.more.len() > 1 && !fits(heights(p, s), |h| h.right) {
        p.more.remove(p.more.len() - 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poster(title: &str, steps: usize) -> PosterView {
        PosterView {
            steps: (1..=steps).map(|i| format!("Mở ứng dụng và làm theo hướng dẫn trên màn hình {i}")).collect(),
            ..PosterView::new(
                "https://a.example.gov.vn/huong-dan/x/".into(),
                "Hướng dẫn".into(),
                title.into(),
                String::new(),
            )
        }
        .fitted()
    }

    #[test]
    fn the_address_is_cut_after_each_slash() {
        assert_eq!(url_text("https://a.vn/cong-dan-so/huong-dan/x/"), "a.vn/cong-dan-so/huong-dan/x");
        assert_eq!(url_parts("a.vn/cong-dan-so/huong-dan/x"), ["a.vn/", "cong-dan-so/", "huong-dan/", "x"]);
        assert_eq!(url_parts("a.vn"), ["a.vn"]);
    }

    #[test]
    fn hours_stay_on_one_line() {
        assert_eq!(keep_hours("Thứ Hai, 7h30 – 11h00"), "Thứ Hai, 7h30\u{a0}–\u{2060}\u{a0}11h00");
    }

    #[test]
    fn more_text_smaller_type_and_the_rest_cut() {
        let fits: Vec<u8> = [0, 4, 8, 12].iter().map(|n| poster("Kích hoạt", *n).fit).collect();
        assert!(fits.windows(2).all(|w| w[0] <= w[1]), "{fits:?}");
        assert_eq!(fits[0], 0, "a short poster in the largest type");
        let long = poster("Kích hoạt", 60);
        assert_eq!(long.fit as usize, SCALES.len() - 1);
        assert!(long.steps.len() < 60 && !long.steps.is_empty());
        assert_eq!(long.steps_more, format!("Còn {} bước nữa: quét mã QR để xem đầy đủ.", 60 - long.steps.len()));
        assert!(heights(&long, SCALES[SCALES.len() - 1]).total() <= SHEET_MM);
    }
}
