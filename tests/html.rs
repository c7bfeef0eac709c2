//! The collective report as a web page: one self-contained file with the landmarks, headings,
//! lists, quotes and table a reader needs, the DRAFT state at the top until every contributor
//! has signed, what people typed escaped, and the same words as the PDF, in the same order.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use lero_evidence::domain::organisation::Organisation;
use lero_evidence::domain::signoff::Decision;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::layout::{Content, Item, Node, Page, Role};
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};

const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");
/// What the PDF says at the top of every page of a draft, and the web page once at its top.
const DRAFT: &str = "DRAFT – not yet signed off by every contributor";

/// A LERO's workspace with signed-off accounts of `(code, title, body)`; returns it and
/// their bundles.
fn lero(dir: &Path, name: &str, area: &str, logo: bool, accounts: &[(&str, &str, &str)]) -> (PathBuf, Vec<PathBuf>) {
    let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let db = dir.join(format!("{slug}.lero"));
    let mut ws = Workspace::open(&db).unwrap();
    ws.set_organisation(&Organisation { name: name.into(), area: area.into(), ..Default::default() }).unwrap();
    if logo {
        ws.set_logo(common::png(120, 60)).unwrap();
    }
    ws.add_person("Dafydd Evans", "Director", false).unwrap();
    ws.add_person("Zoë Adebayo", "Peer mentor", true).unwrap();
    let mut bundles = Vec::new();
    for (code, title, body) in accounts {
        let id = ws.new_account(&StatementKey::new("clero-chime", "2021-22", code), title, body).unwrap();
        for person in ["Dafydd Evans", "Zoë Adebayo"] {
            ws.sign_off(id, person, Decision::Approved, "").unwrap();
        }
        let bundle = dir.join(format!("{slug}-{code}.lero-bundle"));
        ws.export_bundle(id, &bundle).unwrap();
        bundles.push(bundle);
    }
    (db, bundles)
}

/// A college's report of five accounts from four LEROs (one whose name looks like another's)
/// over three statements, with an introduction; returns the college's workspace and the
/// LEROs'.
fn college(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let hostile = "We said <script>alert('x')</script> & meant it.\n\n- “quoted” <b>bold</b>\n\n> It's \"fine\".";
    let made = [
        lero(
            dir,
            "Brighter Days",
            "Leeds",
            true,
            &[("C1", "Friday nights at the Hub", ACCOUNT), ("C3", "Members lead", "The forum meets each quarter.")],
        ),
        lero(dir, "Hope Street", "York & Selby", false, &[("C1", "<script>document.title='x'</script>", hostile)]),
        lero(
            dir,
            "Łukasz Café",
            "Bradford",
            true,
            &[("H2", "Walking group", "We walk on Mondays.\n\n- Rain or shine")],
        ),
        // Its name looks like Hope Street's (a Cyrillic е): the report notes it for readers.
        lero(dir, "Hope Str\u{0435}et", "Hull", false, &[("H2", "Open door", "Anyone can come in.")]),
    ];
    let clero = dir.join("clero.lero");
    let ws = Workspace::open(&clero).unwrap();
    ws.new_report("How LEROs live the standards", Some("2026"), "Welcome to our report.\n\n- One\n- Two").unwrap();
    for bundle in made.iter().flat_map(|(_, b)| b) {
        if bundle.to_string_lossy().contains("HopeStret") {
            ws.import_bundle_from_new_org(bundle).unwrap();
        } else {
            ws.import_bundle(bundle).unwrap();
        }
    }
    (clero, made.into_iter().map(|(db, _)| db).collect())
}

/// The web page and the PDF's pages of the college's report as it is now.
fn editions(clero: &Path) -> (String, Vec<Page>) {
    let mut ws = Workspace::open(clero).unwrap();
    let html = String::from_utf8(ws.prepare_report_html(false).unwrap().render().unwrap()).unwrap();
    let (pages, _, _) = ws.report_pages(false).unwrap();
    (html, pages)
}

/// `text` with the HTML entities the writer uses decoded.
fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &rest[end + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The words a reader of the web page meets, in order: the body's text with the tags taken
/// out (each tag separates words) and entities decoded. Elements marked `pdf-margin` (what
/// the PDF prints in a page's margin, as page furniture) are left out and returned apart.
fn html_words(html: &str) -> (Vec<String>, Vec<String>) {
    let body = &html[html.find("<body>").expect("a body")..html.find("</body>").expect("its end")];
    let (mut text, mut margin) = (String::new(), Vec::new());
    let mut skipping: Option<(String, String)> = None;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let chunk = &rest[..open];
        match &mut skipping {
            Some((_, skipped)) => skipped.push_str(chunk),
            None => text.push_str(chunk),
        }
        let close = rest[open..].find('>').expect("tags are closed") + open;
        let tag = &rest[open + 1..close];
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        if let Some((skip_name, skipped)) = &skipping {
            if tag.starts_with('/') && *skip_name == name {
                margin.push(decode(skipped).split_whitespace().collect::<Vec<_>>().join(" "));
                skipping = None;
            }
        } else if tag.contains("pdf-margin") {
            skipping = Some((name, String::new()));
        }
        text.push(' ');
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (decode(&text).split_whitespace().map(str::to_owned).collect(), margin)
}

/// The text of the items `range` of `page` that are content, not page furniture. A list
/// item's label (its "•") is left out too: a web page's list draws its own bullets.
fn items_text(page: &Page, range: std::ops::Range<usize>) -> String {
    let mut text = String::new();
    for item in &page.items[range] {
        if let Item::Text { text: t, role, .. } = item
            && !matches!(role, Role::Artifact | Role::ListLabel)
        {
            text.push(' ');
            text.push_str(t);
        }
    }
    text
}

/// Collects the words of `node` and below, in reading order. A contents entry's page number
/// ("page 7") is left out: a web page has no pages, and its contents link to the sections
/// instead.
fn node_words(page: &Page, node: &Node, words: &mut Vec<String>) {
    match &node.content {
        Content::Children(children) => {
            for child in children {
                node_words(page, child, words);
            }
        }
        Content::Items(range) => {
            let mut text: Vec<String> = items_text(page, range.clone()).split_whitespace().map(str::to_owned).collect();
            if node.role == Role::TocItem
                && let [.., label, number] = text.as_slice()
                && label == "page"
                && number.parse::<usize>().is_ok()
            {
                text.truncate(text.len() - 2);
            }
            words.extend(text);
        }
    }
}

/// The words of the PDF's pages as their structure trees read them (page furniture, such as
/// the running footer, page numbers, the DRAFT line in every page's margin and the
/// watermark, is not in the tree).
fn pdf_words(pages: &[Page]) -> Vec<String> {
    let mut words = Vec::new();
    for page in pages {
        for node in &page.structure {
            node_words(page, node, &mut words);
        }
    }
    words
}

/// How many times `sentence`'s words stand in `words`, in a row.
fn count(words: &[String], sentence: &str) -> usize {
    let run: Vec<&str> = sentence.split_whitespace().collect();
    words.windows(run.len()).filter(|w| w.iter().zip(&run).all(|(a, b)| a == b)).count()
}

/// Fails, showing where, unless the two runs of words are the same.
fn assert_same_words(html: &[String], pdf: &[String]) {
    if let Some(at) = (0..html.len().max(pdf.len())).find(|&i| html.get(i) != pdf.get(i)) {
        let around = |w: &[String]| w[at.saturating_sub(8)..(at + 8).min(w.len())].join(" ");
        panic!(
            "the web page's words part from the PDF's at word {at} of {}/{}:\n  web page: …{}…\n  PDF:      …{}…",
            html.len(),
            pdf.len(),
            around(html),
            around(pdf)
        );
    }
}

/// Checks that the web page carries the PDF's words, the DRAFT sentence `drafts` times.
fn same_words_as_the_pdf(html: &str, pages: &[Page], drafts: usize) {
    let (words, margin) = html_words(html);
    // The web page names each organisation's area under its name; the PDF prints it in the
    // top margin of the account's page, as page furniture.
    let mut margin = margin;
    margin.sort();
    assert_eq!(margin, ["Bradford", "Hull", "Leeds", "Leeds", "York & Selby"]);
    let pdf = pdf_words(pages);
    assert!(pdf.len() > 600, "the PDF's words were read ({})", pdf.len());
    // The draft state is said once in each, as words, not only by the PDF's watermark.
    assert_eq!((count(&words, DRAFT), count(&pdf, DRAFT)), (drafts, drafts));
    assert_same_words(&words, &pdf);

    // The comparison notices a word changed, dropped or moved.
    let changed = html.replacen("Rain or shine", "Rain or sun", 1);
    assert_ne!(html_words(&changed).0, pdf);
    let dropped = html.replacen("<h4>Signed off</h4>", "<h4>Signed</h4>", 1);
    assert_ne!(html_words(&dropped).0, pdf);
    let moved = html.replacen("<h3 id=\"account-1-1-heading\">Friday nights at the Hub</h3>", "", 1).replacen(
        "<p class=\"org\">Brighter Days</p>",
        "<h3 id=\"account-1-1-heading\">Friday nights at the Hub</h3><p class=\"org\">Brighter Days</p>",
        1,
    );
    assert_ne!(moved, html);
    assert_ne!(html_words(&moved).0, pdf);
}

#[test]
fn the_web_page_is_self_contained_with_landmarks_headings_lists_quotes_and_a_table() {
    let dir = common::temp();
    let (clero, _) = college(dir.path());
    let (html, _) = editions(&clero);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">"));
    assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert!(html.contains("<title>How LEROs live the standards</title>"));
    for absent in ["<script", "http://", "https://", "<link", "<iframe", "@import", "url(", "@font-face"] {
        assert!(!html.contains(absent), "{absent} is in the page");
    }
    // Each logo's bytes as they are, once per account that shows it; none for Hope Street.
    let logo = base64_of(&common::png(120, 60));
    assert_eq!(html.matches(&format!("src=\"data:image/png;base64,{logo}\"")).count(), 3);
    assert_eq!(html.matches("<img ").count(), 3);
    assert_eq!(html.matches("alt=\"Logo of Brighter Days\"").count(), 2);
    assert!(html.contains("alt=\"Logo of Łukasz Café\"") && !html.contains("Logo of Hope Street"));

    for (landmark, count) in [("<header", 1), ("<nav aria-label=\"Contents\">", 1), ("<main", 1), ("<h1>", 1)] {
        assert_eq!(html.matches(landmark).count(), count, "{landmark}");
    }
    assert_eq!(html.matches("<section class=\"statement\"").count(), 3, "C1, C3 and H2");
    assert_eq!(html.matches("<article ").count(), 5);
    assert_eq!(html.matches("<h3 ").count(), 5);
    assert!(html.contains("<section id=\"introduction\""));
    // The contents link to every section and to the contributors.
    for target in ["statement-1", "statement-2", "statement-3", "contributors"] {
        assert!(html.contains(&format!("href=\"#{target}\"")) && html.contains(&format!("id=\"{target}\"")));
    }
    // The bullets and the member's quote of the demo account, as the PDF has them.
    assert!(html.contains("<li>Monday: the morning walking group (Łukasz’s idea, now our busiest group)</li>"));
    assert!(html.contains("<blockquote><p>“The first time I walked in, Siobhán made me a brew"));
    assert!(html.contains("<li>Zoë Adebayo, Peer mentor — "));
    // The contributors' table.
    assert!(html.contains("<caption><h2 id=\"contributors-heading\">Contributors</h2>"));
    for column in ["Organisation", "Area", "Accounts", "Sign-off"] {
        assert!(html.contains(&format!(">{column}</th>")));
    }
    assert_eq!(html.matches("<th scope=\"col\"").count(), 4);
    assert_eq!(html.matches("<tr><th scope=\"row\">").count(), 4, "one row per contributor");
    assert!(html.contains("<tr><th scope=\"row\">Brighter Days</th><td data-label=\"Area\">Leeds</td>"));
    assert_eq!(html.matches("<td ").count(), 12, "area, accounts and sign-off for each");
    assert!(
        html.contains(
            "Hope Str\u{0435}et<span class=\"note\">Not to be confused with Hope Street: another organisation;"
        )
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn what_a_contributor_typed_is_shown_never_run() {
    let dir = common::temp();
    let (clero, _) = college(dir.path());
    let (html, _) = editions(&clero);
    assert!(!html.contains("<script"), "no script, typed or not");
    assert!(!html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt;</h3>"));
    assert!(html.contains("<p>We said &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; meant it.</p>"));
    assert!(html.contains("<li>“quoted” &lt;b&gt;bold&lt;/b&gt;</li>"));
    assert!(html.contains("<blockquote><p>It&#39;s &quot;fine&quot;.</p></blockquote>"));
    assert!(html.contains("York &amp; Selby"));
    let (words, _) = html_words(&html);
    assert!(words.windows(2).any(|w| w == ["<script>alert('x')</script>", "&"]), "read back as typed");
}

#[test]
fn the_draft_web_page_carries_the_pdfs_words_and_says_draft_at_the_top() {
    let dir = common::temp();
    let (clero, _) = college(dir.path());
    let (html, pages) = editions(&clero);
    let top = &html[..html.find("<nav").unwrap()];
    assert!(top.contains(&format!("<p class=\"draft\"><strong>{DRAFT}</strong></p>")), "said in the header");
    same_words_as_the_pdf(&html, &pages, 1);
}

#[test]
fn once_every_contributor_has_signed_the_web_page_is_final_and_still_the_pdfs_words() {
    let dir = common::temp();
    let d = dir.path();
    let (clero, leros) = college(d);
    let pack = d.join("pack");
    Workspace::open(&clero).unwrap().write_review_pack(&pack).unwrap();
    let manifest = pack.join("report.lero-manifest");
    for (i, db) in leros.iter().enumerate() {
        let receipt = d.join(format!("{i}.lero-receipt"));
        Workspace::open(db).unwrap().write_receipt(&manifest, "Zoë Adebayo", &receipt).unwrap();
        let recorded = Workspace::open(&clero).unwrap().record_receipt(&receipt).unwrap();
        assert!(recorded.valid, "{}", recorded.summary);
    }
    assert!(Workspace::open(&clero).unwrap().report_status().unwrap().ready());
    let (html, pages) = editions(&clero);
    assert!(!html.contains("DRAFT"));
    same_words_as_the_pdf(&html, &pages, 0);

    let out = d.join("report.html");
    let written = Workspace::open(&clero).unwrap().export_report_html(&out, false).unwrap();
    assert!(written.is_final_report() && written.web_page);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), html);
    assert_eq!(
        written.to_string(),
        format!("Exported the report as a web page to {} ({} KB).", out.display(), html.len().div_ceil(1024))
    );
}

#[test]
fn report_export_chooses_the_web_page_by_the_files_extension() {
    let dir = common::temp();
    let (clero, _) = college(dir.path());
    for name in ["report.html", "REPORT.HTM"] {
        let out = dir.path().join(name);
        let said = common::ok(&clero, &["report", "export", "--out", out.to_str().unwrap()]);
        assert!(said.contains("Exported the report as a web page to"), "{said}");
        assert!(said.contains("marked DRAFT at the top"), "{said}");
        assert!(std::fs::read_to_string(&out).unwrap().starts_with("<!DOCTYPE html>"));
    }
    let pdf = dir.path().join("report.pdf");
    let said = common::ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
    assert!(said.contains("pages") && std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "{said}");
    // The workspace itself is refused, as for the PDF.
    let refused = common::run(&clero, &["report", "export", "--out", clero.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(std::fs::metadata(&clero).unwrap().len() > 0);
}
