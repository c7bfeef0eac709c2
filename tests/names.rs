//! One rule for names, and no organisation passing for another: hidden and bidi characters
//! are refused wherever a name is typed or received, names in every script are kept, and the
//! coordinator pins keys by what a name looks like, not by how it is spelt.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{college, ok, report_status as status, run};
use lero_evidence::domain::account::AccountStatus;
use lero_evidence::domain::bundle::open_bundle;
use lero_evidence::domain::organisation::Organisation;
use lero_evidence::domain::signoff::Decision;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::workspace::{Workspace, WorkspaceError};

const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");

fn chime(code: &str) -> StatementKey {
    StatementKey::new("clero-chime", "2021-22", code)
}

fn org(name: &str) -> Organisation {
    Organisation { name: name.into(), ..Organisation::default() }
}

/// Names that hide a character, each with the character the refusal must name.
const HIDDEN: [(&str, &str); 6] = [
    ("treb\u{202E}lA", "right-to-left override (U+202E)"),
    ("Dear\u{200B}Albert", "zero-width space (U+200B)"),
    ("Dear Albert\u{200D}", "zero-width joiner (U+200D)"),
    ("\u{2067}Dear Albert\u{2069}", "right-to-left isolate (U+2067)"),
    ("Dear\u{200E} Albert", "left-to-right mark (U+200E)"),
    ("Dear\u{0007} Albert", "control character (U+0007)"),
];

/// Names people really have, in many scripts; every one is kept exactly.
#[rustfmt::skip]
const REAL: [&str; 10] = [
    "Zoë Adebayo", "Siobhán Ó Súilleabháin", "Łukasz Wiśniewski", "Nguyễn Thị Minh Khai", "Dafydd ap Llŷr",
    "محمد عبد الله", "דוד כהן", "Мария Иванова", "Renée d’Arcy-O’Brien", "می\u{200C}خواهم",
];

#[test]
fn hidden_characters_are_refused_everywhere_a_name_is_typed_and_nothing_changes() {
    let dir = common::temp();
    let mut ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    ws.set_organisation(&org("Dear Albert")).unwrap();
    ws.add_person("Dave Jones", "Trustee", false).unwrap();
    let id = ws.new_account(&chime("C1"), "Fridays", "We meet on Fridays.").unwrap();
    let key = chime("C1");
    for (name, says) in HIDDEN {
        let e = ws.set_organisation(&org(name)).unwrap_err().to_string();
        assert!(e.starts_with("The organisation's name holds a") && e.contains(says), "{e}");
        let e = ws.add_person(name, "Peer mentor", true).unwrap_err().to_string();
        assert!(e.starts_with("The person's name holds") && e.contains(says), "{e}");
        let e = ws.add_person("Zoë Adebayo", name, true).unwrap_err().to_string();
        assert!(e.starts_with("Zoë Adebayo's role holds") && e.contains(says), "{e}");
        assert!(ws.new_account(&key, name, "Text").unwrap_err().to_string().contains(says));
        assert!(ws.save_account(id, name, "Text").unwrap_err().to_string().contains(says));
        assert!(ws.add_action(&key, name, "", None).unwrap_err().to_string().contains(says));
        assert!(ws.add_action(&key, "Ask members", name, None).unwrap_err().to_string().contains(says));
        let evidence = lero_evidence::store::NewEvidence { title: name.into(), ..Default::default() };
        assert!(ws.add_evidence(&key, &evidence, None).unwrap_err().to_string().contains(says));
        assert!(ws.new_report(name, None, "").unwrap_err().to_string().contains(says));
    }
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Dear Albert");
    assert_eq!(ws.people().unwrap().len(), 1);
    assert_eq!(ws.accounts().unwrap().len(), 1);
    assert_eq!(ws.account(id).unwrap().title, "Fridays");
    assert!(ws.actions(None).unwrap().is_empty() && ws.evidence(None).unwrap().is_empty());
    assert!(!ws.has_report().unwrap());
    assert!(ws.check().unwrap().is_empty());
}

#[test]
fn real_names_in_many_scripts_are_kept_composed_and_tidied() {
    let dir = common::temp();
    let ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    for name in REAL {
        // The organisation's name is on every page: only what the page's font prints.
        if ws.fonts().missing(lero_evidence::layout::page::Style::Regular, name).is_empty() {
            ws.set_organisation(&org(name)).unwrap();
            assert_eq!(ws.organisation().unwrap().unwrap().name, name);
        } else {
            let e = ws.set_organisation(&org(name)).unwrap_err().to_string();
            assert!(e.contains("The page's font cannot print"), "{e}");
        }
        ws.add_person(name, "Peer mentor", true).unwrap();
    }
    let people: Vec<String> = ws.people().unwrap().into_iter().map(|p| p.name).collect();
    for name in REAL {
        assert!(people.contains(&name.to_owned()), "{name} in {people:?}");
    }
    // Decomposed accents are composed, spaces collapsed, the ends trimmed.
    ws.set_organisation(&org("  Zoe\u{0308}'s \t  Place  ")).unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Zoë's Place");
    let id = ws.add_person("  Siobha\u{0301}n   Kelly ", "  Peer   mentor ", false).unwrap();
    let p = ws.people().unwrap().into_iter().find(|p| p.id == id).unwrap();
    assert_eq!((p.name.as_str(), p.role.as_str()), ("Siobhán Kelly", "Peer mentor"));
    // Typed the other way round, the lookup still finds them.
    assert_eq!(ws.person_named("siobha\u{0301}n  kelly").unwrap().unwrap().id, id);
}

#[test]
fn two_people_who_look_the_same_on_a_page_cannot_both_be_added() {
    let dir = common::temp();
    let ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    ws.add_person("Dave Jones", "Trustee", false).unwrap();
    for twin in ["Dave J\u{043E}nes", "DAVE JONES", "Dave  Jones"] {
        let e = ws.add_person(twin, "Volunteer", true).unwrap_err().to_string();
        assert!(e.contains("looks the same on a page as Dave Jones") || e.contains("already a person"), "{e}");
    }
    ws.add_person("Dave Jones Jr", "Volunteer", true).unwrap();
    assert_eq!(ws.people().unwrap().len(), 2);
}

#[test]
fn a_name_saved_unchanged_keeps_an_earlier_versions_spelling_and_the_sign_offs() {
    // An earlier version kept names as typed: decomposed accents and doubled spaces.
    let (_dir, path) = common::temp_with("ws.lero");
    let old_name = "Zoe\u{0308}'s  Place";
    {
        let ws = Workspace::open(&path).unwrap();
        ws.set_organisation(&org("placeholder")).unwrap();
    }
    common::sql(&path, "UPDATE organisation SET name = ?1", [old_name]);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().name, old_name);
    ws.add_person("Dave Jones", "Trustee", false).unwrap();
    ws.add_person("Zoë Adebayo", "Peer mentor", true).unwrap();
    let id = ws.new_account(&chime("C1"), "Fridays", "We meet on Fridays.").unwrap();
    common::sql(&path, "UPDATE account SET title = ?1 WHERE id = ?2", ("Fri\u{0301}days  together", id));
    ws.sign_off(id, "Dave Jones", Decision::Approved, "").unwrap();
    ws.sign_off(id, "Zoë Adebayo", Decision::Approved, "").unwrap();
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed);
    // Settings saves the name as the person sees it; the editor saves the title unchanged.
    ws.set_organisation(&org("Zoë's Place")).unwrap();
    ws.save_account(id, "Frídays together", "We meet on Fridays.").unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().name, old_name);
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed, "still signed: nothing really changed");
    // A real change is a change.
    ws.set_organisation(&org("Zoë's Place Two")).unwrap();
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Changed);
}

#[test]
fn the_command_line_refuses_hidden_characters_with_one_sentence() {
    let (dir, db) = common::temp_with("ws.lero");
    ok(&db, &["org", "set", "--name", "Dear Albert"]);
    for (name, says) in HIDDEN {
        for args in [
            vec!["org", "set", "--name", name],
            vec!["org", "set", "--area", name],
            vec!["person", "add", name, "--role", "Peer mentor"],
            vec!["report", "new", name],
        ] {
            let out = run(&db, &args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(stderr.contains(says), "{args:?}: {stderr}");
        }
    }
    ok(&db, &["person", "add", "Nguyễn Thị Minh Khai", "--role", "Peer mentor", "--lived-experience"]);
    ok(&db, &["person", "add", "Łukasz Wiśniewski", "--role", "Director"]);
    ok(&db, &["org", "set", "--name", "Siobhán's Place"]);
    let body = common::write(dir.path(), "body.txt", ACCOUNT.as_bytes());
    let id = common::new_account(&db, "clero-chime/C1", &body);
    ok(&db, &["signoff", &id, "--person", "Nguyễn Thị Minh Khai"]);
    ok(&db, &["signoff", &id, "--person", "łukasz wiśniewski"]);
    let pdf = dir.path().join("page.pdf");
    ok(&db, &["export", "pdf", &id, "--out", pdf.to_str().unwrap()]);
    let text = common::poppler("pdftotext", &pdf);
    for name in ["Siobhán's Place", "Nguyễn Thị Minh Khai", "Łukasz Wiśniewski"] {
        assert!(text.contains(name), "{name} in the PDF");
    }
}

#[test]
fn a_look_alike_organisation_with_another_key_is_refused_until_the_coordinator_says_otherwise() {
    let dir = common::temp();
    let (_, real) = common::signed_lero(&dir.path().join("real"), "real", "Dear Albert");
    let clero = college(dir.path(), "How LEROs live the standards", &[&real]);
    let before = status(&clero);
    let fingerprint_before = before["fingerprint"].clone();

    // "Dear Albеrt" with a Cyrillic е, and other spellings that look the same, sealed with
    // other keys: refused, naming the organisation it resembles and both keys.
    for (i, lookalike) in ["Dear Alb\u{0435}rt", "DEAR ALBERT", "Dear AIbert", "Dear \u{0391}lbert"].iter().enumerate()
    {
        let (_, fake) = common::signed_lero(&dir.path().join(format!("fake{i}")), &format!("fake{i}"), lookalike);
        let out = run(&clero, &["report", "add", fake.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{lookalike}: {stderr}");
        assert!(stderr.contains("Dear Albert"), "{stderr}");
        assert!(
            stderr.contains("looks like Dear Albert’s") || stderr.contains("sealed with a different key"),
            "{lookalike}: {stderr}"
        );
        assert!(stderr.contains(&before["contributors"][0]["key"].as_str().unwrap().to_owned()), "{stderr}");
        assert_eq!(status(&clero)["fingerprint"], fingerprint_before, "the report is unchanged");
        assert_eq!(status(&clero)["contributors"].as_array().unwrap().len(), 1);
    }

    // The coordinator phoned both: it is a different organisation. Exactly the same name is
    // never accepted twice.
    let (_, other) = common::signed_lero(&dir.path().join("other"), "other", "Dear Alb\u{0435}rt");
    let out = ok(&clero, &["report", "add", "--new-org", other.to_str().unwrap()]);
    assert!(out.contains("First bundle from Dear Albеrt"), "{out}");
    // The look-alike's own key cannot then send a bundle under exactly the pinned name.
    let other_db = dir.path().join("other").join("other.lero");
    ok(&other_db, &["org", "set", "--name", "Dear Albert"]);
    let as_real = dir.path().join("as-real.lero-bundle");
    common::sign_and_export(&other_db, "1", &as_real);
    let refused = run(&clero, &["report", "add", as_real.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("sealed with a different key"));
    let (_, same) = common::signed_lero(&dir.path().join("same"), "same", "Dear Albert");
    let refused = run(&clero, &["report", "add", "--new-org", same.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("sealed with a different key"));

    // Both are marked, in the status and in the report's PDF.
    let s = status(&clero);
    let contributors = s["contributors"].as_array().unwrap();
    assert_eq!(contributors.len(), 2);
    for c in contributors {
        assert_eq!(c["looks_like"].as_array().unwrap().len(), 1, "{c}");
        assert_ne!(c["looks_like"][0], c["org"]);
    }
    let text = ok(&clero, &["report", "status"]);
    assert!(
        text.contains(
            "Not to be confused with Dear Albert: another organisation; е (U+0435) where the other has e (U+0065); key"
        ),
        "{text}"
    );
    let pdf = dir.path().join("report.pdf");
    ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
    let pdf_text = common::poppler("pdftotext", &pdf);
    assert!(
        pdf_text.contains(
            "Not to be confused with Dear Albеrt: another organisation; e (U+0065) where the other has е (U+0435)."
        ),
        "{pdf_text}"
    );
    for line in pdf_text.lines().filter(|l| l.starts_with("Not to be confused")) {
        assert!(line.ends_with('.') && !line.contains('…'), "the note is whole: {line}");
    }

    // A later bundle from the real Dear Albert, spelt another way but sealed with its key,
    // is still Dear Albert.
    let db = dir.path().join("real").join("real.lero");
    ok(&db, &["org", "set", "--name", "Dear albert"]);
    let renamed = dir.path().join("renamed.lero-bundle");
    common::sign_and_export(&db, "1", &renamed);
    let out = ok(&clero, &["report", "add", renamed.to_str().unwrap()]);
    assert!(out.contains("Replaced Dear Albert’s account") || out.contains("Dear Albert"), "{out}");
    assert_eq!(status(&clero)["contributors"].as_array().unwrap().len(), 2);
}

#[test]
fn receipts_are_matched_by_identity_too() {
    let dir = common::temp();
    let (real_db, real) = common::signed_lero(&dir.path().join("real"), "real", "Dear Albert");
    let clero = college(dir.path(), "How LEROs live the standards", &[&real]);
    let pack = common::review_pack(&clero, dir.path());

    // An impostor workspace with a look-alike name signs the manifest: refused.
    let (fake_db, _) = common::signed_lero(&dir.path().join("fake"), "fake", "Dear Alb\u{0435}rt");
    // Its own pages are not in the report, so its app will not sign: forge with its key.
    let fake_ws = Workspace::open(&fake_db).unwrap();
    let key = fake_ws.signing_key().unwrap();
    let receipt = lero_evidence::domain::review::Receipt {
        report_fingerprint: status(&clero)["fingerprint"].as_str().unwrap().to_owned(),
        report_title: "How LEROs live the standards".into(),
        org: "Dear Alb\u{0435}rt".into(),
        person: "Dafydd Evans".into(),
        role: "Director".into(),
        contributions: Vec::new(),
        at: "2026-11-24T12:00:00Z".into(),
        app_version: "0.1.0".into(),
        report_id: String::new(),
        college_key: String::new(),
    };
    let forged = common::write(
        dir.path(),
        "forged.lero-receipt",
        &lero_evidence::domain::review::seal_receipt(&receipt, &key).unwrap(),
    );
    let out = run(&clero, &["report", "record", forged.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("looks like Dear Albert’s"), "{stderr}");
    assert_eq!(status(&clero)["contributors"][0]["signoff"], "none");

    // The real one records.
    let receipt = dir.path().join("real.lero-receipt");
    common::sign_pack(&real_db, &pack, "Dafydd Evans", &receipt);
    ok(&clero, &["report", "record", receipt.to_str().unwrap()]);
    assert_eq!(status(&clero)["contributors"][0]["signoff"], "valid");
}

#[test]
fn a_bundle_or_receipt_carrying_a_hidden_character_is_refused_at_the_college() {
    let dir = common::temp();
    let clero_path = dir.path().join("clero.lero");
    let clero = Workspace::open(&clero_path).unwrap();
    clero.new_report("Report", None, "").unwrap();
    let (db, bundle) = common::signed_lero(&dir.path().join("lero"), "lero", "Dear Albert");
    let ws = Workspace::open(&db).unwrap();
    let key = ws.signing_key().unwrap();
    let (good, _) = open_bundle(&std::fs::read(&bundle).unwrap()).unwrap();
    // As a first-release app could have sealed it: the name with a hidden override, or a
    // signer's name with a zero-width space; the fingerprint made to match.
    let reseal = |change: &dyn Fn(&mut lero_evidence::domain::bundle::Contribution), file: &str| {
        common::write(dir.path(), file, &common::resealed(&good, &key, change))
    };
    let bidi = reseal(&|c| c.organisation.name = "treb\u{202E}lA raeD".into(), "bidi.lero-bundle");
    let zw = reseal(&|c| c.signoffs[0].name = "Dafydd\u{200B} Evans".into(), "zw.lero-bundle");
    for (file, says) in [
        (&bidi, "organisation name in this bundle holds a hidden right-to-left override (U+202E)"),
        (&zw, "name of a person who signed off in this bundle holds a zero-width space (U+200B)"),
    ] {
        let e = clero.import_bundle(file).unwrap_err();
        assert!(!matches!(e, WorkspaceError::LooksLike { .. }));
        assert!(e.to_string().contains(says), "{e}");
    }
    assert_eq!(clero.report_status().unwrap().contributions, 0);
    // The same bundle as it was sealed by the app goes in.
    clero.import_bundle(&bundle).unwrap();
}
