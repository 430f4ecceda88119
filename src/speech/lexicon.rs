//! Abbreviations and how they are said. The built-in list covers what ward plans use (from the
//! seeds: UBND, HĐND, MTTQ, CCCD, TTHC, CSQLHC, VNeID, ...); `site.yaml`'s `radio.lexicon`
//! extends or overrides it.

use std::collections::BTreeMap;

/// Built in: written form, spoken form. Proper names keep their capitals ("Ủy ban nhân dân");
/// common nouns are lower case and capitalised at the start of a sentence.
const BUILT_IN: &[(&str, &str)] = &[
    // Authorities and organisations
    ("UBND", "Ủy ban nhân dân"),
    ("UB", "Ủy ban"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("VPUBND", "Văn phòng Ủy ban nhân dân"),
    ("VP", "Văn phòng"),
    ("VPCP", "Văn phòng Chính phủ"),
    ("CP", "Chính phủ"),
    ("TTg", "Thủ tướng Chính phủ"),
    ("TW", "Trung ương"),
    ("BCH", "Ban Chấp hành"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("SNV", "Sở Nội vụ"),
    ("BCA", "Bộ Công an"),
    ("CA", "Công an"),
    ("CSQLHC", "Cảnh sát quản lý hành chính"),
    ("TTXH", "trật tự xã hội"),
    ("TCTĐA", "Tổ công tác Đề án"),
    ("TCTTKĐA", "Tổ công tác triển khai Đề án"),
    ("ĐA", "Đề án"),
    ("ĐTN", "Đoàn Thanh niên"),
    ("ĐTNCSHCM", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
    ("HPN", "Hội Phụ nữ"),
    ("HND", "Hội Nông dân"),
    ("HCCB", "Hội Cựu chiến binh"),
    ("HTX", "hợp tác xã"),
    ("THCS", "trung học cơ sở"),
    ("THPT", "trung học phổ thông"),
    ("TH", "tiểu học"),
    ("MN", "mầm non"),
    ("TTYT", "Trung tâm Y tế"),
    ("TYT", "Trạm Y tế"),
    ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"),
    ("VNPT", "vê en pê tê"),
    // Documents and roles
    ("KH", "kế hoạch"),
    ("QĐ", "quyết định"),
    ("NĐ", "nghị định"),
    ("NQ", "nghị quyết"),
    ("TT", "thông tư"),
    ("CT", "chỉ thị"),
    ("TB", "thông báo"),
    ("BC", "báo cáo"),
    ("CV", "công văn"),
    ("TTr", "tờ trình"),
    ("HD", "hướng dẫn"),
    ("KT", "ký thay"),
    ("TM", "thay mặt"),
    ("TL", "thừa lệnh"),
    ("PCT", "Phó Chủ tịch"),
    ("CBCC", "cán bộ, công chức"),
    ("CBCCVC", "cán bộ, công chức, viên chức"),
    ("VH", "văn hóa"),
    ("XH", "xã hội"),
    ("VHXH", "văn hóa xã hội"),
    ("VH-XH", "văn hóa xã hội"),
    ("KP", "khu phố"),
    ("TDP", "tổ dân phố"),
    ("TP", "thành phố"),
    ("TX", "thị xã"),
    ("TPHCM", "Thành phố Hồ Chí Minh"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
    ("HCM", "Hồ Chí Minh"),
    // The campaign's vocabulary
    ("CCCD", "căn cước công dân"),
    ("CMND", "chứng minh nhân dân"),
    ("TTHC", "thủ tục hành chính"),
    ("DVC", "dịch vụ công"),
    ("DVCTT", "dịch vụ công trực tuyến"),
    ("CNTT", "công nghệ thông tin"),
    ("CCHC", "cải cách hành chính"),
    ("CSDL", "cơ sở dữ liệu"),
    ("CSDLQG", "cơ sở dữ liệu quốc gia"),
    ("ĐDĐT", "định danh điện tử"),
    ("CKS", "chữ ký số"),
    ("CNS", "công dân số"),
    ("ATTT", "an toàn thông tin"),
    ("ĐTDĐ", "điện thoại di động"),
    ("SĐT", "số điện thoại"),
    ("ĐT", "điện thoại"),
    ("GPLX", "giấy phép lái xe"),
    ("VNeID", "vê en e ai đi"),
    ("VneID", "vê en e ai đi"),
    ("VNEID", "vê en e ai đi"),
    ("QR", "kiu a"),
    ("OTP", "ô tê pê"),
    ("PIN", "pin"),
    ("SIM", "sim"),
    ("NFC", "en nờ ép xê"),
    ("SMS", "ét em ét"),
    ("ID", "ai đi"),
    ("OA", "ô a"),
    ("ZALO", "Da lô"),
    ("COVID", "cô vít"),
    ("VNĐ", "đồng"),
    ("VND", "đồng"),
    ("CN", "Chủ nhật"),
    // The layout of administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục III: the
    // recipients block, "Lưu: VT", the signature's KT./TM./TL./TUQ.) and of Party documents
    // (Hướng dẫn 36-HD/VPTW: "T/M", "K/T", "Đ/c"). The dot after KT., TM., … is not read
    // (`say::DOTTED`); "VT" is "Văn thư" after "Lưu" only (`say`), elsewhere it is spelled.
    ("TUQ", "thừa ủy quyền"),
    ("T/M", "thay mặt"),
    ("K/T", "ký thay"),
    ("Đ/c", "đồng chí"),
    ("đ/c", "đồng chí"),
    ("Đ/C", "đồng chí"),
    ("V/v", "về việc"),
    ("v/v", "về việc"),
    ("V/V", "về việc"),
    ("b/c", "báo cáo"),
    ("p/h", "phối hợp"),
    ("t/h", "thực hiện"),
    ("đ/b", "để biết"),
    ("t/d", "theo dõi"),
    ("c/đ", "chỉ đạo"),
    ("Tp", "thành phố"),
    ("Stt", "số thứ tự"),
    ("STT", "số thứ tự"),
    // Kinds of documents (Nghị định 30/2020/NĐ-CP, Phụ lục III, I.2) not listed above.
    ("CTr", "chương trình"),
    ("PA", "phương án"),
    ("KL", "kết luận"),
    ("QC", "quy chế"),
    ("QyĐ", "quy định"),
    ("GM", "giấy mời"),
    ("BB", "biên bản"),
    // Compound codes, as ward documents join them (seed 000: "kinh tế - xã hội"; seed 003:
    // "UBND&HĐND" reads through "&"); said without the dash, as announcers run them together.
    ("KT-XH", "kinh tế xã hội"),
    ("KTXH", "kinh tế xã hội"),
    ("KH&CN", "khoa học và công nghệ"),
    ("KHCN", "khoa học công nghệ"),
    ("KH&ĐT", "kế hoạch và đầu tư"),
    ("GD&ĐT", "giáo dục và đào tạo"),
    ("GDĐT", "giáo dục đào tạo"),
    ("QP-AN", "quốc phòng an ninh"),
    ("QPAN", "quốc phòng an ninh"),
    ("ANQP", "an ninh quốc phòng"),
    ("TT&TT", "thông tin và truyền thông"),
    ("VH-TT", "văn hóa thông tin"),
    ("VHTT", "văn hóa thông tin"),
    ("LĐ-TB&XH", "lao động thương binh và xã hội"),
    ("LĐTBXH", "lao động thương binh và xã hội"),
    ("TN&MT", "tài nguyên và môi trường"),
    ("TNMT", "tài nguyên môi trường"),
    ("NN&PTNT", "nông nghiệp và phát triển nông thôn"),
    // Common in ward plans and reports (seeds 000–003 and the plans they cite).
    ("PCCC", "phòng cháy chữa cháy"),
    ("ANTT", "an ninh trật tự"),
    ("CSGT", "cảnh sát giao thông"),
    ("ATGT", "an toàn giao thông"),
    ("NTM", "nông thôn mới"),
    ("ĐU", "Đảng ủy"),
    ("HU", "Huyện ủy"),
    ("TU", "Tỉnh ủy"),
    ("BTV", "Ban Thường vụ"),
    ("QS", "quân sự"),
    ("BCHQS", "Ban Chỉ huy quân sự"),
    ("CAX", "Công an xã"),
    ("CAP", "Công an phường"),
    ("CAH", "Công an huyện"),
    ("CAT", "Công an tỉnh"),
    ("DN", "doanh nghiệp"),
    ("HKD", "hộ kinh doanh"),
    ("SXKD", "sản xuất kinh doanh"),
    ("KDC", "khu dân cư"),
    ("ĐVHC", "đơn vị hành chính"),
    ("ATTP", "an toàn thực phẩm"),
    ("NVQS", "nghĩa vụ quân sự"),
    ("TDTT", "thể dục thể thao"),
    ("CLB", "câu lạc bộ"),
    ("GĐVH", "gia đình văn hóa"),
    ("NCT", "người cao tuổi"),
    ("CCB", "cựu chiến binh"),
    ("CHXHCN", "Cộng hòa xã hội chủ nghĩa"),
    ("XHCN", "xã hội chủ nghĩa"),
    ("TAND", "Tòa án nhân dân"),
    ("VKSND", "Viện Kiểm sát nhân dân"),
    ("ĐBQH", "đại biểu Quốc hội"),
    ("BNV", "Bộ Nội vụ"),
    ("VPKT", "Văn phòng, Thống kê"),
    ("ThS", "thạc sĩ"),
    ("TS", "tiến sĩ"),
    ("BS", "bác sĩ"),
    // "Tổ CNS" is the community technology team (seed 003); "CNS" alone is "công dân số".
    ("Tổ CNS", "Tổ công nghệ số"),
    ("tổ CNS", "tổ công nghệ số"),
    ("QR code", "kiu a cốt"),
    ("QR-code", "kiu a cốt"),
    ("Qr-code", "kiu a cốt"),
    ("Qr code", "kiu a cốt"),
    ("Qr", "kiu a"),
    // Products and apps, as Vietnamese speakers say them (seed 001: "Zalo, Facebook"; the
    // campaign's guides: CH Play, App Store, iPhone, Zalo OA).
    ("CH Play", "xê hát plây"),
    ("Google Play", "Gu gồ plây"),
    ("App Store", "áp xờ to"),
    ("Appstore", "áp xờ to"),
    ("iPhone", "ai phôn"),
    ("iPad", "ai pát"),
    ("Ipad", "ai pát"),
    ("Laptop", "láp tốp"),
    ("laptop", "láp tốp"),
    ("Android", "an đờ roi"),
    ("iOS", "ai ô ét"),
    ("Zalo", "Da lô"),
    ("zalo", "Da lô"),
    ("Zalo OA", "Da lô ô a"),
    ("Facebook", "Phây búc"),
    ("Google", "Gu gồ"),
    ("YouTube", "Diu túp"),
    ("Youtube", "Diu túp"),
    ("TikTok", "Tích tốc"),
    ("Tiktok", "Tích tốc"),
    ("Wi-Fi", "oai phai"),
    ("WiFi", "oai phai"),
    ("Wifi", "oai phai"),
    ("wifi", "oai phai"),
    ("smartphone", "xmát phôn"),
    ("Smartphone", "xmát phôn"),
    ("Internet", "in tơ nét"),
    ("internet", "in tơ nét"),
    ("email", "i meo"),
    ("Email", "i meo"),
    ("online", "on lai"),
    ("Online", "on lai"),
    ("App", "áp"),
    ("app", "áp"),
];

/// Who issued a document, as the code after its kind names them ("265-KH/TU", "1293/UBND-NV"):
/// read only inside a document number, where "TU" cannot be a word and "NV" is not "nhân
/// viên". Codes the lexicon already reads the same way (UBND, CP, TTg, BTTTT, SNV, …) are not
/// repeated here. `site.yaml`'s `radio.issuers` extends it. Sources: the seeds' document
/// numbers (KH-UBND, UBND-SNV, UBND-NV, NĐ-CP, QĐ-TTg, TT-VPCP, KH-STTTT, KH-TCT) and the
/// Party's (Hướng dẫn 36-HD/VPTW: "-KH/TU", "-NQ/TW", "-CV/HU", "-TB/ĐU").
const ISSUERS: &[(&str, &str)] = &[
    ("TU", "Tỉnh ủy"),
    ("HU", "Huyện ủy"),
    ("ĐU", "Đảng ủy"),
    ("QU", "Quận ủy"),
    ("ThU", "Thị ủy"),
    ("TW", "Trung ương"),
    ("VPTW", "Văn phòng Trung ương"),
    ("NV", "Nội vụ"),
    ("TCT", "Tổ công tác"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("UBKT", "Ủy ban Kiểm tra"),
    ("BTG", "Ban Tuyên giáo"),
    ("BDV", "Ban Dân vận"),
    ("TP", "Tư pháp"),
    ("TC", "Tài chính"),
    ("TCKH", "Tài chính, Kế hoạch"),
    ("VHTT", "Văn hóa, Thông tin"),
    ("VX", "Văn xã"),
    ("CAT", "Công an tỉnh"),
    ("CAH", "Công an huyện"),
];

/// The abbreviations a site uses: built in, then the site's own on top.
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: BTreeMap<String, String>,
    /// The first character of every written form, sorted: a word starting otherwise (every
    /// lower-case syllable of a bulletin, against a built-in list all in capitals) is not looked
    /// up, where a search of the map compared it with seven entries.
    firsts: Vec<char>,
    /// The entries of several words ("App ThanhHoa", "Tổ CNS"), each as its words, longest
    /// first, so that the longest that matches wins.
    phrases: Vec<(Vec<String>, String)>,
    /// The first character of every phrase, sorted, as [`Lexicon::firsts`].
    phrase_firsts: Vec<char>,
    /// Issuer codes of document numbers ([`ISSUERS`], then the site's `radio.issuers`).
    issuers: BTreeMap<String, String>,
}

impl Lexicon {
    pub fn new(extra: &BTreeMap<String, String>) -> Lexicon {
        let mut words: BTreeMap<String, String> =
            BUILT_IN.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        for (k, v) in extra {
            // A phrase is matched word by word, whatever spaces stand between them.
            let written = k.split_whitespace().collect::<Vec<_>>().join(" ");
            words.insert(crate::text::nfc(&written), crate::text::nfc(v.trim()));
        }
        let mut firsts: Vec<char> = words.keys().filter_map(|k| k.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let mut phrases: Vec<(Vec<String>, String)> = words
            .iter()
            .filter(|(k, _)| k.contains(' '))
            .map(|(k, v)| (k.split(' ').map(str::to_string).collect(), v.clone()))
            .collect();
        phrases.sort_by_key(|(ws, _)| std::cmp::Reverse(ws.iter().map(|w| w.chars().count() + 1).sum::<usize>()));
        let mut phrase_firsts: Vec<char> = phrases.iter().filter_map(|(ws, _)| ws[0].chars().next()).collect();
        phrase_firsts.sort_unstable();
        phrase_firsts.dedup();
        let issuers = ISSUERS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Lexicon { words, firsts, phrases, phrase_firsts, issuers }
    }

    /// The same lexicon with the site's own issuer codes on top of the built-in ones.
    pub fn with_issuers(mut self, extra: &BTreeMap<String, String>) -> Lexicon {
        for (k, v) in extra {
            self.issuers.insert(crate::text::nfc(k.trim()), crate::text::nfc(v.trim()));
        }
        self
    }

    /// How the issuer `code` of a document number is said, if it is one of the issuers.
    pub fn issuer(&self, code: &str) -> Option<&str> {
        self.issuers.get(code).map(String::as_str)
    }

    /// Every issuer code and its spoken form.
    pub fn issuers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.issuers.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The spoken form of `written`, one word, matched exactly (case matters: "TT" is an
    /// abbreviation, "tt" not).
    pub fn get(&self, written: &str) -> Option<&str> {
        let first = written.chars().next()?;
        self.firsts.binary_search(&first).ok()?;
        self.words.get(written).map(String::as_str)
    }

    /// The entries of several words that may start with `first`, each as its words and its
    /// spoken form, longest first.
    pub fn phrases(&self, first: char) -> impl Iterator<Item = (&[String], &str)> {
        let any = self.phrase_firsts.binary_search(&first).is_ok();
        self.phrases
            .iter()
            .filter(move |(ws, _)| any && ws[0].starts_with(first))
            .map(|(ws, s)| (ws.as_slice(), s.as_str()))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.words.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// What is wrong with a site's own entry, in Vietnamese, or `None`. A spoken form must itself be
/// spoken: no digits, no symbols, and no abbreviation that would be expanded again.
pub fn problem(written: &str, spoken: &str, all: &Lexicon) -> Option<String> {
    if written.trim().is_empty() {
        return Some("tên viết tắt đang để trống".to_string());
    }
    if written.chars().any(|c| c.is_whitespace() && c != ' ') {
        return Some(format!(
            "“{written}” có dấu xuống dòng hay dấu tab; các từ của một cụm chỉ cách nhau bằng dấu cách"
        ));
    }
    if spoken.trim().is_empty() {
        return Some(format!("cách đọc của “{written}” đang để trống"));
    }
    if spoken.chars().any(|c| c.is_ascii_digit()) {
        return Some(format!("cách đọc “{spoken}” còn chữ số; hãy viết số bằng chữ"));
    }
    if let Some(c) = spoken.chars().find(|c| !(c.is_alphabetic() || c.is_whitespace() || ",.'’".contains(*c))) {
        return Some(format!("cách đọc “{spoken}” có ký hiệu “{c}”; chỉ dùng chữ và dấu phẩy"));
    }
    if let Some(w) =
        spoken.split(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty() && all.get(w).is_some_and(|s| s != *w))
    {
        return Some(format!("cách đọc “{spoken}” còn chữ viết tắt “{w}”; hãy viết đầy đủ"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sites_own_entries_are_found_whatever_they_start_with() {
        let extra: BTreeMap<String, String> =
            [("km", "ki lô mét"), ("đ/c", "đồng chí"), ("UBND", "Ủy ban")].map(|(k, v)| (k.into(), v.into())).into();
        let l = Lexicon::new(&extra);
        assert_eq!(l.get("km"), Some("ki lô mét"));
        assert_eq!(l.get("đ/c"), Some("đồng chí"));
        assert_eq!(l.get("UBND"), Some("Ủy ban"));
        assert_eq!(l.get("HĐND"), Some("Hội đồng nhân dân"));
        assert_eq!(l.get("kế"), None);
        assert_eq!(l.get(""), None);
        assert_eq!(Lexicon::new(&BTreeMap::new()).get("km"), None);
    }
}
