//! The part "LEROs in numbers" of the web page: the same words as the PDF's part, the chart
//! drawn with plain boxes (an image to assistive technology, named by the same alternative
//! text, its values said in words after it).

use super::{escape, line};
use crate::domain::text::thousands;
use crate::layout::report::ReportNumbers;
use crate::layout::report::numbers::{
    Bars, HEADINGS, NUMBERS_HEADING, STAGES_HEADING, STAGES_NOTE, TABLE_HEADING, accounts_bars, people_bars,
};
use std::fmt::Write;

/// The part, as a section of the page.
pub(super) fn numbers(html: &mut String, numbers: &ReportNumbers) {
    let _ = writeln!(
        html,
        "<section id=\"numbers\" aria-labelledby=\"numbers-heading\">\n<h2 id=\"numbers-heading\">{}</h2>\n<p>{}</p>",
        escape(NUMBERS_HEADING),
        line(&numbers.reporting)
    );
    if numbers.totals.is_empty() {
        if !numbers.accounts.is_empty() {
            chart(html, &accounts_bars(&numbers.accounts));
        }
        statements(html, numbers);
        html.push_str("</section>\n");
        return;
    }
    html.push_str("<div class=\"table\">\n<table class=\"totals\">\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\" class=\"number\">Total</th></tr></thead>\n<tbody>\n");
    for (what, total) in &numbers.totals {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"number\" data-label=\"Total\">{}</td></tr>",
            line(what),
            line(total)
        );
    }
    html.push_str("</tbody>\n</table>\n</div>\n");

    if !numbers.people.is_empty() {
        chart(html, &people_bars(&numbers.people));
    }
    let _ = writeln!(
        html,
        "<h3 id=\"figures-heading\">{}</h3>\n<div class=\"table\">\n<table aria-labelledby=\"figures-heading\">\n<thead><tr>",
        escape(TABLE_HEADING)
    );
    for (i, heading) in HEADINGS.iter().enumerate() {
        let class = if i >= 2 { " class=\"number\"" } else { "" };
        let _ = write!(html, "<th scope=\"col\"{class}>{}</th>", escape(heading));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in &numbers.rows {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", line(&row[0]));
        for (i, cell) in row.iter().enumerate().skip(1) {
            let class = if i >= 2 { " class=\"number\"" } else { "" };
            // On a narrow screen the cells stack, each named by its column.
            let _ = write!(html, "<td{class} data-label=\"{}\">{}</td>", escape(HEADINGS[i]), line(cell));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    if !numbers.accounts.is_empty() {
        chart(html, &accounts_bars(&numbers.accounts));
    }
    statements(html, numbers);
    html.push_str("</section>\n");
}

/// Where contributors stand with each statement, a sentence each.
fn statements(html: &mut String, numbers: &ReportNumbers) {
    if numbers.statements.is_empty() {
        return;
    }
    let _ = writeln!(html, "<h3>{}</h3>\n<p>{}</p>\n<ul>", escape(STAGES_HEADING), escape(STAGES_NOTE));
    for sentence in &numbers.statements {
        let _ = writeln!(html, "<li>{}</li>", line(sentence));
    }
    html.push_str("</ul>\n");
}

/// A bar chart drawn with plain boxes, an image to assistive technology named by its
/// alternative text; its values then said in words.
fn chart(html: &mut String, chart: &Bars<'_>) {
    let most = chart.values.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let _ = writeln!(
        html,
        "<h3>{}</h3>\n<div class=\"chart\" role=\"img\" aria-label=\"{}\">",
        escape(chart.heading),
        escape(&chart.alt)
    );
    for (label, n) in chart.values {
        // Whole per cent of the longest bar; at least a sliver, so a small value shows.
        let percent = (n.saturating_mul(100) / most).max(1);
        let _ = writeln!(
            html,
            "<div class=\"bar-row\" aria-hidden=\"true\"><span class=\"bar-label\">{}</span><span class=\"bar\"><span style=\"width:{percent}%\"></span></span><span class=\"bar-value\">{}</span></div>",
            line(label),
            thousands(*n)
        );
    }
    html.push_str("</div>\n");
    let _ = writeln!(html, "<p>{}</p>", line(&chart.words()));
}
