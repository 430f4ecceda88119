//! The typed model of a site, as loaded and validated from `content/`. Nothing here is derived:
//! aggregates live in `progress`, presentation in `render`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::indicator::words::Terms;
use crate::indicator::{BaseName, Figure, Target};

#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub zalo: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub locality: String,
    pub authority: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub description: Option<String>,
    pub theme: String,
    pub current_plan: Option<String>,
    pub contact: Contact,
    pub radio: RadioConfig,
    /// `trust_html: true`: HTML inside Markdown is published as written, not cleaned.
    pub trust_html: bool,
}

impl SiteConfig {
    pub fn raw_html(&self) -> crate::markdown::RawHtml {
        if self.trust_html {
            crate::markdown::RawHtml::Trust
        } else {
            crate::markdown::RawHtml::Sanitise
        }
    }
}

/// How the loudspeaker bulletin is read: `site.yaml`'s `radio:` with every default filled in.
#[derive(Debug, Clone)]
pub struct RadioConfig {
    /// Named in the opening and closing lines.
    pub station: String,
    pub dialect: crate::speech::Dialect,
    /// The site's own abbreviations, written form → spoken form, on top of the built-in list.
    pub lexicon: BTreeMap<String, String>,
    /// The site's own issuer codes of document numbers ("SVHTT" in "12/KH-SVHTT"), code →
    /// spoken form, on top of the built-in table.
    pub issuers: BTreeMap<String, String>,
    /// Syllables per minute the air-time estimate assumes.
    pub rate: f64,
    /// A second, slower rate to estimate with, for a station that reads slowly.
    pub slow_rate: Option<f64>,
    pub pauses: Pauses,
}

/// Seconds of silence the air-time estimate adds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pauses {
    /// After `.`, `!`, `?` or `:`.
    pub sentence: f64,
    /// After `,` or `;`.
    pub comma: f64,
    /// Between two lines (items) of the bulletin.
    pub item: f64,
}

impl RadioConfig {
    pub const RATE: f64 = 240.0;
    pub const PAUSES: Pauses = Pauses { sentence: 0.6, comma: 0.3, item: 1.0 };

    /// The speaker of this site's bulletins: its dialect (or `dialect` when the command line
    /// chose one), its lexicon and its issuer codes.
    pub fn speaker(&self, dialect: Option<crate::speech::Dialect>) -> crate::speech::Speaker {
        crate::speech::Speaker::new(dialect.unwrap_or(self.dialect), &self.lexicon).with_issuers(&self.issuers)
    }

    /// Defaults for a locality: "Đài truyền thanh xã Mỹ Phú Đông" from "xã Mỹ Phú Đông, huyện …".
    pub fn for_locality(locality: &str) -> RadioConfig {
        RadioConfig {
            station: default_station(locality),
            dialect: crate::speech::Dialect::Bac,
            lexicon: BTreeMap::new(),
            issuers: BTreeMap::new(),
            rate: Self::RATE,
            slow_rate: None,
            pauses: Self::PAUSES,
        }
    }
}

/// A commune's station is the commune's, not the district's or province's: only the first part of
/// the locality is named.
pub fn default_station(locality: &str) -> String {
    let own = locality.split(',').next().unwrap_or(locality).trim();
    format!("Đài truyền thanh {own}").trim_end().to_string()
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    /// Free-form named bases: households, population, adults, or any a plan needs.
    pub bases: BTreeMap<String, u64>,
}

#[derive(Debug, Clone)]
pub struct Units {
    /// What a unit is called here: "Khu phố", "Ấp", "Thôn"...
    pub kind: String,
    pub units: Vec<Unit>,
    /// How the site names its bases, by id (`bases:` of units.yaml), over the built-in words.
    pub base_names: BTreeMap<String, BaseName>,
}

impl Units {
    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The base `id` of the whole ward: every unit's added up.
    pub fn base_total(&self, id: &str) -> u64 {
        self.units.iter().filter_map(|u| u.bases.get(id)).sum()
    }

    /// The base `id` of `unit`, or of the whole ward for a report's `ward` row (`None`).
    pub fn base_of(&self, unit: Option<&Unit>, id: &str) -> Option<u64> {
        match unit {
            Some(u) => u.bases.get(id).copied(),
            None => Some(self.base_total(id)),
        }
    }

    /// How the base `id` is named: the site's words, else the built-in ones, else none.
    pub fn base_name(&self, id: &str) -> BaseName {
        let builtin = BaseName::builtin(id);
        match self.base_names.get(id) {
            Some(own) => {
                BaseName { label: own.label.clone().or(builtin.label), noun: own.noun.clone().or(builtin.noun) }
            }
            None => builtin,
        }
    }

    /// What the words of `ind` name: what it counts and the name of its base.
    pub fn terms(&self, ind: &Indicator) -> Terms {
        let base = ind.target.base().map(|b| self.base_name(b)).unwrap_or_default();
        ind.target.terms(ind.noun.as_deref(), &base)
    }
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub target: Target,
    pub noun: Option<String>,
    pub deadline: NaiveDate,
    pub lead: Option<String>,
    pub guide: Option<String>,
    pub unit_targets: BTreeMap<String, u64>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub lead: String,
    pub with: Vec<String>,
    pub what: String,
    pub units: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Signer {
    pub name: String,
    pub title: Option<String>,
    /// "KT. Chủ tịch" when a deputy signs on behalf.
    pub on_behalf: Option<String>,
}

/// When a plan was issued: a full date, or the partial text drafts carry ("tháng 8 năm 2024").
#[derive(Debug, Clone)]
pub enum Issued {
    Date(NaiveDate),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub slug: String,
    pub file: PathBuf,
    pub number: Option<String>,
    pub issued: Option<Issued>,
    pub issuer: String,
    pub signed_by: Option<Signer>,
    pub title: String,
    pub summary: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub basis: Vec<String>,
    pub indicators: Vec<Indicator>,
    pub tasks: Vec<Task>,
    pub body: String,
    /// Line of the file on which `body` starts, for messages about links in it.
    pub body_line: usize,
}

impl Plan {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

/// Equality is what lets a preview tell a body edit from one that changes what other pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub summary: String,
    pub audience: Option<String>,
    pub needs: Vec<String>,
    pub duration: Option<String>,
    pub help: Vec<String>,
    pub indicators: Vec<String>,
    pub order: i64,
    /// What the radio reads for each `## Bước N:` step, one sentence or a few per step in their
    /// order (`radio_steps:`); empty when the guide gives none, and the radio reads the steps.
    pub radio_steps: Vec<String>,
    pub body: String,
    /// Line of the file on which `body` starts, for messages about links in it.
    pub body_line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    HoiNghi,
    RaQuan,
    TrucHoTro,
    TapHuan,
}

impl EventKind {
    pub const ALL: [(&'static str, EventKind); 4] = [
        ("hoi-nghi", EventKind::HoiNghi),
        ("ra-quan", EventKind::RaQuan),
        ("truc-ho-tro", EventKind::TrucHoTro),
        ("tap-huan", EventKind::TapHuan),
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventKind::HoiNghi => "Hội nghị",
            EventKind::RaQuan => "Ra quân",
            EventKind::TrucHoTro => "Trực hỗ trợ",
            EventKind::TapHuan => "Tập huấn",
        }
    }

    pub fn id(self) -> &'static str {
        Self::ALL.iter().find(|(_, k)| *k == self).map(|(s, _)| *s).unwrap_or("hoi-nghi")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Confirmed,
    Tentative,
    Tba,
    Cancelled,
}

impl Status {
    pub const ALL: [(&'static str, Status); 4] = [
        ("confirmed", Status::Confirmed),
        ("tentative", Status::Tentative),
        ("tba", Status::Tba),
        ("cancelled", Status::Cancelled),
    ];

    pub fn id(self) -> &'static str {
        Self::ALL.iter().find(|(_, s)| *s == self).map(|(s, _)| *s).unwrap_or("confirmed")
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Confirmed => "Đã xác định",
            Status::Tentative => "Dự kiến",
            Status::Tba => "Sẽ thông báo sau",
            Status::Cancelled => "Đã hủy",
        }
    }
}

/// A moment in local time (Asia/Ho_Chi_Minh); no time means all day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// Weekdays, Monday = 0.
    pub days: Vec<u32>,
    pub until: NaiveDate,
}

/// Equality, as for [`Guide`], tells a body edit from one that changes what other pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub plan: Option<String>,
    pub kind: EventKind,
    pub starts: Option<When>,
    pub ends: Option<When>,
    pub status: Status,
    pub when_text: Option<String>,
    pub location: Option<String>,
    pub units: Vec<String>,
    pub attendees: Vec<String>,
    pub repeat: Option<Repeat>,
    pub body: String,
    /// Line of the file on which `body` starts, for messages about links in it.
    pub body_line: usize,
}

impl Event {
    /// The first day on or after `from` on which the event takes place, if any.
    pub fn next_occurrence(&self, from: NaiveDate) -> Option<NaiveDate> {
        let start = self.starts?;
        match &self.repeat {
            None => {
                let last = self.ends.map(|w| w.date).unwrap_or(start.date);
                (last >= from).then(|| start.date.max(from))
            }
            Some(r) => {
                let mut d = start.date.max(from);
                while d <= r.until {
                    if r.days.contains(&d.weekday().num_days_from_monday()) {
                        return Some(d);
                    }
                    d = d.succ_opt()?;
                }
                None
            }
        }
    }

    /// The last day the event takes place.
    pub fn last_day(&self) -> Option<NaiveDate> {
        let start = self.starts?;
        Some(match &self.repeat {
            Some(r) => r.until,
            None => self.ends.map(|w| w.date).unwrap_or(start.date),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub file: PathBuf,
    pub date: NaiveDate,
    pub plan: String,
    pub source: Option<String>,
    pub illustrative: bool,
    /// unit id (or `ward`) → indicator id → figure.
    pub values: BTreeMap<String, Row>,
    /// Where each figure stands, when the report is a spreadsheet: messages name its cell.
    pub sheet: Option<std::sync::Arc<SheetPlaces>>,
}

/// Where the figures of a spreadsheet report stand, for messages about them: "ô C6".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetPlaces {
    /// The sheet's name; empty for a CSV file, which has one table.
    pub sheet: String,
    /// (unit id or `ward`, indicator id) → the row and column (from 0) of its figure's cell, the
    /// first of a ratio's two.
    pub cells: BTreeMap<(String, String), (u32, u32)>,
}

/// One unit's figures in a report, by indicator id. A province's year of weekly reports holds
/// over a hundred thousand figures: a row is one small allocation, sorted by id, whose ids are
/// shared by every row of its report, rather than a map with a string per figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row(Vec<(std::sync::Arc<str>, Figure)>);

impl Row {
    pub fn get(&self, indicator: &str) -> Option<&Figure> {
        self.0.binary_search_by(|(id, _)| (**id).cmp(indicator)).ok().map(|i| &self.0[i].1)
    }

    /// Sets the figure of `indicator`, replacing any before it.
    pub fn insert(&mut self, indicator: std::sync::Arc<str>, figure: Figure) {
        match self.0.binary_search_by(|(id, _)| id.cmp(&indicator)) {
            Ok(i) => self.0[i].1 = figure,
            Err(i) => self.0.insert(i, (indicator, figure)),
        }
    }

    /// By indicator id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Figure)> {
        self.0.iter().map(|(id, f)| (&**id, f))
    }
}

/// Equality, as for [`Guide`], tells a body edit from one that changes what other pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct News {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub date: NaiveDate,
    pub summary: Option<String>,
    pub plan: Option<String>,
    pub body: String,
    /// Line of the file on which `body` starts, for messages about links in it.
    pub body_line: usize,
}

#[derive(Debug, Clone)]
pub struct StaticFile {
    pub abs: PathBuf,
    /// Path under the output root, with `/` separators.
    pub out: String,
}

/// A whole site, loaded and validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub units: Units,
    pub plans: Vec<Plan>,
    pub guides: Vec<Guide>,
    pub events: Vec<Event>,
    pub reports: Vec<Report>,
    pub news: Vec<News>,
    pub statics: Vec<StaticFile>,
    /// Template overrides found in `DIR/templates/` (name → source).
    pub templates: BTreeMap<String, String>,
    /// Ids whose own definition failed; references to them are not reported again.
    pub broken: Broken,
}

/// Ids that exist in the content but could not be read: a plan file with an error, an indicator
/// or unit with a bad field. The error is reported once, at its definition, rather than again at
/// every report, event and guide that names the id.
#[derive(Debug, Default, Clone)]
pub struct Broken {
    pub plans: std::collections::BTreeSet<String>,
    /// Guides whose file exists but could not be read: a reference to one is not a second error.
    pub guides: std::collections::BTreeSet<String>,
    /// `units:` of units.yaml is not a list, so no reference to a unit can be checked.
    pub all_units: bool,
    pub units: std::collections::BTreeSet<String>,
    pub indicators: std::collections::BTreeSet<String>,
}

/// A Markdown body of the site: the kind and slug of what it is the body of, the file it is read
/// from, its text and the line of the file it starts on.
pub struct Body<'a> {
    pub kind: super::kind::Kind,
    pub slug: &'a str,
    pub file: &'a Path,
    pub text: &'a str,
    pub line: usize,
}

impl Site {
    /// Every Markdown body: of the plans, guides, events and news, each kind in site order.
    pub fn bodies(&self) -> impl Iterator<Item = Body<'_>> {
        use super::kind::Kind;
        let plans = self.plans.iter().map(|p| Body {
            kind: Kind::Plan,
            slug: &p.slug,
            file: &p.file,
            text: &p.body,
            line: p.body_line,
        });
        let guides = self.guides.iter().map(|g| Body {
            kind: Kind::Guide,
            slug: &g.slug,
            file: &g.file,
            text: &g.body,
            line: g.body_line,
        });
        let events = self.events.iter().map(|e| Body {
            kind: Kind::Event,
            slug: &e.slug,
            file: &e.file,
            text: &e.body,
            line: e.body_line,
        });
        let news = self.news.iter().map(|n| Body {
            kind: Kind::News,
            slug: &n.slug,
            file: &n.file,
            text: &n.body,
            line: n.body_line,
        });
        plans.chain(guides).chain(events).chain(news)
    }

    pub fn plan(&self, slug: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.slug == slug)
    }

    pub fn guide(&self, slug: &str) -> Option<&Guide> {
        self.guides.iter().find(|g| g.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::{Figure, Row};
    use std::sync::Arc;

    #[test]
    fn a_row_finds_each_figure_by_id_in_id_order() {
        let mut row = Row::default();
        for (id, n) in [("vneid", 3), ("cccd", 1), ("dvc", 2)] {
            row.insert(Arc::from(id), Figure::Count(n));
        }
        row.insert(Arc::from("cccd"), Figure::Count(10));
        assert_eq!(row.get("cccd"), Some(&Figure::Count(10)));
        assert_eq!(row.get("dvc"), Some(&Figure::Count(2)));
        assert_eq!(row.get("khac"), None);
        let ids: Vec<&str> = row.iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["cccd", "dvc", "vneid"]);
    }
}
