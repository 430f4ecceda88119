//! Spoken form: written Vietnamese as an announcer or a speech engine reads it aloud. Knows
//! nothing of a site: the loader checks a site's abbreviations with it, the radio bulletins and
//! `bangtin radio say` speak through it.
//!
//! [`number`] reads integers the way Vietnamese announcers say them; [`say`] turns any written
//! text (digits, dates, times, abbreviations, document numbers, Markdown) into spoken form;
//! [`lexicon`] holds the abbreviations; [`Speaker`] is the one entry point, a dialect and a
//! lexicon.

pub mod lexicon;
pub mod number;
pub mod say;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

/// Which regional form numbers are read in: the words differ (nghìn/ngàn, linh/lẻ), the digits not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Northern: "một nghìn không trăm linh năm".
    Bac,
    /// Southern: "một ngàn không trăm lẻ năm".
    Nam,
}

impl Dialect {
    /// `bac` or `nam`, as written in `site.yaml` and on the command line.
    pub fn parse(s: &str) -> Option<Dialect> {
        match s.trim().to_lowercase().as_str() {
            "bac" | "bắc" => Some(Dialect::Bac),
            "nam" => Some(Dialect::Nam),
            _ => None,
        }
    }
}

/// Everything needed to turn written text into spoken form: the dialect and the abbreviations.
#[derive(Debug, Clone)]
pub struct Speaker {
    pub dialect: Dialect,
    lexicon: lexicon::Lexicon,
}

impl Speaker {
    /// The built-in lexicon, extended or overridden by `extra` (from `site.yaml`'s `radio.lexicon`).
    pub fn new(dialect: Dialect, extra: &BTreeMap<String, String>) -> Speaker {
        Speaker { dialect, lexicon: lexicon::Lexicon::new(extra) }
    }

    /// The same speaker with the site's own issuer codes of document numbers (`site.yaml`'s
    /// `radio.issuers`) on top of the built-in ones.
    pub fn with_issuers(mut self, issuers: &BTreeMap<String, String>) -> Speaker {
        if !issuers.is_empty() {
            self.lexicon = self.lexicon.with_issuers(issuers);
        }
        self
    }

    /// The spoken form of `text`, line by line: one output line per input line.
    pub fn say(&self, text: &str) -> String {
        say::say(text, self)
    }

    /// `n` in words ("một nghìn không trăm năm mươi bảy").
    pub fn number(&self, n: u64) -> String {
        number::integer(n, self.dialect).unwrap_or_else(|| number::digits(&n.to_string()))
    }

    /// "ngày mười sáu tháng tư năm hai nghìn không trăm hai mươi tư".
    pub fn date(&self, d: NaiveDate) -> String {
        say::date(d, self)
    }

    /// "bảy giờ ba mươi phút"; a whole hour is "bảy giờ".
    pub fn time(&self, t: NaiveTime) -> String {
        say::time(t, self)
    }

    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lexicon
    }
}
