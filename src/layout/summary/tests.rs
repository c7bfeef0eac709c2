use super::*;
use crate::layout::one_pager::tests::{assert_tree_covers_the_content, layouter, leaves, texts};
use crate::layout::page::{Content, Node};

/// A workspace's summary: `evidence` items over four statements, some personal data; five
/// actions, two overdue; accounts; a statement that does not apply.
pub(crate) fn input(evidence: usize) -> SummaryInput {
    let statement = |code: &str, title: &str| SummaryStatement {
        code: code.into(),
        title: title.into(),
        set: "CLERO recovery framework (CHIME) · version 2021-22".into(),
        stage: "Developing: we do this, but not everywhere or every time.".into(),
        rung: "4 of 7, Representation: people represent the views of their peers.".into(),
        well: "Members run the Friday group.\nNew members are met at the door.".into(),
        develop: String::new(),
        counts: "3 evidence items; 2 actions, 1 overdue".into(),
    };
    SummaryInput {
        org_name: "Brighter Days Recovery Community".into(),
        area: "Wirral".into(),
        logo_px: Some((400, 200)),
        date: "7 December 2026".into(),
        generated_on: "2026-12-07".into(),
        app_version: "0.1.0".into(),
        overview: vec!["12 of 40 statements assessed.".into(), "5 actions: 2 overdue.".into()],
        charts: vec![StageChart {
            set: "CLERO recovery framework (CHIME) · version 2021-22".into(),
            rows: vec![
                StageRow { section: "Connectedness".into(), counts: [2, 3, 0, 0, 1, 2] },
                StageRow { section: "Hope and optimism".into(), counts: [0, 0, 0, 0, 0, 6] },
            ],
        }],
        statements: vec![statement("C1", "Peer support and support groups"), statement("C2", "Relationships")],
        evidence: (0..evidence)
            .map(|n| SummaryEvidence {
                statement: format!("C{}", n % 4 + 1),
                title: format!("Evidence item {n}: minutes of the members' meeting"),
                kind: if n % 10 == 0 { String::new() } else { "Minutes".into() },
                date: if n % 10 == 0 { String::new() } else { "31/03/2026".into() },
                personal: n % 10 == 0,
            })
            .collect(),
        actions: (0..5)
            .map(|n| SummaryAction {
                statement: "C1".into(),
                what: format!("Action {n}: ask members to review the welcome leaflet"),
                who: "Zoë".into(),
                by: if n == 4 { String::new() } else { "01/12/2026".into() },
                status: "Not started".into(),
                overdue: n < 2,
            })
            .collect(),
        accounts: vec![SummaryAccount {
            statement: "C1".into(),
            title: "Friday nights at the Hub".into(),
            status: "Signed off".into(),
            signoff: "2 of 2 approvals, lived experience included".into(),
        }],
        not_applicable: vec![NotApplicable {
            code: "E3".into(),
            title: "Premises".into(),
            reason: "We meet in the library and have no premises of our own.".into(),
        }],
        unshown: 0,
    }
}

fn lay_out(input: &SummaryInput) -> (Vec<Page>, Vec<&'static str>) {
    let mut parts = Vec::new();
    let pages = layouter().summary(input, &mut |p| parts.push(p));
    (pages, parts)
}

/// Every text of the document that is not page furniture, in reading order.
fn read(pages: &[Page]) -> Vec<String> {
    pages.iter().flat_map(|p| leaves(p).into_iter().map(|(_, _, text)| text)).collect()
}

#[test]
fn every_part_is_there_in_order_and_progress_names_each() {
    let (pages, parts) = lay_out(&input(20));
    assert_eq!(parts, SUMMARY_PARTS);
    let text = read(&pages).join("\n");
    let mut at = 0;
    for expected in [
        SUMMARY_TITLE,
        "Brighter Days Recovery Community",
        "7 December 2026",
        "12 of 40 statements assessed.",
        STAGES_HEADING,
        "Connectedness (8 statements): 2 embedded, 3 developing, 1 not applicable, 2 not assessed yet.",
        "Hope and optimism (6 statements): 6 not assessed yet.",
        STATEMENTS_HEADING,
        "C1 Peer support and support groups",
        "What we do well",
        "Members run the Friday group.",
        "What we want to develop",
        "Not written yet.",
        EVIDENCE_HEADING,
        "20 evidence items, 2 of them marked personal data.",
        ACTIONS_HEADING,
        "5 actions, 2 overdue",
        "Not started, overdue",
        ACCOUNTS_HEADING,
        "Friday nights at the Hub",
        NOT_APPLICABLE_HEADING,
        "E3 Premises: We meet in the library and have no premises of our own.",
    ] {
        let found = text[at..].find(expected).unwrap_or_else(|| panic!("{expected:?} not after {at} in {text}"));
        at += found;
    }
    // The cover is a page of its own; the footer numbers them all.
    assert!(!pages[0].text_lines().any(|t| t == STAGES_HEADING));
    assert!(pages[1].text_lines().any(|t| t == STAGES_HEADING));
    let last = pages.len();
    assert!(pages[last - 1].text_lines().any(|t| t == format!("Page {last} of {last}")));
    assert!(pages[0].text_lines().any(|t| t.starts_with("Where we stand · Brighter Days Recovery Community")));
}

#[test]
fn personal_data_is_listed_by_title_only_and_said_so() {
    let (pages, _) = lay_out(&input(20));
    let rows: Vec<Vec<String>> = table_rows(&pages);
    let personal: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() == 4 && r[1].contains("item 10:")).collect();
    assert_eq!(personal.len(), 1, "{rows:?}");
    assert_eq!(personal[0], &["C3", "Evidence item 10: minutes of the members' meeting", PERSONAL_DATA_CELL, ""]);
    let plain = rows.iter().find(|r| r.len() == 4 && r[1].contains("item 11:")).unwrap();
    assert_eq!(plain, &["C4", "Evidence item 11: minutes of the members' meeting", "Minutes", "31/03/2026"]);
}

/// Every table row's cells, as read (a row whose cell is empty still has it).
fn table_rows(pages: &[Page]) -> Vec<Vec<String>> {
    fn walk(page: &Page, nodes: &[Node], out: &mut Vec<Vec<String>>) {
        for node in nodes {
            if let Content::Children(children) = &node.content {
                if node.role == Role::TableRow {
                    out.push(children.iter().map(|c| cell_text(page, c)).collect());
                } else {
                    walk(page, children, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for page in pages {
        walk(page, &page.structure, &mut out);
    }
    out
}

fn cell_text(page: &Page, node: &Node) -> String {
    let Content::Items(range) = &node.content else { return String::new() };
    page.items[range.clone()]
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_evidence_list_runs_over_pages_with_its_headings_repeated_as_furniture() {
    let (pages, _) = lay_out(&input(600));
    let evidence_pages: Vec<&Page> =
        pages.iter().filter(|p| p.text_lines().any(|t| t == "Evidence (continued)" || t == EVIDENCE_HEADING)).collect();
    assert!(evidence_pages.len() >= 10, "600 items take many pages: {}", evidence_pages.len());
    for page in &evidence_pages[1..] {
        // The headings are drawn again, but only as furniture: the table's one header row
        // is on its first page.
        let heading_items = page
            .items
            .iter()
            .filter(|i| matches!(i, Item::Text { text, role: Role::Artifact, .. } if text == "Kind"))
            .count();
        assert_eq!(heading_items, 1);
        let top = &page.structure[0];
        assert!(top.continued && top.role == Role::Table, "{:?}", top.role);
    }
    let rows = table_rows(&pages);
    assert_eq!(rows.iter().filter(|r| r.len() == 4 && r[1].starts_with("Evidence item")).count(), 600);
    assert_eq!(rows.iter().filter(|r| r == &&["Statement", "Evidence", "Kind", "Date"]).count(), 1);
    for page in &pages {
        assert_tree_covers_the_content(page);
        for (x, baseline, _, _, text) in texts(page) {
            assert!(x >= MARGIN_X - 0.01 && baseline <= page.height, "{text:?}");
        }
    }
}

#[test]
fn the_chart_is_one_figure_with_its_words_after_it() {
    let (pages, _) = lay_out(&input(0));
    let chart_page = pages.iter().find(|p| p.text_lines().any(|t| t == STAGES_HEADING)).unwrap();
    let figures: Vec<(Vec<Role>, Role, String)> =
        leaves(chart_page).into_iter().filter(|(_, role, _)| matches!(role, Role::Figure { .. })).collect();
    assert_eq!(figures.len(), 1);
    let Role::Figure { alt } = &figures[0].1 else { unreachable!() };
    assert!(alt.starts_with("Bar chart of where we stand with each of the 2 sections of CLERO"), "{alt}");
    // One bar piece per stage present, and a swatch per stage in the legend.
    let rects = chart_page.items.iter().filter(|i| matches!(i, Item::Rect { role: Role::Figure { .. }, .. })).count();
    assert_eq!(rects, 4 + 1 + STAGES_DRAWN.len());
}

#[test]
fn an_empty_workspace_says_what_is_missing_and_odd_input_never_panics() {
    let empty = SummaryInput::default();
    let (pages, _) = lay_out(&empty);
    let text = read(&pages).join("\n");
    for said in ["No statements assessed yet", "No evidence recorded yet.", "No actions planned yet."] {
        assert!(text.contains(said), "{said}: {text}");
    }
    let long = "word ".repeat(3000);
    let mut odd = input(3);
    odd.org_name = long.clone();
    odd.logo_px = Some((0, 5));
    odd.statements[0].well = format!("{long}\n\n\u{7}\t{long}");
    odd.actions[0].what = long.clone();
    odd.charts[0].rows[0].section = long;
    odd.charts[0].rows.push(StageRow { section: String::new(), counts: [0; 6] });
    let (pages, _) = lay_out(&odd);
    for page in &pages {
        assert_tree_covers_the_content(page);
    }
}

#[test]
fn a_chart_longer_than_a_page_is_a_figure_on_each_page_with_its_key_at_the_end() {
    let mut long = input(0);
    long.charts[0].rows =
        (0..70).map(|i| StageRow { section: format!("Section {i}"), counts: [1, 0, 0, 0, 0, 2] }).collect();
    let (pages, _) = lay_out(&long);
    let figures: Vec<(usize, bool)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.structure.iter().filter(|n| matches!(n.role, Role::Figure { .. })).map(move |n| (i, n.continued))
        })
        .collect();
    assert!(figures.len() >= 3, "{figures:?}");
    assert!(figures.iter().all(|(_, continued)| !continued), "each page's part is a figure of its own");
    let pages_with: std::collections::BTreeSet<usize> = figures.iter().map(|(i, _)| *i).collect();
    assert_eq!(pages_with.len(), figures.len(), "one figure a page");
    for page in &pages {
        assert_tree_covers_the_content(page);
        for (_, baseline, _, _, text) in texts(page) {
            assert!(
                baseline <= crate::layout::flow::BOTTOM + 1.0
                    || text.starts_with("Where we stand")
                    || text.starts_with("Page "),
                "{text:?} at {baseline}"
            );
        }
    }
    let words = read(&pages).join("\n");
    assert!(words.contains("Section 69 (3 statements): 1 embedded, 2 not assessed yet."));
}
