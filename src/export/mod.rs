//! Exports: files that leave the app. Each writer takes already laid-out pages (or domain
//! values) and turns them into bytes; nothing here decides where things go on a page.

pub mod pdf;

pub use pdf::{ExportError, PdfMeta, write_pdf};
