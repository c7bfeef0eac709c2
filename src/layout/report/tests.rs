use crate::layout::fonts::FontSet;
use crate::layout::one_pager::tests::{assert_tree_covers_the_content, layouter, leaves, roles, texts, two_item_list};
use crate::layout::page::{Content, Item, Role};

use super::*;
use crate::layout::sample_prose;

fn signoffs() -> Vec<SignoffLine> {
    vec![
        SignoffLine {
            name: "Siobhán Ó Súilleabháin".into(),
            role: "Chair".into(),
            date: "2026-11-20".into(),
            lived_experience: true,
        },
        SignoffLine {
            name: "Dafydd Evans".into(),
            role: "Chief officer".into(),
            date: "2026-11-21".into(),
            ..Default::default()
        },
    ]
}

/// Test data: `sections` sections of `per_section` contributions each.
struct Data {
    /// One body per organisation, every paragraph different (so nothing comes from the
    /// wrap cache that a real report would not find there).
    bodies: Vec<String>,
    signoffs: Vec<SignoffLine>,
    names: Vec<String>,
    contributions: Vec<Vec<(usize, Option<LogoRef>)>>,
    contributors: Vec<ContributorLine>,
    codes: Vec<String>,
}

impl Data {
    fn new(sections: usize, per_section: usize, words: usize) -> Data {
        let orgs = (sections * per_section).max(1);
        Data {
            bodies: (0..orgs)
                .map(|i| {
                    let body = sample_prose(words) + "\n\n- a bullet item\n\n> a member's quote";
                    format!("{i} {}", body.replace("\n\n", &format!("\n\n{i} ")))
                })
                .collect(),
            signoffs: signoffs(),
            names: (0..orgs).map(|i| format!("Recovery Community {i}")).collect(),
            contributions: (0..sections)
                .map(|s| {
                    (0..per_section)
                        .map(|c| (s * per_section + c, Some(LogoRef { index: s * per_section + c, px: (400, 200) })))
                        .collect()
                })
                .collect(),
            contributors: (0..orgs)
                .map(|i| ContributorLine {
                    org: format!("Recovery Community {i}"),
                    area: "Leeds".into(),
                    contributions: 1,
                    signoff: "Signed off 2026-11-20".into(),
                    note: None,
                })
                .collect(),
            codes: (0..sections).map(|s| format!("{}.{}", s / 4 + 1, s % 4 + 1)).collect(),
        }
    }

    fn contributions(&self) -> Vec<Vec<ReportContribution<'_>>> {
        self.contributions
            .iter()
            .map(|cs| {
                cs.iter()
                    .map(|&(org, logo)| ReportContribution {
                        org_name: &self.names[org],
                        area: "Leeds and Wakefield",
                        logo,
                        title: "What our members built this year",
                        body: &self.bodies[org],
                        signoffs: &self.signoffs,
                        fingerprint: "3f2a 9c41 0b7e 55d2",
                    })
                    .collect()
            })
            .collect()
    }
}

fn sections<'a>(data: &'a Data, contributions: &'a [Vec<ReportContribution<'a>>]) -> Vec<ReportSection<'a>> {
    contributions
        .iter()
        .zip(&data.codes)
        .map(|(cs, code)| ReportSection {
            set_title: "CLERO Quality Standards",
            set_version: "2.1",
            code,
            statement_title: "People with lived experience are meaningfully involved in the organisation's work",
            statement_text: "The organisation involves people with lived experience of addiction and recovery \
                             in designing, delivering and reviewing what it does.",
            contributions: cs,
        })
        .collect()
}

fn input<'a>(sections: &'a [ReportSection<'a>], contributors: &'a [ContributorLine], draft: bool) -> ReportInput<'a> {
    ReportInput {
        title: "Recovery in Our Communities",
        year: "2026",
        introduction: "This report gathers the accounts of our members.\n\n- one\n- two\n\n> a quote",
        generated_on: "2026-11-22",
        app_version: "0.1.0",
        fingerprint: Some("3f2a 9c41 0b7e 55d2"),
        draft,
        sections,
        contributors,
        numbers: None,
    }
}

fn report(sections_n: usize, per_section: usize, draft: bool) -> Vec<Page> {
    report_of(&Data::new(sections_n, per_section, 300), draft)
}

/// The report of `data`, laid out by a fresh layouter.
fn report_of(data: &Data, draft: bool) -> Vec<Page> {
    let cs = data.contributions();
    let sections = sections(data, &cs);
    layouter().report(&input(&sections, &data.contributors, draft))
}

/// Every text item lies within the side margins and on the page, and no two overlap
/// (boxes from the font's advances across and the size down: 0.75 above the baseline,
/// 0.2 below).
fn assert_clean(fonts: &FontSet, pages: &[Page]) {
    for (n, page) in pages.iter().enumerate() {
        let boxes: Vec<_> = texts(page)
            .into_iter()
            .map(|(x, b, size, style, text)| {
                (x, x + fonts.width(style, text, size), b - 0.75 * size, b + 0.2 * size, text)
            })
            .collect();
        for &(l, r, t, b, text) in &boxes {
            assert!(l >= MARGIN_X - 0.01 && r <= page.width - MARGIN_X + 0.01, "page {n}: {text:?} at {l}..{r}");
            assert!(t >= 0.0 && b <= page.height, "page {n}: {text:?} at {t}..{b}");
        }
        for (i, a) in boxes.iter().enumerate() {
            for c in &boxes[i + 1..] {
                let apart = a.1 <= c.0 + 0.01 || c.1 <= a.0 + 0.01 || a.3 <= c.2 + 0.01 || c.3 <= a.2 + 0.01;
                assert!(apart, "page {n}: {:?} overlaps {:?}", a.4, c.4);
            }
        }
    }
}

#[test]
fn margins_are_the_one_pagers() {
    let mut layouter = layouter();
    let (page, _) = layouter.one_pager(&OnePager { org_name: "Org", generated_on: "x", ..OnePager::default() });
    let footer = texts(&page).into_iter().find(|t| t.4.starts_with("Generated on")).expect("footer");
    assert!((footer.0 - MARGIN_X).abs() < 0.01);
    assert!((footer.1 - (Page::A4.1 - MARGIN_BOTTOM)).abs() < 0.01);
    let rule_y = page.items.iter().find_map(|i| match i {
        Item::Line { x1, .. } => Some(*x1),
        _ => None,
    });
    assert_eq!(rule_y.map(|x| (x - MARGIN_X).abs() < 0.01), Some(true));
    assert!((page.width - Page::A4.0).abs() < 0.01);
}

#[test]
fn page_count_is_cover_contents_intro_dividers_accounts_and_contributors() {
    let pages = report(3, 2, false);
    assert_eq!(pages.len(), 1 + 1 + 1 + 3 * (1 + 2) + 1);
    assert!(pages.iter().all(|p| (p.width, p.height) == Page::A4));
    let cover: Vec<&str> = pages[0].text_lines().collect();
    for expected in [
        "Recovery in Our Communities",
        "2026",
        "A collective report from 6 contributors",
        "6 accounts across 3 standards",
        "Report fingerprint 3f2a 9c41 0b7e 55d2",
        "Generated on 2026-11-22 by LERO Evidence 0.1.0",
    ] {
        assert!(cover.contains(&expected), "{expected:?} in {cover:?}");
    }
    for (i, page) in pages.iter().enumerate() {
        let footer: Vec<&str> = page.text_lines().collect();
        assert!(footer.contains(&format!("Page {} of 13", i + 1).as_str()), "{footer:?}");
        assert!(footer.contains(&"Recovery in Our Communities · 2026"));
    }
    assert!(pages[2].text_lines().any(|t| t == "Introduction"));
    assert!(pages[12].text_lines().any(|t| t == "Contributors"));
    assert!(pages[12].text_lines().any(|t| t == "Report fingerprint 3f2a 9c41 0b7e 55d2"));
    assert!(pages[12].text_lines().any(|t| t == "Signed off 2026-11-20"));
    // Each account page is the one-pager's, with its area in the top margin.
    assert!(pages[4].text_lines().any(|t| t == "Recovery Community 0"));
    assert!(pages[4].text_lines().any(|t| t == "Fingerprint 3f2a 9c41 0b7e 55d2"));
    assert!(pages[4].text_lines().any(|t| t == "Leeds and Wakefield"));
    assert!(pages[3].text_lines().any(|t| t == "2 accounts"));
}

#[test]
fn contents_page_numbers_point_at_the_dividers() {
    for (sections_n, per_section) in [(3, 2), (60, 1), (0, 0)] {
        let pages = report(sections_n, per_section, true);
        let contents: Vec<_> =
            pages.iter().skip(1).take_while(|p| p.text_lines().any(|t| t.starts_with("Contents"))).collect();
        assert!(!contents.is_empty());
        if sections_n == 60 {
            assert!(contents.len() >= 2, "60 entries run onto a second page");
        }
        let mut found = 0;
        for page in &contents {
            let rows = texts(page);
            for &(_, baseline, _, _, label) in &rows {
                let Some(number) = label.strip_prefix("page ").and_then(|n| n.parse::<usize>().ok()) else {
                    continue;
                };
                let target = &pages[number - 1];
                let same_row: Vec<&str> = rows.iter().filter(|r| (r.1 - baseline).abs() < 0.01).map(|r| r.4).collect();
                if same_row.contains(&"Contributors") {
                    assert!(target.text_lines().any(|t| t == "Contributors"), "page {number}");
                } else {
                    let code = same_row[0];
                    assert!(
                        texts(target).iter().any(|t| t.4 == code && (t.2 - HEADING_SIZE).abs() < 0.01),
                        "{code} on page {number}"
                    );
                    assert!(target.text_lines().any(|t| t.ends_with(" account") || t.ends_with(" accounts")));
                }
                found += 1;
            }
        }
        assert_eq!(found, sections_n + 1);
    }
}

#[test]
fn draft_marks_every_page_and_only_a_draft() {
    let draft = report(3, 2, true);
    for page in &draft {
        assert!(matches!(&page.items[0], Item::Watermark { text, .. } if text == "DRAFT"));
        assert!(page.text_lines().any(|t| t == DRAFT_LINE));
    }
    let final_pages = report(3, 2, false);
    for page in &final_pages {
        assert!(!page.items.iter().any(|i| matches!(i, Item::Watermark { .. })));
        assert!(!page.text_lines().any(|t| t.contains("DRAFT")), "{:?}", page.text_lines().collect::<Vec<_>>());
    }
}

#[test]
fn logos_keep_their_own_index() {
    let data = Data::new(1, 2, 50);
    let mut cs = data.contributions();
    cs[0][0].logo = Some(LogoRef { index: 5, px: (300, 100) });
    cs[0][1].logo = None;
    let sections = sections(&data, &cs);
    let pages = layouter().report(&input(&sections, &data.contributors, false));
    let logos: Vec<Vec<usize>> = pages
        .iter()
        .map(|p| {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Item::Logo { image, .. } => Some(*image),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // cover, contents, intro, divider, two accounts, contributors.
    assert_eq!(logos, vec![vec![], vec![], vec![], vec![], vec![5], vec![], vec![]]);
}

#[test]
fn no_text_overlaps_and_all_stays_on_the_page() {
    let mut layouter = layouter();
    let data = Data::new(12, 4, 450);
    let cs = data.contributions();
    let sections = sections(&data, &cs);
    let intro = sample_prose(1500)
        + "\n\n- bullet\n\n> a quote long enough to wrap across lines and maybe pages: "
        + &sample_prose(80);
    for draft in [false, true] {
        let pages =
            layouter.report(&ReportInput { introduction: &intro, ..input(&sections, &data.contributors, draft) });
        assert!(pages.len() > 12 * 5 + 4);
        assert_clean(layouter.fonts(), &pages);
    }
    // Long fields are cut, never spilled.
    let long = "Very long words in a title ".repeat(40);
    let many: Vec<ContributorLine> = (0..200)
        .map(|i| ContributorLine {
            org: long.clone(),
            area: long.clone(),
            contributions: i,
            signoff: long.clone(),
            note: None,
        })
        .collect();
    let odd = [ReportSection {
        code: &long,
        statement_title: &long,
        set_title: &long,
        statement_text: &long.repeat(30),
        ..ReportSection::default()
    }];
    let pages = layouter.report(&ReportInput {
        title: &long,
        year: &long,
        fingerprint: Some(&long),
        ..input(&odd, &many, true)
    });
    assert_clean(layouter.fonts(), &pages);
}

#[test]
fn five_hundred_contributions_lay_out() {
    // How fast is measured in benches/report.rs, not here.
    let pages = report_of(&Data::new(20, 25, 450), true);
    // Cover, contents, introduction, 20 dividers and 500 accounts, then the contributors.
    assert!(pages.len() > 3 + 20 * 26, "{}", pages.len());
}

#[test]
fn forty_contributions_in_twelve_sections() {
    // 40 accounts spread 4,4,4,4,3,3,3,3,3,3,3,3 over 12 statements, 40 contributors.
    let mut data = Data::new(12, 4, 400);
    for (s, cs) in data.contributions.iter_mut().enumerate() {
        if s >= 4 {
            cs.truncate(3);
        }
    }
    data.contributors.truncate(40);
    let cs = data.contributions();
    assert_eq!(cs.iter().map(Vec::len).sum::<usize>(), 40);
    let pages = report_of(&data, true);
    println!("40 contributions in 12 sections: {} pages", pages.len());
    assert_eq!(pages.len(), 1 + 1 + 1 + 12 + 40 + 1);
}

#[test]
fn layout_is_deterministic() {
    let data = Data::new(3, 2, 300);
    let cs = data.contributions();
    let sections = sections(&data, &cs);
    let input = input(&sections, &data.contributors, true);
    let mut warm = layouter();
    let first = warm.report(&input);
    warm.one_pager(&OnePager { body: "something else", ..OnePager::default() });
    assert_eq!(warm.report(&input), first);
    assert_eq!(layouter().report(&input), first);
}

#[test]
fn odd_input_never_panics() {
    let mut layouter = layouter();
    let empty = layouter.report(&ReportInput::default());
    // Cover, contents (just "Contributors"), contributors.
    assert_eq!(empty.len(), 3);
    assert!(empty[0].text_lines().any(|t| t == "A collective report from 0 contributors"));
    assert!(empty[0].text_lines().any(|t| t == "0 accounts across 0 standards"));

    let empty_sections = [ReportSection::default(), ReportSection { code: "1.1", ..ReportSection::default() }];
    let pages = layouter.report(&ReportInput { sections: &empty_sections, draft: true, ..ReportInput::default() });
    assert_eq!(pages.len(), 5);
    assert!(pages[2].text_lines().any(|t| t == "0 accounts"));
    assert_clean(layouter.fonts(), &pages);

    let huge = sample_prose(60_000);
    let pages = layouter.report(&ReportInput { introduction: &huge, ..ReportInput::default() });
    assert!(pages.len() > 50, "{}", pages.len());
    assert!(pages[2].text_lines().any(|t| t == "Introduction"));
    assert_clean(layouter.fonts(), &pages[..10]);

    let weird = "\u{0}\u{7}\r\n\t\u{2028}😀 - \n> \n-\n\n\n";
    let contribution = [ReportContribution {
        org_name: weird,
        area: weird,
        logo: Some(LogoRef { index: usize::MAX, px: (0, 0) }),
        title: weird,
        body: &huge,
        signoffs: &[],
        fingerprint: "",
    }];
    let sections = [ReportSection {
        set_title: weird,
        set_version: weird,
        code: weird,
        statement_title: weird,
        statement_text: &huge,
        contributions: &contribution,
    }];
    let contributors = [ContributorLine { org: weird.into(), ..ContributorLine::default() }];
    let pages = layouter.report(&ReportInput {
        title: weird,
        year: weird,
        introduction: weird,
        generated_on: weird,
        app_version: weird,
        fingerprint: Some(weird),
        draft: true,
        sections: &sections,
        contributors: &contributors,
        numbers: Some(&ReportNumbers {
            reporting: weird.into(),
            totals: vec![(weird.into(), weird.into())],
            rows: vec![std::array::from_fn(|_| weird.into())],
            people: vec![(weird.into(), u64::MAX), (weird.into(), 0)],
            accounts: vec![(weird.into(), 3)],
            statements: vec![weird.into()],
        }),
    });
    assert!(pages.iter().flat_map(Page::text_lines).all(|t| !t.chars().any(char::is_control)));
    assert_clean(layouter.fonts(), &pages);
}

#[test]
fn every_page_has_its_structure_and_its_furniture_is_marked() {
    let pages = report(1, 1, true);
    // Cover, contents, introduction, divider, account, contributors.
    assert_eq!(pages.len(), 6);
    for page in &pages {
        assert_tree_covers_the_content(page);
        assert!(matches!(page.items[0], Item::Watermark { .. }));
        for item in &page.items {
            if let Item::Text { text, role, .. } = item
                && (text.starts_with("Page ") || text == "Recovery in Our Communities · 2026")
            {
                assert_eq!(*role, Role::Artifact, "{text}");
            }
        }
        // The DRAFT line in the top margin is furniture on every page.
        assert!(page.items.iter().any(|i| matches!(i,
            Item::Text { text, role: Role::Artifact, baseline, .. } if text == DRAFT_LINE && *baseline < MARGIN_TOP)));
    }
    // The draft state is said once in the report's own words, on the cover.
    let said: Vec<usize> = (0..pages.len())
        .flat_map(|p| leaves(&pages[p]).into_iter().filter(|l| l.2 == DRAFT_LINE).map(move |_| p))
        .collect();
    assert_eq!(said, [0]);

    let cover = leaves(&pages[0]);
    assert_eq!(cover[0], (vec![], Role::Heading(1), "Recovery in Our Communities".to_owned()));
    assert!(cover[1..].iter().all(|l| l.1 == Role::Paragraph));

    // The contents: one entry per statement and one for the contributors, each read as one
    // line (the dotted leader is furniture).
    let contents = leaves(&pages[1]);
    assert_eq!(contents[0], (vec![], Role::Heading(2), "Contents".to_owned()));
    let toc = vec![Role::Toc];
    assert_eq!(
        contents[1],
        (
            toc.clone(),
            Role::TocItem,
            "1.1 People with lived experience are meaningfully involved in the organisation's work page 4".to_owned()
        )
    );
    assert_eq!(contents[2], (toc, Role::TocItem, "Contributors page 6".to_owned()));
    assert_eq!(contents.len(), 3);

    let intro = leaves(&pages[2]);
    let mut expected = vec![(vec![], Role::Heading(2)), (vec![], Role::Paragraph)];
    expected.extend(two_item_list());
    expected.push((vec![], Role::Quote));
    assert_eq!(roles(&intro), expected);
    assert_eq!(intro[6].2, "a quote");

    let divider = leaves(&pages[3]);
    assert_eq!(divider[0].1, Role::Heading(2));
    assert!(divider[0].2.starts_with("1.1 People with lived experience"), "{}", divider[0].2);

    // The account keeps the one-pager's tree, its logo described by its organisation.
    let account = leaves(&pages[4]);
    assert_eq!(
        account[0],
        (vec![Role::Section], Role::Figure { alt: "Logo of Recovery Community 0".to_owned() }, String::new())
    );
    // Under the statement's heading (level 2): the organisation (3), the account's title (4)
    // and who signed it (5); the page's own statement line is no heading here.
    assert_eq!(account[1], (vec![Role::Section], Role::Heading(3), "Recovery Community 0".to_owned()));
    assert_eq!(account[2].1, Role::Paragraph);
    assert!(account.contains(&(vec![], Role::Heading(4), "What our members built this year".to_owned())));
    assert!(account.contains(&(vec![Role::Section], Role::Heading(5), "Signed off".to_owned())));
    assert!(account.iter().any(|l| l.1 == Role::Paragraph && l.2.starts_with("0 ")));

    // The contributors' table: a header row, then one row per contributor.
    let contributors = leaves(&pages[5]);
    let header: Vec<&str> = contributors.iter().filter(|l| l.1 == Role::TableHeader).map(|l| l.2.as_str()).collect();
    assert_eq!(header, ["Organisation", "Area", "Accounts", "Sign-off"]);
    let cells: Vec<&str> = contributors.iter().filter(|l| l.1 == Role::TableCell).map(|l| l.2.as_str()).collect();
    assert_eq!(cells, ["Recovery Community 0", "Leeds", "1", "Signed off 2026-11-20"]);
}

#[test]
fn every_contributor_row_has_four_cells_its_note_read_with_the_organisation() {
    let mut data = Data::new(2, 1, 50);
    data.contributors[0].area = String::new();
    data.contributors[1].note = Some("Its name looks like Recovery Community 0's: check it is not the same".into());
    let pages = report_of(&data, false);
    let last = pages.last().expect("pages");
    let table = last.structure.iter().find(|n| n.role == Role::Table).expect("the contributors' table");
    let Content::Children(rows) = &table.content else { panic!("a table holds rows") };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let Content::Children(cells) = &row.content else { panic!("a row holds cells") };
            cells
                .iter()
                .map(|cell| match &cell.content {
                    Content::Items(range) => last.items[range.clone()]
                        .iter()
                        .filter_map(|i| match i {
                            Item::Text { text, .. } => Some(text.as_str()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                    Content::Children(_) => panic!("a cell holds text"),
                })
                .collect()
        })
        .collect();
    assert_eq!(cells[0], ["Organisation", "Area", "Accounts", "Sign-off"]);
    // No area: an empty cell keeps the columns in place.
    assert_eq!(cells[1], ["Recovery Community 0", "", "1", "Signed off 2026-11-20"]);
    assert_eq!(
        cells[2],
        [
            "Recovery Community 1 Its name looks like Recovery Community 0's: check it is not the same",
            "Leeds",
            "1",
            "Signed off 2026-11-20"
        ]
    );
}

#[test]
fn a_table_running_onto_a_second_page_repeats_its_header_there() {
    let mut data = Data::new(1, 1, 50);
    data.contributors = (0..80)
        .map(|i| ContributorLine {
            org: format!("Org {i}"),
            area: "Leeds".into(),
            contributions: 1,
            ..Default::default()
        })
        .collect();
    let pages = report_of(&data, false);
    let tables: Vec<&Page> =
        pages.iter().filter(|p| p.text_lines().any(|t| t.starts_with("Contributors"))).skip(1).collect();
    assert!(tables.len() >= 2, "80 rows run onto a second page");
    for (i, page) in tables.iter().enumerate() {
        assert_tree_covers_the_content(page);
        // The header row is drawn on every page, but read once: on the pages the table runs
        // onto it is furniture, and the table there carries on the one before.
        assert_eq!(page.text_lines().filter(|t| *t == "Organisation").count(), 1);
        let leaves = leaves(page);
        let headers = leaves.iter().filter(|l| l.1 == Role::TableHeader).count();
        assert_eq!(headers, if i == 0 { 4 } else { 0 });
        assert!(leaves.iter().all(|l| l.1 != Role::TableCell || l.0 == [Role::Table, Role::TableRow]));
        let table = page.structure.iter().find(|n| n.role == Role::Table).expect("a table on the page");
        assert_eq!(table.continued, i > 0);
        assert!(!leaves.iter().any(|l| l.2.contains("(continued)")), "the repeated heading is furniture");
    }
}
