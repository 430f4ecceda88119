//! Markdown to HTML with pulldown-cmark: tables, footnotes, unique heading ids folded from
//! Vietnamese, a table of contents, and guide steps (`## Bước 1: …`) anchored as `#buoc-1`.
//! Content passes through many hands, so heading attributes other than id and class are
//! dropped, script links are disarmed, and HTML written inside Markdown is cleaned by ammonia
//! down to formatting (no script, event handlers, frames, objects or styles) unless the site
//! trusts it. Site-absolute links (`/huong-dan/vneid/`) are written relative to the page so the
//! site works under any folder.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::text::{slugify, Lines};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// A `Bước N` heading of a guide.
    pub step: bool,
}

/// What becomes of HTML written inside Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Kept, then cleaned down to formatting: the default.
    Sanitise,
    /// Kept exactly as written: `trust_html: true` in `site.yaml`.
    Trust,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Number of `Bước N` step headings.
    pub steps: usize,
    /// What [`links`] finds, taken from the same parse.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}

/// "Bước 3: Xác thực" → Some(3).
pub fn step_number(text: &str) -> Option<u32> {
    let rest = text.trim().strip_prefix("Bước")?.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What a link or image target is, for checking and rewriting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest<'a> {
    /// `javascript:`, `vbscript:`, `data:`, `file:`: never allowed.
    Script,
    /// Another host: `https://…`, `//host/…`.
    Remote,
    /// `mailto:`, `tel:`, `zalo:` and other schemes that open an app.
    App,
    /// `#muc` on the same page.
    Fragment,
    /// A path on this site, from the site root.
    SiteAbsolute(&'a str),
    /// A path relative to the page.
    Relative(&'a str),
}

pub fn classify(dest: &str) -> Dest<'_> {
    let d = dest.trim();
    if d.starts_with("//") {
        return Dest::Remote;
    }
    // Bytes, not `find`: every link of every page comes through here, most of them a few
    // bytes long, where a searcher's setup cost more than the search.
    if let Some(colon) = d.bytes().position(|c| c == b':') {
        let scheme = &d[..colon];
        if !scheme.is_empty() && scheme.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')) {
            let scheme = scheme.to_ascii_lowercase();
            return match scheme.as_str() {
                "javascript" | "vbscript" | "data" | "file" => Dest::Script,
                "http" | "https" | "ftp" => Dest::Remote,
                _ => Dest::App,
            };
        }
        // Browsers ignore control characters and spaces inside a scheme: `java\tscript:`.
        if d[..colon].chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Dest::Script;
        }
    }
    if d.starts_with('#') {
        Dest::Fragment
    } else if let Some(rest) = d.strip_prefix('/') {
        Dest::SiteAbsolute(rest)
    } else {
        Dest::Relative(d)
    }
}

/// A link or image in a Markdown body, with its 0-based line within the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    pub image: bool,
    pub line: usize,
}

/// Every link and image target in `md`, for the link check: Markdown's own, and the `href` of
/// `<a>` and `src` of `<img>` in HTML written inside it.
pub fn links(md: &str) -> Vec<LinkRef> {
    let mut out = Vec::new();
    let mut lines = Lines::new(md);
    for (ev, range) in Parser::new_ext(md, options()).into_offset_iter() {
        links_of(&ev, range.start, &mut lines, &mut out);
    }
    out
}

/// Adds to `out` the links of one event of a body, which starts at byte `start`.
fn links_of(ev: &Event, start: usize, lines: &mut Lines, out: &mut Vec<LinkRef>) {
    match ev {
        Event::Start(Tag::Link { dest_url, .. }) => {
            out.push(LinkRef { dest: dest_url.to_string(), image: false, line: lines.at(start) })
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            out.push(LinkRef { dest: dest_url.to_string(), image: true, line: lines.at(start) })
        }
        Event::Html(html) | Event::InlineHtml(html) => {
            let line = lines.at(start);
            out.extend(raw_links(html).into_iter().map(|(dest, image)| LinkRef { dest, image, line }));
        }
        _ => {}
    }
}

/// What a body holds that its readers would never see, by 0-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hidden {
    /// A character that does not show and is not text: a control character (NUL, ESC, a form
    /// feed…), a byte-order mark (which turns a `## Bước 1` after it into a paragraph), a
    /// bidirectional override. At this 1-based column, in characters.
    Invisible { column: usize, c: char },
    /// `<!--` at the start of a block with no `-->` after it: everything to the end of the body
    /// becomes a comment, and the page ends there.
    UnclosedComment,
}

/// What `md` hides from its readers, at most one invisible character a line and twenty in all
/// (one is enough to find the rest), and an unclosed comment.
pub fn hidden(md: &str) -> Vec<(usize, Hidden)> {
    let mut out = Vec::new();
    let mut lines = Lines::new(md);
    let mut at = 0;
    while let Some((i, c)) = next_invisible(md, at) {
        let line = lines.at(i);
        let line_start = md[..i].rfind('\n').map_or(0, |n| n + 1);
        out.push((line, Hidden::Invisible { column: md[line_start..i].chars().count() + 1, c }));
        if out.len() == 20 {
            break;
        }
        at = md[i..].find('\n').map_or(md.len(), |n| i + n + 1);
    }
    if let Some(n) = unclosed_comment(md) {
        out.push((n, Hidden::UnclosedComment));
    }
    out
}

/// The first character of `md` from byte `from` that does not show and is not text: a C0 or C1
/// control but the tab and line break, DEL, a bidirectional override or isolate, the byte-order
/// mark (`text::is_hidden_control` and U+FEFF). Byte by byte: every body of the site passes
/// here, and Vietnamese text is full of the lead bytes of “ and – that a search for characters
/// would stop at.
fn next_invisible(md: &str, from: usize) -> Option<(usize, char)> {
    let b = md.as_bytes();
    // The lead bytes they start with, asked of 64 bytes at a time without a branch, which the
    // compiler does in a few wide compares: most blocks of a body hold none, and are skipped.
    let lead = |x: u8| (x < 0x20 && x != b'\n' && x != b'\t') | (x == 0x7f) | (x == 0xc2) | (x == 0xe2) | (x == 0xef);
    let mut i = from;
    while i < b.len() {
        if i % 64 == 0 && b.len() - i >= 64 && !b[i..i + 64].iter().fold(false, |any, &x| any | lead(x)) {
            i += 64;
            continue;
        }
        let found = match b[i] {
            0..=0x08 | 0x0b..=0x1f | 0x7f => true,
            0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
            0xe2 => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            ),
            0xef => b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf),
            _ => false,
        };
        if found {
            // A character starts at `i`: the bytes matched are lead bytes or ASCII.
            return md[i..].chars().next().map(|c| (i, c));
        }
        i += 1;
    }
    None
}

/// The 0-based line of a `<!--` that starts an HTML block (up to three spaces in, outside code
/// fences) with no `-->` anywhere after it.
fn unclosed_comment(md: &str) -> Option<usize> {
    memchr::memmem::find(md.as_bytes(), b"<!--")?;
    let last_close = md.rfind("-->");
    block_lines(md).find_map(|(n, at, rest)| {
        let open = rest.starts_with("<!--") && last_close.is_none_or(|close| close < at + 4);
        open.then_some(n)
    })
}

/// The lines of `md` that may start a block: outside code fences, at most three spaces in. Each
/// as its 0-based line, the byte offset of what follows the indent, and that text.
fn block_lines(md: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    // The open fence's character and length.
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    md.split('\n').enumerate().filter_map(move |(n, line)| {
        let start = offset;
        offset += line.len() + 1;
        let indent = line.bytes().take_while(|b| *b == b' ').count();
        if indent > 3 {
            return None;
        }
        let rest = &line[indent..];
        let c = *rest.as_bytes().first()?;
        let len = rest.bytes().take_while(|b| *b == c).count();
        if matches!(c, b'`' | b'~') && len >= 3 {
            fence = match fence {
                None => Some((c, len)),
                Some((open, at_least)) if open == c && len >= at_least && rest.trim_end().len() == len => None,
                open => open,
            };
            return None;
        }
        fence.is_none().then_some((n, start + indent, rest))
    })
}

/// The `Bước N` headings of `md` written with `#` (outside code fences), as the 0-based line and
/// the step number.
pub fn step_lines(md: &str) -> Vec<(usize, u32)> {
    if !md.contains("Bước") {
        return Vec::new();
    }
    block_lines(md)
        .filter_map(|(n, _, rest)| {
            let hashes = rest.bytes().take_while(|b| *b == b'#').count();
            let heading = (1..=6).contains(&hashes) && matches!(rest.as_bytes().get(hashes), Some(b' ' | b'\t'));
            heading.then(|| step_number(&rest[hashes..])).flatten().map(|number| (n, number))
        })
        .collect()
}

/// What the sanitiser takes out of the HTML written in `md`, each with the 0-based line in the
/// body of the first raw HTML that has it: "thẻ <iframe>", "thuộc tính onclick của thẻ <a>". The
/// officer sees the page without it and deserves to know why. The whole body is rendered both
/// ways and the start tags and attributes counted, so a `<td>` written in a block of its own
/// but inside a table is judged where the browser will see it.
pub fn removed_html(md: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    if !md.contains('<') {
        return out;
    }
    // How many of each tag and attribute each render has, and the order they first appear in.
    let tally = |raw: RawHtml| {
        let mut n: std::collections::HashMap<(String, Option<String>), usize> = Default::default();
        let mut order = Vec::new();
        for key in start_tags(&render(md, "", raw).html) {
            let c = n.entry(key.clone()).or_insert(0);
            if *c == 0 {
                order.push(key);
            }
            *c += 1;
        }
        (order, n)
    };
    let ((keys, before), (_, after)) = (tally(RawHtml::Trust), tally(RawHtml::Sanitise));
    let fewer =
        |key: &(String, Option<String>)| after.get(key).copied().unwrap_or(0) < before.get(key).copied().unwrap_or(0);
    for key in &keys {
        let (tag, attr) = key;
        // An attribute counts only where its tag stayed: a removed tag is named once, alone.
        let tag_gone = attr.is_some() && fewer(&(tag.clone(), None));
        if tag_gone || !fewer(key) {
            continue;
        }
        let what = match attr {
            None => format!("thẻ <{tag}>"),
            Some(a) => format!("thuộc tính {a} của thẻ <{tag}>"),
        };
        out.push((raw_line(md, tag, attr.as_deref()), what));
    }
    out
}

/// The 0-based line of the first HTML written in `md` that opens `tag` (with `attr`), or 0.
fn raw_line(md: &str, tag: &str, attr: Option<&str>) -> usize {
    let mut lines = Lines::new(md);
    for (ev, range) in Parser::new_ext(md, options()).into_offset_iter() {
        let (Event::Html(h) | Event::InlineHtml(h)) = ev else { continue };
        if start_tags(&h).iter().any(|(t, a)| t == tag && a.as_deref() == attr) {
            return lines.at(range.start);
        }
    }
    0
}

/// Every start tag of a piece of HTML, lower case, as `(tag, None)`, and each of its attributes
/// as `(tag, Some(attribute))`. Comments and the text of `script` and `style` are skipped, as a
/// browser would.
fn start_tags(html: &str) -> Vec<(String, Option<String>)> {
    let mut tags = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|c| *c == b'<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let name_len = b[start + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        if name_len == 0 || !b[start + 1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = html[start + 1..start + 1 + name_len].to_ascii_lowercase();
        let end = b[start..].iter().position(|c| *c == b'>').map_or(b.len(), |e| start + e + 1);
        tags.push((name.clone(), None));
        crate::html::scan(&html[start..end], |_, attr, _, _| {
            tags.push((name.clone(), Some(attr.to_ascii_lowercase())));
        });
        i = end;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..].to_ascii_lowercase().find(&close).map_or(b.len(), |e| i + e);
        }
    }
    tags
}

/// The links in a piece of raw HTML, read by the same parser the sanitiser uses, so what is
/// checked is what a browser would follow.
fn raw_links(html: &str) -> Vec<(String, bool)> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("href") && !lower.contains("src") {
        return Vec::new();
    }
    let found = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&found);
    let mut b = ammonia::Builder::empty();
    b.add_tags(["a", "img"])
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("img", ["src"])
        // Every scheme reaches the filter, so `javascript:` is reported rather than dropped.
        .url_schemes(["javascript", "vbscript", "data", "file", "http", "https", "mailto", "tel", "zalo"].into())
        .link_rel(None)
        .attribute_filter(move |tag, attr, value| {
            let link = matches!((tag, attr), ("a", "href") | ("img", "src"));
            if let (true, Ok(mut v)) = (link, sink.lock()) {
                v.push((value.to_string(), tag == "img"));
            }
            Some(Cow::Borrowed(value))
        });
    let _ = b.clean(html);
    let out = found.lock().map(|v| v.clone()).unwrap_or_default();
    out
}

fn rewrite<'a>(dest: CowStr<'a>, root: &str) -> CowStr<'a> {
    match classify(&dest) {
        Dest::Script => CowStr::from("#"),
        Dest::SiteAbsolute(rest) => CowStr::from(format!("{root}{rest}")),
        _ => dest,
    }
}

/// The cleaner for a body with HTML in it: the tags and attributes Markdown itself produces plus
/// ordinary formatting, links only to addresses a page may open, site-absolute links made
/// relative like Markdown's. `root` as for [`render`].
fn sanitiser(root: &str) -> ammonia::Builder<'static> {
    let root = root.to_string();
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        // The box a wide table scrolls in (see `render`).
        .add_tag_attributes("div", ["role", "aria-label", "tabindex"])
        .add_tag_attributes("a", ["title"])
        .add_tag_attributes("img", ["title"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .add_url_schemes(["zalo"])
        // Our own links carry no rel; a page opens nothing in a new window that would need it.
        .link_rel(None)
        .attribute_filter(move |tag, attr, value| match (tag, attr) {
            // Only the column alignment pulldown-cmark writes: `style` can load other hosts.
            (_, "style") => {
                matches!(value, "text-align: left" | "text-align: center" | "text-align: right").then_some(value.into())
            }
            ("a", "href") | ("img", "src") => match classify(value) {
                Dest::Script => None,
                Dest::SiteAbsolute(rest) => Some(Cow::Owned(format!("{root}{rest}"))),
                _ => Some(value.into()),
            },
            _ => Some(value.into()),
        });
    b
}

/// Renders a page body. `root` leads from the page back to the site root (`../../`).
pub fn render(md: &str, root: &str, raw: RawHtml) -> Rendered {
    let mut has_html = false;
    // The links for the check are taken here, as [`links`] takes them, rather than by parsing
    // every body of the site again after the render.
    let mut links = Vec::new();
    let mut lines = Lines::new(md);
    let mut events: Vec<Event> = Parser::new_ext(md, options())
        .into_offset_iter()
        .map(|(ev, range)| {
            links_of(&ev, range.start, &mut lines, &mut links);
            match ev {
                Event::Html(s) | Event::InlineHtml(s) => {
                    has_html = true;
                    Event::Html(s)
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    Event::Start(Tag::Link { link_type, dest_url: rewrite(dest_url, root), title, id })
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    Event::Start(Tag::Image { link_type, dest_url: rewrite(dest_url, root), title, id })
                }
                other => other,
            }
        })
        .collect();

    let mut used = BTreeSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut toc = Vec::new();
    let mut steps = 0;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, classes, .. }) = &events[i] {
            let mut end = i + 1;
            let mut text = String::new();
            while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[end] {
                    text.push_str(t);
                }
                end += 1;
            }
            // The page title is the only h1; a body's `#` headings become sections.
            let level = if *level == HeadingLevel::H1 { HeadingLevel::H2 } else { *level };
            let mut classes: Vec<CowStr> = classes
                .iter()
                .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_'))
                .cloned()
                .collect();
            let step = step_number(&text);
            let base = match (id, step) {
                (Some(id), _) => id.to_string(),
                (None, Some(n)) => format!("buoc-{n}"),
                (None, None) => {
                    let s = slugify(&text);
                    if s.is_empty() {
                        "muc".to_string()
                    } else {
                        s
                    }
                }
            };
            // Remembering the next suffix per base keeps a page of thousands of identical
            // headings linear; the inner loop only skips ids an author wrote by hand.
            let mut uid = base.clone();
            while !used.insert(uid.clone()) {
                let n = next_suffix.entry(base.clone()).or_insert(2);
                uid = format!("{base}-{n}");
                *n += 1;
            }
            if step.is_some() {
                steps += 1;
                classes.push(CowStr::from("step"));
            }
            let lvl = level as u8;
            if lvl <= 3 {
                toc.push(TocEntry { level: lvl, id: uid.clone(), text: text.trim().to_string(), step: step.is_some() });
            }
            // `{onclick=…}` and `{style=…}` would run script or load other hosts.
            let attrs = Vec::new();
            events[i] = Event::Start(Tag::Heading { level, id: Some(CowStr::from(uid)), classes, attrs });
            if let Event::End(TagEnd::Heading(_)) = events.get(end).cloned().unwrap_or(Event::SoftBreak) {
                events[end] = Event::End(TagEnd::Heading(level));
            }
            i = end;
        }
        i += 1;
    }

    let has_table = events.iter().any(|e| matches!(e, Event::Start(Tag::Table(_))));
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Wide tables scroll inside their own box on a phone; the box is focusable so keyboard
    // users can scroll it too (WCAG 2.1.1). Most bodies have no table, and two searches and
    // copies of every page's HTML were 2% of a province's build.
    let html = match has_table {
        true => html
            .replace("<table>", "<div class=\"table-wrap\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\"><table>")
            .replace("</table>", "</table></div>"),
        false => html,
    };
    // Without HTML of its own, a body is exactly what pulldown-cmark wrote from Markdown, which
    // escapes every text and attribute; only a body with HTML in it needs (and pays for) a cleaning.
    let html = if has_html && raw == RawHtml::Sanitise { sanitiser(root).clean(&html).to_string() } else { html };
    Rendered { html, toc, steps, links }
}

/// Plain text of a Markdown snippet, for descriptions.
pub fn plain(md: &str, max_chars: usize) -> String {
    plain_prefix(md, max_chars, |md| plain_of(md, max_chars))
}

/// `run` over as much of `md` as its first `max_chars` characters of plain text need: `run`
/// returns its result and whether it reached that many.
///
/// pulldown-cmark reads a document's whole block structure before its first event, so a
/// 160-character description of a long body cost a parse of all of it. A prefix that ends at a
/// blank line gives the same events up to the cut; only link reference definitions (`[x]:`)
/// reach back from further down, and a body with one is parsed whole.
pub fn plain_prefix<T>(md: &str, max_chars: usize, run: impl Fn(&str) -> (T, bool)) -> T {
    let budget = max_chars.saturating_mul(4).max(1024);
    if md.len() > budget && !md.contains("]:") {
        let cut = md.as_bytes()[budget..].windows(2).position(|w| w == b"\n\n").map(|i| budget + i);
        if let Some((text, true)) = cut.map(|c| run(&md[..c])) {
            return text;
        }
    }
    run(md).0
}

/// The plain text of `md` in pieces, in order: the text of each `Text` and `Code`, and a " "
/// at each line break and block end. Stops when `take` returns `false`.
pub fn plain_pieces(md: &str, mut take: impl FnMut(&str) -> bool) {
    for ev in Parser::new(md) {
        let more = match ev {
            Event::Text(t) | Event::Code(t) => take(&t),
            // Every block ends in a space: a heading, or an item of a tight list (which has no
            // paragraph), ran into the words after it.
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell,
            ) => take(" "),
            _ => continue,
        };
        if !more {
            break;
        }
    }
}

/// The plain text of `md` cut to `max_chars`, and whether there was more text than that.
fn plain_of(md: &str, max_chars: usize) -> (String, bool) {
    // Whitespace is collapsed as it comes and the characters counted as the text grows: counting
    // raw spaces stopped early where blocks end in several (a loose list's item and paragraph)
    // and cut the text short with no "…"; recounting the whole text each time was quadratic.
    let mut out = String::new();
    let mut chars = 0;
    plain_pieces(md, |s| {
        chars += collapse_into(s, &mut out);
        chars <= max_chars
    });
    out.truncate(out.trim_end().len());
    // Cut where the character after the last one kept starts, not by collecting characters:
    // the search index cuts every long body at 3,000.
    match out.char_indices().nth(max_chars) {
        Some((cut, _)) => (format!("{}…", out[..cut].trim_end()), true),
        None => (out, false),
    }
}

/// Appends `s` to `out` with each run of whitespace as one space, none at the start of `out`
/// or after a space it ends in; returns how many characters it added. Byte by byte and word by
/// word: the search index takes the plain text of every body on the site, and decoding every
/// character to ask whether it is whitespace was most of that.
fn collapse_into(s: &str, out: &mut String) -> usize {
    let b = s.as_bytes();
    let mut added = 0;
    let (mut i, mut word) = (0, 0);
    let flush = |from: usize, to: usize, out: &mut String| {
        out.push_str(&s[from..to]);
        b[from..to].iter().filter(|c| (**c as i8) >= -0x40).count()
    };
    while i < b.len() {
        // The lead bytes of every non-ASCII whitespace character: U+0085 and U+00A0 (C2),
        // U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3).
        let (space, len) = match b[i] {
            b'\t'..=b'\r' | b' ' => (true, 1),
            c if c < 0x80 => (false, 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                s[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
            }
            c => (false, c.leading_ones().max(1) as usize),
        };
        if space {
            added += flush(word, i, out);
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
                added += 1;
            }
            word = i + len;
        }
        i += len;
    }
    added + flush(word, b.len(), out)
}

/// The words of a piece of HTML: tags dropped, and with them what `<script>` and `<style>` hold.
fn html_text(html: &str) -> String {
    let text = ammonia::Builder::empty().clean(html).to_string();
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// A block of a Markdown body as plain text, for reading aloud.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    /// A paragraph or a list item, emphasis and links reduced to their words.
    Text(String),
}

/// The headings, paragraphs and list items of `md` as plain text. Tables, code blocks and images
/// are left out: read aloud they are noise.
pub fn blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut skip = 0usize;
    let flush = |text: &mut String, out: &mut Vec<Block>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push(Block::Text(t));
        }
        text.clear();
    };
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Table(_) | Tag::CodeBlock(_) | Tag::Image { .. } | Tag::FootnoteDefinition(_)) => {
                skip += 1
            }
            Event::End(TagEnd::Table | TagEnd::CodeBlock | TagEnd::Image | TagEnd::FootnoteDefinition) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { .. } | Tag::Paragraph | Tag::Item) => flush(&mut text, &mut out),
            Event::End(TagEnd::Heading(_)) => {
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                text.clear();
                out.push(Block::Heading(t));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => flush(&mut text, &mut out),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Html(t) | Event::InlineHtml(t) => text.push_str(&html_text(&t)),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut text, &mut out);
    out
}

/// The first paragraph or list item of `md`, as [`blocks`] gives it: all a notice reads of a
/// news item. Over a prefix of the body when the block after it is in the prefix already, as
/// [`plain_prefix`] cuts it: parsing a whole body for its first sentences was most of a notice's
/// cost after its saying.
pub fn first_text(md: &str) -> Option<String> {
    plain_prefix(md, 256, |md| {
        let mut all = blocks(md).into_iter().skip_while(|b| !matches!(b, Block::Text(_)));
        let first = all.next().and_then(|b| match b {
            Block::Text(t) => Some(t),
            Block::Heading(_) => None,
        });
        let followed = all.next().is_some();
        (first, followed)
    })
}

/// Every Markdown file of the example site, front matter and all: real bodies for tests that
/// compare two ways of reading them.
#[cfg(test)]
pub(crate) fn example_files() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn whitespace_collapsed_by_bytes_as_by_characters() {
        // Every whitespace character, the letters sharing their lead bytes, and text around.
        let pieces = [
            " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}",
            "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{1c}", "\u{200b}", "©", "ạ", "ệ", "—", "“",
            "、", "a", "Đ", "😀", "x y",
        ];
        let by_chars = |s: &str, out: &mut String| {
            let mut n = 0;
            for c in s.chars() {
                if !c.is_whitespace() {
                    out.push(c);
                    n += 1;
                } else if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                    n += 1;
                }
            }
            n
        };
        let mut seed = 11u64;
        for _ in 0..4000 {
            let mut parts = Vec::new();
            for _ in 0..(seed % 9) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                parts.push(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let text = parts.concat();
            for start in ["", "x", "x "] {
                let (mut ours, mut theirs) = (start.to_string(), start.to_string());
                assert_eq!(super::collapse_into(&text, &mut ours), by_chars(&text, &mut theirs), "{text:?}");
                assert_eq!(ours, theirs, "{text:?}");
            }
            seed = seed.wrapping_add(1);
        }
    }

    use super::*;

    #[test]
    fn what_the_sanitiser_removes_is_named_with_its_line() {
        let md = "Mở đầu.\n\nBà con <b>lưu ý</b>: <img src=\"/chia-se.png\" alt=\"ảnh\" onerror=\"alert(2)\"> \
                  <a href=\"/lich/\" onclick=\"x()\">lịch</a> <a href=\"javascript:alert(1)\">bấm</a>\n\n\
                  <div>\n<iframe\n  src=\"https://www.youtube.com/embed/x\">\n</iframe>\n</div>\n\n<script>alert('<b>')</script>\n\n\
                  <!-- <object data=\"x\"> -->\n";
        let mut got = removed_html(md);
        got.sort();
        assert_eq!(
            got,
            [
                (2, "thuộc tính href của thẻ <a>".to_string()),
                (2, "thuộc tính onclick của thẻ <a>".to_string()),
                (2, "thuộc tính onerror của thẻ <img>".to_string()),
                (5, "thẻ <iframe>".to_string()),
                (10, "thẻ <script>".to_string()),
            ]
        );
        assert!(removed_html("Chỉ **Markdown** và <b>chữ đậm</b>, <BR/> [liên kết](/lich/).").is_empty());
        assert!(removed_html("a < b và 3<4 <").is_empty());
        // A cell written in a block of its own is still inside the table the browser builds.
        let table = "<table>\n  <tr><td>a</td></tr>\n\n  <tr><td style=\"text-align: center\">b</td></tr>\n</table>\n";
        assert_eq!(removed_html(table), []);
        assert_eq!(removed_html("<my-widget>x</my-widget>"), [(0, "thẻ <my-widget>".to_string())]);
    }

    #[test]
    fn the_first_text_from_a_prefix_is_the_first_text_of_the_whole() {
        let para = "Người dân mang **thẻ căn cước** gắn chip đến bộ phận một cửa của phường. ";
        let whole = |md: &str| {
            blocks(md).into_iter().find_map(|b| match b {
                Block::Text(t) => Some(t),
                Block::Heading(_) => None,
            })
        };
        let mut bodies = vec![
            format!("{}\n\n{}", para.repeat(30), format!("{para}\n\n").repeat(40)),
            format!("## Bước 1\n\n{}", format!("{para}\n\n").repeat(60)),
            format!("{}\n\n", "## Chỉ tiêu đề\n\n".repeat(200)) + para,
            format!("- {}\n", para.repeat(3)).repeat(40) + "\n- cuối\n",
            format!("```\n{}\n\nmã\n```\n\n{para}", para.repeat(40)),
            format!("| a | b |\n|---|---|\n{}\n{para}", "| x | y |\n".repeat(200)),
            format!("[Cổng][dvc] {}\n\n{}[dvc]: https://dichvucong.gov.vn\n", para, format!("{para}\n\n").repeat(40)),
            "> trích\n\n".repeat(100) + para,
        ];
        bodies.extend(example_files());
        for body in &bodies {
            assert_eq!(first_text(body), whole(body), "{}", &body[..body.len().min(80)]);
        }
    }

    #[test]
    fn a_description_from_a_prefix_is_the_description_of_the_whole() {
        let para = "Người dân mang **thẻ căn cước** gắn chip đến bộ phận một cửa của phường để được hỗ trợ. ";
        let bodies = [
            // Paragraphs, a tight list and a fence that runs across any cut.
            format!("{}\n\n- Bước một\n- Bước hai\n\n```\n{}\n\nmã\n```\n", para.repeat(40), para.repeat(30)),
            format!("# Tiêu đề\n\n{}", format!("{para}\n\n").repeat(60)),
            // A list made loose only by a blank line far below the cut.
            format!("- {}\n", para.repeat(3)).repeat(40) + "\n- cuối\n",
            // A reference defined at the end, so the whole body is read.
            format!("[Cổng dịch vụ công][dvc] {}\n\n[dvc]: https://dichvucong.gov.vn\n", para.repeat(50)),
        ];
        for body in &bodies {
            for max in [160, 300, 1000] {
                assert_eq!(plain(body, max), plain_of(body, max).0, "{max}");
            }
        }
        assert!(plain(&bodies[3], 160).starts_with("Cổng dịch vụ công Người dân"));
        // Loose lists and quotes end each block in two spaces; they count as one.
        for body in ["- ab\n".repeat(300) + "\n- ab\n", "- ab\n\n".repeat(60), "> ab\n\n".repeat(60)] {
            let (text, more) = plain_of(&body, 160);
            assert!(more && text.ends_with('…') && text.chars().count() == 161, "{text}");
            assert_eq!(plain(&body, 160), text);
        }
        assert_eq!(plain("- một\n- hai\n", 100), "một hai");
        assert_eq!(plain("## Bước 1\n\nMở VNeID\n\n```\nmã\n```\nxong", 100), "Bước 1 Mở VNeID mã xong");
    }

    #[test]
    fn what_a_body_hides_is_found_at_its_line() {
        let md = "Một\n\u{feff}## Bước 1\n\ntab\tvà “ngoặc” – gạch\n\nx\u{1b}[31m\n```\n<!-- trong mã\n```\n";
        assert_eq!(
            hidden(md),
            [(1, Hidden::Invisible { column: 1, c: '\u{feff}' }), (5, Hidden::Invisible { column: 2, c: '\u{1b}' })]
        );
        assert_eq!(hidden("a\n<!-- ghi chú\n\nb -->\n\n<!-- một dòng -->\n"), []);
        assert_eq!(hidden("a\n\n  <!-- mở\n\nb\n"), [(2, Hidden::UnclosedComment)]);
        assert_eq!(hidden("a -->\n\n<!-- mở\n"), [(2, Hidden::UnclosedComment)], "a --> before it closes nothing");
        assert_eq!(hidden("    <!-- mã thụt lề\n"), [], "indented four spaces it is code");
        assert_eq!(hidden(&"\u{1}\n".repeat(100)).len(), 20, "twenty are enough to find the rest");
    }

    /// The byte scanner finds exactly the characters it means to, of all there are.
    #[test]
    fn the_invisible_are_exactly_the_hidden_controls_and_the_bom() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("ạ{c}");
            let found = next_invisible(&s, 0).map(|(_, c)| c);
            let meant = crate::text::is_hidden_control(c) || c == '\u{feff}';
            assert_eq!(found, meant.then_some(c), "U+{:04X}", c as u32);
        }
        // Found wherever it stands in a long text, across the blocks skipped whole.
        let text = "Bà con “lưu ý” – ".repeat(20);
        for at in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
            for c in ['\u{feff}', '\u{1b}', '\u{202e}', '\u{85}'] {
                let s = format!("{}{c}{}", &text[..at], &text[at..]);
                assert_eq!(next_invisible(&s, 0), Some((at, c)), "{at}");
                assert_eq!(next_invisible(&s, at + c.len_utf8()), None);
            }
        }
    }

    #[test]
    fn step_headings_outside_code() {
        let md =
            "## Bước 1: a\n\n~~~\n## Bước 9\n~~~\n### Bước 2\n#Bước 3\n####### Bước 4\n    ## Bước 5\n# Bước 3 #\n";
        assert_eq!(step_lines(md), [(0, 1), (5, 2), (9, 3)]);
    }

    #[test]
    fn ids_toc_and_steps() {
        let r = render(
            "## I. MỤC ĐÍCH\n\ntext\n\n## Bước 1: Tải VNeID\n\n## Bước 2: Đăng nhập\n\n## I. MỤC ĐÍCH\n",
            "../../",
            RawHtml::Sanitise,
        );
        assert!(r.html.contains("<h2 id=\"i-muc-dich\">"));
        assert!(r.html.contains("<h2 id=\"buoc-1\" class=\"step\">"));
        assert!(r.html.contains("id=\"i-muc-dich-2\""));
        assert_eq!(r.steps, 2);
        assert_eq!(r.toc.len(), 4);
    }

    fn clean(md: &str) -> String {
        render(md, "../../", RawHtml::Sanitise).html
    }

    #[test]
    fn raw_html_keeps_formatting_and_loses_script() {
        let html = clean("<script>alert(1)</script>\n\nxin <b>chào</b> <u>bà con</u><br>\n");
        assert!(!html.contains("<script") && !html.contains("alert"), "{html}");
        assert!(html.contains("xin <b>chào</b> <u>bà con</u><br>"), "{html}");
    }

    #[test]
    fn raw_html_cannot_run_frame_embed_or_restyle() {
        let hostile = [
            "<img src=x onerror=alert(1)>",
            "<p onclick=\"alert(1)\" onmouseover='x'>a</p>",
            "<a href=\"javascript:alert(1)\">a</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">a</a>",
            "<a href=\"java&#x09;script:alert(1)\">a</a>",
            "<a href=\"&#106;avascript:alert(1)\">a</a>",
            "<a href=\" javascript:alert(1)\">a</a>",
            "<a href=\"vbscript:x\">a</a>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">a</a>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<style>body{display:none}</style>",
            "<p style=\"background:url(https://evil.example/t.png)\">a</p>",
            "<svg><script>alert(1)</script></svg>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<form action=\"https://evil.example/\"><input name=p></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
            "<base href=\"https://evil.example/\">",
            "<link rel=stylesheet href=\"https://evil.example/x.css\">",
            "<div><!-- <script>alert(1)</script> --></div>",
            "<scr<script>ipt>alert(1)</script>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<table><tr><td style=\"text-align: center; background: url(x)\">a</td></tr></table>",
        ];
        for h in hostile {
            for md in [h.to_string(), format!("xin {h} chào"), format!("- {h}\n")] {
                let html = clean(&md).to_lowercase();
                for bad in [
                    "<script",
                    "<iframe",
                    "<object",
                    "<embed",
                    "<style",
                    "<form",
                    "<input",
                    "<meta",
                    "<base",
                    "<link",
                    " onerror",
                    " onclick",
                    " onmouseover",
                    "javascript:",
                    "vbscript:",
                    "data:",
                    "background",
                ] {
                    assert!(!html.contains(bad), "{bad} survived {h:?}:\n{html}");
                }
            }
        }
    }

    #[test]
    fn the_cleaning_keeps_our_own_markup() {
        let md = "Xem <b>kỹ</b>.\n\n## Bước 1: Mở VNeID {#mo .note}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n[VNeID](/huong-dan/vneid/#buoc-2) <a href=\"/lich/\">lịch</a> <a href=\"tel:02543\">gọi</a> <a href=\"zalo:p3\">zalo</a>\n\nChú thích[^1].\n\n[^1]: Ghi chú.\n\n![ảnh](/anh.png)\n";
        let plain = md
            .replace("<b>kỹ</b>", "kỹ")
            .replace(" <a href=\"/lich/\">lịch</a> <a href=\"tel:02543\">gọi</a> <a href=\"zalo:p3\">zalo</a>", "");
        let with_html = clean(md);
        let without = clean(&plain);
        for ours in [
            "<h2 id=\"mo\" class=\"note step\">",
            "<div class=\"table-wrap\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\"><table>",
            "<th style=\"text-align: left\">a</th>",
            "<td style=\"text-align: right\">2</td>",
            "href=\"../../huong-dan/vneid/#buoc-2\"",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<div class=\"footnote-definition\" id=\"1\">",
            "<img src=\"../../anh.png\" alt=\"ảnh\"",
        ] {
            assert!(with_html.contains(ours), "cleaning lost {ours}:\n{with_html}");
            assert!(without.contains(ours), "{ours} not in:\n{without}");
        }
        for raw in ["<b>kỹ</b>", "<a href=\"../../lich/\">lịch</a>", "<a href=\"tel:02543\">", "<a href=\"zalo:p3\">"]
        {
            assert!(with_html.contains(raw), "{raw} not in:\n{with_html}");
        }
        assert!(!with_html.contains("rel="), "{with_html}");
        // The same body cleans to the same bytes every time.
        assert_eq!(with_html, clean(md));
    }

    #[test]
    fn trusted_html_is_published_as_written() {
        let md =
            "<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>\n\n<p style=\"color: red\">a</p>\n";
        let html = render(md, "../../", RawHtml::Trust).html;
        assert!(html.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe>"), "{html}");
        assert!(html.contains("<p style=\"color: red\">a</p>"), "{html}");
    }

    #[test]
    fn links_in_html_are_listed_for_the_check() {
        let l = links(
            "a <a href=\"/lich/\" title=\"t\">b</a>\n\n<p><img src=\"https://h/x.png\" alt=\"ảnh\" width=\"3\"><a HREF='javascript:x'>c</a></p>\n",
        );
        let got: Vec<(&str, bool, usize)> = l.iter().map(|l| (l.dest.as_str(), l.image, l.line)).collect();
        assert_eq!(got, [("/lich/", false, 0), ("https://h/x.png", true, 2), ("javascript:x", false, 2)]);
    }

    #[test]
    fn read_aloud_html_is_its_words() {
        let b = blocks("Mở <b>VNeID</b> &amp; chờ.\n\n<script>alert(1)</script>\n\n<p>Gọi &lt;số&gt; 113</p>\n");
        assert_eq!(b, [Block::Text("Mở VNeID & chờ.".into()), Block::Text("Gọi <số> 113".into())]);
    }

    #[test]
    fn tables_scroll() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n", "../../", RawHtml::Sanitise);
        assert!(r.html.contains("class=\"table-wrap\""));
    }

    #[test]
    fn script_links_and_heading_attributes_are_disarmed() {
        let r = render(
            "## Tiêu đề {#tieu-de .note onclick=alert(1) style=x}\n\n[a](javascript:alert(2)) [b](JAVA\tSCRIPT:x)\n",
            "../../",
            RawHtml::Sanitise,
        );
        assert!(r.html.contains(r#"<h2 id="tieu-de" class="note">"#), "{}", r.html);
        assert!(!r.html.contains("onclick") && !r.html.contains("style"), "{}", r.html);
        assert!(r.html.contains(r##"<a href="#">a</a>"##), "{}", r.html);
        assert!(!r.html.to_lowercase().contains("href=\"java"), "{}", r.html);
    }

    #[test]
    fn site_absolute_links_become_relative() {
        let r = render(
            "[VNeID](/huong-dan/kich-hoat-vneid/#buoc-2) [x](https://dichvucong.gov.vn)",
            "../../",
            RawHtml::Sanitise,
        );
        assert!(r.html.contains(r#"href="../../huong-dan/kich-hoat-vneid/#buoc-2""#), "{}", r.html);
        assert!(r.html.contains(r#"href="https://dichvucong.gov.vn""#), "{}", r.html);
    }

    #[test]
    fn blocks_are_plain_text_without_tables() {
        let b = blocks("Mở **VNeID**.\n\n## Bước 1: Tải\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- bấm [Gửi](/x/)\n- ![ảnh](/a.png) xong\n");
        assert_eq!(
            b,
            [
                Block::Text("Mở VNeID.".into()),
                Block::Heading("Bước 1: Tải".into()),
                Block::Text("bấm Gửi".into()),
                Block::Text("xong".into()),
            ]
        );
    }

    #[test]
    fn links_are_listed_with_their_lines() {
        let l = links("a\n\n[x](../y/)\n\n![ảnh](https://h/t.png)\n");
        assert_eq!(l[0], LinkRef { dest: "../y/".into(), image: false, line: 2 });
        assert_eq!(l[1], LinkRef { dest: "https://h/t.png".into(), image: true, line: 4 });
        assert_eq!(classify("mailto:a@b.vn"), Dest::App);
        assert_eq!(classify("//evil.example/x"), Dest::Remote);
        assert_eq!(classify("/lich/"), Dest::SiteAbsolute("lich/"));
    }

    #[test]
    fn a_render_lists_the_links_the_check_would() {
        let mut bodies = example_files();
        bodies.push(
            "[a](/lich/)\n\n<p>x <a href=\"../b/\">b</a>\n<img src=\"/anh.png\"></p>\n\n![c](c.png) [d][r]\n\n\
             | [e](#f) | <a href=\"tel:1\">g</a> |\n|---|---|\n\n[r]: https://x.vn/\n"
                .to_string(),
        );
        let mut total = 0;
        for body in &bodies {
            let got = render(body, "../../", RawHtml::Sanitise).links;
            assert_eq!(got, links(body), "{body}");
            total += got.len();
        }
        assert!(total >= 7, "the seven written above, and the example site's: {total}");
    }
}
