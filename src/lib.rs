//! LERO Evidence: self-assessment, evidence and one-page accounts for Lived Experience
//! Recovery Organisations, and the collective report for their college.
//!
//! The library is the product; the binary only parses the command line and opens the window.
//! Data flows one way: `ui`/`cli` -> `workspace` -> `domain` + `store` + `layout` + `export`.

pub mod cli;
pub mod domain;
pub mod export;
pub mod layout;
pub mod store;
pub mod ui;
pub mod workspace;
