//! Exports: files that leave the app. Each writer takes already laid-out pages (or the input
//! the layout takes, or domain values) and turns them into bytes; nothing here decides where
//! things go on a page.

pub mod email;
pub mod html;
pub mod pdf;
pub mod table;

pub use html::write_report_html;
pub use pdf::{ExportError, PdfMeta, write_pdf};

/// `text` safe inside an element or a quoted attribute of HTML or XML: the five characters
/// markup gives meaning to escaped, and control characters (which neither may carry) left out.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
