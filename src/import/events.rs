//! Events a plan announces: conferences, training, field days and help desks with the day
//! (or the span, or the month) the text gives them, "dự kiến" marking them tentative. A date
//! that is a deadline ("xong trước ngày …") or a document's ("Kế hoạch số … ngày …") is not
//! an event's.

use chrono::{NaiveDate, NaiveTime};

use super::find::sentences;
use super::outline::{Item, Kind};
use super::vi::{self, Tok};
use crate::text;

#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// A day or a span of days, with the times of day the text gives; `daily` when it says the
    /// times hold every day of the span ("hằng ngày").
    Dated { from: NaiveDate, to: Option<NaiveDate>, start: Option<NaiveTime>, end: Option<NaiveTime>, daily: bool },
    /// Roughly when, in the text's words ("Trong tháng 8/2024").
    Roughly(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub title: String,
    /// hoi-nghi, tap-huan, ra-quan or truc-ho-tro.
    pub kind: &'static str,
    pub when: When,
    pub tentative: bool,
    pub location: Option<String>,
    pub attendees: Vec<String>,
    /// The sentences it was read from, with the heading or the dated line above them.
    pub source: String,
    /// The sentence that names it, as the event page's text.
    pub sentence: String,
}

/// The kind of event a text speaks of, and where.
fn keyword(s: &str) -> Option<(&'static str, usize)> {
    let l = s.to_lowercase();
    [
        ("hội nghị", "hoi-nghi"),
        ("tập huấn", "tap-huan"),
        ("bồi dưỡng", "tap-huan"),
        ("ra quân", "ra-quan"),
        ("trực hỗ trợ", "truc-ho-tro"),
        ("ca trực", "truc-ho-tro"),
    ]
    .iter()
    .filter_map(|(w, k)| l.find(w).map(|at| (*k, at)))
    .min_by_key(|(_, at)| *at)
}

/// The words after "tại": where it takes place.
fn location(s: &str, toks: &[Tok]) -> Option<String> {
    let at = toks.iter().position(|t| t.f == "tai" && t.s.to_lowercase() == "tại")?;
    let end =
        (at + 1..toks.len()).find(|&j| matches!(toks[j].s, "," | "." | ";" | ":" | "(" | ")")).unwrap_or(toks.len());
    if end <= at + 2 || end - at > 14 {
        return None;
    }
    let place = &s[toks[at + 1].start..toks[end - 1].end];
    let f = text::fold(place);
    let document = ["ke hoach", "quyet dinh", "van ban", "cong van", "dieu", "chuong"].iter().any(|w| f.starts_with(w));
    (!document).then(|| vi::tidy(place, &[]))
}

/// A title from the sentence that names the event: from the start of its clause (or from the
/// keyword when much comes before it) to the date, the place or the end.
fn title_from(sentence: &str, kw_at: usize) -> String {
    let mut start = 0;
    // "Từ ngày 24/3 đến ngày 20/4/2023: Các tổ công tác …": after the colon.
    if let Some(colon) = sentence[..kw_at].rfind(':') {
        start = colon + 1;
    }
    let toks = vi::tokens(&sentence[start..]);
    let kw_tok = toks.iter().position(|t| t.start + start >= kw_at).unwrap_or(0);
    // "Theo đó, trong tháng 8/2024, Sở … tổ chức tập huấn …": the clause after the last comma.
    let mut first = toks[..kw_tok].iter().rposition(|t| t.s == ",").map_or(0, |k| k + 1);
    if kw_tok - first > 6 {
        first = kw_tok;
    }
    let mentions = vi::dates(&toks, None);
    let end = (kw_tok..toks.len())
        .find(|&j| {
            matches!(toks[j].s, "(" | ":" | ";" | ".")
                || toks[j].f == "tai" && j > kw_tok + 1
                || toks[j].f == "vao" && toks.get(j + 1).is_some_and(|t| t.f == "ngay")
                || mentions.iter().any(|m| m.first == j)
                || (toks[j].f == "trong" && mentions.iter().any(|m| m.first == j + 1))
        })
        .unwrap_or(toks.len());
    if first >= end {
        return String::new();
    }
    let mut t = vi::tidy(&sentence[start + toks[first].start..start + toks[end - 1].end], &[',', '-', '+']);
    for tail in [" như", " về", " của", " cho", " và"] {
        if t.ends_with(tail) {
            t.truncate(t.len() - tail.len());
        }
    }
    let t = vi::sentence_start(&t);
    shorten(&t, 90)
}

/// A title cut at a comma or a word, marked "…", when it is longer than `max` characters.
fn shorten(t: &str, max: usize) -> String {
    if t.chars().count() <= max {
        return t.to_string();
    }
    let cut: String = t.chars().take(max).collect();
    let at = cut.rfind(',').filter(|&i| i > 30).or_else(|| cut.rfind(' ')).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ' ']))
}

/// The date of an event in a sentence: a span, a day that is not a deadline or a document's,
/// or a month after "trong".
/// Times of day and "hằng ngày" are read from `around`, the whole paragraph.
fn date_in(toks: &[Tok], year: Option<i32>, around: &[Tok]) -> Option<When> {
    let mentions = vi::dates(toks, year);
    let times = vi::times(around);
    let daily = around.windows(2).any(|w| matches!(w[0].f.as_str(), "hang" | "moi") && w[1].f == "ngay");
    if let Some(s) = vi::spans(toks, &mentions).into_iter().find(|s| !super::layout::names_document(toks, s.first)) {
        return Some(When::Dated {
            from: s.from,
            to: Some(s.to),
            start: times.first().copied(),
            end: times.get(1).copied(),
            daily: daily && times.len() == 2 && s.from != s.to,
        });
    }
    for m in &mentions {
        let before = |k: usize| m.first.checked_sub(k).map(|i| toks[i].f.as_str()).unwrap_or("");
        let deadline = matches!(before(1), "truoc" | "den" | "het" | "xong" | "nhat" | "han") || before(2) == "truoc";
        if deadline || super::layout::names_document(toks, m.first) {
            continue;
        }
        match m.when {
            vi::When::Day(d) => {
                return Some(When::Dated {
                    from: d,
                    to: None,
                    start: times.first().copied(),
                    end: times.get(1).copied(),
                    daily: false,
                })
            }
            vi::When::Month(..) | vi::When::Quarter(..) if before(1) == "trong" => {
                let words: Vec<&str> = toks[m.first - 1..=m.last].iter().map(|t| t.s).collect();
                return Some(When::Roughly(vi::sentence_start(&words.join(" "))));
            }
            _ => {}
        }
    }
    None
}

pub fn find(items: &[Item], year: Option<i32>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    let mut used_headings: Vec<usize> = Vec::new();
    // "- Từ ngày 20/3/2023 đến ngày 23/3/2023:" dates the "+" items under it.
    let mut lead: Option<(When, String)> = None;
    for (k, item) in items.iter().enumerate() {
        match item.kind {
            Kind::Heading(_) | Kind::Table(_) => {
                lead = None;
                continue;
            }
            Kind::Item(d) if d > 0 => {}
            _ => {
                let toks = vi::tokens(&item.text);
                lead = if item.text.trim_end().ends_with(':') {
                    date_in(&toks, year, &toks).map(|w| (w, item.text.clone()))
                } else {
                    None
                };
            }
        }
        if item.parents.iter().any(|&p| text::fold(&items[p].text).starts_with("phu luc")) {
            continue;
        }
        let heading = item.parents.last().copied();
        let from_heading = heading.and_then(|h| keyword(&items[h].text).map(|kw| (h, kw.0)));
        let own = keyword(&item.text);
        let Some(kind) = own.map(|o| o.0).or(from_heading.filter(|(h, _)| !used_headings.contains(h)).map(|x| x.1))
        else {
            continue;
        };
        let around = vi::tokens(&item.text);
        for sentence in sentences(&item.text) {
            let toks = vi::tokens(sentence);
            let led = (matches!(item.kind, Kind::Item(d) if d > 0)).then(|| lead.clone()).flatten();
            let (when, lead_text) = match date_in(&toks, year, &around) {
                Some(w) => (w, None),
                None => match led {
                    Some((w, t)) => (w, Some(t)),
                    None => continue,
                },
            };
            let section_text: String = heading.map(|h| items[h].text.clone()).unwrap_or_default();
            let (title, source) = match (keyword(sentence), from_heading) {
                (Some((_, at)), _) if own.is_some() => {
                    let source = match &lead_text {
                        Some(l) => format!("{l} {sentence}"),
                        None => sentence.to_string(),
                    };
                    (title_from(sentence, at), source)
                }
                (_, Some((h, _))) => {
                    used_headings.push(h);
                    (vi::tidy(&items[h].text, &['.', ':']), format!("{} — {}", items[h].text, sentence))
                }
                _ => continue,
            };
            if title.split_whitespace().count() < 2 {
                continue;
            }
            let tentative = [sentence, section_text.as_str()].iter().any(|s| s.to_lowercase().contains("dự kiến"));
            // "Thành phần:" under the same heading lists who attends.
            let mut attendees = Vec::new();
            if let Some(h) = heading.filter(|_| own.is_none()) {
                let mut j = k + 1;
                while j < items.len() && items[j].parents.contains(&h) {
                    let t = &items[j].text;
                    if text::fold(t).starts_with("thanh phan") {
                        let after = t.split_once(':').map(|x| x.1.trim()).unwrap_or("");
                        if !after.is_empty() {
                            attendees.push(vi::tidy(after, &['.', ';', ',']));
                        } else {
                            let mut n = j + 1;
                            while n < items.len()
                                && matches!(items[n].kind, Kind::Item(_))
                                && items[n].parents.contains(&h)
                            {
                                if matches!(items[n].kind, Kind::Item(d) if d > 0) || attendees.is_empty() || n == j + 1
                                {
                                    attendees.push(vi::tidy(&items[n].text, &['.', ';', ',']));
                                }
                                n += 1;
                            }
                        }
                        break;
                    }
                    j += 1;
                }
            }
            out.push(Event {
                title,
                kind,
                when,
                tentative,
                location: location(sentence, &toks),
                attendees,
                source,
                sentence: sentence.to_string(),
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::outline::of_lines as outline_of;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn conferences_under_their_heading_with_place_and_attendees() {
        let items = outline_of(&[
            "III. THỜI GIAN, ĐỊA ĐIỂM TRIỂN KHAI MÔ HÌNH",
            "1. Hội nghị thứ Nhất",
            "- Thời gian: Dự kiến tổ chức triển khai thực hiện Mô hình “Công dân số” vào ngày 16/4/2024 tại Hội trường UBND Phường 3.",
            "- Thành phần:",
            "+ Toàn thể cán bộ, công chức Phường 3;",
            "+ Trưởng các khu phố;",
            "2. Hội nghị thứ Hai",
            "- Thời gian: Dự kiến tổ chức vào ngày 23/4/2024 tại Hội trường UBND Phường 3.",
            "- Thành phần: Các cơ quan, doanh nghiệp trên địa bàn Phường 3.",
        ]);
        let e = find(&items, Some(2024));
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!(e[0].title, "Hội nghị thứ Nhất");
        assert_eq!(e[0].kind, "hoi-nghi");
        assert!(e[0].tentative);
        assert_eq!(e[0].when, When::Dated { from: d(2024, 4, 16), to: None, start: None, end: None, daily: false });
        assert_eq!(e[0].location.as_deref(), Some("Hội trường UBND Phường 3"));
        assert_eq!(e[0].attendees, vec!["Toàn thể cán bộ, công chức Phường 3", "Trưởng các khu phố"]);
        assert_eq!(e[1].attendees, vec!["Các cơ quan, doanh nghiệp trên địa bàn Phường 3"]);
    }

    #[test]
    fn field_days_training_and_deadlines_that_are_not_events() {
        let items = outline_of(&[
            "5. Triển khai chiến dịch ra quân của Tổ công nghệ số cộng đồng xã trong 10 ngày (01/10/2024 - 10/10/2024) tại các điểm thôn:",
            "- Theo đó, trong tháng 8/2024, Sở Thông tin và Truyền thông tổ chức tập huấn cho Tổ Công nghệ số cộng đồng kỹ năng khai thác như: Zalo.",
            "- Chủ trì tổ chức tập huấn cho các tổ công tác (xong trước ngày 25/3/2023).",
            "- Từ ngày 20/3/2023 đến ngày 23/3/2023:",
            "+ Tổ chức tập huấn cho các tổ công tác.",
            "- Từ ngày 24/3 đến ngày 20/4/2023: Các tổ công tác đồng loạt ra quân hướng dẫn. Thời gian liên tục từ 7 giờ 30 phút đến 22 giờ 00 phút hằng ngày.",
        ]);
        let e = find(&items, Some(2024));
        let got: Vec<(&str, &str)> = e.iter().map(|e| (e.title.as_str(), e.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("Triển khai chiến dịch ra quân của Tổ công nghệ số cộng đồng xã trong 10 ngày", "ra-quan"),
                ("Tập huấn cho Tổ Công nghệ số cộng đồng kỹ năng khai thác", "tap-huan"),
                ("Tổ chức tập huấn cho các tổ công tác", "tap-huan"),
                ("Các tổ công tác đồng loạt ra quân hướng dẫn", "ra-quan"),
            ]
        );
        assert_eq!(e[0].location.as_deref(), Some("các điểm thôn"));
        assert_eq!(e[1].when, When::Roughly("Trong tháng 8/2024".into()));
        assert_eq!(
            e[2].when,
            When::Dated { from: d(2023, 3, 20), to: Some(d(2023, 3, 23)), start: None, end: None, daily: false }
        );
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(
            e[3].when,
            When::Dated { from: d(2023, 3, 24), to: Some(d(2023, 4, 20)), start: t(7, 30), end: t(22, 0), daily: true }
        );
    }
}
