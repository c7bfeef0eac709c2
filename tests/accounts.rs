//! One-page accounts through the headless interface: writing, page fit, and the PDF read
//! back with poppler's tools.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok, run};

use std::path::{Path, PathBuf};

/// A real account with curly quotes, dashes and names people really have.
const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");
const TOO_LONG: &str = include_str!("../src/workspace/demo/too-long.txt");

fn workspace(dir: &Path) -> PathBuf {
    let db = dir.join("ws.lero");
    let logo = common::write(dir, "logo.png", &common::png(480, 240));
    ok(&db, &["org", "set", "--name", "Brighter Days Recovery Community", "--logo", logo.to_str().unwrap()]);
    db
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(|w| w.trim_start_matches(['>', '-']).to_owned()).filter(|w| !w.is_empty()).collect()
}

#[test]
fn a_real_account_exports_as_one_a4_page_that_reads_as_typed() {
    let dir = common::temp();
    let db = workspace(dir.path());
    let body = common::write(dir.path(), "account.txt", ACCOUNT.as_bytes());
    let out = ok(
        &db,
        &[
            "account",
            "new",
            "clero-chime/C1",
            "--body-file",
            body.to_str().unwrap(),
            "--title",
            "Friday nights at the Hub",
        ],
    );
    let id = last_line(&out).to_owned();
    assert_eq!(id, "1");

    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["account", "list", "--json"])).unwrap();
    let a = &list[0];
    assert_eq!(
        (a["id"].as_i64(), a["ref"].as_str(), a["status"].as_str()),
        (Some(1), Some("clero-chime/C1"), Some("draft"))
    );
    assert_eq!(a["words"].as_u64(), Some(449));
    let page_use = a["page_use"].as_u64().unwrap();
    assert!((50..=100).contains(&page_use), "page use {page_use}");
    assert_eq!(a["title"], "Friday nights at the Hub");

    let fit = run(&db, &["account", "fit", &id]);
    assert_eq!(fit.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&fit.stdout).trim(), format!("{page_use}%"));

    // Unsigned: refused without --draft, with a sentence saying what to do.
    let pdf = dir.path().join("page.pdf");
    let refused = run(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let e = String::from_utf8_lossy(&refused.stderr);
    assert!(e.contains("not signed off") && e.contains("--draft"), "{e}");
    assert!(!pdf.exists());

    let out = ok(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap(), "--draft"]);
    assert_eq!(last_line(&out), pdf.to_str().unwrap());

    let info = common::poppler("pdfinfo", &pdf);
    assert_eq!(common::pdfinfo_field(&info, "Pages"), "1", "{info}");
    assert_eq!(common::pdfinfo_field(&info, "Page size"), "595.276 x 841.89 pts (A4)", "{info}");
    assert_eq!(common::pdfinfo_field(&info, "Author"), "Brighter Days Recovery Community", "{info}");
    let fonts = common::poppler("pdffonts", &pdf);
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "every font embedded: {line}");
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size <= 150 * 1024, "a one-pager with a logo is {size} bytes");

    // The words all there, in order, exactly as typed.
    let text = common::poppler("pdftotext", &pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for w in words(ACCOUNT) {
        let at = flat[from..].find(&w).unwrap_or_else(|| panic!("“{w}” missing or out of order in the PDF text"));
        from += at + w.len();
    }
    for name in ["Zoë", "Siobhán", "Łukasz’s", "Dafydd", "“Driday”", "–", "Brighter Days Recovery Community", "DRAFT"]
    {
        assert!(flat.contains(name), "{name} missing from the PDF");
    }
    assert!(flat.contains("C1") && flat.contains("Peer support and support groups"));
    assert!(fonts.contains("NotoSans") && !fonts.contains("Andika"), "{fonts}");

    // A copy in the reading font: the same words, in Andika only.
    let reading = dir.path().join("page reading.pdf");
    ok(&db, &["export", "pdf", &id, "--out", reading.to_str().unwrap(), "--draft", "--reading-font"]);
    let fonts = common::poppler("pdffonts", &reading);
    assert!(fonts.contains("Andika") && !fonts.contains("NotoSans"), "{fonts}");
    assert_eq!(common::pdfinfo_field(&common::poppler("pdfinfo", &reading), "Pages"), "1");
    let again = common::poppler("pdftotext", &reading).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for w in words(ACCOUNT) {
        let at = again[from..].find(&w).unwrap_or_else(|| panic!("“{w}” missing or out of order in the reading copy"));
        from += at + w.len();
    }
    assert!(again.contains("Brighter Days Recovery Community") && again.contains("DRAFT"), "{again}");
}

#[test]
fn a_fifteen_hundred_word_account_is_caught_and_refused() {
    let dir = common::temp();
    let db = workspace(dir.path());
    let body = common::write(dir.path(), "long.txt", TOO_LONG.as_bytes());
    let id = common::new_account(&db, "clero-chime/H1", &body);
    let fit = run(&db, &["account", "fit", &id]);
    assert_eq!(fit.status.code(), Some(3));
    let percent: u32 = String::from_utf8_lossy(&fit.stdout).trim().trim_end_matches('%').parse().unwrap();
    assert!(percent > 200, "{percent}%");
    let e = String::from_utf8_lossy(&fit.stderr);
    assert!(e.contains("lines too long"), "{e}");

    let pdf = dir.path().join("long.pdf");
    let out = run(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap(), "--draft"]);
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("does not fit on one page") && e.contains("lines too long") && e.contains("Shorten it by about"),
        "{e}"
    );
    assert!(!pdf.exists(), "nothing is written for a refused export");
}

#[test]
fn the_editor_fit_and_the_export_never_disagree() {
    let dir = common::temp();
    let db = workspace(dir.path());
    let all: Vec<&str> = TOO_LONG.split_whitespace().collect();
    let mut saw = (false, false);
    for (i, n) in (380..=720).step_by(17).enumerate() {
        // Paragraphs of varying length, so line breaks fall differently each time.
        let mut text = String::new();
        for (j, w) in all.iter().cycle().skip(i * 7).take(n).enumerate() {
            text.push_str(w);
            text.push(if j % (40 + i * 3) == 39 { '\n' } else { ' ' });
            if j % (40 + i * 3) == 39 {
                text.push('\n');
            }
        }
        let body = common::write(dir.path(), "t.txt", text.as_bytes());
        let id = common::new_account(&db, "clero-chime/C3", &body);
        let fits = run(&db, &["account", "fit", &id]).status.code() == Some(0);
        let pdf = dir.path().join(format!("t{i}.pdf"));
        let export = run(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap(), "--draft"]);
        let exported = export.status.success();
        assert_eq!(
            fits,
            exported,
            "{n} words: the editor said fits={fits}, the export said {exported}: {}",
            String::from_utf8_lossy(&export.stderr)
        );
        if exported {
            let text_back = common::poppler("pdftotext", &pdf);
            let last = words(&text).pop().unwrap();
            assert!(text_back.contains(&last), "{n} words: the last word “{last}” is on the page");
            assert_eq!(common::pdfinfo_field(&common::poppler("pdfinfo", &pdf), "Pages"), "1");
        }
        saw = (saw.0 || fits, saw.1 || !fits);
    }
    assert!(saw.0 && saw.1, "the texts should cross the page boundary");
}

#[test]
fn updating_an_account_changes_its_fit_and_unknown_ids_are_explained() {
    let dir = common::temp();
    let db = workspace(dir.path());
    let short = common::write(dir.path(), "short.txt", "We meet on Fridays.".as_bytes());
    let id = common::new_account(&db, "clero-chime/C2", &short);
    let before: u32 = String::from_utf8_lossy(&run(&db, &["account", "fit", &id]).stdout)
        .trim()
        .trim_end_matches('%')
        .parse()
        .unwrap();
    let long = common::write(dir.path(), "long.txt", ACCOUNT.as_bytes());
    ok(&db, &["account", "update", &id, "--body-file", long.to_str().unwrap(), "--title", "Fridays"]);
    let after: u32 = String::from_utf8_lossy(&run(&db, &["account", "fit", &id]).stdout)
        .trim()
        .trim_end_matches('%')
        .parse()
        .unwrap();
    assert!(after > before + 40, "{before}% -> {after}%");

    let out = run(&db, &["account", "fit", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("There is no account 99"));
    let out = run(&db, &["account", "new", "clero-chime/C2", "--body-file", "/no/such.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let binary = common::write(dir.path(), "b.txt", &[0xff, 0xfe, 0x00, 0x41]);
    let out = run(&db, &["account", "new", "clero-chime/C2", "--body-file", binary.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not plain text"));
}
