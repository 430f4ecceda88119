//! Render: turns the loaded site and its derived progress into output files — HTML pages
//! through tera templates, and the theme's static files — handed to a [`Sink`] as they are
//! made. Pure: nothing here touches the disk except reading a non-default theme folder; `output`
//! writes. Render knows nothing of the link check: `check` reads what passes through the sink.

mod bulletins;
mod calendar;
pub mod data;
pub mod edit;
mod feed;
pub mod offline;
mod poster;
mod template_error;
mod views;
mod when;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use crate::content::model::{Event, Guide, News, Site, Unit};
use crate::diag::{Diagnostic, Diagnostics};
use crate::lock::locked;
use crate::markdown;
use crate::paths;
use crate::progress;
use crate::schedule;
use crate::search;
use views::*;

/// `/tim-kiem/`: without JavaScript, the list of the first guides ([`SEARCH_GUIDES`]).
#[derive(Serialize)]
struct SearchView<'a> {
    guides: &'a [GuideEntry],
    /// How many guides the site has, all on `/huong-dan/`, as written ("2.000"); empty when
    /// `guides` is every one.
    all: String,
}

/// Guides the search page lists for readers without JavaScript: a ward's every guide, and not
/// a province's 2,000 (half a megabyte of page, loaded by everyone who searches).
const SEARCH_GUIDES: usize = 12;

/// One file of the built site.
pub struct OutFile {
    /// Path under the output root, `/`-separated, never starting with `/` or containing `..`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A file a preview's edit changed only from some point on: its first `keep` bytes as they
/// were, then `tail`. A new week's report adds its rows at the end of a plan's CSV file (17 MB
/// at 10k pages), which the preview then extends where it is rather than copying it whole.
pub struct Grown {
    pub path: String,
    pub keep: usize,
    pub tail: Vec<u8>,
}

/// The default theme, compiled in so a site folder anywhere builds with nothing beside it.
const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("components.html", include_str!("../../themes/default/templates/components.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("plan.html", include_str!("../../themes/default/templates/plan.html")),
    ("progress.html", include_str!("../../themes/default/templates/progress.html")),
    ("guides.html", include_str!("../../themes/default/templates/guides.html")),
    ("guide.html", include_str!("../../themes/default/templates/guide.html")),
    ("events.html", include_str!("../../themes/default/templates/events.html")),
    ("event.html", include_str!("../../themes/default/templates/event.html")),
    ("unit_events.html", include_str!("../../themes/default/templates/unit_events.html")),
    ("news_list.html", include_str!("../../themes/default/templates/news_list.html")),
    ("news.html", include_str!("../../themes/default/templates/news.html")),
    ("radio_list.html", include_str!("../../themes/default/templates/radio_list.html")),
    ("radio.html", include_str!("../../themes/default/templates/radio.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("poster.html", include_str!("../../themes/default/templates/poster.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
];
const THEME_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("tim-kiem.js", include_bytes!("../../themes/default/static/tim-kiem.js")),
    ("chia-se.png", include_bytes!("../../themes/default/static/chia-se.png")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
];

/// Where the theme files come from: the embedded default, a theme folder, then the site's own
/// `templates/` — later ones override earlier ones by name.
fn load_theme(site: &Site) -> Result<(Tera, BTreeMap<String, Vec<u8>>), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut sources: BTreeMap<String, (PathBuf, String)> = THEME_TEMPLATES
        .iter()
        .map(|(n, s)| (n.to_string(), (PathBuf::from(format!("themes/default/templates/{n}")), s.to_string())))
        .collect();
    let mut statics: BTreeMap<String, Vec<u8>> =
        THEME_STATIC.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
    if site.config.theme != "default" {
        let candidates = [
            site.root.join("themes").join(&site.config.theme),
            site.root.join("..").join("themes").join(&site.config.theme),
        ];
        match candidates.iter().find(|p| p.is_dir()) {
            None => {
                diags.push(
                    Diagnostic::new("site.yaml", format!("không tìm thấy giao diện “{}”", site.config.theme))
                        .field("theme")
                        .expected(format!(
                            "thư mục themes/{}/ cạnh thư mục nội dung, hoặc “theme: default”",
                            site.config.theme
                        )),
                );
                return Err(diags);
            }
            Some(dir) => {
                for entry in walkdir::WalkDir::new(dir.join("templates"))
                    .min_depth(1)
                    .max_depth(1)
                    .sort_by_file_name()
                    .into_iter()
                    .flatten()
                {
                    if entry.file_type().is_file() {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        let rel = PathBuf::from(format!("themes/{}/templates/{name}", site.config.theme));
                        if let Some(t) = crate::content::source::read_text(entry.path(), &rel, &mut diags) {
                            sources.insert(name, (rel, t));
                        }
                    }
                }
                for entry in
                    walkdir::WalkDir::new(dir.join("static")).min_depth(1).sort_by_file_name().into_iter().flatten()
                {
                    if entry.file_type().is_file() && !entry.path_is_symlink() {
                        let under = entry.path().strip_prefix(dir.join("static")).unwrap_or(entry.path());
                        let out = under
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .collect::<Vec<_>>()
                            .join("/");
                        match std::fs::read(entry.path()) {
                            Ok(b) => {
                                statics.insert(out, b);
                            }
                            Err(e) => diags.push(Diagnostic::new(
                                entry.path(),
                                format!("không đọc được tệp: {}", crate::diag::io_vi(&e)),
                            )),
                        }
                    }
                }
            }
        }
    }
    for (name, src) in &site.templates {
        // An override only takes effect under a theme template's name; a misspelt one would be
        // silently ignored. Names starting with `_` are the site's own partials.
        if !sources.contains_key(name) && !name.starts_with('_') {
            let known: Vec<&str> = sources.keys().map(String::as_str).collect();
            diags.push(
                Diagnostic::new(format!("templates/{name}"), format!("giao diện không có mẫu trang “{name}” để thay"))
                    .expected(format!(
                        "tên một mẫu của giao diện: {}; mẫu dùng chung mới đặt tên bắt đầu bằng “_”",
                        known.join(", ")
                    ))
                    .hint(crate::text::did_you_mean(name, known.iter().copied())),
            );
            continue;
        }
        sources.insert(name.clone(), (PathBuf::from(format!("templates/{name}")), src.clone()));
    }
    let mut tera = Tera::new();
    // Every template writes HTML whatever its name ends with, so a site's partial `_x.txt`
    // included in a page is escaped like the page; and both quotes are escaped, so an override
    // may quote its attributes either way.
    tera.autoescape_on([""]);
    tera.set_escape_fn(crate::text::escape_html);
    if !diags.is_empty() {
        return Err(diags);
    }
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, (_, s))| (n.as_str(), s.as_str()))) {
        // tera names the template in its message; point at the file it came from when we can.
        let msg = e.to_string();
        let named = msg.split_once("--> ").and_then(|(_, rest)| rest.split(':').next()).map(str::trim);
        let file = named
            .and_then(|n| sources.get(n))
            .or_else(|| sources.iter().find(|(n, _)| msg.contains(&format!("'{n}'"))).map(|(_, v)| v))
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| PathBuf::from("templates"));
        diags.push(template_error::diagnostic(&file, &e));
        return Err(diags);
    }
    Ok((tera, statics))
}

/// Where rendered files go as they are made: kept in memory (`serve`, `check`), or written into
/// the new output folder (`build`), so a large site is never held whole in memory to be written.
/// A sink may also read what passes through it: the link check's does
/// (`check::record::Recorder`).
pub trait Sink: Sync {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), crate::diag::Error>;

    /// A page made from a template, as the text it is: a sink that reads pages reads it here
    /// without checking its UTF-8 again.
    fn put_page(&self, path: &str, html: String) -> Result<(), crate::diag::Error> {
        self.put(path, html.into_bytes())
    }

    /// A file made in parts, in order; a sink that writes can write each part as it comes.
    fn put_parts(&self, path: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, crate::diag::Error> {
        let bytes: Vec<u8> = parts.flatten().collect();
        let len = bytes.len() as u64;
        self.put(path, bytes)?;
        Ok(len)
    }

    /// Every page of its own is made; the lists and the checks are left.
    fn mostly_written(&self) {}

    /// The links and images written in the Markdown body shown on the page at `page` (its
    /// folder, `huong-dan/x/`), as the body's render found them: for a sink that checks them
    /// against the files of the site, with the line of the content file they are on.
    fn body_links(&self, _page: &str, _links: Vec<markdown::LinkRef>) {}
}

/// What a render remembers of each file once the sink has it.
pub struct Made {
    /// Path under the output root, as in [`OutFile::path`].
    pub path: String,
    pub len: u64,
}

/// Pages are rendered on every core; what they share is behind locks they hold briefly.
struct Renderer<'a> {
    /// Shared with [`Kept`]: a preview's edit renders with the templates the build parsed.
    tera: Arc<Tera>,
    site: &'a Site,
    sink: &'a dyn Sink,
    made: Mutex<Vec<Made>>,
    diags: Mutex<Diagnostics>,
    /// The file the sink could not take with the smallest path: the same one whichever core
    /// failed first.
    failed: Mutex<Option<(String, crate::diag::Error)>>,
}

impl Renderer<'_> {
    fn page<T: Serialize + ?Sized>(&self, template: &str, path: &str, page: PageMeta, data: &T) {
        self.page_of(template, path, page, tera::Value::from_serializable(data));
    }

    /// A page whose data is already a template value: one view for two pages is made into a
    /// value once (a province's progress view is a tree of 300 units × 8 indicators).
    fn page_of(&self, template: &str, path: &str, page: PageMeta, data: tera::Value) {
        let mut ctx = Context::new();
        ctx.insert("page", &page);
        ctx.insert_value("data", data);
        self.render(template, path, &ctx);
    }

    fn render(&self, template: &str, path: &str, ctx: &Context) {
        // Into bytes, checked here: `Tera::render` checks its output with std's slower check.
        let mut bytes = Vec::with_capacity(16 * 1024);
        let rendered = self.tera.render_to(template, ctx, &mut bytes).and_then(|()| {
            crate::text::into_string(bytes)
                .map_err(|_| tera::Error::message("mẫu trang tạo ra văn bản không phải UTF-8"))
        });
        match rendered {
            Ok(html) => {
                let out =
                    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
                let len = html.len() as u64;
                let put = self.sink.put_page(&out, html);
                self.made(out, len, put);
            }
            Err(e) => {
                let file = self
                    .site
                    .templates
                    .get(template)
                    .map(|_| PathBuf::from(format!("templates/{template}")))
                    .unwrap_or_else(|| {
                        PathBuf::from(format!("themes/{}/templates/{template}", self.site.config.theme))
                    });
                locked(&self.diags).push(template_error::diagnostic(&file, &e));
            }
        }
    }

    /// A file that is not a page of ours: copied, or written by code rather than a template.
    fn file(&self, path: String, bytes: Vec<u8>) {
        let len = bytes.len() as u64;
        let put = self.sink.put(&path, bytes);
        self.made(path, len, put);
    }

    /// A large file that is not a page, made and written in parts.
    fn parts(&self, path: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) {
        let put = self.sink.put_parts(path, parts);
        let len = *put.as_ref().unwrap_or(&0);
        self.made(path.to_string(), len, put.map(|_| ()));
    }

    /// A file the sink was given. Made even when it could not be written: the link check must
    /// not blame the pages that link to it for what is the disk's refusal.
    fn made(&self, path: String, len: u64, put: Result<(), crate::diag::Error>) {
        if let Err(e) = put {
            self.fail(&path, e);
        }
        locked(&self.made).push(Made { path, len });
    }

    fn fail(&self, path: &str, e: crate::diag::Error) {
        let mut failed = locked(&self.failed);
        if failed.as_ref().is_none_or(|(first, _)| path < first.as_str()) {
            *failed = Some((path.to_string(), e));
        }
    }
}

/// One piece of the site, rendered on whichever core is free.
enum Task<'v> {
    Plan(usize),
    Guide(&'v Guide),
    EventList,
    Event(&'v Event, schedule::When),
    /// Every `.ics` file: the site's, each unit's and each event's.
    Calendars,
    Unit(&'v Unit),
    News(&'v News),
    Feed,
    Small,
}

/// What a task leaves for the pages that list many things.
enum Left {
    Nothing,
    /// The plan's index; its view when it is the current plan; its CSV's parts when kept.
    Plan(usize, Option<Box<PlanView>>, Option<data::CsvParts>),
    Guide(GuideEntry),
    News(NewsItem),
}

/// The theme's own files, by output path.
type Statics = BTreeMap<String, Vec<u8>>;

/// The theme's templates parsed, with the site's global context; and the theme's static files.
fn theme(site: &Site) -> Result<(Arc<Tera>, Statics), crate::diag::Error> {
    let (mut tera, statics) = load_theme(site).map_err(crate::diag::Error::Content)?;
    let sv = SiteView::new(site);
    tera.global_context().insert("site", &sv);
    Ok((Arc::new(tera), statics))
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, tera: Arc<Tera>, sink: &'a dyn Sink) -> Renderer<'a> {
        Renderer {
            tera,
            site,
            sink,
            made: Mutex::new(Vec::new()),
            diags: Mutex::new(Diagnostics::default()),
            failed: Mutex::new(None),
        }
    }
}

/// News on a list page: a province portal has thousands, and a resident on a phone should not
/// download them all to read the latest.
const NEWS_PER_PAGE: usize = 20;

/// The news list, newest first, [`NEWS_PER_PAGE`] to a page.
fn news_lists(r: &Renderer, site: &Site, news: &[NewsItem]) {
    let desc = "Thông báo và tin tức về mô hình “Công dân số”.";
    let pages: Vec<&[NewsItem]> = if news.is_empty() { vec![news] } else { news.chunks(NEWS_PER_PAGE).collect() };
    let total = pages.len();
    for (i, items) in pages.into_iter().enumerate() {
        let k = i + 1;
        let path = paths::news_list(k);
        let title = if k == 1 { "Tin tức".to_string() } else { format!("Tin tức — trang {k}/{total}") };
        let mut meta = PageMeta::new(site, &path, &title, desc);
        if total > 1 {
            meta.pager = Some(Pager::new(k, total, paths::news_list));
        }
        r.page("news_list.html", &path, meta, items);
    }
}

/// A guide's page and poster, with the help desks open as of the build day; what the lists
/// show of it.
fn guide_pages(r: &Renderer, site: &Site, g: &Guide, desks: &views::GuideDesks) -> GuideEntry {
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);
    let mut g = GuideView::new(site, g, desks);
    r.page("guide.html", &g.path, meta(&g.path, &g.title, &g.summary), &g);
    let links = std::mem::take(&mut g.body_links);
    r.sink.body_links(&g.path, links);
    let path = paths::poster(&g.path);
    let title = format!("Áp phích: {}", g.title);
    r.page("poster.html", &path, meta(&path, &title, &g.summary), &poster::guide(site, &g));
    GuideEntry::from(g.item)
}

/// An event's page and poster, as of `w`.
fn event_pages(r: &Renderer, site: &Site, e: &Event, w: schedule::When) {
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);
    let mut ev = EventView::new(site, e, w);
    r.sink.body_links(&ev.path, std::mem::take(&mut ev.body_links));
    let desc = format!("{} — {}", ev.when_text, ev.location.clone().unwrap_or_default());
    let desc = desc.trim_end_matches(" — ");
    r.page("event.html", &ev.path, meta(&ev.path, &ev.title, desc), &ev);
    let path = paths::poster(&ev.path);
    let title = format!("Áp phích: {}", ev.title);
    let poster = poster::event(site, e, w, &ev);
    r.page("poster.html", &path, meta(&path, &title, &poster.description), &poster);
}

/// A news item's page; what the lists show of it.
fn news_page(r: &Renderer, site: &Site, n: &News) -> NewsItem {
    let mut n = NewsView::new(n, site.config.raw_html());
    let links = std::mem::take(&mut n.body_links);
    r.sink.body_links(&n.path, links);
    r.page("news.html", &n.path, PageMeta::new(site, &n.path, &n.title, &n.description), &n);
    n.item
}

/// The pages that list every guide: `/huong-dan/`, and `/tim-kiem/` for readers without
/// JavaScript.
fn guide_lists(r: &Renderer, site: &Site, guides: &[GuideEntry]) {
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);
    // One after the other: a province's list is megabytes of template values while it renders,
    // and the two at once were the build's peak of memory.
    let desc = "Hướng dẫn từng bước: thẻ CCCD gắn chip, VNeID, dịch vụ công trực tuyến và các dịch vụ số khác.";
    r.page("guides.html", paths::GUIDES, meta(paths::GUIDES, "Hướng dẫn", desc), &guides);
    let desc = "Tìm hướng dẫn, lịch và tin tức, gõ có dấu hay không dấu đều được.";
    r.page(
        "search.html",
        paths::SEARCH,
        meta(paths::SEARCH, "Tìm kiếm", desc),
        &SearchView {
            guides: &guides[..guides.len().min(SEARCH_GUIDES)],
            all: if guides.len() > SEARCH_GUIDES { crate::format::int(guides.len() as u64) } else { String::new() },
        },
    );
}

/// The plan the home page shows: `current_plan`, else the newest.
fn current_plan(site: &Site) -> Option<usize> {
    let named = site.config.current_plan.as_deref().and_then(|s| site.plans.iter().position(|p| p.slug == s));
    named.or(if site.plans.is_empty() { None } else { Some(0) })
}

/// Plan `i`'s page, its progress page and the standalone copies of its charts; its view.
fn plan_pages(r: &Renderer, site: &Site, i: usize, today: NaiveDate) -> PlanView {
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);
    let plan = &site.plans[i];
    let mut pv = PlanView::new(site, plan, &progress::plan(site, plan, today), today);
    r.sink.body_links(&pv.path, std::mem::take(&mut pv.body_links));
    let data = tera::Value::from_serializable(&pv);
    let plan_page = || {
        let desc = plan.summary.clone().unwrap_or_else(|| markdown::plain(&plan.title, 150));
        let path = paths::plan(&plan.slug);
        r.page_of("plan.html", &path, meta(&path, &plan.title, &desc), data.clone());
    };
    let progress_page = || {
        let desc = format!(
            "Tiến độ thực hiện các chỉ tiêu: {}",
            plan.indicators.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join("; ")
        );
        let title = format!("Tiến độ: {}", plan.title);
        let path = paths::progress(&plan.slug);
        r.page_of("progress.html", &path, meta(&path, &title, &markdown::plain(&desc, 160)), data.clone());
    };
    // Each a page of a province's size, rendered again for every report a preview saves.
    rayon::join(plan_page, progress_page);
    // Standalone copies of the charts, for a slide or a Zalo message to the leadership.
    for ind in &pv.indicators {
        let c = &ind.charts;
        for (suffix, svg) in [("tong", &c.overall), ("don-vi", &c.per_unit), ("thoi-gian", &c.over_time)] {
            if !svg.is_empty() {
                let path = paths::chart(&plan.slug, &c.file_stem, suffix);
                r.file(path, svg.clone().into_bytes());
            }
        }
    }
    pv
}

/// The home page and the campaign's poster, showing the current plan's `plan_view`.
fn home_pages(r: &Renderer, site: &Site, plan_view: Option<&PlanView>, today: NaiveDate) {
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);
    let home = HomeView::new(site, plan_view, today);
    let desc = site.config.description.clone().unwrap_or_else(|| {
        format!("Tiến độ, hướng dẫn và lịch của mô hình “Công dân số” tại {}.", site.config.locality)
    });
    r.page("index.html", paths::HOME, meta(paths::HOME, &site.config.title, &desc), &home);
    let title = format!("Áp phích: {}", site.config.title);
    let path = paths::CAMPAIGN_POSTER;
    r.page("poster.html", path, meta(path, &title, &desc), &poster::campaign(site, &home));
}

/// What a render keeps, when asked, for a preview to re-render only what a guide's edit
/// touches ([`edit`]).
pub struct Kept {
    /// The templates, parsed. An edit changes no template and nothing of the site's global
    /// context (its title, contact, plans' names).
    tera: Arc<Tera>,
    /// What the lists show of each guide, in the site's order.
    guides: Vec<GuideEntry>,
    bulletins: bulletins::Kept,
    /// Where each report's rows are in each plan's CSV file, by plan.
    csv: Vec<data::CsvParts>,
    /// The search index, which an edit of a body changes a few files of.
    search: search::index::Index,
}

/// The pages that list many things, made once every other page is: the home page and its
/// poster, the guides, the search page without script, the first page of news. Every site has
/// them and nearly every page links to them; a sink that reads links may take them as made from
/// the start (`check::Recorder::expecting`).
pub const LISTS: [&str; 5] =
    ["index.html", "in/index.html", "huong-dan/index.html", "tim-kiem/index.html", "tin-tuc/index.html"];

/// Renders every page of the site as of `today` into `sink`; with `keep`, keeps what
/// [`edit::guide_body`] needs.
pub fn render_site(site: &Site, today: NaiveDate, sink: &dyn Sink, keep: bool) -> Result<Render, crate::diag::Error> {
    use rayon::prelude::*;
    let (tera, statics) = theme(site)?;
    let r = Renderer::new(site, Arc::clone(&tera), sink);
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);
    let current = current_plan(site);
    let events = schedule::order(&site.events, today);
    let desks = views::GuideDesks::new(site, today);

    // First every page of its own, each from its content file alone, keeping only what the
    // lists need of it: a page's body is rendered, written and dropped. A sink that reads the
    // links of pages keeps less of a page whose links lead to files it was given before, so
    // what is linked to goes first where nothing else decides: a unit's schedule after the
    // events it lists, the news after the schedule, plans and guides their bodies name.
    let mut tasks = vec![Task::Feed, Task::EventList, Task::Calendars, Task::Small];
    tasks.extend((0..site.plans.len()).map(Task::Plan));
    tasks.extend(events.iter().map(|(e, w)| Task::Event(e, *w)));
    tasks.extend(site.units.units.iter().map(Task::Unit));
    tasks.extend(site.guides.iter().map(Task::Guide));
    let news: Vec<Task> = site.news.iter().map(Task::News).collect();

    let run = |task: &Task| -> Left {
        match task {
            Task::Plan(i) => {
                let plan = &site.plans[*i];
                let pv = plan_pages(&r, site, *i, today);
                let path = paths::progress_csv(&plan.slug);
                let mut lens = Vec::new();
                r.parts(&path, &mut data::plan_csv(site, plan).inspect(|p| lens.push(p.len())));
                let csv = keep.then(|| data::CsvParts::new(site, plan, &lens));
                return Left::Plan(*i, (Some(*i) == current).then(|| Box::new(pv)), csv);
            }
            Task::Guide(g) => return Left::Guide(guide_pages(&r, site, g, &desks)),
            Task::EventList => r.page(
                "events.html",
                paths::EVENTS,
                meta(paths::EVENTS, "Lịch", "Lịch hội nghị, ra quân, tập huấn và trực hỗ trợ người dân."),
                &EventsView::new(site, today),
            ),
            Task::Event(e, w) => event_pages(&r, site, e, *w),
            Task::Calendars => calendar::files(site, |path, bytes| r.file(path, bytes)),
            Task::Unit(unit) => {
                let uv = UnitEventsView::new(site, unit, today);
                let title = format!("Lịch của {}", unit.name);
                let desc = format!("Lịch hội nghị, ra quân, tập huấn và trực hỗ trợ người dân tại {}.", unit.name);
                r.page("unit_events.html", &uv.path, meta(&uv.path, &title, &desc), &uv);
            }
            Task::News(n) => return Left::News(news_page(&r, site, n)),
            Task::Feed => r.file(paths::FEED.into(), feed::atom(site)),
            Task::Small => {
                r.file(paths::ROBOTS.into(), feed::robots(site));
                r.page(
                    "404.html",
                    paths::NOT_FOUND,
                    meta(paths::NOT_FOUND, "Không tìm thấy trang", "Trang bạn tìm không có hoặc đã được chuyển đi."),
                    &(),
                );
                for (path, bytes) in &statics {
                    r.file(path.clone(), bytes.clone());
                }
                for s in &site.statics {
                    match std::fs::read(&s.abs) {
                        Ok(bytes) => r.file(s.out.clone(), bytes),
                        Err(e) => locked(&r.diags).push(Diagnostic::new(
                            &s.abs,
                            format!("không đọc được tệp tĩnh: {}", crate::diag::io_vi(&e)),
                        )),
                    }
                }
            }
        }
        Left::Nothing
    };
    // The bulletins and the search index, the two costly parts that are each a sequence (a
    // bulletin reads the reports up to its day; the index inverts every document), go alongside
    // everything else. The tasks are handed out a few at a time: rayon splits a list only while it is
    // stolen from, and a core that finished early sat idle beside the other's last run of a
    // thousand guides (a quarter of a second at 10k pages).
    let (kept_bulletins, left) = rayon::join(
        || {
            let kept = bulletins::pages(&r, site, today, keep);
            let mut index = search::build(site, keep);
            index.write(&mut |path, bytes| r.file(path, bytes));
            kept.map(|k| (k, index))
        },
        || {
            let mut left = tasks.par_iter().with_max_len(4).map(run).collect::<Vec<Left>>();
            left.par_extend(news.par_iter().with_max_len(4).map(run));
            left
        },
    );
    let mut plan_view = None;
    let mut csv = vec![data::CsvParts::default(); site.plans.len()];
    let mut guides = Vec::with_capacity(site.guides.len());
    let mut news = Vec::with_capacity(site.news.len());
    for l in left {
        match l {
            Left::Nothing => {}
            Left::Plan(i, pv, parts) => {
                plan_view = pv.map(|pv| *pv).or(plan_view);
                csv[i] = parts.unwrap_or_default();
            }
            Left::Guide(g) => guides.push(g),
            Left::News(n) => news.push(n),
        }
    }

    // Then the pages that list them.
    sink.mostly_written();
    let lists: [&(dyn Fn() + Sync); 3] =
        [&|| home_pages(&r, site, plan_view.as_ref(), today), &|| guide_lists(&r, site, &guides), &|| {
            news_lists(&r, site, &news)
        }];
    lists.par_iter().for_each(|f| f());

    // A problem in the content explains a file that could not be written (a static file named
    // like a page's folder), so it is reported first; the disk's refusal only when there is none.
    let failed = locked(&r.failed).take().map(|(_, e)| e);
    let diags = std::mem::take(&mut *locked(&r.diags));
    if !diags.is_empty() {
        return Err(crate::diag::Error::Content(diags.sorted()));
    }
    let mut made = std::mem::take(&mut *locked(&r.made));
    made.sort_by(|a, b| a.path.cmp(&b.path));
    let pages: Vec<&str> = made.iter().map(|f| f.path.as_str()).filter(|p| p.ends_with(".html")).collect();
    let sitemap = feed::sitemap(site, &pages);
    let at = made.partition_point(|f| f.path.as_str() < paths::SITEMAP);
    let len = sitemap.len() as u64;
    let failed = failed.or_else(|| sink.put(paths::SITEMAP, sitemap).err());
    made.insert(at, Made { path: paths::SITEMAP.into(), len });
    let kept = kept_bulletins.map(|(bulletins, search)| Kept { tera, guides, bulletins, csv, search });
    Ok(Render { made, failed, kept })
}

/// What a render made, and the first file the sink could not take: reported after the link
/// check, since a broken link is the officer's to fix first.
pub struct Render {
    /// Sorted by path.
    pub made: Vec<Made>,
    pub failed: Option<crate::diag::Error>,
    /// When asked for.
    pub kept: Option<Kept>,
}

/// Every file in memory, sorted by path: what `serve` answers from.
#[derive(Default)]
pub struct Memory {
    files: Mutex<Vec<OutFile>>,
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), crate::diag::Error> {
        locked(&self.files).push(OutFile { path: path.to_string(), bytes });
        Ok(())
    }
}

impl Memory {
    pub fn into_files(self) -> Vec<OutFile> {
        let mut files = match self.files.into_inner() {
            Ok(f) => f,
            Err(p) => p.into_inner(),
        };
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Nothing kept: `check` only needs what the render remembers.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: Vec<u8>) -> Result<(), crate::diag::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::paths;

    #[test]
    fn the_lists_are_the_index_pages_of_their_addresses() {
        let lists = [paths::HOME, paths::CAMPAIGN_POSTER, paths::GUIDES, paths::SEARCH, paths::NEWS];
        assert_eq!(super::LISTS.to_vec(), lists.map(|p| format!("{p}index.html")).to_vec());
    }
}
