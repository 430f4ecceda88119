//! Any bytes as any content file: decoded as bangtin decodes files (UTF-8, BOM, CRLF, NFC),
//! split into front matter and body, parsed into the model. Nothing may panic or hang, and
//! every message must point inside the file it names.
#![no_main]

use std::path::Path;

use bangtin::content::model::Broken;
use bangtin::content::parse;
use bangtin::content::source::{decode, Source};
use bangtin::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let mut diags = Diagnostics::default();
    let mut broken = Broken::default();
    let names = ["site.yaml", "units.yaml", "plans/p.md", "guides/g.md", "events/e.md", "news/n.md", "progress/r.yaml"];
    let rel = Path::new(names[kind as usize % names.len()]);
    let Some(text) = decode(bytes.to_vec(), rel, &mut diags) else {
        check_positions(&diags, bytes.iter().filter(|b| **b == b'\n').count() + 1);
        return;
    };
    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 31);
    match kind as usize % names.len() {
        0 => drop(parse::site_config(&Source::yaml_file(rel, text.clone()), &mut diags)),
        1 => drop(parse::units(&Source::yaml_file(rel, text.clone()), &mut diags, &mut broken)),
        6 => drop(parse::report(&Source::yaml_file(rel, text.clone()), date, &mut diags)),
        k => {
            if let Some(src) = Source::front_matter_file(rel, &text, &mut diags) {
                match k {
                    2 => drop(parse::plan("p", &src, &mut diags, &mut broken)),
                    3 => drop(parse::guide("g", &src, &mut diags)),
                    4 => drop(parse::event("e", &src, &mut diags)),
                    _ => drop(parse::news("2024-05-31-n", date, &src, &mut diags)),
                }
            }
        }
    }
    check_positions(&diags, text.split('\n').count());
    // Messages are shown as they are built; formatting them must not fail either.
    let _ = diags.sorted().to_string();
});

/// A line number outside the file would send the officer looking for nothing.
fn check_positions(diags: &Diagnostics, lines: usize) {
    for d in &diags.items {
        if let Some(l) = d.line {
            assert!(l >= 1 && l <= lines + 1, "line {l} of a {lines}-line file: {d}");
        }
        if let Some(c) = d.column {
            assert!(c >= 1, "column {c}: {d}");
        }
    }
}
