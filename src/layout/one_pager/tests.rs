use std::sync::Arc;

use super::*;
use crate::layout::fonts::FontSet;
use crate::layout::fonts::tests::fonts;
use crate::layout::page::{Content, Node};
use crate::layout::sample_prose;
use crate::layout::typeset::{BULLET, BULLET_INDENT, BULLET_X, QUOTE_INDENT};

/// Realistic English (about 5.5 letters a word), the kind of account a LERO writes: seven
/// paragraphs, shared with the layout benchmark.
fn prose() -> Vec<&'static str> {
    include_str!("../sample-prose.txt").split("\n\n").map(str::trim).collect()
}

pub(crate) fn layouter() -> Layouter {
    Layouter::new(Arc::new(fonts()))
}

fn three_signoffs() -> Vec<SignoffLine> {
    let person = |name: &str, role: &str, date: &str, lived_experience| SignoffLine {
        name: name.into(),
        role: role.into(),
        date: date.into(),
        lived_experience,
    };
    vec![
        person("Siobhán Ó Súilleabháin", "Chair of trustees", "2026-11-20", true),
        person("Łukasz Nowak", "Peer volunteer coordinator", "2026-11-21", true),
        person("Dafydd Evans", "Chief officer", "2026-11-22", false),
    ]
}

/// A signed page with every header field filled: a square logo (the tallest the box
/// allows) and a long statement title.
fn signed<'a>(body: &'a str, signoffs: &'a [SignoffLine]) -> OnePager<'a> {
    crate::layout::sample_one_pager(body, signoffs)
}

/// The first `words` words of the prose, keeping its paragraphs (blank-line separated).
fn prose_words(paragraphs: &[usize], words: usize) -> String {
    let mut left = words;
    let mut out = Vec::new();
    for &i in paragraphs {
        let taken: Vec<&str> = prose()[i].split_whitespace().take(left).collect();
        left -= taken.len();
        if !taken.is_empty() {
            out.push(taken.join(" "));
        }
    }
    out.join("\n\n")
}

fn body_texts(page: &Page) -> Vec<(f32, f32, Style, &str)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, baseline, size, style, text, .. } if (*size - BODY_SIZE).abs() < f32::EPSILON => {
                Some((*x, *baseline, *style, text.as_str()))
            }
            _ => None,
        })
        .collect()
}

pub(in crate::layout) fn texts(page: &Page) -> Vec<(f32, f32, f32, Style, &str)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, baseline, size, style, text, .. } => Some((*x, *baseline, *size, *style, text.as_str())),
            _ => None,
        })
        .collect()
}

/// Every text item sits inside the margins across, and (on a page that fits) down.
fn assert_within_page(fonts: &FontSet, page: &Page, fits: bool) {
    for (x, baseline, size, style, text) in texts(page) {
        let right = x + fonts.width(style, text, size);
        assert!(x >= MARGIN_X - 0.01 && right <= page.width - MARGIN_X + 0.01, "{text:?} at {x}..{right}");
        if fits {
            assert!(baseline - size >= MARGIN_TOP - 0.01 - size, "{text:?} above the page at {baseline}");
            assert!(baseline <= page.height - MARGIN_BOTTOM + 0.01, "{text:?} below the margin at {baseline}");
        }
    }
}

#[allow(clippy::cast_precision_loss, reason = "a few hundred letters")]
fn letters_per_word(text: &str) -> f32 {
    let words = text.split_whitespace().count();
    text.chars().filter(|c| c.is_alphabetic()).count() as f32 / count(words)
}

#[test]
fn five_hundred_words_fit_beside_a_full_header_and_three_signoffs() {
    let signoffs = three_signoffs();
    let body = prose_words(&[0, 1, 2, 3, 4, 6], 500);
    assert_eq!(body.split_whitespace().count(), 500);
    assert_eq!(body.split("\n\n").count(), 6);
    assert!(letters_per_word(&body) >= 5.4, "{}", letters_per_word(&body));
    let mut layouter = layouter();
    let (page, fit) = layouter.one_pager(&signed(&body, &signoffs));

    // The test's header is as tall as a real one gets: the statement wraps.
    let heading_lines = texts(&page).iter().filter(|t| t.2 == HEADING_SIZE && t.4 != "2.3").count();
    assert!(heading_lines >= 2, "{heading_lines}");
    assert!(page.items.iter().any(|i| matches!(i, Item::Logo { image: 0, .. })));
    assert!(page.text_lines().any(|t| t == "Fingerprint 3f2a 9c41 0b7e 55d2"));

    assert!(fit.fits(), "{fit:?}");
    assert_eq!(fit.words, 500);
    assert_eq!(fit.overflow_items.len(), 0);
    // With room to spare: two more lines would still fit.
    assert!(fit.capacity_pt - fit.used_pt >= 2.0 * BODY_LINE, "{fit:?}");
    assert!(fit.describe().ends_with("% of the page"));
    assert_within_page(layouter.fonts(), &page, true);
}

#[test]
fn fifteen_hundred_words_overflow_by_the_lines_below_the_area() {
    let signoffs = three_signoffs();
    let body = sample_prose(1500);
    let (page, fit) = layouter().one_pager(&signed(&body, &signoffs));
    assert_eq!(fit.words, 1500);
    assert!(!fit.fits());
    assert!(fit.percent() > 250, "{fit:?}");

    // Count independently: a line overflows when its box ends below the body area, whose
    // top is the first line's top.
    let lines = body_texts(&page);
    assert_eq!(lines.len(), fit.lines);
    let top_of = |baseline: f32| baseline - f32::midpoint(BODY_LINE, page_cap(BODY_SIZE));
    let first_top = top_of(lines[0].1);
    let expected = lines.iter().filter(|l| top_of(l.1) + BODY_LINE > first_top + fit.capacity_pt + FIT_SLACK).count();
    assert_eq!(fit.overflow_lines, expected);
    assert_eq!(fit.describe(), format!("{expected} lines too long"));
    assert!(fit.lines - fit.overflow_lines >= 36);

    // The overflowing items are exactly the body lines past the area, at the end of the body.
    let overflowing = &page.items[fit.overflow_items.clone()];
    assert_eq!(overflowing.len(), expected);
    assert!(
        overflowing.iter().all(|i| matches!(i, Item::Text { size, .. } if (*size - BODY_SIZE).abs() < f32::EPSILON))
    );
    assert_eq!(fit.overflow_items.end, page.items.len());
}

fn page_cap(size: f32) -> f32 {
    fonts().cap_height(Style::Regular) * size
}

#[test]
fn one_line_over_says_so() {
    let mut layouter = layouter();
    let signoffs = three_signoffs();
    // Grow the body a word at a time until it first overflows: exactly one line over.
    let mut words = 480;
    let fit = loop {
        let body = sample_prose(words);
        let (_, fit) = layouter.one_pager(&signed(&body, &signoffs));
        if !fit.fits() {
            break fit;
        }
        words += 1;
    };
    assert_eq!(fit.overflow_lines, 1, "{fit:?}");
    assert_eq!(fit.describe(), "1 line too long");
}

#[test]
fn empty_body_fits_at_zero() {
    let (page, fit) = layouter().one_pager(&signed("", &[]));
    assert_eq!((fit.words, fit.lines, fit.overflow_lines), (0, 0, 0));
    assert!(fit.fits());
    assert_eq!(fit.percent(), 0);
    assert_eq!(fit.describe(), "0% of the page");
    assert!(fit.capacity_pt > 500.0);
    assert!(body_texts(&page).is_empty());
    assert!(page.text_lines().any(|t| t == "Not yet signed off"));
}

#[test]
fn a_quote_alone_is_italic_indented_and_barred() {
    let body = "> “I came for a cup of tea and stayed because nobody judged me. Now I run the \
                Tuesday group,” says Zoë.\n> — a member since 2019";
    let (page, fit) = layouter().one_pager(&signed(body, &[]));
    assert!(fit.fits());
    assert_eq!(fit.lines, 2);
    let lines = body_texts(&page);
    assert_eq!(lines.len(), 2);
    for (x, _, style, _) in &lines {
        assert_eq!(*style, Style::Italic);
        assert!((*x - (MARGIN_X + QUOTE_INDENT)).abs() < 0.01);
    }
    assert!(!lines.iter().any(|l| l.3.contains('>')));
    assert_eq!(lines.iter().map(|l| l.3).collect::<Vec<_>>().join(" "), body.replace("> ", "").replace('\n', " "));
    let bars: Vec<_> = page.items.iter().filter(|i| matches!(i, Item::Rect { fill: Rgb::ACCENT, .. })).collect();
    assert_eq!(bars.len(), 1);
    if let Item::Rect { x, y, h, .. } = bars[0] {
        assert!(*x < MARGIN_X + QUOTE_INDENT && *x >= MARGIN_X);
        // The bar runs beside both lines.
        assert!(*y < lines[0].1 && y + h > lines[1].1 - BODY_SIZE / 2.0);
    }
}

#[test]
fn a_very_long_word_is_broken_inside_the_margins() {
    let word = "abcdefghij".repeat(30);
    let body = format!("Before {word} after, and a long address: https://example.org/{word}");
    let mut layouter = layouter();
    let (page, fit) = layouter.one_pager(&signed(&body, &[]));
    assert!(fit.fits());
    let width = Page::A4.0 - 2.0 * MARGIN_X;
    for (x, _, style, text) in body_texts(&page) {
        assert!(layouter.fonts().width(style, text, BODY_SIZE) <= width + 0.01, "{text}");
        assert!(x >= MARGIN_X);
    }
    let joined: String = body_texts(&page).iter().map(|l| l.3).collect();
    assert!(joined.contains(&word));
    assert_within_page(layouter.fonts(), &page, true);
}

#[test]
fn bullets_hang_a_glyph_in_the_indent() {
    let body = "What members run:\n- the Saturday breakfast club, which has grown from six people to \
                more than forty regulars and now needs a second cook and a bigger room\n- a gardening \
                project\n• family days";
    let (page, fit) = layouter().one_pager(&signed(body, &[]));
    assert!(fit.fits());
    let lines = body_texts(&page);
    let bullets: Vec<_> = lines.iter().filter(|l| l.3 == BULLET).collect();
    assert_eq!(bullets.len(), 3);
    let text_x = MARGIN_X + BULLET_INDENT;
    for bullet in &bullets {
        assert!((bullet.0 - (MARGIN_X + BULLET_X)).abs() < 0.01);
        // Each bullet sits on the baseline of its item's first line.
        assert!(lines.iter().any(|l| l.3 != BULLET && (l.1 - bullet.1).abs() < 0.01 && (l.0 - text_x).abs() < 0.01));
    }
    let items: Vec<_> = lines.iter().filter(|l| l.3 != BULLET).collect();
    assert_eq!(items[0].3, "What members run:");
    assert!((items[0].0 - MARGIN_X).abs() < 0.01);
    // The long item wraps, and its second line keeps the indent.
    assert!(items.len() >= 5);
    assert!(items[1..].iter().all(|l| (l.0 - text_x).abs() < 0.01));
    assert_eq!(fit.lines, items.len());
    assert!(!lines.iter().any(|l| l.3.starts_with("- ") || l.3.starts_with("• ")));
}

#[test]
fn names_quotes_and_dashes_come_through_exactly_and_in_order() {
    let body = "Zoë welcomed Siobhán and Łukasz – then Dafydd Ó Súilleabháin said: “It’s ours — \
                ‘really’ ours.”\n\nCafé naïve façade.";
    let signoffs = three_signoffs();
    let (page, fit) = layouter().one_pager(&signed(body, &signoffs));
    assert!(fit.fits());
    let joined = body_texts(&page).iter().map(|l| l.3).collect::<Vec<_>>().join(" ");
    assert_eq!(joined, body.split_whitespace().collect::<Vec<_>>().join(" "));
    let all: Vec<&str> = page.text_lines().collect();
    assert!(all.contains(&"Siobhán Ó Súilleabháin, Chair of trustees — 2026-11-20 · lived experience"));
    assert!(all.contains(&"Łukasz Nowak, Peer volunteer coordinator — 2026-11-21 · lived experience"));
    assert!(all.contains(&"Dafydd Evans, Chief officer — 2026-11-22"));
    let fonts = fonts();
    for (_, _, _, style, text) in texts(&page) {
        assert!(fonts.missing(style, text).is_empty(), "{text}");
    }
}

#[test]
fn every_text_item_stays_on_the_page() {
    let signoffs = three_signoffs();
    let body = prose_words(&[0, 1, 2], 300) + "\n\n- one\n- two\n\n> quoted words";
    let mut layouter = layouter();
    for logo in [None, Some((400, 400)), Some((1200, 100)), Some((50, 900))] {
        for draft in [false, true] {
            let input = OnePager { logo_px: logo, draft, ..signed(&body, &signoffs) };
            let (page, fit) = layouter.one_pager(&input);
            assert!(fit.fits(), "{logo:?} {draft}");
            assert_within_page(layouter.fonts(), &page, true);
            for item in &page.items {
                if let Item::Logo { x, y, w, h, .. } = item {
                    assert!(*x >= MARGIN_X && *y >= MARGIN_TOP);
                    assert!(*w <= LOGO_MAX_W + 0.01 && *h <= LOGO_MAX_H + 0.01);
                    let (pw, ph) = logo.expect("a logo was given");
                    assert!((w / h - pixels(pw) / pixels(ph)).abs() < 0.01, "aspect kept");
                }
            }
        }
    }
}

#[test]
fn layout_is_deterministic_and_the_cache_changes_nothing() {
    let signoffs = three_signoffs();
    let body = sample_prose(600);
    let input = signed(&body, &signoffs);
    let cold = layouter().one_pager(&input);
    let mut warm = layouter();
    warm.one_pager(&OnePager { body: "something else", ..input });
    warm.one_pager(&input);
    assert_eq!(warm.one_pager(&input), cold);
    assert_eq!(layouter().one_pager(&input), cold);
}

#[test]
fn a_keystroke_rewraps_only_its_paragraph() {
    let signoffs = three_signoffs();
    let body = sample_prose(600);
    let mut layouter = layouter();
    layouter.one_pager(&signed(&body, &signoffs));
    let misses = layouter.cache.misses();
    layouter.one_pager(&signed(&body, &signoffs));
    assert_eq!(layouter.cache.misses(), misses, "nothing re-wrapped when nothing changed");

    let typed = body.replacen("kettle.", "kettle!", 1);
    assert_ne!(typed, body);
    let (page, _) = layouter.one_pager(&signed(&typed, &signoffs));
    assert_eq!(layouter.cache.misses(), misses + 1);
    assert_eq!(page, Layouter::new(Arc::clone(&layouter.fonts)).one_pager(&signed(&typed, &signoffs)).0);
}

#[test]
fn signing_never_changes_the_room_for_the_body() {
    let signoffs = three_signoffs();
    let body = sample_prose(520);
    let mut layouter = layouter();
    let draft = OnePager { draft: true, signoffs: &[], fingerprint: None, ..signed(&body, &signoffs) };
    let (draft_page, draft_fit) = layouter.one_pager(&draft);
    let (signed_page, signed_fit) = layouter.one_pager(&signed(&body, &signoffs));
    assert_eq!(draft_fit, Fit { overflow_items: draft_fit.overflow_items.clone(), ..signed_fit.clone() });
    assert_eq!(body_texts(&draft_page), body_texts(&signed_page));

    assert!(
        matches!(&draft_page.items[0], Item::Watermark { text, colour: Rgb::DRAFT, size, .. } if text == "DRAFT" && *size >= 100.0)
    );
    assert!(draft_page.text_lines().any(|t| t == DRAFT_LABEL));
    assert!(draft_page.text_lines().any(|t| t == "Not yet signed off"));
    assert!(!signed_page.items.iter().any(|i| matches!(i, Item::Watermark { .. })));
    assert!(!signed_page.text_lines().any(|t| t == DRAFT_LABEL || t == "Not yet signed off"));
}

#[test]
fn header_and_footer_read_as_they_should() {
    let signoffs = three_signoffs();
    let mut layouter = layouter();
    let input = OnePager { set_title: "CLERO Standards", ..signed("Text.", &signoffs) };
    let (page, _) = layouter.one_pager(&input);
    let lines: Vec<&str> = page.text_lines().collect();
    for expected in [
        "Brighter Futures Recovery Community",
        "2.3",
        "CLERO Standards · version 2.1",
        "How our members shape everything we do",
        "Signed off",
        "Generated on 2026-11-22 by LERO Evidence 0.1.0",
        "2.3 · CLERO Standards · version 2.1",
    ] {
        assert!(lines.contains(&expected), "{expected:?} in {lines:?}");
    }
    // The reference is right-aligned on the footer's baseline.
    let (x, baseline, size, style, text) =
        texts(&page).into_iter().find(|t| t.4 == "2.3 · CLERO Standards · version 2.1").expect("reference");
    assert!((x + layouter.fonts().width(style, text, size) - (Page::A4.0 - MARGIN_X)).abs() < 0.01);
    assert!((baseline - (Page::A4.1 - MARGIN_BOTTOM)).abs() < 0.01);

    // No title: no title line, and more room for the body.
    let (untitled, untitled_fit) = layouter.one_pager(&OnePager { title: "  ", ..input });
    assert!(!texts(&untitled).iter().any(|t| (t.2 - TITLE_SIZE).abs() < f32::EPSILON));
    assert!(untitled_fit.capacity_pt > layouter.one_pager(&input).1.capacity_pt);
    // No logo: no logo item.
    let (no_logo, _) = layouter.one_pager(&OnePager { logo_px: None, ..input });
    assert!(!no_logo.items.iter().any(|i| matches!(i, Item::Logo { .. })));
}

#[test]
fn long_footer_reference_keeps_code_and_version() {
    let (page, _) =
        layouter().one_pager(&OnePager { set_title: &"Very long set title ".repeat(20), ..signed("Text.", &[]) });
    let reference = page.text_lines().find(|t| t.starts_with("2.3 · ")).expect("footer reference");
    assert!(reference.starts_with("2.3 · Very long"), "{reference}");
    assert!(reference.ends_with("… · version 2.1"), "{reference}");
}

#[test]
fn fit_percent_and_words() {
    let fit = |used_pt: f32, overflow_lines| Fit {
        words: 0,
        lines: 0,
        used_pt,
        capacity_pt: 400.0,
        overflow_lines,
        overflow_items: 0..0,
    };
    assert_eq!(fit(312.0, 0).percent(), 78);
    assert_eq!(fit(312.0, 0).describe(), "78% of the page");
    assert_eq!(fit(401.9, 0).percent(), 100);
    assert_eq!(fit(460.0, 4).percent(), 115);
    assert_eq!(fit(460.0, 4).describe(), "4 lines too long");
    assert_eq!(Fit { capacity_pt: 0.0, ..fit(10.0, 1) }.describe(), "1 line too long");
    assert_eq!(Fit { capacity_pt: 0.0, ..fit(0.0, 0) }.percent(), 0);

    let (_, words) = layouter().one_pager(&signed("One two\nthree.\n\n- four\n> five — six\n\n-\n", &[]));
    assert_eq!(words.words, 7, "markers are not words; the spaced em dash is, as in any word count");
}

#[test]
fn odd_input_never_panics_and_stays_sensible() {
    let mut layouter = layouter();
    let huge = sample_prose(40_000);
    assert!(huge.len() > 200_000);
    let many: Vec<SignoffLine> = (0..100)
        .map(|i| SignoffLine { name: format!("Person {i}"), role: "x".repeat(500), ..SignoffLine::default() })
        .collect();
    let long_word = "W".repeat(5_000);
    let bodies = [
        "\n\n\n\n".to_owned(),
        "- ".to_owned(),
        "-".to_owned(),
        "> ".to_owned(),
        "\u{0}\u{1}\u{7}\u{1b}[31m\r\r\n\t\u{85}\u{2028}\u{2029}\u{feff}".to_owned(),
        "😀 🎉 \u{10ffff} \u{e000} 한국어 العربية".to_owned(),
        huge.clone(),
        long_word.clone(),
    ];
    for body in &bodies {
        let (page, fit) = layouter.one_pager(&signed(body, &[]));
        assert!(fit.lines >= fit.overflow_lines);
        assert!(!fit.describe().is_empty());
        assert_within_page(layouter.fonts(), &page, false);
    }
    let (_, fit) = layouter.one_pager(&signed(&huge, &[]));
    assert!(fit.words >= 40_000 && fit.overflow_lines > 1000);
    let (_, fit) = layouter.one_pager(&signed("- ", &[]));
    assert_eq!((fit.lines, fit.words), (1, 0));

    // Absurd header fields, sign-offs and logos are capped; the body keeps room.
    let absurd = OnePager {
        org_name: &huge,
        logo_px: Some((0, 10)),
        set_title: &huge,
        set_version: &long_word,
        statement_code: &long_word,
        statement_title: &huge,
        title: &huge,
        body: "Still here.",
        signoffs: &many,
        fingerprint: Some(&long_word),
        generated_on: &long_word,
        app_version: &huge,
        draft: true,
    };
    let (page, fit) = layouter.one_pager(&absurd);
    assert!(fit.fits() && fit.capacity_pt > 100.0, "{fit:?}");
    assert_within_page(layouter.fonts(), &page, true);
    assert!(page.text_lines().any(|t| t == "… and 89 more"));
    let (page, _) = layouter.one_pager(&OnePager {
        org_name: "Bright\u{0}er\u{7} Futures\r\n",
        statement_code: "2.\u{1b}3",
        ..signed("Body\u{0} text", &many[..1])
    });
    assert!(page.text_lines().all(|t| !t.chars().any(char::is_control)));
    assert!(page.text_lines().any(|t| t == "Brighter Futures"));
    assert!(page.text_lines().any(|t| t == "2.3"));
    for logo in [Some((1, u32::MAX)), Some((u32::MAX, 1)), Some((0, 0))] {
        let (page, _) = layouter.one_pager(&OnePager { logo_px: logo, ..absurd });
        assert_within_page(layouter.fonts(), &page, true);
    }
}

/// The leaves of a structure tree in reading order: each role with the text of its items
/// (decoration left out), and the path of roles above it.
pub(in crate::layout) fn leaves(page: &Page) -> Vec<(Vec<Role>, Role, String)> {
    fn walk(page: &Page, nodes: &[Node], path: &mut Vec<Role>, out: &mut Vec<(Vec<Role>, Role, String)>) {
        for node in nodes {
            match &node.content {
                Content::Children(children) => {
                    path.push(node.role.clone());
                    walk(page, children, path, out);
                    path.pop();
                }
                Content::Items(range) => {
                    let text: Vec<&str> = page.items[range.clone()]
                        .iter()
                        .filter(|i| *i.role() != Role::Artifact)
                        .filter_map(|i| match i {
                            Item::Text { text, .. } => Some(text.as_str()),
                            _ => None,
                        })
                        .collect();
                    out.push((path.clone(), node.role.clone(), text.join(" ")));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(page, &page.structure, &mut Vec::new(), &mut out);
    out
}

/// The path and role of each leaf.
pub(in crate::layout) fn roles(leaves: &[(Vec<Role>, Role, String)]) -> Vec<(Vec<Role>, Role)> {
    leaves.iter().map(|(path, role, _)| (path.clone(), role.clone())).collect()
}

/// The leaves of a list of two bulleted items: each item's label, then its text.
pub(in crate::layout) fn two_item_list() -> Vec<(Vec<Role>, Role)> {
    let item = vec![Role::List, Role::ListItem];
    [Role::ListLabel, Role::ListBody, Role::ListLabel, Role::ListBody].into_iter().map(|r| (item.clone(), r)).collect()
}

/// Every item that is not page furniture lies in exactly one leaf of the tree, and the
/// leaves' items have the leaf's role (or are decoration inside it, or a list item's parts).
pub(in crate::layout) fn assert_tree_covers_the_content(page: &Page) {
    fn walk(nodes: &[Node], covered: &mut Vec<usize>) {
        for node in nodes {
            match &node.content {
                Content::Children(children) => walk(children, covered),
                Content::Items(range) => covered.extend(range.clone()),
            }
        }
    }
    let mut covered = Vec::new();
    walk(&page.structure, &mut covered);
    let mut sorted = covered.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), covered.len(), "an item lies in two leaves");
    for (i, item) in page.items.iter().enumerate() {
        let in_tree = covered.contains(&i);
        // A quote's bar, a contents entry's dotted leader.
        let leader = matches!(item, Item::Text { text, .. } if text.chars().all(|c| c == '.' || c == ' '));
        let decoration = matches!(item, Item::Rect { .. }) || leader;
        assert!(
            in_tree == (*item.role() != Role::Artifact) || (decoration && in_tree),
            "item {i} ({item:?}) in the tree: {in_tree}"
        );
    }
}

#[test]
fn headings_never_skip_a_level_even_without_a_title() {
    let signoffs = three_signoffs();
    for title in ["How our members shape everything we do", "", "   "] {
        let input = OnePager { title, ..signed("We meet every week.", &signoffs) };
        let (page, _) = layouter().one_pager(&input);
        let levels: Vec<u8> = leaves(&page)
            .iter()
            .filter_map(|l| match l.1 {
                Role::Heading(level) => Some(level),
                _ => None,
            })
            .collect();
        let expected: &[u8] = if title.trim().is_empty() { &[1, 2] } else { &[1, 2, 3] };
        assert_eq!(levels, expected, "title {title:?}");
    }
}

#[test]
fn the_structure_tree_reads_header_body_then_signoffs() {
    let signoffs = three_signoffs();
    let body = "We meet every week.\n\n- peer mentoring\n- a café\n\n> “It gave me my life back,” said one member.";
    let input = OnePager { draft: true, ..signed(body, &signoffs) };
    let (page, _) = layouter().one_pager(&input);
    assert_tree_covers_the_content(&page);
    let leaves = leaves(&page);
    let header = vec![Role::Section];
    let signed_off = vec![Role::Section];
    let signed_item = vec![Role::Section, Role::List, Role::ListItem];
    let mut expected = vec![
        (header.clone(), Role::Figure { alt: "Logo of Brighter Futures Recovery Community".to_owned() }),
        (header.clone(), Role::Paragraph),
        (header.clone(), Role::Heading(1)),
        (header.clone(), Role::Paragraph),
        (header, Role::Paragraph),
        (vec![], Role::Heading(2)),
        (vec![], Role::Paragraph),
    ];
    expected.extend(two_item_list());
    expected.extend([
        (vec![], Role::Quote),
        (signed_off.clone(), Role::Heading(3)),
        (signed_off, Role::Paragraph),
        (signed_item.clone(), Role::ListBody),
        (signed_item.clone(), Role::ListBody),
        (signed_item, Role::ListBody),
    ]);
    assert_eq!(roles(&leaves), expected);
    let texts: Vec<&str> = leaves.iter().map(|l| l.2.as_str()).collect();
    assert_eq!(texts[1], "Brighter Futures Recovery Community");
    assert!(texts[2].starts_with("2.3 People with lived experience"), "{}", texts[2]);
    assert_eq!(texts[3], "DRAFT – not signed off");
    assert_eq!(texts[5], "How our members shape everything we do");
    assert_eq!(texts[6], "We meet every week.");
    assert_eq!((texts[7], texts[8], texts[10]), ("•", "peer mentoring", "a café"));
    assert_eq!(texts[11], "“It gave me my life back,” said one member.");
    assert_eq!((texts[12], texts[13]), ("Signed off", "Fingerprint 3f2a 9c41 0b7e 55d2"));
    assert!(texts[14].starts_with("Siobhán Ó Súilleabháin"));

    // The watermark, the rules, the quote's bar and the footer are page furniture.
    assert_eq!(*page.items[0].role(), Role::Artifact);
    assert!(matches!(page.items[0], Item::Watermark { .. }));
    for item in &page.items {
        match item {
            Item::Line { role, .. } | Item::Rect { role, .. } => assert_eq!(*role, Role::Artifact),
            Item::Text { text, role, .. } if text.starts_with("Generated on") || text.starts_with("2.3 · ") => {
                assert_eq!(*role, Role::Artifact);
            }
            _ => {}
        }
    }
    // The logo's alternative text names the organisation.
    assert!(page.items.iter().any(|i| matches!(i, Item::Logo { role: Role::Figure { alt }, .. }
        if alt == "Logo of Brighter Futures Recovery Community")));
}

#[test]
fn the_watermark_is_centred_on_the_page() {
    let (page, _) = layouter().one_pager(&OnePager { draft: true, ..signed("Text.", &[]) });
    let Item::Watermark { x, baseline, centre, angle, size, text, .. } = &page.items[0] else {
        panic!("no watermark first");
    };
    assert_eq!(*centre, (Page::A4.0 / 2.0, Page::A4.1 / 2.0));
    assert!((angle - 45.0).abs() < f32::EPSILON);
    // Half the word along the baseline and half the cap height up from its start is the centre.
    let fonts = fonts();
    let half_width = fonts.width(Style::Bold, text, *size) / 2.0;
    let half_rise = fonts.cap_height(Style::Bold) * size / 2.0;
    let (sin, cos) = angle.to_radians().sin_cos();
    let middle = (x + cos * half_width - sin * half_rise, baseline - sin * half_width - cos * half_rise);
    assert!((middle.0 - centre.0).abs() < 0.01 && (middle.1 - centre.1).abs() < 0.01, "{middle:?}");
}
