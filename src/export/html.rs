//! The collective report as one self-contained web page: the same words as the PDF, in the
//! same order, as HTML a screen reader, a phone and a council's website can all use.
//!
//! The page is built from the very input the PDF's layout takes ([`ReportInput`]) and reads
//! the bodies with the layout's own parser, so a paragraph, a bullet or a member's quote is
//! one here exactly when it is one on paper. Everything it needs is inside the file: the
//! style sheet in a `<style>` element, the logos as `data:` addresses, no script, no font or
//! picture fetched from anywhere. Every text the user typed is escaped.
//!
//! What the PDF prints as page furniture (the running footer, page numbers, the DRAFT line at
//! the top of every page) is said once here where a reader meets it: the draft state at the
//! top, the organisation's area under its name.

mod numbers;
mod style;

use crate::domain::text::{one_line, plural};
use crate::export::escape_markup as escape;
use crate::layout::blocks::{self, BlockKind};
use crate::layout::one_pager::{generated_line, signoff_rows};
use crate::layout::report::{
    CONTRIBUTOR_COLUMNS, ContributorLine, DRAFT_LINE, ReportContribution, ReportInput, ReportSection,
};
use crate::layout::set_label;
use base64::Engine;
use std::fmt::Write;

/// The title a report with no title is given, in the window's and the browser's tab.
const UNTITLED: &str = "Collective report";

/// The collective report as one HTML file. `logos` are the pictures the input's
/// [`crate::layout::report::LogoRef`]s index (PNG or JPEG bytes, as stored); a logo that is
/// neither is left out. Never panics, whatever the input.
#[must_use]
pub fn write_report_html(input: &ReportInput<'_>, logos: &[Vec<u8>]) -> String {
    let mut html = String::with_capacity(16 * 1024 + logos.iter().map(|l| l.len() * 4 / 3).sum::<usize>());
    let title = one_line(input.title);
    let tab_title = if title.is_empty() { UNTITLED } else { title.as_str() };
    // Writing to a String cannot fail; the results are ignored for that reason only.
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<meta name=\"generator\" content=\"LERO Evidence {}\">\n<style>\n{}</style>\n</head>\n<body>\n",
        escape(tab_title),
        escape(&one_line(input.app_version)),
        style::CSS,
    );
    cover(&mut html, input, tab_title);
    contents(&mut html, input);
    html.push_str("<main id=\"main\">\n");
    introduction(&mut html, input);
    if let Some(n) = input.numbers {
        numbers::numbers(&mut html, n);
    }
    for (i, section) in input.sections.iter().enumerate() {
        statement(&mut html, i + 1, section, logos);
    }
    contributors(&mut html, input);
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// `text` on one line, escaped.
fn line(text: &str) -> String {
    escape(&one_line(text))
}

/// The report's header, as its cover: title, year, the DRAFT state, who contributed, the
/// fingerprint and the generation line.
/// An untitled report is headed as its tab is named, since a page's heading is never empty.
fn cover(html: &mut String, input: &ReportInput<'_>, title: &str) {
    html.push_str("<header class=\"cover\">\n");
    let _ = writeln!(html, "<h1>{}</h1>", escape(title));
    let year = one_line(input.year);
    if !year.is_empty() {
        let _ = writeln!(html, "<p class=\"year\">{}</p>", escape(&year));
    }
    if input.draft {
        let _ = writeln!(html, "<p class=\"draft\"><strong>{}</strong></p>", escape(DRAFT_LINE));
    }
    let accounts: usize = input.sections.iter().map(|s| s.contributions.len()).sum();
    let _ = writeln!(
        html,
        "<p>A collective report from {}</p>\n<p>{} across {}</p>",
        plural(input.contributors.len(), "contributor", "contributors"),
        plural(accounts, "account", "accounts"),
        plural(input.sections.len(), "standard", "standards"),
    );
    if let Some(fingerprint) = input.fingerprint.map(one_line).filter(|f| !f.is_empty()) {
        let _ = writeln!(
            html,
            "<p class=\"quiet\">Report fingerprint <span class=\"fingerprint\">{}</span></p>",
            escape(&fingerprint)
        );
    }
    let _ = writeln!(html, "<p class=\"quiet\">{}</p>", escape(&generated_line(input.generated_on, input.app_version)));
    html.push_str("</header>\n");
}

/// A statement's code and title, as a heading's content: the code set apart when there is
/// one.
fn code_and_title(code: &str, title: &str) -> String {
    let (code, title) = (one_line(code), one_line(title));
    match (code.is_empty(), title.is_empty()) {
        (true, _) => escape(&title),
        (false, true) => format!("<span class=\"code\">{}</span>", escape(&code)),
        (false, false) => format!("<span class=\"code\">{}</span> {}", escape(&code), escape(&title)),
    }
}

/// The contents: a link to each statement's section, then to the contributors.
fn contents(html: &mut String, input: &ReportInput<'_>) {
    html.push_str("<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
    if input.numbers.is_some() {
        let _ = writeln!(
            html,
            "<li><a href=\"#numbers\">{}</a></li>",
            escape(crate::layout::report::numbers::NUMBERS_HEADING)
        );
    }
    for (i, section) in input.sections.iter().enumerate() {
        let _ = writeln!(
            html,
            "<li><a href=\"#statement-{}\">{}</a></li>",
            i + 1,
            code_and_title(section.code, section.statement_title)
        );
    }
    html.push_str("<li><a href=\"#contributors\">Contributors</a></li>\n</ol>\n</nav>\n");
}

/// The introduction, when it has any words.
fn introduction(html: &mut String, input: &ReportInput<'_>) {
    let body = body(input.introduction);
    if body.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section id=\"introduction\" aria-labelledby=\"introduction-heading\">\n\
         <h2 id=\"introduction-heading\">Introduction</h2>\n{body}</section>\n"
    );
}

/// Body text (light markup) as HTML, split into blocks by the layout's own parser:
/// paragraphs, bullet lists (a blank line between bullets starts a new list) and members'
/// quotes. Blocks with no words are left out, as they print nothing.
fn body(text: &str) -> String {
    let mut html = String::new();
    let mut in_list = false;
    for block in blocks::parse(text) {
        if block.text.trim().is_empty() {
            continue;
        }
        let bullet = block.kind == BlockKind::Bullet;
        if in_list && (!bullet || block.starts_paragraph) {
            html.push_str("</ul>\n");
            in_list = false;
        }
        let text = escape(&block.text);
        match block.kind {
            BlockKind::Paragraph => {
                let _ = writeln!(html, "<p>{text}</p>");
            }
            BlockKind::Quote => {
                let _ = writeln!(html, "<blockquote><p>{text}</p></blockquote>");
            }
            BlockKind::Bullet => {
                if !in_list {
                    html.push_str("<ul>\n");
                    in_list = true;
                }
                let _ = writeln!(html, "<li>{text}</li>");
            }
        }
    }
    if in_list {
        html.push_str("</ul>\n");
    }
    html
}

/// One statement's section: its heading, set, text and how many accounts follow, then each
/// account.
fn statement(html: &mut String, n: usize, section: &ReportSection<'_>, logos: &[Vec<u8>]) {
    let heading = code_and_title(section.code, section.statement_title);
    let _ = writeln!(
        html,
        "<section class=\"statement\" id=\"statement-{n}\" aria-labelledby=\"statement-{n}-heading\">\n\
         <h2 id=\"statement-{n}-heading\">{heading}</h2>"
    );
    let set = set_label(section.set_title, section.set_version);
    if !set.trim().is_empty() {
        let _ = writeln!(html, "<p class=\"quiet\">{}</p>", line(&set));
    }
    let text = one_line(section.statement_text);
    if !text.is_empty() {
        let _ = writeln!(html, "<p class=\"statement-text\">{}</p>", escape(&text));
    }
    let _ = writeln!(html, "<p class=\"count\">{}</p>", plural(section.contributions.len(), "account", "accounts"));
    for (i, contribution) in section.contributions.iter().enumerate() {
        account(html, &format!("account-{n}-{}", i + 1), section, contribution, logos);
    }
    html.push_str("</section>\n");
}

/// The `data:` address of a PNG or JPEG picture, by its first bytes; `None` for anything
/// else.
fn data_uri(bytes: &[u8]) -> Option<String> {
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return None;
    };
    Some(format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
}

/// One contributor's account, in the order its page reads: logo, organisation (and its
/// area), the statement and set, the title, the body, then who signed it off.
fn account(
    html: &mut String,
    id: &str,
    section: &ReportSection<'_>,
    contribution: &ReportContribution<'_>,
    logos: &[Vec<u8>],
) {
    let org = one_line(contribution.org_name);
    let title = one_line(contribution.title);
    let _ = writeln!(html, "<article id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<div class=\"account-head\">");
    let logo = contribution.logo.and_then(|l| Some((l, data_uri(logos.get(l.index)?)?)));
    if let Some((logo, uri)) = logo {
        let _ = writeln!(
            html,
            "<img src=\"{uri}\" alt=\"Logo of {}\" width=\"{}\" height=\"{}\">",
            escape(&org),
            logo.px.0,
            logo.px.1
        );
    }
    html.push_str("<div class=\"who\">\n");
    // With no title of its own, the account is named by its organisation.
    if title.is_empty() {
        let _ = writeln!(html, "<h3 id=\"{id}-heading\" class=\"org\">{}</h3>", escape(&org));
    } else if !org.is_empty() {
        let _ = writeln!(html, "<p class=\"org\">{}</p>", escape(&org));
    }
    let area = one_line(contribution.area);
    if !area.is_empty() {
        // The PDF prints the area in the page's top margin.
        let _ = writeln!(html, "<p class=\"quiet pdf-margin\">{}</p>", escape(&area));
    }
    let _ = writeln!(html, "<p class=\"statement-ref\">{}</p>", code_and_title(section.code, section.statement_title));
    let set = set_label(section.set_title, section.set_version);
    if !set.trim().is_empty() {
        let _ = writeln!(html, "<p class=\"quiet\">{}</p>", line(&set));
    }
    html.push_str("</div>\n</div>\n");
    if !title.is_empty() {
        let _ = writeln!(html, "<h3 id=\"{id}-heading\">{}</h3>", escape(&title));
    }
    html.push_str(&body(contribution.body));
    signoffs(html, contribution);
    html.push_str("</article>\n");
}

/// The sign-off block: "Signed off", the account's fingerprint, one line per person (or
/// "Not yet signed off").
fn signoffs(html: &mut String, contribution: &ReportContribution<'_>) {
    html.push_str("<div class=\"signoff\">\n<h4>Signed off</h4>\n");
    let fingerprint = one_line(contribution.fingerprint);
    if !fingerprint.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"quiet\">Fingerprint <span class=\"fingerprint\">{}</span></p>",
            escape(&fingerprint)
        );
    }
    html.push_str("<ul>\n");
    for (text, quiet) in signoff_rows(contribution.signoffs) {
        let class = if quiet { " class=\"quiet\"" } else { "" };
        let _ = writeln!(html, "<li{class}>{}</li>", escape(&text));
    }
    html.push_str("</ul>\n</div>\n");
}

/// The contributors' table, headed as the PDF's page is: "Contributors" and the report's
/// fingerprint, in the table's caption so that a screen reader names the table by them.
fn contributors(html: &mut String, input: &ReportInput<'_>) {
    html.push_str(
        "<section id=\"contributors\" aria-labelledby=\"contributors-heading\">\n<div class=\"table\">\n<table>\n<caption>\
         <h2 id=\"contributors-heading\">Contributors</h2>",
    );
    if let Some(fingerprint) = input.fingerprint.map(one_line).filter(|f| !f.is_empty()) {
        let _ = write!(
            html,
            "<p class=\"quiet\">Report fingerprint <span class=\"fingerprint\">{}</span></p>",
            escape(&fingerprint)
        );
    }
    html.push_str("</caption>\n<thead>\n<tr>");
    for (i, heading) in CONTRIBUTOR_COLUMNS.iter().enumerate() {
        let class = if i == 2 { " class=\"number\"" } else { "" };
        let _ = write!(html, "<th scope=\"col\"{class}>{heading}</th>");
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    for c in input.contributors {
        contributor_row(html, c);
    }
    html.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// One contributor's row: organisation (the row's heading, with the note a reader needs
/// about it, when there is one, read right after its name as in the PDF), area, accounts,
/// sign-off.
fn contributor_row(html: &mut String, c: &ContributorLine) {
    let [_, area, accounts, signoff] = CONTRIBUTOR_COLUMNS;
    let _ = write!(html, "<tr><th scope=\"row\">{}", line(&c.org));
    if let Some(note) = c.note.as_deref().map(one_line).filter(|n| !n.is_empty()) {
        let _ = write!(html, "<span class=\"note\">{}</span>", escape(&note));
    }
    let _ = writeln!(
        html,
        "</th><td data-label=\"{area}\">{}</td><td class=\"number\" data-label=\"{accounts}\">{}</td>\
         <td data-label=\"{signoff}\">{}</td></tr>",
        line(&c.area),
        c.contributions,
        line(&c.signoff),
    );
}

#[cfg(test)]
mod tests;
