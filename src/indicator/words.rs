//! Every word said of an indicator's kind: its target, its figure, its share, what the straight
//! path asks, a unit's row, a line of the feed and a sentence of the bulletin, each in the one
//! form its kind takes. Pages, charts, the feed and the radio call these rather than match on a
//! kind themselves; status words are [`Standing::label`]'s.

use chrono::NaiveDate;

use super::{IndicatorProgress, Standing, Target, UnitProgress};
use crate::format::{date, int, percent};

/// "Đã xong" or "Chưa xong": a milestone, done or not.
pub fn done_word(done: bool) -> &'static str {
    if done {
        "Đã xong"
    } else {
        "Chưa xong"
    }
}

/// The words for the common bases: what the base is ("số hộ") and what it counts ("hộ"); any
/// other base is named as written and counts nothing named.
fn base_words(base: &str) -> (&str, &str) {
    match base {
        "households" => ("số hộ", "hộ"),
        "population" => ("dân số", "người"),
        "adults" => ("dân số trưởng thành", "người"),
        other => (other, ""),
    }
}

/// `1.057 hộ`, or just `1.057` when nothing is named.
fn count_of(v: f64, noun: &str) -> String {
    format!("{} {noun}", int(v.round() as u64)).trim_end().to_string()
}

impl Target {
    /// What is counted, one word for the card, the tables, the charts and the radio: the
    /// indicator's own `noun`, or for a share of a base the base's ("người" for population).
    pub fn counted(&self, noun: Option<&str>) -> String {
        let noun = noun.unwrap_or_default();
        match self {
            Target::PercentOf { base, .. } if noun.is_empty() => base_words(base).1.to_string(),
            Target::Count(_) | Target::PercentOf { .. } | Target::Ratio { .. } | Target::Milestone => noun.to_string(),
        }
    }

    /// An amount on the indicator's scale, as the straight path asks it: `587 hộ`, `58,1%`;
    /// a milestone has none.
    fn amount(&self, v: f64, counted: &str) -> Option<String> {
        match self {
            Target::Count(_) | Target::PercentOf { .. } => Some(count_of(v, counted)),
            Target::Ratio { .. } => Some(percent(v)),
            Target::Milestone => None,
        }
    }

    /// The target as the plan means it: `1.057 hộ`, `40% dân số trưởng thành (1.723 người)`,
    /// `tối thiểu 95%`, `Hoàn thành`; `target` is on the indicator's scale.
    pub fn target_text(&self, target: f64, counted: &str) -> String {
        match self {
            Target::Count(n) => count_of(*n as f64, counted),
            Target::PercentOf { percent: pc, base } => {
                format!("{} {} ({})", percent(*pc), base_words(base).0, count_of(target, counted))
            }
            Target::Ratio { percent: pc } => format!("tối thiểu {}", percent(*pc)),
            Target::Milestone => "Hoàn thành".to_string(),
        }
    }

    /// Where it stands: `614/1.057 hộ`, `58,1% (120/230)`, `Đã xong (báo cáo ngày 14/6/2023)`.
    pub fn value_text(&self, p: &IndicatorProgress, counted: &str) -> String {
        let Some(v) = p.value else { return Standing::ChuaCoSoLieu.label().to_string() };
        match self {
            Target::Milestone => match (v >= 1.0, p.done_on) {
                (true, Some(d)) => format!("{} (báo cáo ngày {})", done_word(true), date(d)),
                (done, _) => done_word(done).to_string(),
            },
            Target::Ratio { .. } => match p.ratio {
                Some((d, o)) => format!("{} ({}/{})", percent(v), int(d), int(o)),
                None => percent(v),
            },
            Target::Count(_) | Target::PercentOf { .. } => {
                format!("{}/{}", int(v.round() as u64), count_of(p.target, counted))
            }
        }
    }

    /// How much of the target is reached (`58,1%`); nothing for a milestone.
    pub fn share_text(&self, p: &IndicatorProgress) -> String {
        let Some(s) = p.share_of_target else { return String::new() };
        match self {
            Target::Milestone => String::new(),
            Target::Ratio { .. } => p.value.map(percent).unwrap_or_default(),
            Target::Count(_) | Target::PercentOf { .. } => percent(s),
        }
    }

    /// How much of its base a share covers (`29,8% dân số trưởng thành`); nothing for others.
    pub fn base_share_text(&self, p: &IndicatorProgress) -> String {
        match (self, p.share_of_base) {
            (Target::PercentOf { base, .. }, Some(s)) => format!("{} {}", percent(s), base_words(base).0),
            (Target::PercentOf { .. } | Target::Count(_) | Target::Ratio { .. } | Target::Milestone, _) => {
                String::new()
            }
        }
    }

    /// How far a bar is filled, 0–100: the share of the target, or a milestone done or not.
    pub fn bar_share(&self, p: &IndicatorProgress) -> Option<f64> {
        match self {
            Target::Milestone => p.value.map(|v| v * 100.0),
            Target::Count(_) | Target::PercentOf { .. } | Target::Ratio { .. } => p.share_of_target,
        }
    }

    /// What the straight path asks by the latest report, unless the target is reached; past
    /// the `deadline`, that the whole target was due.
    pub fn expected_text(&self, p: &IndicatorProgress, deadline: NaiveDate, counted: &str) -> String {
        let (Some(e), Some(d)) = (p.expected, p.as_of) else { return String::new() };
        if p.standing == Standing::DaDat {
            return String::new();
        }
        // The path's waypoint at the last report is no longer what is asked: all of it was.
        if p.days_left < 0 {
            return format!("Đã hết hạn {} mà chưa đạt chỉ tiêu", date(deadline));
        }
        match self.amount(e, counted) {
            Some(a) => format!("Theo lộ trình, đến {} cần đạt {a}", date(d)),
            None => String::new(),
        }
    }

    /// A unit's figure in its row: `614`, `58,1% (120/230)`, `Đã xong`, or `—`.
    pub fn unit_value_text(&self, u: &UnitProgress) -> String {
        let Some(v) = u.value else { return "—".to_string() };
        match (self, u.ratio) {
            (Target::Ratio { .. }, Some((d, o))) => format!("{} ({}/{})", percent(v), int(d), int(o)),
            (Target::Milestone, _) => done_word(v >= 1.0).to_string(),
            (Target::Count(_) | Target::PercentOf { .. } | Target::Ratio { .. }, _) => int(v.round() as u64),
        }
    }

    /// A unit's own target in its row, or `—`.
    pub fn unit_target_text(&self, u: &UnitProgress) -> String {
        match (self, u.target) {
            (Target::Ratio { .. }, Some(t)) => percent(t),
            (Target::Milestone, _) | (_, None) => "—".to_string(),
            (Target::Count(_) | Target::PercentOf { .. }, Some(t)) => int(t as u64),
        }
    }

    /// A row of the history: the total reported on a day, and what the straight path asked.
    pub fn history_texts(&self, value: f64, expected: f64) -> (String, String) {
        match self {
            Target::Ratio { .. } => (percent(value), percent(expected)),
            Target::Milestone => (done_word(value >= 1.0).to_string(), "—".to_string()),
            Target::Count(_) | Target::PercentOf { .. } => (int(value.round() as u64), int(expected.round() as u64)),
        }
    }

    /// One indicator in a feed entry: `Thu nhận hồ sơ cấp CCCD: 62/97 trường hợp (63,9%)`.
    /// The feed names only the indicator's own `noun`.
    pub fn feed_line(&self, name: &str, noun: &str, p: &IndicatorProgress) -> String {
        let Some(v) = p.value else { return format!("{name}: chưa có số liệu") };
        match self {
            Target::Milestone => match p.done_on {
                Some(d) => format!("{name}: đã hoàn thành ngày {}", date(d)),
                None => format!("{name}: chưa hoàn thành"),
            },
            Target::Ratio { percent: target } => format!("{name}: {} (chỉ tiêu {})", percent(v), percent(*target)),
            Target::Count(_) | Target::PercentOf { .. } => {
                let share = p.share_of_target.map(|s| format!(" ({})", percent(s))).unwrap_or_default();
                let noun = if noun.is_empty() { String::new() } else { format!(" {noun}") };
                format!("{name}: {}/{}{noun}{share}", int(v.round() as u64), int(p.target.round() as u64))
            }
        }
    }

    /// Where an indicator stands, in the bulletin's written Vietnamese before it is spoken:
    /// `Cài đặt VNeID: đã có 614 trên 1.057 hộ, đạt 58,1% chỉ tiêu.`
    pub fn bulletin_figures(&self, name: &str, counted: &str, p: &IndicatorProgress) -> String {
        let Some(v) = p.value else { return format!("{name}: chưa có số liệu báo cáo.") };
        match self {
            Target::Milestone if v >= 1.0 => match p.done_on {
                Some(d) => format!("{name}: đã hoàn thành, theo báo cáo {}.", date(d)),
                None => format!("{name}: đã hoàn thành."),
            },
            Target::Milestone => format!("{name}: chưa hoàn thành."),
            Target::Ratio { percent: target } => match p.ratio {
                Some((done, of)) => format!(
                    "{name}: đạt {}, tức {} trên {}; chỉ tiêu tối thiểu {}.",
                    percent(v),
                    int(done),
                    count_of(of as f64, counted),
                    percent(*target)
                ),
                None => format!("{name}: đạt {}; chỉ tiêu tối thiểu {}.", percent(v), percent(*target)),
            },
            Target::Count(_) | Target::PercentOf { .. } => format!(
                "{name}: đã có {} trên {}, đạt {} chỉ tiêu.",
                int(v.max(0.0).round() as u64),
                count_of(p.target, counted),
                percent(p.share_of_target.unwrap_or(0.0))
            ),
        }
    }

    /// What the straight path asks by now, for the bulletin of an indicator behind it:
    /// ` Chậm tiến độ: theo lộ trình, đến nay cần đạt 587 hộ.`, or without an amount.
    pub fn bulletin_behind(&self, p: &IndicatorProgress, counted: &str) -> String {
        let behind = Standing::ChamTienDo.label();
        match p.expected.and_then(|e| self.amount(e, counted)) {
            Some(a) => format!(" {behind}: theo lộ trình, đến nay cần đạt {a}."),
            None => format!(" {behind}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(value: Option<f64>, target: f64) -> IndicatorProgress {
        IndicatorProgress {
            id: "x".into(),
            value,
            ratio: None,
            target,
            base: None,
            share_of_target: value.map(|v| v * 100.0 / target),
            share_of_base: value.map(|v| v * 100.0 / 4306.0),
            expected: Some(587.0),
            as_of: NaiveDate::from_ymd_opt(2023, 6, 14),
            days_left: 16,
            standing: Standing::DungTienDo,
            done_on: None,
            units: Vec::new(),
            history: Vec::new(),
        }
    }

    /// One line per kind, as each place says it: the words every page, feed entry and bulletin
    /// of the fixtures is made of.
    #[test]
    fn each_kind_is_said_its_own_way() {
        let share = Target::PercentOf { percent: 40.0, base: "adults".into() };
        let p = progress(Some(1282.0), 1723.0);
        let counted = share.counted(None);
        assert_eq!(counted, "người");
        assert_eq!(share.target_text(p.target, &counted), "40% dân số trưởng thành (1.723 người)");
        assert_eq!(share.value_text(&p, &counted), "1.282/1.723 người");
        assert_eq!(share.share_text(&p), "74,4%");
        assert_eq!(share.base_share_text(&p), "29,8% dân số trưởng thành");
        assert_eq!(
            share.expected_text(&p, p.as_of.unwrap(), &counted),
            "Theo lộ trình, đến 14/6/2023 cần đạt 587 người"
        );
        assert_eq!(share.feed_line("VNeID", "", &p), "VNeID: 1.282/1.723 (74,4%)");
        assert_eq!(
            share.bulletin_figures("VNeID", &counted, &p),
            "VNeID: đã có 1.282 trên 1.723 người, đạt 74,4% chỉ tiêu."
        );
        assert_eq!(share.bulletin_behind(&p, &counted), " Chậm tiến độ: theo lộ trình, đến nay cần đạt 587 người.");

        let ratio = Target::Ratio { percent: 95.0 };
        let p = IndicatorProgress { ratio: Some((120, 230)), ..progress(Some(52.17), 95.0) };
        assert_eq!(ratio.target_text(95.0, ""), "tối thiểu 95%");
        assert_eq!(ratio.value_text(&p, ""), "52,2% (120/230)");
        assert_eq!(ratio.share_text(&p), "52,2%");
        assert_eq!(ratio.base_share_text(&p), "");
        assert_eq!(ratio.feed_line("Hồ sơ", "", &p), "Hồ sơ: 52,2% (chỉ tiêu 95%)");
        assert_eq!(ratio.bulletin_behind(&p, ""), " Chậm tiến độ: theo lộ trình, đến nay cần đạt 587%.");

        let milestone = Target::Milestone;
        let done_on = NaiveDate::from_ymd_opt(2023, 6, 7);
        let p = IndicatorProgress { done_on, ..progress(Some(1.0), 1.0) };
        assert_eq!(milestone.target_text(1.0, ""), "Hoàn thành");
        assert_eq!(milestone.value_text(&p, ""), "Đã xong (báo cáo ngày 7/6/2023)");
        assert_eq!(milestone.share_text(&p), "");
        assert_eq!(milestone.bar_share(&p), Some(100.0));
        assert_eq!(milestone.expected_text(&p, p.as_of.unwrap(), ""), "");
        assert_eq!(milestone.history_texts(0.0, 1.0), ("Chưa xong".to_string(), "—".to_string()));
        assert_eq!(milestone.feed_line("Zalo", "", &p), "Zalo: đã hoàn thành ngày 7/6/2023");
        assert_eq!(milestone.bulletin_figures("Zalo", "", &p), "Zalo: đã hoàn thành, theo báo cáo 7/6/2023.");
        assert_eq!(milestone.bulletin_behind(&p, ""), " Chậm tiến độ.");

        let count = Target::Count(1057);
        let p = progress(None, 1057.0);
        assert_eq!(count.counted(Some("hộ")), "hộ");
        assert_eq!(count.value_text(&p, "hộ"), "Chưa có số liệu");
        assert_eq!(count.bulletin_figures("CCCD", "hộ", &p), "CCCD: chưa có số liệu báo cáo.");
        assert_eq!(count.feed_line("CCCD", "hộ", &p), "CCCD: chưa có số liệu");
    }

    #[test]
    fn a_unit_row_is_said_by_its_kind() {
        let unit = |value, ratio, target| UnitProgress {
            unit_id: "kp1".into(),
            name: "Khu phố 1".into(),
            value,
            ratio,
            target,
            base: None,
            share_of_target: None,
            standing: Standing::DungTienDo,
        };
        let u = unit(Some(61.6), None, Some(97.9));
        assert_eq!(
            (Target::Count(97).unit_value_text(&u), Target::Count(97).unit_target_text(&u)),
            ("62".into(), "97".into())
        );
        let r = unit(Some(50.0), Some((1, 2)), Some(95.0));
        let ratio = Target::Ratio { percent: 95.0 };
        assert_eq!((ratio.unit_value_text(&r), ratio.unit_target_text(&r)), ("50% (1/2)".into(), "95%".into()));
        let m = unit(Some(1.0), None, Some(1.0));
        assert_eq!(
            (Target::Milestone.unit_value_text(&m), Target::Milestone.unit_target_text(&m)),
            ("Đã xong".into(), "—".into())
        );
        assert_eq!(Target::Milestone.unit_value_text(&unit(None, None, None)), "—");
    }
}
