//! The loudspeaker bulletin: text an announcer or a speech engine can read aloud as written.
//!
//! This is the start of issue 5: [`number`] reads integers the way Vietnamese announcers say
//! them, in the northern (`bac`) or southern (`nam`) form. Dates, times, abbreviations and the
//! bulletin itself build on it.

pub mod number;

/// Which regional form numbers are read in: the words differ (nghìn/ngàn, linh/lẻ), the digits not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Northern: "một nghìn không trăm linh năm".
    Bac,
    /// Southern: "một ngàn không trăm lẻ năm".
    Nam,
}
