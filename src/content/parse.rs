//! Turns each kind of content file into its typed model, one diagnostic per problem.
//! Checks that need more than one file (ids that must exist elsewhere) live in `validate`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use serde_yaml::Value;

use super::model::*;
use super::source::{describe, join, parse_date, plain_count, Reader, Source};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::int;
use crate::indicator::{self, BaseName, Figure, Target};
use crate::text;

pub fn site_config(src: &Source, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(
        m,
        "",
        &[
            "title",
            "locality",
            "authority",
            "base_url",
            "description",
            "theme",
            "current_plan",
            "contact",
            "radio",
            "trust_html",
        ],
    );
    let title = r.req_str(m, "", "title", "tên trang, ví dụ “Công dân số Phường 3”");
    let locality = r.req_str(m, "", "locality", "tên địa phương, ví dụ “Phường 3, thành phố Vũng Tàu”");
    let authority = r.req_str(m, "", "authority", "cơ quan ban hành, ví dụ “Ủy ban nhân dân Phường 3”");
    let base_url =
        r.req_str(m, "", "base_url", "địa chỉ đầy đủ của trang, ví dụ “https://phuong3.example.gov.vn/cong-dan-so/”");
    let base_url = base_url.and_then(|u| {
        let ok =
            (u.starts_with("https://") || u.starts_with("http://")) && u.len() > 8 && !u.contains(char::is_whitespace);
        if !ok {
            r.err(
                "base_url",
                format!("“{u}” không phải địa chỉ web đầy đủ"),
                "bắt đầu bằng https://, ví dụ “https://phuong3.example.gov.vn/”",
            );
            return None;
        }
        Some(if u.ends_with('/') { u } else { format!("{u}/") })
    });
    let description = r.opt_str(m, "", "description");
    let theme = r.opt_str(m, "", "theme").unwrap_or_else(|| "default".into());
    if !text::is_slug(&theme) {
        r.err(
            "theme",
            format!("tên giao diện “{theme}” không hợp lệ"),
            "tên thư mục viết thường không dấu, ví dụ “default”",
        );
    }
    let current_plan = r.opt_str(m, "", "current_plan");
    let mut contact = Contact::default();
    if let Some(c) = r.get(m, "contact") {
        if let Some(cm) = r.as_map(c, "contact") {
            r.known(cm, "contact", &["address", "phone", "zalo", "email"]);
            contact.address = r.opt_str(cm, "contact", "address");
            contact.phone = r.opt_str(cm, "contact", "phone");
            contact.zalo = r.opt_str(cm, "contact", "zalo");
            contact.email = r.opt_str(cm, "contact", "email");
        }
    }
    let radio = radio_config(&mut r, m, locality.as_deref().unwrap_or_default());
    let trust_html = match r.get(m, "trust_html") {
        None | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(other) => {
            r.err(
                "trust_html",
                format!("gặp {}", describe(other)),
                "true (đăng mã HTML trong bài đúng như đã viết) hoặc false (mặc định: làm sạch mã HTML); thường nên bỏ trường này",
            );
            false
        }
    };
    Some(SiteConfig {
        title: title?,
        locality: locality?,
        authority: authority?,
        base_url: base_url?,
        description,
        theme,
        current_plan,
        contact,
        radio,
        trust_html,
    })
}

/// `radio:` of site.yaml; every field is optional, and a wrong one is reported and replaced by
/// its default so the rest of the file is still checked.
fn radio_config(r: &mut Reader, m: &serde_yaml::Mapping, locality: &str) -> RadioConfig {
    let mut cfg = RadioConfig::for_locality(locality);
    let Some(v) = r.get(m, "radio") else { return cfg };
    let Some(rm) = r.as_map(v, "radio") else { return cfg };
    r.known(rm, "radio", &["station", "dialect", "lexicon", "issuers", "rate", "slow_rate", "pauses"]);
    if let Some(station) = r.opt_str(rm, "radio", "station") {
        if station.is_empty() {
            r.err("radio.station", "trường để trống", "tên đài, ví dụ “Đài truyền thanh Phường 3”, hoặc bỏ trường này");
        } else {
            cfg.station = station;
        }
    }
    if let Some(d) = r.opt_str(rm, "radio", "dialect") {
        match crate::speech::Dialect::parse(&d) {
            Some(dialect) => cfg.dialect = dialect,
            None => {
                let diag = r
                    .src
                    .diag("radio.dialect", format!("giọng đọc “{d}” không có"))
                    .expected("bac (giọng Bắc: “một nghìn không trăm linh năm”) hoặc nam (giọng Nam: “một ngàn không trăm lẻ năm”)")
                    .hint(text::did_you_mean(&d, ["bac", "nam"]));
                r.push(diag);
            }
        }
    }
    if let Some(v) = r.get(rm, "lexicon") {
        if let Some(lm) = r.as_map(v, "radio.lexicon") {
            let mut entries = Vec::new();
            for (k, v) in lm {
                let Some(written) = r.key(k, "radio.lexicon") else { continue };
                let path = join("radio.lexicon", &written);
                if let Some(spoken) = r.scalar_str(v, &path) {
                    entries.push((path, written, spoken));
                }
            }
            let all: BTreeMap<String, String> = entries.iter().map(|(_, w, s)| (w.clone(), s.clone())).collect();
            let lexicon = crate::speech::lexicon::Lexicon::new(&all);
            for (path, written, spoken) in entries {
                match crate::speech::lexicon::problem(&written, &spoken, &lexicon) {
                    Some(problem) => r.err(
                        &path,
                        problem,
                        "một từ viết tắt hay một cụm từ, và cách đọc viết hoàn toàn bằng chữ, ví dụ VNeID: “vê en e ai đi” hoặc “App ThanhHoa”: “áp Thanh Hóa”",
                    ),
                    None => {
                        cfg.lexicon.insert(written, spoken);
                    }
                }
            }
        }
    }
    if let Some(v) = r.get(rm, "issuers") {
        if let Some(im) = r.as_map(v, "radio.issuers") {
            let lexicon = crate::speech::lexicon::Lexicon::new(&cfg.lexicon);
            for (k, v) in im {
                let Some(code) = r.key(k, "radio.issuers") else { continue };
                let path = join("radio.issuers", &code);
                let Some(spoken) = r.scalar_str(v, &path) else { continue };
                let problem = match code.chars().next() {
                    Some(c) if c.is_uppercase() && code.chars().all(|c| c.is_alphanumeric()) => {
                        crate::speech::lexicon::problem(&code, &spoken, &lexicon)
                    }
                    _ => Some(format!(
                        "“{code}” không phải mã cơ quan ban hành: mã viết liền, bắt đầu bằng chữ in hoa, như trong số văn bản “265-KH/TU”"
                    )),
                };
                match problem {
                    Some(problem) => r.err(
                        &path,
                        problem,
                        "mã cơ quan như trong số văn bản và tên đọc viết bằng chữ, ví dụ TU: “Tỉnh ủy” hoặc SVHTT: “Sở Văn hóa và Thể thao”",
                    ),
                    None => {
                        cfg.issuers.insert(code, spoken);
                    }
                }
            }
        }
    }
    let rates = "số tiếng (âm tiết) đọc trong một phút, từ 100 đến 400; thường là 240, đọc chậm 200";
    if let Some(v) = r.get(rm, "rate") {
        if let Some(rate) = number_in(r, v, "radio.rate", (100.0, 400.0), rates) {
            cfg.rate = rate;
        }
    }
    if let Some(v) = r.get(rm, "slow_rate") {
        if let Some(slow) = number_in(r, v, "radio.slow_rate", (100.0, 400.0), rates) {
            if slow >= cfg.rate {
                r.err(
                    "radio.slow_rate",
                    format!("tốc độ đọc chậm ({slow}) không chậm hơn tốc độ thường ({})", cfg.rate),
                    format!("một số nhỏ hơn {}, ví dụ 200", cfg.rate),
                );
            } else {
                cfg.slow_rate = Some(slow);
            }
        }
    }
    if let Some(v) = r.get(rm, "pauses") {
        if let Some(pm) = r.as_map(v, "radio.pauses") {
            r.known(pm, "radio.pauses", &["sentence", "comma", "item"]);
            let seconds = "số giây, từ 0 đến 5, ví dụ 0.6";
            for (key, slot) in [
                ("sentence", &mut cfg.pauses.sentence),
                ("comma", &mut cfg.pauses.comma),
                ("item", &mut cfg.pauses.item),
            ] {
                if let Some(v) = r.get(pm, key) {
                    if let Some(s) = number_in(r, v, &join("radio.pauses", key), (0.0, 5.0), seconds) {
                        *slot = s;
                    }
                }
            }
        }
    }
    cfg
}

/// A number within `lo..=hi`; a decimal comma ("0,6") is read as the officer meant it.
fn number_in(r: &mut Reader, v: &Value, path: &str, (lo, hi): (f64, f64), expected: &str) -> Option<f64> {
    let f = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse::<f64>().ok(),
        _ => None,
    };
    match f {
        Some(f) if f.is_finite() && (lo..=hi).contains(&f) => Some(f),
        Some(f) => {
            r.err(path, format!("{} nằm ngoài khoảng {lo}–{hi}", crate::format::decimal(f)), expected);
            None
        }
        None => {
            r.err(path, format!("gặp {}", describe(v)), expected);
            None
        }
    }
}

pub fn units(src: &Source, diags: &mut Diagnostics, broken: &mut Broken) -> Option<Units> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(m, "", &["kind", "units", "bases"]);
    let kind = r.req_str(m, "", "kind", "tên gọi đơn vị, ví dụ “Khu phố”, “Ấp”, “Thôn”");
    // How a base is said: `bases: { tu-6-tuoi: { label: "công dân từ đủ 6 tuổi", noun: "người" } }`.
    let mut base_names = BTreeMap::new();
    if let Some(v) = r.get(m, "bases") {
        if let Some(bm) = r.as_map(v, "bases") {
            for (k, v) in bm {
                let Some(id) = r.key(k, "bases") else { continue };
                let p = join("bases", &id);
                let Some(nm) = r.as_map(v, &p) else { continue };
                r.known(nm, &p, &["label", "noun"]);
                let label = r.opt_str(nm, &p, "label").filter(|s| !s.is_empty());
                let noun = r.opt_str(nm, &p, "noun").filter(|s| !s.is_empty());
                base_names.insert(id, BaseName { label, noun });
            }
        }
    }
    let mut units = Vec::new();
    let mut seen = BTreeSet::new();
    match r.get(m, "units") {
        None => r.missing("", "units", "danh sách các đơn vị, mỗi đơn vị có id, name, bases"),
        Some(Value::Sequence(items)) => {
            for (i, item) in items.iter().enumerate() {
                let p = format!("units[{i}]");
                let Some(um) = r.as_map(item, &p) else { continue };
                r.known(um, &p, &["id", "name", "bases"]);
                let before = r.diags.len();
                if let Some(raw) = um.get("id").and_then(raw_id) {
                    broken.units.insert(raw);
                }
                let id = r.id(um, &p, "id");
                let name = r.req_str(um, &p, "name", "tên đơn vị, ví dụ “Khu phố 1”");
                let mut bases = BTreeMap::new();
                if let Some(b) = r.get(um, "bases") {
                    let bp = join(&p, "bases");
                    if let Some(bm) = r.as_map(b, &bp) {
                        for (k, v) in bm {
                            let Some(k) = r.key(k, &bp) else { continue };
                            if let Some(n) = r.count(v, &join(&bp, &k)) {
                                bases.insert(k.to_string(), n);
                            }
                        }
                    }
                }
                if let (Some(id), Some(name)) = (id, name) {
                    if id == "ward" {
                        r.err(&join(&p, "id"), "mã “ward” được dành cho toàn địa bàn", "một mã khác, ví dụ “kp1”");
                    } else if !seen.insert(id.clone()) {
                        r.err(&join(&p, "id"), format!("mã “{id}” bị trùng"), "mỗi đơn vị một mã riêng");
                    } else {
                        if r.diags.len() == before {
                            broken.units.remove(&id);
                        }
                        units.push(Unit { id, name, bases });
                    }
                }
            }
        }
        Some(other) => {
            broken.all_units = true;
            let hint = matches!(other, Value::Mapping(_)).then(|| {
                "mỗi đơn vị viết “- id: kp1” trên một dòng, “name:” và “bases:” thụt vào bên dưới".to_string()
            });
            let d = r
                .src
                .diag("units", format!("gặp {}", describe(other)))
                .expected("một danh sách, mỗi mục bắt đầu bằng “- id: …”")
                .hint(hint);
            r.push(d);
        }
    }
    Some(Units { kind: kind?, units, base_names })
}

pub fn plan(slug: &str, src: &Source, diags: &mut Diagnostics, broken: &mut Broken) -> Option<Plan> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(
        m,
        "",
        &["number", "issued", "issuer", "signed_by", "title", "summary", "period", "basis", "indicators", "tasks"],
    );
    let number = r.opt_str(m, "", "number");
    let issued = r.get(m, "issued").and_then(|v| {
        let s = r.scalar_str(v, "issued")?;
        if s.chars().next().is_some_and(|c| c.is_ascii_digit()) && s.contains('-') {
            match parse_date(&s) {
                Ok(d) => Some(Issued::Date(d)),
                Err(p) => {
                    r.err("issued", p, "ngày dạng NĂM-THÁNG-NGÀY, hoặc chữ như “tháng 8 năm 2024” khi chưa có ngày");
                    None
                }
            }
        } else {
            Some(Issued::Text(s))
        }
    });
    let issuer = r.req_str(m, "", "issuer", "cơ quan ban hành, ví dụ “Ủy ban nhân dân Phường 3”");
    let signed_by = r.get(m, "signed_by").and_then(|v| {
        let sm = r.as_map(v, "signed_by")?;
        r.known(sm, "signed_by", &["name", "title", "for"]);
        let name = r.req_str(sm, "signed_by", "name", "họ tên người ký")?;
        Some(Signer { name, title: r.opt_str(sm, "signed_by", "title"), on_behalf: r.opt_str(sm, "signed_by", "for") })
    });
    let title = r.req_str(m, "", "title", "tên kế hoạch");
    let summary = r.opt_str(m, "", "summary");
    let period = match r.get(m, "period") {
        None => {
            r.missing("", "period", "thời gian thực hiện: { from: 2024-04-16, to: 2024-09-30 }");
            None
        }
        Some(v) => r.as_map(v, "period").and_then(|pm| {
            r.known(pm, "period", &["from", "to"]);
            let from = r.req_date(pm, "period", "from");
            let to = r.req_date(pm, "period", "to");
            let (from, to) = (from?, to?);
            if to < from {
                r.err("period.to", "ngày kết thúc trước ngày bắt đầu", "“to” không sớm hơn “from”");
                return None;
            }
            Some((from, to))
        }),
    };
    let basis = r.str_list(m, "", "basis");
    let mut indicators = Vec::new();
    let mut ids = BTreeSet::new();
    if let Some(v) = r.get(m, "indicators") {
        match v {
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("indicators[{i}]");
                    let before = r.diags.len();
                    let ind = indicator(&mut r, item, &p, period);
                    if r.diags.len() > before {
                        if let Some(raw) = item.get("id").and_then(raw_id) {
                            broken.indicators.insert(raw);
                        }
                    }
                    if let Some(ind) = ind {
                        if !ids.insert(ind.id.clone()) {
                            r.err(
                                &join(&p, "id"),
                                format!("chỉ tiêu “{}” bị trùng mã", ind.id),
                                "mỗi chỉ tiêu một mã riêng",
                            );
                        } else {
                            indicators.push(ind);
                        }
                    }
                }
            }
            other => r.err(
                "indicators",
                format!("gặp {}", describe(other)),
                "một danh sách chỉ tiêu, mỗi mục bắt đầu bằng “- id: …”",
            ),
        }
    }
    let mut tasks = Vec::new();
    if let Some(v) = r.get(m, "tasks") {
        match v {
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("tasks[{i}]");
                    let Some(tm) = r.as_map(item, &p) else { continue };
                    r.known(tm, &p, &["lead", "with", "what", "units"]);
                    let lead = r.req_str(tm, &p, "lead", "đơn vị chủ trì");
                    let what = r.req_str(tm, &p, "what", "nội dung nhiệm vụ");
                    let with = r.str_list(tm, &p, "with");
                    let units = r.str_list(tm, &p, "units");
                    if let (Some(lead), Some(what)) = (lead, what) {
                        tasks.push(Task { lead, with, what, units });
                    }
                }
            }
            other => r.err(
                "tasks",
                format!("gặp {}", describe(other)),
                "một danh sách nhiệm vụ, mỗi mục bắt đầu bằng “- lead: …”",
            ),
        }
    }
    let (from, to) = period?;
    Some(Plan {
        slug: slug.to_string(),
        file: src.rel.clone(),
        number,
        issued,
        issuer: issuer?,
        signed_by,
        title: title?,
        summary,
        from,
        to,
        basis,
        indicators,
        tasks,
        body: src.body.clone(),
        body_line: src.body_first_line(),
    })
}

/// An id as the author wrote it, folded the way the slug hint folds it, for [`Broken`].
fn raw_id(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let slug = crate::text::slugify(&s);
    (!slug.is_empty()).then_some(slug)
}

fn indicator(r: &mut Reader, item: &Value, p: &str, period: Option<(NaiveDate, NaiveDate)>) -> Option<Indicator> {
    let im = r.as_map(item, p)?;
    r.known(im, p, &["id", "name", "target", "noun", "deadline", "lead", "guide", "unit_targets"]);
    let id = r.id(im, p, "id");
    let name = r.req_str(im, p, "name", "tên chỉ tiêu");
    let tp = join(p, "target");
    let target = match r.get(im, "target") {
        None => {
            r.missing(p, "target", indicator::TARGET_FORMS);
            None
        }
        Some(Value::String(s)) if s == "milestone" => Some(Target::Milestone),
        // A quoted number gets the count reader's advice on how to write it.
        Some(v @ Value::String(s)) if s.trim().starts_with(|c: char| c.is_ascii_digit()) => {
            r.count(v, &tp);
            None
        }
        Some(v @ Value::Number(_)) => match r.count(v, &tp) {
            Some(0) => {
                r.err(&tp, "chỉ tiêu bằng 0", "một số lớn hơn 0, ví dụ 97");
                None
            }
            n => n.map(Target::Count),
        },
        Some(Value::Mapping(tm)) => {
            r.known(tm, &tp, &["percent", "above", "of"]);
            // "percent: 95" is at least 95%; "above: 93" more than 93% ("trên 93%").
            let above = r.get(tm, "above").is_some();
            let key = if above { "above" } else { "percent" };
            if above && r.get(tm, "percent").is_some() {
                r.err(
                    &join(&tp, "above"),
                    "vừa có “percent” vừa có “above”",
                    "một trong hai: percent: 95 (tối thiểu 95%) hoặc above: 93 (trên 93%)",
                );
            }
            let pct = match r.get(tm, key) {
                Some(v) => r.percent(v, &join(&tp, key)),
                None => {
                    r.missing(&tp, "percent", "tỷ lệ phần trăm, ví dụ 95 (hoặc above: 93 cho “trên 93%”)");
                    None
                }
            };
            let of = r.req_str(
                tm,
                &tp,
                "of",
                "tên cơ số trong units.yaml (households, population, adults…) hoặc “reported”",
            );
            if pct == Some(0.0) && !above {
                r.err(&join(&tp, key), "tỷ lệ chỉ tiêu bằng 0%", "một tỷ lệ lớn hơn 0, ví dụ 95");
                return None;
            }
            if pct == Some(100.0) && above {
                r.err(
                    &join(&tp, key),
                    "không thể đạt trên 100%",
                    "percent: 100 cho “toàn bộ”, hoặc above với một tỷ lệ dưới 100",
                );
                return None;
            }
            match (pct, of) {
                (Some(percent), Some(of)) if of == "reported" => Some(Target::Ratio { percent, above }),
                (Some(percent), Some(base)) => Some(Target::PercentOf { percent, base, above }),
                _ => None,
            }
        }
        Some(other) => {
            r.err(&tp, format!("gặp {}", describe(other)), indicator::TARGET_FORMS);
            None
        }
    };
    let noun = r.opt_str(im, p, "noun");
    let deadline = r.opt_date(im, p, "deadline");
    let lead = r.opt_str(im, p, "lead");
    let guide = r.opt_str(im, p, "guide");
    let mut unit_targets = BTreeMap::new();
    if let Some(v) = r.get(im, "unit_targets") {
        let up = join(p, "unit_targets");
        if let Some(um) = r.as_map(v, &up) {
            for (k, v) in um {
                let Some(k) = r.key(k, &up) else { continue };
                if let Some(n) = r.count(v, &join(&up, &k)) {
                    unit_targets.insert(k.to_string(), n);
                }
            }
        }
        if let Some(Target::Count(total)) = target {
            for (u, n) in &unit_targets {
                if *n > total {
                    r.err(
                        &join(&up, u),
                        format!("chỉ tiêu của đơn vị ({}) lớn hơn chỉ tiêu chung ({})", int(*n), int(total)),
                        format!("không quá {}", int(total)),
                    );
                }
            }
        }
        if !unit_targets.is_empty() && !matches!(target, Some(Target::Count(_))) {
            r.err(
                &up,
                "chỉ tiêu từng đơn vị chỉ dùng được với chỉ tiêu là một con số",
                "bỏ “unit_targets”, hoặc đặt “target” là một số",
            );
        }
    }
    let (from, to) = period?;
    let deadline = deadline.unwrap_or(to);
    if deadline < from || deadline > to {
        r.err(
            &join(p, "deadline"),
            format!("hạn {} nằm ngoài thời gian của kế hoạch ({} – {})", dmy(deadline), dmy(from), dmy(to)),
            "một ngày trong thời gian thực hiện kế hoạch",
        );
    }
    Some(Indicator { id: id?, name: name?, target: target?, noun, deadline, lead, guide, unit_targets })
}

fn dmy(d: NaiveDate) -> String {
    crate::format::date(d)
}

pub fn guide(slug: &str, src: &Source, diags: &mut Diagnostics) -> Option<Guide> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(
        m,
        "",
        &["title", "summary", "audience", "needs", "duration", "help", "indicators", "order", "radio_steps"],
    );
    let title = r.req_str(m, "", "title", "tên hướng dẫn");
    let summary = r.req_str(m, "", "summary", "một câu tóm tắt hướng dẫn giúp người dân làm gì");
    let audience = r.opt_str(m, "", "audience");
    let needs = r.str_list(m, "", "needs");
    let duration = r.opt_str(m, "", "duration");
    let help = r.str_list(m, "", "help");
    let indicators = r.str_list(m, "", "indicators");
    let order = match r.get(m, "order") {
        Some(v) => r.count(v, "order").map(|n| n as i64).unwrap_or(0),
        None => i64::MAX,
    };
    let radio_steps = radio_steps(&mut r, m, &src.body);
    // A character hidden before a heading is reported alone: the steps after it would only
    // repeat it.
    if crate::markdown::hidden(&src.body).is_empty() {
        steps_in_order(&mut r);
    }
    Some(Guide {
        slug: slug.to_string(),
        file: src.rel.clone(),
        title: title?,
        summary: summary?,
        audience,
        needs,
        duration,
        help,
        indicators,
        order,
        radio_steps,
        body: src.body.clone(),
        body_line: src.body_first_line(),
    })
}

/// The `## Bước N` headings of a guide numbered 1, 2, 3… in order: a step written out of order
/// would be published, read on air and printed on the poster as written. A guide may give two
/// ways to do something, each from its own `Bước 1`. The first that breaks the order is
/// reported, at its line.
fn steps_in_order(r: &mut Reader) {
    let src = r.src;
    let mut expected = 1;
    for (line, n) in crate::markdown::step_lines(&src.body) {
        if n == expected || (n == 1 && expected > 1) {
            expected = n + 1;
            continue;
        }
        let problem = match expected {
            1 => format!("bước đầu tiên của bài là bước {n}"),
            _ => format!("bước {n} đứng ngay sau bước {}", expected - 1),
        };
        let d = Diagnostic::new(&src.rel, problem)
            .at(Some((src.body_first_line() + line, 1)))
            .expected(format!(
                "các bước đánh số liên tiếp từ 1, theo thứ tự trong bài: ở đây là “## Bước {expected}: …”"
            ))
            .hint(Some("số bước được in trên trang và áp phích, và đài đọc trên loa".into()));
        r.push(d);
        return;
    }
}

/// `radio_steps:` of a guide: a sentence for the radio to read for each `## Bước N:` step of
/// `body`, as many as it has steps, none empty; nothing when the field is absent.
fn radio_steps(r: &mut Reader, m: &serde_yaml::Mapping, body: &str) -> Vec<String> {
    let Some(v) = r.get(m, "radio_steps") else { return Vec::new() };
    let steps = crate::markdown::blocks(body)
        .iter()
        .filter(|b| matches!(b, crate::markdown::Block::Heading(h) if crate::markdown::step_number(h).is_some()))
        .count();
    let each = "mỗi bước “## Bước N: …” của bài một câu để đài đọc trên loa, theo thứ tự các bước";
    let drop = "hoặc bỏ cả trường radio_steps để đài đọc đoạn đầu của mỗi bước";
    let Value::Sequence(items) = v else {
        let example = "radio_steps: [\"Mở ứng dụng VNeID.\", \"Bấm Kích hoạt tài khoản, nhập số định danh.\"]";
        r.err("radio_steps", format!("gặp {}", describe(v)), format!("một danh sách, {each}, ví dụ {example}"));
        return Vec::new();
    };
    let mut said = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let path = format!("radio_steps[{i}]");
        match r.scalar_str(item, &path) {
            Some(s) if !s.is_empty() => said.push(s),
            Some(_) => {
                r.err(
                    &path,
                    format!("câu đọc của bước {} để trống", i + 1),
                    format!("một câu cho bước {}, {drop}", i + 1),
                );
                ok = false;
            }
            None => ok = false,
        }
    }
    if items.len() != steps {
        let problem = match steps {
            0 => format!("có {} câu đọc nhưng bài không có bước nào (tiêu đề “## Bước 1: …”)", items.len()),
            n => format!("có {} câu đọc nhưng bài có {n} bước (từ “## Bước 1” đến “## Bước {n}”)", items.len()),
        };
        let expected = match steps {
            0 => "bỏ trường radio_steps, hoặc viết các bước trong bài thành tiêu đề “## Bước 1: …”".to_string(),
            n => format!("đúng {n} câu, {each}: thêm hoặc bớt câu cho khớp, {drop}"),
        };
        r.err("radio_steps", problem, expected);
        ok = false;
    }
    if ok {
        said
    } else {
        Vec::new()
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn parse_when(s: &str) -> Result<When, String> {
    let s = s.trim();
    let (d, t) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (s, None),
    };
    let date = parse_date(d)?;
    let time = match t {
        None => None,
        Some(t) => {
            let parts: Vec<&str> = t.split(':').collect();
            let hm: Option<(u32, u32)> = match parts.as_slice() {
                [h, m] | [h, m, "00"] => h.parse().ok().zip(m.parse().ok()),
                _ => None,
            };
            match hm.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)) {
                Some(t) => Some(t),
                None => return Err(format!("giờ “{t}” không hợp lệ")),
            }
        }
    };
    Ok(When { date, time })
}

pub fn event(slug: &str, src: &Source, diags: &mut Diagnostics) -> Option<Event> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(
        m,
        "",
        &["title", "plan", "kind", "starts", "ends", "status", "when_text", "location", "units", "attendees", "repeat"],
    );
    let title = r.req_str(m, "", "title", "tên sự kiện");
    let plan = r.opt_str(m, "", "plan");
    let kinds: Vec<&str> = EventKind::ALL.iter().map(|(s, _)| *s).collect();
    let kind = r.req_str(m, "", "kind", "hoi-nghi, ra-quan, truc-ho-tro hoặc tap-huan").and_then(|k| {
        let found = EventKind::ALL.iter().find(|(s, _)| *s == k).map(|(_, v)| *v);
        if found.is_none() {
            let d = r
                .src
                .diag("kind", format!("loại sự kiện “{k}” không có"))
                .expected(format!("một trong: {}", kinds.join(", ")))
                .hint(text::did_you_mean(&k, kinds.iter().copied()));
            r.push(d);
        }
        found
    });
    let statuses: Vec<&str> = Status::ALL.iter().map(|(s, _)| *s).collect();
    let status = match r.opt_str(m, "", "status") {
        None => Some(Status::Confirmed),
        Some(s) => {
            let found = Status::ALL.iter().find(|(k, _)| *k == s).map(|(_, v)| *v);
            if found.is_none() {
                let d = r
                    .src
                    .diag("status", format!("trạng thái “{s}” không có"))
                    .expected(
                        "confirmed (đã xác định), tentative (dự kiến), tba (sẽ thông báo sau) hoặc cancelled (đã hủy)",
                    )
                    .hint(text::did_you_mean(&s, statuses.iter().copied()));
                r.push(d);
            }
            found
        }
    };
    let when = |r: &mut Reader, key: &str| -> Option<When> {
        let s = r.opt_str(m, "", key)?;
        match parse_when(&s) {
            Ok(w) => Some(w),
            Err(p) => {
                r.err(key, p, "ngày và giờ dạng “2024-04-16 07:30”, hoặc chỉ ngày “2024-04-16” cho cả ngày");
                None
            }
        }
    };
    let starts = when(&mut r, "starts");
    let ends = when(&mut r, "ends");
    if r.get(m, "starts").is_none() && status != Some(Status::Tba) {
        r.missing("", "starts", "ngày giờ bắt đầu, ví dụ “2024-04-16 07:30”; nếu chưa có ngày, đặt “status: tba”");
    }
    if let (Some(s), Some(e)) = (starts, ends) {
        let end_key = (e.date, e.time.unwrap_or(NaiveTime::MIN));
        let start_key = (s.date, s.time.unwrap_or(NaiveTime::MIN));
        if end_key < start_key {
            r.err("ends", "kết thúc trước khi bắt đầu", "“ends” không sớm hơn “starts”");
        }
        if s.time.is_some() != e.time.is_some() {
            r.err("ends", "một mốc có giờ, mốc kia không", "cả “starts” và “ends” cùng có giờ, hoặc cùng chỉ có ngày");
        }
    }
    let when_text = r.opt_str(m, "", "when_text");
    // What "sẽ thông báo sau" contradicts: a date, which the page would print beside those words
    // and the calendar file announce as settled; and silence on when, which leaves residents
    // nothing to plan by.
    if status == Some(Status::Tba) {
        if r.get(m, "starts").is_some() {
            let d = r
                .src
                .diag("status", "sự kiện đã có ngày bắt đầu (starts) nhưng vẫn ghi status: tba (sẽ thông báo sau)")
                .expected(
                    "status: confirmed khi ngày giờ đã chốt, hoặc status: tentative khi còn dự kiến; chưa có ngày thì bỏ starts và ends",
                )
                .hint(Some(
                    "để vậy, trang lịch vừa ghi ngày vừa ghi “Sẽ thông báo sau”, còn tệp .ics báo sự kiện là đã xác định".into(),
                ));
            r.push(d);
        } else if when_text.is_none() && r.get(m, "when_text").is_none() {
            let d = r
                .src
                .diag("status", "sự kiện “sẽ thông báo sau” (status: tba) chưa nói khi nào")
                .expected(
                    "when_text: khoảng thời gian dự kiến, ví dụ “Trong tháng 8/2024, ngày giờ cụ thể sẽ thông báo sau”",
                )
                .hint(Some("khi đã chốt ngày: thêm starts và đổi status thành confirmed".into()));
            r.push(d);
        }
    }
    let location = r.opt_str(m, "", "location");
    let units = r.str_list(m, "", "units");
    let attendees = r.str_list(m, "", "attendees");
    let repeat = r.get(m, "repeat").and_then(|v| {
        let rm = r.as_map(v, "repeat")?;
        r.known(rm, "repeat", &["days", "until"]);
        let until = r.req_date(rm, "repeat", "until");
        let mut days = Vec::new();
        let raw = r.str_list(rm, "repeat", "days");
        if raw.is_empty() {
            r.missing("repeat", "days", "các ngày trong tuần: [mon, tue, wed, thu, fri] hoặc daily");
        }
        for (i, d) in raw.iter().enumerate() {
            if d == "daily" {
                days.extend(0..7);
            } else if let Some(n) = WEEKDAYS.iter().position(|w| w == d) {
                days.push(n as u32);
            } else {
                let d2 = r
                    .src
                    .diag(&format!("repeat.days[{i}]"), format!("ngày “{d}” không có"))
                    .expected("mon, tue, wed, thu, fri, sat, sun hoặc daily")
                    .hint(text::did_you_mean(d, WEEKDAYS.iter().copied()));
                r.push(d2);
            }
        }
        days.sort_unstable();
        days.dedup();
        let until = until?;
        if let Some(s) = starts {
            if until < s.date {
                r.err(
                    "repeat.until",
                    "ngày lặp lại cuối cùng trước ngày bắt đầu",
                    "“until” không sớm hơn ngày của “starts”",
                );
                return None;
            }
        } else {
            r.err("repeat", "sự kiện lặp lại cần có ngày bắt đầu", "thêm “starts”");
            return None;
        }
        (!days.is_empty()).then_some(Repeat { days, until })
    });
    Some(Event {
        slug: slug.to_string(),
        file: src.rel.clone(),
        title: title?,
        plan,
        kind: kind?,
        starts,
        ends,
        status: status?,
        when_text,
        location,
        units,
        attendees,
        repeat,
        body: src.body.clone(),
        body_line: src.body_first_line(),
    })
}

pub fn report(src: &Source, file_date: Option<NaiveDate>, diags: &mut Diagnostics) -> Option<Report> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(m, "", &["date", "plan", "source", "illustrative", "values"]);
    let date = r.req_date(m, "", "date");
    if let (Some(d), Some(fd)) = (date, file_date) {
        if d != fd {
            r.err(
                "date",
                format!("ngày báo cáo {} khác ngày trong tên tệp {}", dmy(d), dmy(fd)),
                "đặt tên tệp theo ngày báo cáo, ví dụ progress/2023-06-14.yaml",
            );
        }
    }
    let plan = r.req_str(m, "", "plan", "mã kế hoạch (tên tệp trong plans/ không có .md)");
    let source = r.opt_str(m, "", "source");
    let illustrative = match r.get(m, "illustrative") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            r.err("illustrative", format!("gặp {}", describe(other)), "true hoặc false");
            false
        }
    };
    let mut values = BTreeMap::new();
    // Every row of a report names the same few indicators.
    let mut ids: HashMap<String, std::sync::Arc<str>> = HashMap::new();
    match r.get(m, "values") {
        None => r.missing("", "values", "số liệu theo từng đơn vị: { kp1: { cccd: 120 } }"),
        Some(v) => {
            if let Some(vm) = r.as_map(v, "values") {
                // A report without a figure would still move the day the site's figures stand
                // at, and take the place of the last report's source and illustrative note.
                let figures: usize = vm.values().map(|per| per.as_mapping().map_or(1, |pm| pm.len())).sum();
                if figures == 0 {
                    r.err(
                        "values",
                        "báo cáo không có số liệu nào",
                        "số liệu cộng dồn của ít nhất một chỉ tiêu, ví dụ values: { kp1: { cccd: 120 } }",
                    );
                }
                for (unit, per) in vm {
                    let Some(unit) = r.key(unit, "values") else { continue };
                    let up = join("values", &unit);
                    let Some(pm) = r.as_map(per, &up) else { continue };
                    let mut row = Row::default();
                    let mut entries = pm.iter().peekable();
                    while let Some((ind, fig)) = entries.next() {
                        let Some(ind) = r.key(ind, &up) else { continue };
                        if let Some(written) = comma_split(src, &up, &ind, fig, entries.peek().copied()) {
                            comma_figure(&mut r, &join(&up, &ind), &written);
                            entries.next();
                            continue;
                        }
                        // A plain count, nearly every figure of a province's reports, needs no
                        // path for a message: making one for each was a format! per figure.
                        let f = match plain_count(fig) {
                            Some(n) => Some(Figure::Count(n)),
                            None => figure(&mut r, fig, &join(&up, &ind)),
                        };
                        if let Some(f) = f {
                            let id = ids.entry(ind).or_insert_with_key(|k| std::sync::Arc::from(k.as_str()));
                            row.insert(std::sync::Arc::clone(id), f);
                        }
                    }
                    values.insert(unit.to_string(), row);
                }
            }
        }
    }
    Some(Report { file: src.rel.clone(), date: date?, plan: plan?, source, illustrative, values, sheet: None })
}

/// `{ cccd: 1,295, vneid: 9 }`: in a flow table YAML splits `1,295` at the comma into the figure
/// 1 and an entry `295` with nothing, and the report would say 1. The number as written, when
/// the figure `ind` of the row at `row` is a number followed by such an entry.
fn comma_split(src: &Source, row: &str, ind: &str, fig: &Value, next: Option<(&Value, &Value)>) -> Option<String> {
    let (Value::Number(_), Some((Value::Number(_), Value::Null))) = (fig, next) else { return None };
    let (line, col) = src.locate(&join(row, ind))?;
    let text = src.yaml.split('\n').nth(line.checked_sub(src.yaml_first_line)?)?;
    let after_key = text.chars().skip(col - 1).collect::<String>();
    let value = after_key.split_once(':')?.1.trim_start();
    // Digits and the commas between them: `1,295, vneid: 9` is `1,295`.
    let b = value.as_bytes();
    let end = (0..b.len())
        .find(|&i| !(b[i].is_ascii_digit() || (b[i] == b',' && b.get(i + 1).is_some_and(u8::is_ascii_digit))))
        .unwrap_or(b.len());
    let written = &value[..end];
    written.contains(',').then(|| written.to_string())
}

/// The message for a figure [`comma_split`] found.
fn comma_figure(r: &mut Reader, path: &str, written: &str) {
    let whole: String = written.chars().filter(|c| *c != ',').collect();
    let thousands = written.split(',').skip(1).all(|g| g.len() == 3);
    let d = r
        .src
        .diag(path, format!("số “{written}” có dấu phẩy: trong {{ … }} YAML tách nó ở dấu phẩy thành hai mục"))
        .expected("một số nguyên viết liền, không dấu phẩy, không dấu chấm")
        .hint(Some(match thousands {
            true => format!("nếu dấu phẩy phân cách hàng nghìn, hãy viết liền: {whole}"),
            false => "số liệu là số nguyên: bỏ phần sau dấu phẩy".to_string(),
        }));
    r.push(d);
}

/// `1 154`, or `1 154` with the no-break space Word and Excel copy: a number written with spaces
/// between its thousands, which YAML reads as text. Read as a count, whose message says to write
/// it whole (`1154`), rather than as a word.
fn spaced_number(s: &str) -> bool {
    let s = s.trim();
    s.contains(char::is_whitespace) && s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
}

fn figure(r: &mut Reader, v: &Value, p: &str) -> Option<Figure> {
    if let Some(done) = v.as_str().and_then(Figure::milestone) {
        return Some(done);
    }
    // A milestone done on a day: `lop-tap-huan: 2026-10-15`.
    if let Some(on) = v.as_str().and_then(|s| parse_date(s.trim()).ok()) {
        return Some(Figure::Milestone { done: true, on: Some(on) });
    }
    match v {
        Value::Bool(b) => Some(Figure::Milestone { done: *b, on: None }),
        // Not a number: the indicator's kind is not known yet, so name every shape a figure takes.
        Value::String(s) if s.trim().parse::<f64>().is_err() && !s.contains(['.', ',']) && !spaced_number(s) => {
            r.err(p, format!("gặp chữ “{s}”"), indicator::FIGURE_FORMS);
            None
        }
        Value::Mapping(m) => {
            r.known(m, p, &["done", "of"]);
            let done = match r.get(m, "done") {
                Some(v) => r.count(v, &join(p, "done")),
                None => {
                    r.missing(p, "done", "số đã làm được");
                    None
                }
            };
            let of = match r.get(m, "of") {
                Some(v) => r.count(v, &join(p, "of")),
                None => {
                    r.missing(p, "of", "tổng số");
                    None
                }
            };
            let (done, of) = (done?, of?);
            if done > of {
                r.err(
                    &join(p, "done"),
                    format!("số đã làm ({done}) lớn hơn tổng số ({of})"),
                    "“done” không lớn hơn “of”",
                );
                return None;
            }
            Some(Figure::Ratio { done, of })
        }
        other => r.count(other, p).map(Figure::Count),
    }
}

pub fn news(slug: &str, file_date: Option<NaiveDate>, src: &Source, diags: &mut Diagnostics) -> Option<News> {
    let value = src.parse(diags)?;
    let mut r = Reader::new(src, diags);
    let m = r.root(&value)?;
    r.known(m, "", &["title", "date", "summary", "plan"]);
    let title = r.req_str(m, "", "title", "tiêu đề tin");
    let written = r.opt_date(m, "", "date");
    if let (Some(d), Some(fd)) = (written, file_date) {
        if d != fd {
            r.err(
                "date",
                format!("ngày đăng {} khác ngày trong tên tệp {}", dmy(d), dmy(fd)),
                "cùng một ngày ở cả hai chỗ, hoặc bỏ trường date để dùng ngày trong tên tệp",
            );
        }
    }
    let date = written.or(file_date);
    if date.is_none() && r.get(m, "date").is_none() {
        r.missing("", "date", "ngày đăng, hoặc đặt tên tệp bắt đầu bằng ngày: news/2024-04-10-ten-tin.md");
    }
    let summary = r.opt_str(m, "", "summary");
    let plan = r.opt_str(m, "", "plan");
    Some(News {
        slug: slug.to_string(),
        file: src.rel.clone(),
        title: title?,
        date: date?,
        summary,
        plan,
        body: src.body.clone(),
        body_line: src.body_first_line(),
    })
}

/// `2024-04-10-ten-tin` → (2024-04-10, `ten-tin`) when the name starts with a date.
pub fn split_dated_name(stem: &str) -> (Option<NaiveDate>, &str) {
    if stem.len() >= 10 && stem.is_char_boundary(10) {
        if let Ok(d) = parse_date(&stem[..10]) {
            let rest = stem[10..].trim_start_matches('-');
            return (Some(d), rest);
        }
    }
    (None, stem)
}

/// A file name that starts like a date (`2024-02-30-…`) but is not one: said at the name, since
/// otherwise the file would read as undated and the message would be about a missing field.
pub fn check_dated_name(stem: &str, rel: &Path, diags: &mut Diagnostics) -> bool {
    let looks_dated = stem.len() >= 10
        && stem
            .bytes()
            .take(10)
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !looks_dated {
        return true;
    }
    match parse_date(&stem[..10]) {
        Ok(_) => true,
        Err(e) => {
            diags.push(
                crate::diag::Diagnostic::new(rel, format!("tên tệp bắt đầu bằng ngày không hợp lệ: {e}")).expected(
                    "tên tệp bắt đầu bằng một ngày có thật, dạng năm-tháng-ngày, ví dụ 2024-04-10-ten-tin.md",
                ),
            );
            false
        }
    }
}

/// Checks a file stem is a usable slug, reporting a suggestion when not.
pub fn check_slug(stem: &str, rel: &Path, diags: &mut Diagnostics) -> bool {
    if text::is_slug(stem) {
        return true;
    }
    if text::windows_reserved(stem) {
        diags.push(
            crate::diag::Diagnostic::new(
                rel,
                format!("tên tệp “{stem}” là tên thiết bị dành riêng của Windows; trang “{stem}/” không tạo được trên máy chủ Windows"),
            )
            .expected(format!("một tên khác cho tệp, ví dụ thêm một chữ: “{}-1”", text::slugify(stem))),
        );
        return false;
    }
    let suggestion = text::slugify(stem);
    let d = crate::diag::Diagnostic::new(rel, format!("tên tệp “{stem}” không dùng được làm địa chỉ trang"))
        .expected("tên tệp viết thường, không dấu, nối bằng dấu “-”")
        .hint((!suggestion.is_empty()).then(|| format!("đổi tên thành “{suggestion}”")));
    diags.push(d);
    false
}
