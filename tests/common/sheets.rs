//! Spreadsheets made the ways an officer's arrive: an .xlsx written cell by cell (as Excel
//! saves one: formulas with the values they were computed to), an .ods as LibreOffice lays out
//! its XML (repeated empty cells and rows), a CSV as Excel writes it in Vietnamese.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

/// A cell.
#[derive(Clone)]
pub enum V {
    /// Nothing.
    E,
    S(&'static str),
    T(String),
    N(f64),
    /// A formula and the value it was last computed to.
    F(&'static str, f64),
    /// A day, formatted as one.
    D(u16, u8, u8),
}

pub use V::*;

/// An .xlsx of one sheet named `sheet`.
pub fn xlsx(path: &Path, sheet: &str, rows: &[Vec<V>]) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                E => continue,
                S(s) => ws.write_string(r, c, *s),
                T(s) => ws.write_string(r, c, s),
                N(n) => ws.write_number(r, c, *n),
                F(f, n) => ws.write_formula(r, c, Formula::new(*f).set_result(n.to_string())),
                D(y, m, d) => ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &day),
            }
            .unwrap();
        }
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    book.save(path).unwrap();
}

/// An .ods of one sheet named `sheet`, its XML as LibreOffice writes it: empty cells and the
/// rows to the end of the sheet as repeats.
pub fn ods(path: &Path, sheet: &str, rows: &[Vec<V>]) {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut body = String::new();
    for row in rows {
        body.push_str("<table:table-row>");
        for v in row {
            body.push_str(&match v {
                E => "<table:table-cell/>".to_string(),
                S(s) => format!("<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>", esc(s)),
                T(s) => format!("<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>", esc(s)),
                N(n) => format!("<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"),
                F(f, n) => format!(
                    "<table:table-cell table:formula=\"of:{}\" office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>",
                    esc(f)
                ),
                D(y, m, d) => format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{y:04}-{m:02}-{d:02}\"><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"
                ),
            });
        }
        body.push_str("<table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row>");
    }
    body.push_str(
        "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>",
    );
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
         <office:body><office:spreadsheet><table:table table:name=\"{}\">\
         <table:table-column table:number-columns-repeated=\"1024\"/>{body}</table:table>\
         </office:spreadsheet></office:body></office:document-content>",
        esc(sheet)
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \
         xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
         </manifest:manifest>";
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    // The ODF package: `mimetype` first and uncompressed, then the parts.
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// A CSV file as Excel saves "CSV UTF-8" in a Vietnamese locale: a byte-order mark, `;`
/// between cells, CRLF, and every row as wide as the table.
pub fn csv(path: &Path, rows: &[Vec<V>]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = (0..width)
            .map(|c| match row.get(c).unwrap_or(&E) {
                E => String::new(),
                S(s) => quote(s),
                T(s) => quote(s),
                N(n) => n.to_string(),
                F(_, n) => n.to_string(),
                D(y, m, d) => format!("{d:02}/{m:02}/{y}"),
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, out).unwrap();
}

fn quote(s: &str) -> String {
    if s.contains([';', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
