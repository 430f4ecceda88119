//! Markdown to HTML with pulldown-cmark: tables, footnotes, unique heading ids folded from
//! Vietnamese, a table of contents, and guide steps (`## Bước 1: …`) anchored as `#buoc-1`.
//! Raw HTML in content is shown as text: content passes through many hands, and a sanitiser
//! that can be trusted explicitly comes with the security issue.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::text::slugify;

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// A `Bước N` heading of a guide.
    pub step: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Number of `Bước N` step headings.
    pub steps: usize,
}

/// "Bước 3: Xác thực" → Some(3).
fn step_number(text: &str) -> Option<u32> {
    let rest = text.trim().strip_prefix("Bước")?.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

pub fn render(md: &str) -> Rendered {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(md, opts)
        .map(|ev| match ev {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            other => other,
        })
        .collect();

    let mut used = BTreeSet::new();
    let mut toc = Vec::new();
    let mut steps = 0;
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, classes, attrs }) = &events[i] {
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
            let mut classes = classes.clone();
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
            let mut uid = base.clone();
            let mut n = 2;
            while !used.insert(uid.clone()) {
                uid = format!("{base}-{n}");
                n += 1;
            }
            if step.is_some() {
                steps += 1;
                classes.push(CowStr::from("step"));
            }
            let lvl = level as u8;
            if lvl <= 3 {
                toc.push(TocEntry { level: lvl, id: uid.clone(), text: text.trim().to_string(), step: step.is_some() });
            }
            let attrs = attrs.clone();
            events[i] = Event::Start(Tag::Heading { level, id: Some(CowStr::from(uid)), classes, attrs });
            if let Event::End(TagEnd::Heading(_)) = events.get(end).cloned().unwrap_or(Event::SoftBreak) {
                events[end] = Event::End(TagEnd::Heading(level));
            }
            i = end;
        }
        i += 1;
    }

    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Wide tables scroll inside their own box on a phone; the box is focusable so keyboard
    // users can scroll it too (WCAG 2.1.1).
    let html = html
        .replace("<table>", "<div class=\"table-wrap\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\"><table>")
        .replace("</table>", "</table></div>");
    Rendered { html, toc, steps }
}

/// Plain text of a Markdown snippet, for descriptions.
pub fn plain(md: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for ev in Parser::new(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
        if out.chars().count() > max_chars {
            break;
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.chars().count() > max_chars {
        format!("{}…", out.chars().take(max_chars).collect::<String>().trim_end())
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_toc_and_steps() {
        let r = render("## I. MỤC ĐÍCH\n\ntext\n\n## Bước 1: Tải VNeID\n\n## Bước 2: Đăng nhập\n\n## I. MỤC ĐÍCH\n");
        assert!(r.html.contains("<h2 id=\"i-muc-dich\">"));
        assert!(r.html.contains("<h2 id=\"buoc-1\" class=\"step\">"));
        assert!(r.html.contains("id=\"i-muc-dich-2\""));
        assert_eq!(r.steps, 2);
        assert_eq!(r.toc.len(), 4);
    }

    #[test]
    fn raw_html_is_text() {
        let r = render("<script>alert(1)</script>\n\nxin <b>chào</b>");
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn tables_scroll() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.contains("class=\"table-wrap\""));
    }
}
