//! Render: turns the loaded site and its derived progress into output files — HTML pages
//! through tera templates, and the theme's static files. Pure: nothing here touches the disk
//! except reading a non-default theme folder; `output` writes.

mod bulletins;
mod calendar;
pub mod data;
mod feed;
pub mod format;
pub mod markdown;
mod poster;
mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use crate::content::model::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::progress;
use crate::schedule;
use crate::search;
use views::*;

/// `/tim-kiem/`: without JavaScript, the list of every guide.
#[derive(Serialize)]
struct SearchView<'a> {
    guides: &'a [GuideView],
}

/// One file of the built site.
pub struct OutFile {
    /// Path under the output root, `/`-separated, never starting with `/` or containing `..`.
    pub path: String,
    pub bytes: Vec<u8>,
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
];

fn template_diag(file: &Path, err: &tera::Error) -> Diagnostic {
    let mut msg = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    // tera shows `--> name:line:col`; lift it into the message's own position.
    let pos = msg.split_once("--> ").and_then(|(_, rest)| {
        let loc = rest.lines().next()?;
        let mut it = loc.rsplitn(3, ':');
        let col = it.next()?.trim().parse().ok()?;
        let line = it.next()?.trim().parse().ok()?;
        Some((line, col))
    });
    // A cycle is the one template mistake whose cause is not on the line tera points at.
    let cycle = if msg.contains("Circular extend") {
        "mẫu trang kế thừa (extends) chính nó, trực tiếp hay qua mẫu khác — một vòng lặp không có điểm dừng; "
    } else if msg.contains("Circular include") {
        "mẫu trang chèn (include) chính nó, trực tiếp hay qua mẫu khác — một vòng lặp không có điểm dừng; "
    } else if msg.contains("recursion depth") {
        "thành phần (component) gọi chính nó quá nhiều tầng — có thể là vòng lặp không có điểm dừng; "
    } else {
        ""
    };
    Diagnostic::new(file, format!("mẫu trang (template) bị lỗi: {cycle}{msg}"))
        .at(pos)
        .expected("cú pháp tera hợp lệ (xem tài liệu tera 2)")
}

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
        diags.push(template_diag(&file, &e));
        return Err(diags);
    }
    Ok((tera, statics))
}

struct Renderer<'a> {
    tera: Tera,
    site: &'a Site,
    files: Vec<OutFile>,
    diags: Diagnostics,
}

impl Renderer<'_> {
    fn page<T: Serialize>(&mut self, template: &str, path: &str, page: PageMeta, data: &T) {
        let mut ctx = Context::new();
        ctx.insert("page", &page);
        ctx.insert("data", data);
        match self.tera.render(template, &ctx) {
            Ok(html) => {
                let out =
                    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
                self.files.push(OutFile { path: out, bytes: html.into_bytes() });
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
                self.diags.push(template_diag(&file, &e));
            }
        }
    }
}

/// Renders every page of the site as of `today`.
pub fn render_site(site: &Site, today: NaiveDate) -> Result<Vec<OutFile>, Diagnostics> {
    let (mut tera, statics) = load_theme(site)?;
    let sv = SiteView::new(site);
    tera.global_context().insert("site", &sv);
    let mut r = Renderer { tera, site, files: Vec::new(), diags: Diagnostics::default() };
    let meta = |path: &str, title: &str, description: &str| PageMeta::new(site, path, title, description);

    let progress: BTreeMap<&str, progress::PlanProgress> =
        site.plans.iter().map(|p| (p.slug.as_str(), progress::plan(site, p, today))).collect();
    let current = site.config.current_plan.as_deref().and_then(|s| site.plan(s)).or_else(|| site.plans.first());

    // Home.
    let home = HomeView::new(site, current, current.map(|p| &progress[p.slug.as_str()]), today);
    let desc = site.config.description.clone().unwrap_or_else(|| {
        format!("Tiến độ, hướng dẫn và lịch của mô hình “Công dân số” tại {}.", site.config.locality)
    });
    r.page("index.html", "", meta("", &site.config.title, &desc), &home);
    r.page(
        "poster.html",
        "in/",
        meta("in/", &format!("Áp phích: {}", site.config.title), &desc),
        &poster::campaign(site, &home),
    );

    for plan in &site.plans {
        let pp = &progress[plan.slug.as_str()];
        let pv = PlanView::new(site, plan, pp, today);
        let desc = plan.summary.clone().unwrap_or_else(|| markdown::plain(&plan.title, 150));
        r.page(
            "plan.html",
            &format!("ke-hoach/{}/", plan.slug),
            meta(&format!("ke-hoach/{}/", plan.slug), &plan.title, &desc),
            &pv,
        );
        let desc = format!(
            "Tiến độ thực hiện các chỉ tiêu: {}",
            plan.indicators.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join("; ")
        );
        r.files.push(OutFile { path: format!("tien-do/{}/du-lieu.csv", plan.slug), bytes: data::plan_csv(site, plan) });
        // Standalone copies of the charts, for a slide or a Zalo message to the leadership.
        for ind in &pv.indicators {
            let c = &ind.charts;
            for (suffix, svg) in [("tong", &c.overall), ("don-vi", &c.per_unit), ("thoi-gian", &c.over_time)] {
                if !svg.is_empty() {
                    let path = format!("tien-do/{}/{}-{suffix}.svg", plan.slug, c.file_stem);
                    r.files.push(OutFile { path, bytes: svg.clone().into_bytes() });
                }
            }
        }
        let title = format!("Tiến độ: {}", plan.title);
        r.page(
            "progress.html",
            &format!("tien-do/{}/", plan.slug),
            meta(&format!("tien-do/{}/", plan.slug), &title, &markdown::plain(&desc, 160)),
            &pv,
        );
    }

    let guides: Vec<GuideView> = site.guides.iter().map(|g| GuideView::new(site, g)).collect();
    r.page(
        "guides.html",
        "huong-dan/",
        meta(
            "huong-dan/",
            "Hướng dẫn",
            "Hướng dẫn từng bước: thẻ CCCD gắn chip, VNeID, dịch vụ công trực tuyến và các dịch vụ số khác.",
        ),
        &guides,
    );
    for g in &guides {
        r.page("guide.html", &g.path, meta(&g.path, &g.title, &g.summary), g);
        let path = format!("{}in/", g.path);
        let title = format!("Áp phích: {}", g.title);
        r.page("poster.html", &path, meta(&path, &title, &g.summary), &poster::guide(site, g));
    }

    let events = EventsView::new(site, today);
    r.page(
        "events.html",
        "lich/",
        meta("lich/", "Lịch", "Lịch hội nghị, ra quân, tập huấn và trực hỗ trợ người dân."),
        &events,
    );
    for (e, w) in schedule::order(&site.events, today) {
        let ev = EventView::new(site, e, w);
        let desc = format!("{} — {}", ev.when_text, ev.location.clone().unwrap_or_default());
        r.page("event.html", &ev.path.clone(), meta(&ev.path, &ev.title, desc.trim_end_matches(" — ")), &ev);
        let path = format!("{}in/", ev.path);
        let title = format!("Áp phích: {}", ev.title);
        r.page("poster.html", &path, meta(&path, &title, desc.trim_end_matches(" — ")), &poster::event(site, &ev));
        if let (Some(name), Some(bytes)) = (&ev.ics, calendar::event_calendar(site, e)) {
            r.files.push(OutFile { path: format!("{}{name}", ev.path), bytes });
        }
    }
    r.files.push(OutFile { path: events.ics_path.to_string(), bytes: calendar::site_calendar(site) });
    for unit in &site.units.units {
        let uv = UnitEventsView::new(site, unit, today);
        let title = format!("Lịch của {}", unit.name);
        let desc = format!("Lịch hội nghị, ra quân, tập huấn và trực hỗ trợ người dân tại {}.", unit.name);
        r.page("unit_events.html", &uv.path, meta(&uv.path, &title, &desc), &uv);
        r.files.push(OutFile { path: format!("{}{}", uv.path, uv.ics), bytes: calendar::unit_calendar(site, unit) });
    }

    let news: Vec<NewsView> = site.news.iter().map(|n| NewsView::new(n, site.config.raw_html())).collect();
    r.page(
        "news_list.html",
        "tin-tuc/",
        meta("tin-tuc/", "Tin tức", "Thông báo và tin tức về mô hình “Công dân số”."),
        &news,
    );
    for n in &news {
        r.page("news.html", &n.path, meta(&n.path, &n.title, &n.description), n);
    }

    bulletins::pages(&mut r, site);

    r.page(
        "search.html",
        "tim-kiem/",
        meta("tim-kiem/", "Tìm kiếm", "Tìm hướng dẫn, lịch và tin tức, gõ có dấu hay không dấu đều được."),
        &SearchView { guides: &guides },
    );
    r.files
        .push(OutFile { path: "tim-kiem/chi-muc.js".into(), bytes: search::script(&search::index(site)).into_bytes() });
    r.files.push(OutFile { path: "feed.xml".into(), bytes: feed::atom(site) });
    r.files.push(OutFile { path: "robots.txt".into(), bytes: feed::robots(site) });

    r.page(
        "404.html",
        "404.html",
        meta("404.html", "Không tìm thấy trang", "Trang bạn tìm không có hoặc đã được chuyển đi."),
        &(),
    );

    if !r.diags.is_empty() {
        return Err(r.diags);
    }
    let mut files = r.files;
    for (path, bytes) in statics {
        files.push(OutFile { path, bytes });
    }
    for s in &site.statics {
        match std::fs::read(&s.abs) {
            Ok(bytes) => files.push(OutFile { path: s.out.clone(), bytes }),
            Err(e) => {
                r.diags.push(Diagnostic::new(&s.abs, format!("không đọc được tệp tĩnh: {}", crate::diag::io_vi(&e))))
            }
        }
    }
    if !r.diags.is_empty() {
        return Err(r.diags);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let pages: Vec<&str> = files.iter().map(|f| f.path.as_str()).filter(|p| p.ends_with(".html")).collect();
    let sitemap = feed::sitemap(site, &pages);
    let at = files.partition_point(|f| f.path.as_str() < "sitemap.xml");
    files.insert(at, OutFile { path: "sitemap.xml".into(), bytes: sitemap });
    let mut diags = path_conflicts(&files, site);
    check_links(site, &files, &mut diags);
    if !diags.is_empty() {
        return Err(diags.sorted());
    }
    Ok(files)
}

/// Output paths that cannot be written: a static file named like a page would silently replace
/// it, a file named like a page's folder (`static/lich`) would make the folder impossible, and a
/// name with a backslash or control character is not portable. Found here, `check` reports them
/// too, against the file the officer can rename.
fn path_conflicts(files: &[OutFile], site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let owner = |path: &str| -> PathBuf {
        if site.statics.iter().any(|s| s.out == path) {
            PathBuf::from(format!("static/{path}"))
        } else {
            PathBuf::from(format!("themes/{}/static/{path}", site.config.theme))
        }
    };
    let all: std::collections::BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut reported = std::collections::BTreeSet::new();
    for (i, f) in files.iter().enumerate() {
        let path = f.path.as_str();
        if i > 0 && files[i - 1].path == path {
            diags.push(
                Diagnostic::new(owner(path), "tệp tĩnh trùng đường dẫn với một trang hoặc tệp của giao diện")
                    .expected("đổi tên tệp trong static/"),
            );
        }
        if path.chars().any(|c| c == '\\' || c.is_control()) {
            diags.push(
                Diagnostic::new(owner(path), "tên tệp có dấu “\\” hoặc ký tự điều khiển, không dùng được trên web")
                    .expected("tên tệp chỉ gồm chữ, số, dấu “-”, “_” và “.”"),
            );
        }
        let mut cut = path.len();
        while let Some(slash) = path[..cut].rfind('/') {
            cut = slash;
            let dir = &path[..cut];
            if all.contains(dir) && reported.insert(dir) {
                diags.push(
                    Diagnostic::new(
                        owner(dir),
                        format!("tệp “{dir}” trùng tên với thư mục “{dir}/” chứa trang “{path}”"),
                    )
                    .expected("đổi tên tệp trong static/, ví dụ thêm đuôi tệp"),
                );
            }
        }
    }
    diags.sorted()
}

/// Every link and image in every page body must lead somewhere: a page or file this build
/// writes, another site, or an app (`tel:`, `mailto:`). Images must be our own files, since pages
/// load nothing from other hosts, and script links are refused outright.
fn check_links(site: &Site, files: &[OutFile], diags: &mut Diagnostics) {
    let written: std::collections::BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let exists = |p: &str| {
        written.contains(p)
            || (p.is_empty() || p.ends_with('/')) && written.contains(format!("{p}index.html").as_str())
            || written.contains(format!("{p}/index.html").as_str())
    };
    let pages: Vec<&str> =
        files.iter().filter_map(|f| f.path.strip_suffix("index.html")).filter(|p| !p.is_empty()).collect();
    let bodies = site
        .plans
        .iter()
        .map(|p| (&p.file, &p.body, p.body_line, format!("ke-hoach/{}/", p.slug)))
        .chain(site.guides.iter().map(|g| (&g.file, &g.body, g.body_line, format!("huong-dan/{}/", g.slug))))
        .chain(site.events.iter().map(|e| (&e.file, &e.body, e.body_line, format!("lich/{}/", e.slug))))
        .chain(site.news.iter().map(|n| (&n.file, &n.body, n.body_line, format!("tin-tuc/{}/", n.slug))));
    for (file, body, body_line, page) in bodies {
        for l in markdown::links(body) {
            let at = Some((body_line + l.line, 1));
            let what = if l.image { "ảnh" } else { "liên kết" };
            let target = match markdown::classify(&l.dest) {
                markdown::Dest::Script => {
                    diags.push(
                        Diagnostic::new(file, format!("{what} “{}” chạy mã lệnh trên trang", l.dest))
                            .at(at)
                            .expected("liên kết tới một trang: https://… hoặc /huong-dan/…"),
                    );
                    continue;
                }
                markdown::Dest::Remote if l.image => {
                    diags.push(
                        Diagnostic::new(file, format!("ảnh “{}” nằm trên máy chủ khác", l.dest))
                            .at(at)
                            .expected("ảnh chép vào static/ và ghi là /ten-anh.jpg; trang không tải gì từ nơi khác")
                            .hint(Some("tải ảnh về, đặt vào thư mục static/, rồi viết ![mô tả](/ten-anh.jpg)".into())),
                    );
                    continue;
                }
                markdown::Dest::Remote | markdown::Dest::App | markdown::Dest::Fragment => continue,
                markdown::Dest::SiteAbsolute(rest) => normalise("", rest),
                markdown::Dest::Relative(rel) => normalise(&page, rel),
            };
            match target {
                Some(t) if exists(&t) => {}
                Some(t) => {
                    let hint =
                        crate::text::closest(&t, pages.iter().copied()).map(|p| format!("có phải ý bạn là “/{p}”?"));
                    diags.push(
                        Diagnostic::new(
                            file,
                            format!("{what} hỏng: “{}” không dẫn tới trang hay tệp nào của trang web", l.dest),
                        )
                        .at(at)
                        .expected("đường dẫn tới một trang có thật, ví dụ /huong-dan/kich-hoat-vneid/ hoặc /lich/")
                        .hint(hint),
                    );
                }
                None => diags.push(
                    Diagnostic::new(file, format!("{what} “{}” đi ra ngoài trang web", l.dest))
                        .at(at)
                        .expected("đường dẫn bắt đầu bằng / tính từ trang chủ, ví dụ /huong-dan/"),
                ),
            }
        }
    }
}

/// Resolves `rel` against the folder `base` (`huong-dan/vneid/`), without query or fragment;
/// `None` when `..` climbs above the site root.
pub(crate) fn normalise(base: &str, rel: &str) -> Option<String> {
    let rel = rel.split(['#', '?']).next().unwrap_or("");
    if rel.is_empty() {
        return Some(base.to_string());
    }
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    let last = rel.rsplit('/').next().unwrap_or("");
    if matches!(last, "" | "." | "..") && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}
