//! Check: what is verified of a rendered site — the links of the generated pages ([`links`])
//! and of the Markdown bodies ([`bodies`]), and the paths of the files ([`paths`]), all errors
//! in every command, read from the render as it happens by a recording sink ([`record`]) — and
//! what a person should look at though the site builds ([`warnings`]).

pub mod bodies;
pub mod links;
pub mod paths;
pub mod record;
pub mod warnings;

pub use record::{check_render, Recorded, Recorder, SiteLinks};
pub use warnings::warnings;
