//! Sign-off inside the organisation through the headless interface: the rule, every kind of
//! edit flipping the status, and the clean PDF showing who signed which page.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok, run};
use std::path::{Path, PathBuf};

const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");

fn status(db: &Path, id: &str) -> String {
    let list: serde_json::Value = serde_json::from_str(&ok(db, &["account", "list", "--json"])).unwrap();
    list.as_array().unwrap().iter().find(|a| a["id"].as_i64().map(|v| v.to_string()).as_deref() == Some(id)).unwrap()["status"].as_str().unwrap().to_owned()
}

/// A workspace with a director and a member with lived experience, and one account.
fn setup(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("ws.lero");
    let logo = common::write(dir, "logo.png", &common::png(200, 100));
    ok(&db, &["org", "set", "--name", "Brighter Days", "--logo", logo.to_str().unwrap()]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", "Director"]);
    ok(&db, &["person", "add", "Siobhán Ó Súilleabháin", "--role", "Peer mentor", "--lived-experience"]);
    ok(&db, &["person", "add", "Łukasz Nowak", "--role", "Volunteer coordinator"]);
    let body = common::write(dir, "a.txt", ACCOUNT.as_bytes());
    let id = last_line(&ok(
        &db,
        &["account", "new", "clero-chime/C1", "--body-file", body.to_str().unwrap(), "--title", "Fridays"],
    ))
    .to_owned();
    (db, id)
}

fn sign(db: &Path, id: &str, person: &str) -> String {
    last_line(&ok(db, &["signoff", id, "--person", person])).to_owned()
}

#[test]
fn a_director_and_a_member_with_lived_experience_sign_off_a_page() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    assert_eq!(status(&db, &id), "draft");
    let fp = sign(&db, &id, "Dafydd Evans");
    assert_eq!(fp.len(), 64);
    assert_eq!(status(&db, &id), "awaiting");
    let out = ok(&db, &["signoff", &id, "--person", "Łukasz Nowak"]);
    assert!(out.contains("2 of 2 approvals, lived experience still needed"), "{out}");
    assert_eq!(status(&db, &id), "awaiting");
    assert_eq!(sign(&db, &id, "Siobhán Ó Súilleabháin"), fp, "everyone signed the same page");
    assert_eq!(status(&db, &id), "signed");

    let pdf = dir.path().join("clean.pdf");
    ok(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap()]);
    let text = common::poppler("pdftotext", &pdf);
    assert!(!text.contains("DRAFT"), "a signed page exports clean");
    assert!(text.contains("Dafydd Evans, Director"), "{text}");
    assert!(text.contains("Siobhán Ó Súilleabháin, Peer mentor"), "{text}");
    let short = format!("{} {} {} {}", &fp[0..4], &fp[4..8], &fp[8..12], &fp[12..16]);
    assert!(text.contains(&short), "the short fingerprint {short} is on the page");
}

#[test]
fn every_kind_of_edit_after_sign_off_is_visible_and_blocks_the_clean_export() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    let signed_fp = {
        sign(&db, &id, "Dafydd Evans");
        sign(&db, &id, "Siobhán Ó Súilleabháin")
    };
    assert_eq!(status(&db, &id), "signed");
    let pdf = dir.path().join("p.pdf");

    // One character of the body.
    let edited = common::write(dir.path(), "b.txt", ACCOUNT.replacen("Hub", "Hub!", 1).as_bytes());
    ok(&db, &["account", "update", &id, "--body-file", edited.to_str().unwrap()]);
    assert_eq!(status(&db, &id), "changed");
    let out = run(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed after it was signed off"));
    assert!(!pdf.exists());
    // Putting the text back restores the signed page: the fingerprint is of the content.
    let original = common::write(dir.path(), "c.txt", ACCOUNT.as_bytes());
    ok(&db, &["account", "update", &id, "--body-file", original.to_str().unwrap()]);
    assert_eq!(status(&db, &id), "signed");

    // The title.
    ok(&db, &["account", "update", &id, "--body-file", original.to_str().unwrap(), "--title", "Fridays."]);
    assert_eq!(status(&db, &id), "changed");
    ok(&db, &["account", "update", &id, "--body-file", original.to_str().unwrap(), "--title", "Fridays"]);
    assert_eq!(status(&db, &id), "signed");

    // The organisation's name and its logo are on the page too.
    ok(&db, &["org", "set", "--name", "Brighter Days CIC"]);
    assert_eq!(status(&db, &id), "changed");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    assert_eq!(status(&db, &id), "signed");
    let other_logo = common::write(dir.path(), "other.png", &common::png(201, 100));
    ok(&db, &["org", "set", "--logo", other_logo.to_str().unwrap()]);
    assert_eq!(status(&db, &id), "changed");

    // Signing the new page makes it signed again, with a new fingerprint.
    let new_fp = sign(&db, &id, "Dafydd Evans");
    assert_ne!(new_fp, signed_fp);
    assert_eq!(status(&db, &id), "awaiting");
    sign(&db, &id, "Siobhán Ó Súilleabháin");
    assert_eq!(status(&db, &id), "signed");
}

#[test]
fn asking_for_changes_holds_a_page_back_and_the_rule_can_change() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    sign(&db, &id, "Dafydd Evans");
    let out = ok(
        &db,
        &["signoff", &id, "--person", "Siobhán Ó Súilleabháin", "--reject", "--note", "Say more about families"],
    );
    assert!(out.contains("changes asked for by Siobhán Ó Súilleabháin"), "{out}");
    sign(&db, &id, "Łukasz Nowak");
    assert_eq!(status(&db, &id), "awaiting");
    // She changes her mind on the same page.
    sign(&db, &id, "Siobhán Ó Súilleabháin");
    assert_eq!(status(&db, &id), "signed");

    // Three approvals needed from now on: the page is no longer signed off.
    assert!(
        ok(&db, &["rule", "--approvals", "4"]).contains("4 approvals, at least one by a person with lived experience")
    );
    assert_eq!(status(&db, &id), "awaiting");
    ok(&db, &["rule", "--approvals", "1", "--any-person"]);
    assert_eq!(status(&db, &id), "signed");
    let out = run(&db, &["rule", "--approvals", "0"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn signing_needs_a_known_person_and_a_page_that_fits() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    let out = run(&db, &["signoff", &id, "--person", "Nobody Here"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nobody called “Nobody Here”"));
    let long = common::write(dir.path(), "long.txt", include_str!("../src/workspace/demo/too-long.txt").as_bytes());
    ok(&db, &["account", "update", &id, "--body-file", long.to_str().unwrap()]);
    let out = run(&db, &["signoff", &id, "--person", "Dafydd Evans"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not fit on one page"));
    assert_eq!(status(&db, &id), "draft");
}

#[test]
fn lists_of_many_accounts_agree_with_each_account_on_its_own() {
    use lero_evidence::domain::account::AccountStatus;
    use lero_evidence::workspace::sample_large_workspace;
    let (_dir, path) = common::temp_with("large.lero");
    let mut ws = sample_large_workspace(&path, 120, 30).unwrap();
    // One signed page edited, one partly signed: every status appears.
    ws.save_account(2, "Changed after sign-off", "New words.").unwrap();
    ws.sign_off(4, "Dafydd Evans", lero_evidence::domain::signoff::Decision::Approved, "").unwrap();
    let states = ws.signoff_states().unwrap();
    assert_eq!(states.len(), 30);
    for (account, state) in &states {
        assert_eq!(state, &ws.signoff_state(account.id).unwrap(), "account {}", account.id);
    }
    let count = |s: AccountStatus| states.iter().filter(|(_, st)| st.status == s).count();
    assert_eq!(
        (
            count(AccountStatus::Draft),
            count(AccountStatus::Awaiting),
            count(AccountStatus::Signed),
            count(AccountStatus::Changed)
        ),
        (9, 1, 19, 1)
    );
    let dashboard = ws.dashboard().unwrap();
    assert_eq!(dashboard.evidence, 120);
    assert_eq!(dashboard.accounts.len(), 30);
    let summaries = ws.account_summaries().unwrap();
    for s in &summaries {
        let (_, fit) = ws.lay_out(&s.account, s.status != AccountStatus::Signed).unwrap();
        assert_eq!(s.fit, fit, "account {}", s.account.id);
    }
    let first = summaries.iter().find(|s| s.account.id == 1).unwrap();
    assert_eq!((first.words, first.status), (600, AccountStatus::Draft));
    assert!(
        summaries.iter().filter(|s| s.account.id != 2).all(|s| s.fit.lines > 20),
        "every sample page is laid out in full"
    );
}
