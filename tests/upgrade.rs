//! Files written by the first release (`tests/fixtures/release-1`, made by its `make.sh`):
//! this version opens every one of them, backs a workspace up before updating its schema,
//! and keeps every fingerprint and sign-off they hold.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok};
use std::path::{Path, PathBuf};

/// A copy of the fixtures in a temporary folder (the kept files are never changed), and the
/// folder.
fn fixtures() -> (tempfile::TempDir, PathBuf) {
    let dir = common::temp();
    let to = dir.path().join("release-1");
    std::fs::create_dir(&to).unwrap();
    for e in std::fs::read_dir("tests/fixtures/release-1").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
    (dir, to)
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// What the first release's `make.sh` recorded in the fixture `name`.
fn recorded(f: &Path, name: &str) -> serde_json::Value {
    json(&std::fs::read_to_string(f.join(name)).unwrap())
}

#[test]
fn a_lero_workspace_of_the_first_release_keeps_its_signed_page_and_fingerprint() {
    let (_dir, f) = fixtures();
    let db = f.join("lero.lero");
    let old_bundle = f.join("zoes-place.lero-bundle");
    let old_fingerprint = last_line(&ok(&db, &["bundle", "check", old_bundle.to_str().unwrap()])).to_owned();
    let was = recorded(&f, "lero-accounts.json");

    let now = json(&ok(&db, &["account", "list", "--json"]));
    assert_eq!(now[0]["status"], "signed");
    assert_eq!(now[0]["title"], was[0]["title"]);
    let backups: Vec<String> = common::listing(&f.join("lero.lero-backups"));
    assert!(backups.iter().any(|b| b.ends_with("before-update-from-format-4.lero")), "{backups:?}");
    assert!(ok(&db, &["check"]).contains("healthy"));

    // The same page, the same fingerprint: a new bundle carries what the old one did.
    let bundle = f.join("again.lero-bundle");
    assert_eq!(last_line(&ok(&db, &["export", "bundle", "1", "--out", bundle.to_str().unwrap()])), old_fingerprint);
    let pdf = f.join("page.pdf");
    ok(&db, &["export", "pdf", "1", "--out", pdf.to_str().unwrap()]);
    let text = common::poppler("pdftotext", &pdf);
    assert!(text.contains("Siobhán Ó Súilleabháin") && !text.contains("DRAFT"), "{text}");
}

#[test]
fn the_colleges_report_of_the_first_release_stays_ready_and_its_files_still_work() {
    let (_dir, f) = fixtures();
    let clero = f.join("clero.lero");
    let lero = f.join("lero.lero");
    let was = recorded(&f, "clero-status.json");
    let now = common::report_status(&clero);
    for key in ["fingerprint", "ready", "title", "year"] {
        assert_eq!(now[key], was[key], "{key}");
    }
    assert_eq!(now["contributors"][0]["signoff"], "valid");
    assert_eq!(now["contributors"][0]["signed_by"], was["contributors"][0]["signed_by"]);
    assert!(ok(&clero, &["check"]).contains("healthy"));
    let pdf = f.join("report.pdf");
    assert!(ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]).contains("Exported the final report"));

    // The first release's manifest is still signed by the LERO, and its receipt recorded.
    let receipt = f.join("again.lero-receipt");
    let manifest = f.join("report.lero-manifest");
    common::sign_manifest(&lero, &manifest, "Siobhán Ó Súilleabháin", &receipt);
    assert!(ok(&clero, &["report", "record", receipt.to_str().unwrap()]).contains("Ready to publish"));
    // Recording the first release's receipt again changes nothing.
    let old_receipt = f.join("zoes-place.lero-receipt");
    assert!(ok(&clero, &["report", "record", old_receipt.to_str().unwrap()]).contains("already recorded"));

    // Its bundle goes into a new report of this version, with the same fingerprint.
    let fresh = f.join("fresh.lero");
    ok(&fresh, &["report", "new", "Another report"]);
    let out = ok(&fresh, &["report", "add", f.join("zoes-place.lero-bundle").to_str().unwrap()]);
    assert!(out.contains("First bundle from Zoë's Place"), "{out}");
}

#[test]
fn a_workspace_of_the_first_release_opens_with_no_figures_and_takes_them_after_the_update() {
    let (_dir, f) = fixtures();
    let db = f.join("lero.lero");
    assert!(!f.join("lero.lero-backups").exists(), "no backup before the update");
    assert_eq!(json(&ok(&db, &["org", "figures", "--json"])), serde_json::json!([]));
    // The update was backed up first, as every schema update is.
    let backups = common::listing(&f.join("lero.lero-backups"));
    assert!(backups.iter().any(|b| b.ends_with("before-update-from-format-4.lero")), "{backups:?}");
    let out = ok(&db, &["org", "figures", "--year", "2024-25", "--people-supported", "300", "--volunteers", "18"]);
    assert!(out.contains("Saved the figures for 2024-25"), "{out}");
    assert_eq!(json(&ok(&db, &["org", "figures", "--json"]))[0]["people_supported"], 300);
    assert!(ok(&db, &["check"]).contains("healthy"));
    // Its signed page is untouched by the figures.
    assert_eq!(json(&ok(&db, &["account", "list", "--json"]))[0]["status"], "signed");
}

#[test]
fn a_workspace_of_the_first_release_gives_where_it_stands_and_its_workbook_and_stays_signed() {
    let (_dir, f) = fixtures();
    let db = f.join("lero.lero");
    let old_bundle = f.join("zoes-place.lero-bundle");
    let old_fingerprint = last_line(&ok(&db, &["bundle", "check", old_bundle.to_str().unwrap()])).to_owned();
    let before = ok(&db, &["account", "list", "--json"]);

    // The first release's actions and self-assessment, read by this version's exports.
    let pdf = f.join("where-we-stand.pdf");
    let said = ok(&db, &["export", "summary", "--out", pdf.to_str().unwrap()]);
    assert!(said.contains("Exported “Where we stand”"), "{said}");
    let text = common::poppler("pdftotext", &pdf);
    assert!(text.contains("Fridays at the Hub") && text.contains("Signed off"), "{text}");
    let book = f.join("where-we-stand.xlsx");
    assert!(ok(&db, &["export", "table", "--out", book.to_str().unwrap()]).contains("Wrote the workbook"));
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"));
    let actions = json(&ok(&db, &["action", "list", "--json"]));
    assert!(actions.is_array());

    // Exporting changed nothing: the page is signed as it was, with the same fingerprint.
    assert_eq!(ok(&db, &["account", "list", "--json"]), before);
    let bundle = f.join("again.lero-bundle");
    assert_eq!(last_line(&ok(&db, &["export", "bundle", "1", "--out", bundle.to_str().unwrap()])), old_fingerprint);
}
