//! Signed contribution bundles through the headless interface: refused until signed off,
//! verified on the other side, and any changed byte detected.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok, run};
use std::path::{Path, PathBuf};

const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");

fn setup(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("ws.lero");
    let logo = common::write(dir, "logo.png", &common::png(120, 60));
    ok(&db, &["org", "set", "--name", "Brighter Days", "--logo", logo.to_str().unwrap(), "--area", "Wirral"]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", "Director"]);
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let body = common::write(dir, "a.txt", ACCOUNT.as_bytes());
    let id = common::new_account(&db, "clero-chime/C1", &body);
    (db, id)
}

#[test]
fn only_a_signed_off_page_is_bundled_and_the_bundle_verifies() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    let bundle = dir.path().join("c1.lero-bundle");
    let out = run(&db, &["export", "bundle", &id, "--out", bundle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not signed off yet"));
    assert!(!bundle.exists());

    ok(&db, &["signoff", &id, "--person", "Dafydd Evans"]);
    let fp = last_line(&ok(&db, &["signoff", &id, "--person", "Zoë Adebayo"])).to_owned();
    let out = ok(&db, &["export", "bundle", &id, "--out", bundle.to_str().unwrap()]);
    assert_eq!(last_line(&out), fp, "the bundle carries the signed page");

    // Anyone (the coordinator too) can check it, without the sender's workspace.
    let other = dir.path().join("other.lero");
    let out = ok(&other, &["bundle", "check", bundle.to_str().unwrap()]);
    assert_eq!(last_line(&out), fp);
    assert!(out.contains("Brighter Days") && out.contains("Dafydd Evans, Zoë Adebayo"), "{out}");
    // The signing key's short form, as read out by phone, is the one the bundle was sealed with.
    let key_out = ok(&db, &["key"]);
    let short_key = key_out.split("signing key: ").nth(1).unwrap().split(" (").next().unwrap();
    assert_eq!(short_key.len(), 19, "{key_out}");
    assert!(out.contains(short_key), "{out}");
    assert!(last_line(&key_out).len() >= 40, "the full public key is printed for scripts");

    // Exporting again gives the same signed content.
    let again = dir.path().join("again.lero-bundle");
    ok(&db, &["export", "bundle", &id, "--out", again.to_str().unwrap()]);
    let (a, b) = (std::fs::read_to_string(&bundle).unwrap(), std::fs::read_to_string(&again).unwrap());
    let strip = |s: &str| s.lines().filter(|l| !l.contains("exported_at") && !l.contains("signature")).count();
    assert_eq!(strip(&a), strip(&b));

    // An edit after sign-off blocks the bundle until it is signed again.
    let edited = common::write(dir.path(), "b.txt", ACCOUNT.replacen("kettle", "kettle.", 1).as_bytes());
    ok(&db, &["account", "update", &id, "--body-file", edited.to_str().unwrap()]);
    let out = run(&db, &["export", "bundle", &id, "--out", dir.path().join("x.lero-bundle").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed after it was signed off"));
}

#[test]
fn a_byte_changed_anywhere_in_a_bundle_is_detected() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    let bundle = dir.path().join("c1.lero-bundle");
    common::sign_and_export(&db, &id, &bundle);
    let bytes = std::fs::read(&bundle).unwrap();
    let other = dir.path().join("other.lero");
    // Spread over the whole file: header, payload (text, logo), key and signature.
    let step = (bytes.len() / 60).max(1);
    let mut tried = 0;
    for at in (0..bytes.len()).step_by(step) {
        let mut changed = bytes.clone();
        changed[at] ^= 0x04;
        let path = common::write(dir.path(), "changed.lero-bundle", &changed);
        let out = run(&other, &["bundle", "check", path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "a change at byte {at} of {} went unnoticed", bytes.len());
        assert!(!stderr.contains("panicked") && stderr.lines().count() == 1, "{stderr}");
        tried += 1;
    }
    assert!(tried >= 50);
}

#[test]
fn a_bundle_carries_the_self_assessment_of_its_statement_and_a_page_signed_before_keeps_its_fingerprint() {
    let dir = common::temp();
    let (db, id) = setup(dir.path());
    ok(&db, &["signoff", &id, "--person", "Dafydd Evans"]);
    let fp = last_line(&ok(&db, &["signoff", &id, "--person", "Zoë Adebayo"])).to_owned();
    let payload = |bundle: &Path| -> serde_json::Value {
        let file: serde_json::Value = serde_json::from_slice(&std::fs::read(bundle).unwrap()).unwrap();
        assert_eq!(file["format_version"], 2, "bundles are written in format 2");
        serde_json::from_str(file["payload"].as_str().unwrap()).unwrap()
    };

    // No self-assessment yet: the field is left out.
    let before = dir.path().join("before.lero-bundle");
    ok(&db, &["export", "bundle", &id, "--out", before.to_str().unwrap()]);
    assert!(payload(&before).get("assessment").is_none());

    // Assessing the statement changes nothing on the page: the sign-offs stay, and the next
    // bundle says where the organisation stands.
    ok(&db, &["assess", "clero-chime/C1", "--stage", "developing", "--rung", "5"]);
    let after = dir.path().join("after.lero-bundle");
    let out = ok(&db, &["export", "bundle", &id, "--out", after.to_str().unwrap()]);
    assert_eq!(last_line(&out), fp, "the page and its fingerprint are unchanged");
    assert_eq!(payload(&after)["assessment"], serde_json::json!({"stage": "developing", "rung": 5}));
    assert_eq!(payload(&after)["fingerprint"], payload(&before)["fingerprint"]);

    // The college takes both.
    let college = dir.path().join("college.lero");
    ok(&college, &["report", "new", "Report"]);
    ok(&college, &["report", "add", after.to_str().unwrap()]);
    let check = ok(&college, &["bundle", "check", before.to_str().unwrap()]);
    assert_eq!(last_line(&check), fp);
}
