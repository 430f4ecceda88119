//! The words of a report's table, as officers write them: what heads the unit column, which
//! columns and rows are not figures, how a ratio's two columns and a milestone's cell are
//! written. The reader compares a cell with these after [`key`]; the template of
//! `bangtin new report --xlsx` writes the first of each.

/// A cell's text as it is compared: NFC, lower case, spaces collapsed, trimmed.
pub fn key(s: &str) -> String {
    crate::text::nfc(s).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What heads the unit column besides the units' own kind (`kind:` of units.yaml).
pub const UNIT_HEADERS: [&str; 12] =
    ["Đơn vị", "Tên đơn vị", "Tổ dân phố", "Khu phố", "Ấp", "Thôn", "Khóm", "Xóm", "Bản", "Buôn", "Làng", "Tổ"];

/// Columns that are not figures: the row number and the notes.
pub const IGNORED_COLUMNS: [&str; 6] = ["STT", "TT", "Số TT", "Số thứ tự", "Ghi chú", "Ghi chú khác"];

/// After an indicator's name, the column of a ratio's part done, and of its whole.
pub const DONE_SUFFIXES: [&str; 4] = ["đạt", "đã đạt", "số đạt", "done"];
pub const OF_SUFFIXES: [&str; 3] = ["tổng số", "tổng", "of"];

/// The header of a ratio's column: `Tỷ lệ hồ sơ nộp trực tuyến (đạt)`.
pub fn done_header(name: &str) -> String {
    format!("{name} ({})", DONE_SUFFIXES[0])
}

pub fn of_header(name: &str) -> String {
    format!("{name} ({})", OF_SUFFIXES[0])
}

/// The total row, which is checked against the units' sum and is no unit.
pub const TOTALS: [&str; 5] = ["Tổng cộng", "Cộng", "Tổng", "Tổng số", "Tổng cộng toàn"];

/// Whether a row's label is the total row's.
pub fn is_total(label_key: &str) -> bool {
    TOTALS.iter().any(|t| key(t) == label_key) || label_key.starts_with("tổng cộng ")
}

/// Whether a row's label stands for the whole locality: `Toàn phường`, `Toàn xã`, `ward`.
pub fn is_ward(label_key: &str) -> bool {
    label_key == "ward" || label_key.starts_with("toàn ")
}

/// The label of the whole locality's row: "Toàn phường" for "Phường 3, thành phố Vũng Tàu",
/// "Toàn xã" for "xã Tịnh Hiệp, huyện Sơn Tịnh".
pub fn ward_label(locality: &str) -> String {
    let own = key(locality.split(',').next().unwrap_or(locality));
    let kind = ["thị trấn", "thị xã", "đặc khu", "phường", "xã"].into_iter().find(|k| own.starts_with(k));
    format!("Toàn {}", kind.unwrap_or("địa bàn"))
}

/// A milestone done, as the template writes it; the reader also takes `x`, a day and the
/// words of [`crate::indicator::Figure::milestone`].
pub const DONE: &str = "đã xong";
pub const NOT_DONE: &str = "chưa xong";

/// A cell above the table that gives the report's source: `Nguồn: Công an Phường 3`.
pub const SOURCE_PREFIX: &str = "Nguồn:";

/// A cell above the table that says the figures are examples (`illustrative: true`).
pub const ILLUSTRATIVE: &str = "Số liệu minh họa";

/// A cell above the table that names the plan: `Kế hoạch: 2024-cong-dan-so`.
pub const PLAN_PREFIX: &str = "Kế hoạch:";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_compared_as_officers_vary_them() {
        assert_eq!(key("  TỔNG   Cộng "), "tổng cộng");
        assert!(is_total(&key("Tổng cộng")) && is_total(&key("CỘNG")) && !is_total(&key("Tổ 1")));
        assert!(is_ward(&key("Toàn phường")) && is_ward("ward") && !is_ward(&key("Toàn")));
        assert_eq!(ward_label("Phường 3, thành phố Vũng Tàu"), "Toàn phường");
        assert_eq!(ward_label("xã Tịnh Hiệp, huyện Sơn Tịnh"), "Toàn xã");
        assert_eq!(ward_label("Thị trấn Nam Sơn"), "Toàn thị trấn");
        assert_eq!(ward_label("Bản Mường"), "Toàn địa bàn");
        assert!(is_ward(&key(&ward_label("Bản Mường"))));
    }
}
