//! Check: what is verified after a site has rendered — the links of the generated pages
//! ([`links`], an error, in every command) — and what a person should look at though the site
//! builds ([`warnings`]).

pub mod links;
pub mod warnings;

pub use warnings::warnings;
