//! Exports: files that leave the app. Each writer takes already laid-out pages (or the input
//! the layout takes, or domain values) and turns them into bytes; nothing here decides where
//! things go on a page.

pub mod html;
pub mod pdf;

pub use html::write_report_html;
pub use pdf::{ExportError, PdfMeta, write_pdf};
