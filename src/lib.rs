//! bangtin: a static-site generator for a Vietnamese ward's “Công dân số” campaign.
//!
//! The build is a visible pipeline:
//! **load** ([`content`]: walk, parse, validate into a typed model) →
//! **derive** ([`progress`], [`schedule`]: aggregates, status, what is upcoming) →
//! **render** ([`render`]: HTML through tera; [`chart`]: progress charts as SVG; [`ical`]: calendars) →
//! **check** ([`check`]: every link of the generated pages; warnings for a person to read) →
//! **write** ([`output`]: atomically, or not at all).
//!
//! [`pipeline`] runs it for `build`, `check` and the preview; `ARCHITECTURE.md` says which
//! module may use which.

#[doc(hidden)]
pub mod benchsite;
pub mod chart;
pub mod check;
pub mod content;
pub mod diag;
pub mod docx;
pub mod format;
pub mod html;
pub mod ical;
pub mod import;
pub mod indicator;
mod lock;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod progress;
pub mod qr;
pub mod radio;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod schedule;
pub mod search;
pub mod serve;
pub mod speech;
pub mod sys;
pub mod term;
pub mod text;

pub use diag::{Diagnostic, Diagnostics, Error, Warnings};
pub use pipeline::{build, check, render_in_memory, today_local, Options, Rendered, Stage, Summary};
