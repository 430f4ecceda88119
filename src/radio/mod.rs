//! The loudspeaker bulletin of a plan on a day: text an announcer or a speech engine can read
//! aloud as written. The [`bulletin`] composes it in written Vietnamese and speaks it through
//! [`crate::speech::Speaker`]; [`airtime`] estimates how long it takes to read.

pub mod airtime;
pub mod bulletin;
