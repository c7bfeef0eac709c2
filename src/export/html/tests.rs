use super::*;
use crate::layout::SignoffLine;
use crate::layout::report::LogoRef;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn signoffs() -> Vec<SignoffLine> {
    vec![
        SignoffLine::at("Zoë Adebayo", "Peer mentor", "2026-11-20T10:00:00Z", true),
        SignoffLine::at("Dafydd Evans", "Director", "2026-11-21T10:00:00Z", false),
    ]
}

fn page(input: &ReportInput<'_>) -> String {
    write_report_html(input, &[PNG.to_vec(), b"GIF89a".to_vec()])
}

/// A report of one statement with two accounts (one with a logo), an introduction and two
/// contributors, the second with a note.
fn with_report<R>(draft: bool, body: &str, f: impl FnOnce(&ReportInput<'_>) -> R) -> R {
    let signed = signoffs();
    let contributions = [
        ReportContribution {
            org_name: "Brighter Days",
            area: "Leeds",
            logo: Some(LogoRef { index: 0, px: (120, 60) }),
            title: "Friday nights",
            body,
            signoffs: &signed,
            fingerprint: "3f2a 9c41 0b7e 55d2",
        },
        ReportContribution {
            org_name: "Hope Street",
            area: "York",
            logo: Some(LogoRef { index: 1, px: (10, 10) }),
            title: "",
            body: "We meet.",
            signoffs: &[],
            fingerprint: "",
        },
    ];
    let sections = [ReportSection {
        set_title: "CHIME",
        set_version: "2021-22",
        code: "C1",
        statement_title: "Connectedness",
        statement_text: "People feel connected.",
        contributions: &contributions,
    }];
    let contributors = [
        ContributorLine {
            org: "Brighter Days".into(),
            area: "Leeds".into(),
            contributions: 1,
            signoff: "Signed off 2026-11-22".into(),
            note: None,
        },
        ContributorLine {
            org: "Hope Street".into(),
            area: "York".into(),
            contributions: 1,
            signoff: "Not yet".into(),
            note: Some("Not to be confused with Hope Streets: another organisation.".into()),
        },
    ];
    let input = ReportInput {
        title: "How LEROs live the standards",
        year: "2026",
        introduction: "Welcome.\n\n- one\n- two",
        generated_on: "2026-11-22",
        app_version: "1.0.0",
        fingerprint: Some("aaaa bbbb cccc dddd"),
        draft,
        sections: &sections,
        contributors: &contributors,
        numbers: None,
    };
    f(&input)
}

#[test]
fn everything_a_reader_needs_is_in_the_file_and_nothing_is_fetched() {
    let html = with_report(true, "Hello.", page);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    for needed in [
        "<meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>How LEROs live the standards</title>",
        "<nav aria-label=\"Contents\">",
        "<main id=\"main\">",
        "<img src=\"data:image/png;base64,",
        "alt=\"Logo of Brighter Days\"",
        "<th scope=\"col\">Organisation</th>",
        "<h3 id=\"account-1-2-heading\" class=\"org\">Hope Street</h3>",
        "<li class=\"quiet\">Not yet signed off</li>",
        "<li>Zoë Adebayo, Peer mentor — 2026-11-20 · lived experience</li>",
        "<th scope=\"row\">Hope Street<span class=\"note\">Not to be confused with Hope Streets: another organisation.</span></th>",
    ] {
        assert!(html.contains(needed), "{needed} is missing");
    }
    for absent in ["<script", "http://", "https://", "<link", "@import", "url("] {
        assert!(!html.contains(absent), "{absent} is in the page");
    }
    assert_eq!(html.matches("<h1>").count(), 1);
    assert_eq!(html.matches("<img ").count(), 1, "the GIF is not a logo a page can carry");
    assert_eq!(html.matches("<article ").count(), 2);
}

#[test]
fn the_draft_is_said_at_the_top_only_while_it_is_one() {
    let draft = with_report(true, "Hello.", page);
    let at = draft.find(DRAFT_LINE).expect("the draft says so");
    assert!(draft.find("<p class=\"year\">2026</p>").is_some_and(|year| year < at));
    assert!(draft.find("A collective report from").is_some_and(|next| at < next));
    assert!(!with_report(false, "Hello.", page).contains("DRAFT"));
}

#[test]
fn bodies_are_read_as_the_pdf_reads_them() {
    let html = body("Intro line\nwraps.\n\n- one\n- two\n\n- new list\n\n> “Quoted,”\n> she said.\n\nAfter.");
    assert_eq!(
        html,
        "<p>Intro line wraps.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<ul>\n<li>new list</li>\n</ul>\n\
         <blockquote><p>“Quoted,” she said.</p></blockquote>\n<p>After.</p>\n"
    );
    assert_eq!(body("- \n\n>\n\n"), "");
}

#[test]
fn what_people_type_is_escaped_everywhere() {
    assert_eq!(
        escape(r#"<a href="x">Tom & Jerry's</a>"#),
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
    );
    let html = with_report(false, "<script>alert('x')</script> & more", page);
    assert!(!html.contains("<script>"));
    assert!(html.contains("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</p>"));
}

#[test]
fn logos_are_recognised_by_their_first_bytes() {
    assert!(data_uri(PNG).is_some_and(|u| u.starts_with("data:image/png;base64,iVBORw0KGgo")));
    assert!(data_uri(&[0xFF, 0xD8, 0xFF, 0xE0]).is_some_and(|u| u.starts_with("data:image/jpeg;base64,")));
    assert_eq!(data_uri(b"GIF89a"), None);
    assert_eq!(data_uri(&[]), None);
}

#[test]
fn long_lists_of_sign_offs_end_as_the_pdf_ends_them() {
    let many: Vec<SignoffLine> = (0..15).map(|i| SignoffLine::at(&format!("P{i}"), "", "", false)).collect();
    let contribution = ReportContribution { signoffs: &many, ..Default::default() };
    let mut html = String::new();
    super::signoffs(&mut html, &contribution);
    assert_eq!(html.matches("<li").count(), 12, "eleven people and one line saying how many more");
    assert!(html.contains("<li class=\"quiet\">… and 4 more</li>"));
}

#[test]
fn an_empty_report_is_still_a_page() {
    let html = write_report_html(&ReportInput::default(), &[]);
    assert!(html.contains("<title>Collective report</title>"));
    assert!(html.contains("<h1>Collective report</h1>") && html.contains("<tbody>\n</tbody>"));
}
