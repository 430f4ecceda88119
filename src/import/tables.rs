//! Tables of figures per unit (an appendix "Chỉ tiêu … các ấp": one row per ấp by name, a
//! column per figure, a "Tổng cộng" row): the units and their bases for units.yaml, and the
//! figures as a first progress report where a column is plainly one of the plan's indicators.

use super::find::{Base, Found, Target};
use super::outline::{Item, Kind};
use super::vi;
use crate::text;

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub name: String,
    /// The id in units.yaml when the site has the unit, else one proposed from its name.
    pub id: String,
    pub known: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// One value per unit, in the units' order.
    pub values: Vec<Option<u64>>,
    /// The indicator the column gives, when its words are plainly that indicator's.
    pub indicator: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitTable {
    /// The heading and caption above the table ("PHỤ LỤC III — Chỉ tiêu …").
    pub caption: String,
    pub units: Vec<Unit>,
    /// Base id (households, population, adults) → its column.
    pub bases: Vec<(String, Column)>,
    pub figures: Vec<Column>,
}

/// Words a unit's name starts with.
const UNIT_WORDS: &[&str] =
    &["ap", "thon", "khu pho", "kp", "to dan pho", "tdp", "to", "xom", "ban", "buon", "khom", "phuong", "xa"];

fn folded(s: &str) -> String {
    text::fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unit_word(f: &str) -> Option<&'static str> {
    UNIT_WORDS.iter().copied().find(|w| f.starts_with(w) && f[w.len()..].starts_with(' '))
}

/// The id a unit would have: its name without the kind ("Ấp Tân Phú" → "tan-phu"), or the
/// whole name when what is left is a number ("Khu phố 1" → "khu-pho-1").
pub fn proposed_id(name: &str) -> String {
    let f = folded(name);
    let rest = unit_word(&f).map_or(f.as_str(), |w| f[w.len()..].trim());
    let id = if rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit() || c == ' ') {
        text::slugify(name)
    } else {
        text::slugify(rest)
    };
    if text::windows_reserved(&id) || id == "ward" {
        format!("{id}-1")
    } else {
        id
    }
}

fn base_of_header(h: &str) -> Option<&'static str> {
    let f = folded(h);
    if f.contains("so ho") || f == "ho" {
        Some("households")
    } else if f.contains("truong thanh") || f.contains("tu du 18") || f.contains("tren 18") {
        Some("adults")
    } else if f.contains("dan so") || f.contains("so dan") || f.contains("nhan khau") {
        Some("population")
    } else {
        None
    }
}

const STOP: &[&str] = &[
    "cac", "cua", "va", "cho", "duoc", "da", "so", "tong", "chi", "tieu", "tren", "dia", "ban", "o", "theo", "01",
    "nguoi",
];

fn words(s: &str) -> std::collections::BTreeSet<String> {
    text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Every table of figures per unit in the outline. `known` is the site's units as (id, name).
pub fn find(items: &[Item], known: &[(String, String)]) -> Vec<UnitTable> {
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let Kind::Table(rows) = &item.kind else { continue };
        let Some(header) = rows.first() else { continue };
        let unit_col = header.iter().position(|c| {
            let f = folded(&c.text);
            f == "don vi" || f == "ten don vi" || unit_word(&format!("{f} ")).is_some() && f.split(' ').count() <= 3
        });
        let Some(unit_col) = unit_col else { continue };
        // Data rows: those naming a unit; the header may take two rows, a total row ends it.
        let mut units = Vec::new();
        let mut data_rows = Vec::new();
        for row in rows.iter().skip(1) {
            let Some(cell) = row.get(unit_col) else { continue };
            let name = vi::tidy(&cell.text, &[]);
            let f = folded(&name);
            if name.is_empty() || f.starts_with("tong") || f == "cong" || f.starts_with("cong:") {
                continue;
            }
            let site = known.iter().find(|(id, n)| folded(n) == f || id == &f);
            let looks = unit_word(&format!("{f} ")).is_some_and(|_| f.split(' ').count() >= 2);
            if site.is_none() && !looks {
                // A row that is not a unit ("Công an", "Quân sự"): not a table per unit.
                units.clear();
                break;
            }
            units.push(match site {
                Some((id, _)) => Unit { name: name.clone(), id: id.clone(), known: true },
                None => Unit { name: name.clone(), id: proposed_id(&name), known: false },
            });
            data_rows.push(row);
        }
        if units.len() < 2 {
            continue;
        }
        // The caption: the paragraphs and heading just above.
        let caption = items[k.saturating_sub(3)..k]
            .iter()
            .filter(|i| matches!(i.kind, Kind::Para | Kind::Heading(_)))
            .map(|i| format!("{}{}", i.label.as_deref().map(|l| format!("{l} ")).unwrap_or_default(), i.text))
            .filter(|t| !t.starts_with('('))
            .collect::<Vec<_>>()
            .join(" — ");
        let mut bases = Vec::new();
        let mut figures = Vec::new();
        for (col, cell) in header.iter().enumerate() {
            if col == unit_col {
                continue;
            }
            let head = vi::tidy(&cell.text, &[]);
            let f = folded(&head);
            if f.is_empty() || matches!(f.as_str(), "stt" | "tt" | "so tt" | "ghi chu") || f.starts_with("chua") {
                continue;
            }
            let values: Vec<Option<u64>> =
                data_rows.iter().map(|r| r.get(col).and_then(|c| vi::whole(c.text.trim()))).collect();
            if values.iter().all(Option::is_none) {
                continue;
            }
            let column = Column { header: head.clone(), values, indicator: None };
            match base_of_header(&head) {
                Some(b) => bases.push((b.to_string(), column)),
                None => figures.push(column),
            }
        }
        out.push(UnitTable { caption, units, bases, figures });
    }
    out
}

/// Gives each figure column the indicator its words (with the table's caption) plainly name:
/// the indicator sharing the most words with it, at least two, and more than any other; an
/// indicator goes to one column only. Milestones and ratios are not counted per unit.
pub fn match_indicators(table: &mut UnitTable, indicators: &[Found]) {
    let caption = words(&table.caption);
    let mut best: Vec<(usize, String, usize)> = Vec::new();
    for (c, col) in table.figures.iter().enumerate() {
        let mut w = words(&col.header);
        w.extend(caption.iter().cloned());
        let mut scores: Vec<(usize, &Found)> = indicators
            .iter()
            .filter(|i| match &i.target {
                Target::Count(_) => true,
                Target::Share { base, .. } => *base != Base::Reported,
                Target::Milestone => false,
            })
            .map(|i| {
                let mut iw = words(&i.name);
                iw.extend(i.noun.iter().flat_map(|n| words(n)));
                (w.intersection(&iw).count(), i)
            })
            .collect();
        scores.sort_by_key(|s| std::cmp::Reverse(s.0));
        if let Some((s, i)) = scores.first() {
            let second = scores.get(1).map_or(0, |x| x.0);
            if *s >= 2 && *s > second {
                best.push((c, i.id.clone(), *s));
            }
        }
    }
    // One column per indicator: the one sharing most words.
    best.sort_by_key(|b| std::cmp::Reverse(b.2));
    let mut given: Vec<String> = Vec::new();
    for (c, id, _) in best {
        if !given.contains(&id) {
            table.figures[c].indicator = Some(id.clone());
            given.push(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_ids_from_names() {
        assert_eq!(proposed_id("Ấp Tân Phú"), "tan-phu");
        assert_eq!(proposed_id("Áp Tân Mỹ"), "tan-my");
        assert_eq!(proposed_id("Khu phố 1"), "khu-pho-1");
        assert_eq!(proposed_id("Thôn An Kỳ"), "an-ky");
    }
}
