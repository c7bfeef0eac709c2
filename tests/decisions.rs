//! Every sign-off means exactly what it says: one transaction per decision (racing edits and
//! sign-offs never store a fingerprint for other text, and no command fails with "database is
//! locked"), one approval per person per page, `check` recomputing what it can, and receipts
//! kept to the report they answer.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{college, ok, report_status as status, run};
use lero_evidence::domain::fingerprint::{PageContent, fingerprint};
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};

/// A temporary folder with Dear Albert's workspace `lero.lero` in it, its page signed off and
/// bundled; returns the folder, the workspace and the bundle.
fn dear_albert() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = common::temp();
    let (db, bundle) = common::signed_lero(dir.path(), "lero", "Dear Albert");
    (dir, db, bundle)
}

/// [`dear_albert`], and a college's report holding the bundle; returns the college's
/// workspace too.
fn dear_albert_in_a_report() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let (dir, db, bundle) = dear_albert();
    let clero = college(dir.path(), "Report", &[&bundle]);
    (dir, db, bundle, clero)
}

/// Every stored sign-off's fingerprint, recomputed from the text of the revision it names.
fn every_signoff_matches_its_text(db: &Path) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT s.fingerprint, r.title, r.body, a.set_id, a.version, a.code, r.organisation, r.logo_sha256
             FROM signoff s JOIN revision r ON r.id = s.revision_id JOIN account a ON a.id = r.account_id",
        )
        .unwrap();
    let ws = Workspace::open_read_only(db).unwrap();
    let set = ws.load_set("clero-chime", "2021-22").unwrap();
    let rows: Vec<[String; 8]> = stmt
        .query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?]))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for [signed, title, body, set_id, version, code, org, logo] in &rows {
        let now = fingerprint(&PageContent {
            set_id,
            set_version: version,
            set_title: &set.title,
            code,
            statement_title: &set.statement(code).unwrap().title,
            title,
            body,
            organisation: org,
            logo_sha256: logo,
        });
        assert_eq!(&now, signed, "a sign-off's fingerprint is not that of the text it is stored with");
    }
    rows.len()
}

#[test]
fn racing_sign_offs_and_edits_store_only_true_fingerprints_and_never_fail() {
    let (dir, db, _) = dear_albert();
    ok(&db, &["person", "add", "Dave Jones", "--role", "Trustee"]);
    let a = common::write(dir.path(), "a.txt", b"We meet every Friday at the Hub.");
    let b = common::write(dir.path(), "b.txt", b"We meet every Saturday in the park.");
    let rounds = 24;
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for i in 0..rounds {
                let text = if i % 2 == 0 { &a } else { &b };
                let out = run(&db, &["account", "update", "1", "--body-file", text.to_str().unwrap()]);
                if !out.status.success() {
                    failures.lock().unwrap().push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
        });
        for person in ["Dafydd Evans", "Zoë Adebayo", "Dave Jones"] {
            let failures = &failures;
            let db = &db;
            scope.spawn(move || {
                for i in 0..rounds {
                    let mut args = vec!["signoff", "1", "--person", person];
                    if i % 3 == 2 {
                        args.push("--reject");
                    }
                    let out = run(db, &args);
                    if !out.status.success() {
                        failures.lock().unwrap().push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{} of {} commands failed: {failures:?}", failures.len(), rounds * 4);
    let signoffs = every_signoff_matches_its_text(&db);
    assert!(signoffs > 10, "{signoffs} sign-offs stored");
    assert!(ok(&db, &["check"]).contains("healthy"));
}

#[test]
fn two_imports_of_one_bundle_at_once_end_in_one_contribution() {
    let (dir, _, bundle) = dear_albert();
    let clero = college(dir.path(), "Report", &[]);
    let outs: Vec<std::process::Output> = std::thread::scope(|scope| {
        let runs: Vec<_> =
            (0..4).map(|_| scope.spawn(|| run(&clero, &["report", "add", bundle.to_str().unwrap()]))).collect();
        runs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for out in &outs {
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{said}");
    }
    let said: String = outs.iter().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).collect();
    assert_eq!(said.matches("First bundle from Dear Albert").count(), 1, "{said}");
    assert_eq!(said.matches("already in the report; nothing changed").count(), 3, "{said}");
    assert_eq!(status(&clero)["contributions"], 1);
}

#[test]
fn a_second_approval_by_the_same_person_adds_nothing_and_says_so() {
    let (dir, db, _) = dear_albert();
    let out = ok(&db, &["signoff", "1", "--person", "Dafydd Evans"]);
    assert!(out.contains("Dafydd Evans had already approved this version of account 1"), "{out}");
    let ws = Workspace::open(&db).unwrap();
    assert_eq!(ws.signoff_state(1).unwrap().signoffs.len(), 2, "no third row");
    // Asking for changes is a new decision; approving again after it is one too.
    ok(&db, &["signoff", "1", "--person", "Dafydd Evans", "--reject"]);
    ok(&db, &["signoff", "1", "--person", "Dafydd Evans"]);
    let state = ws.signoff_state(1).unwrap();
    assert_eq!(state.signoffs.len(), 4);
    let shown: Vec<&str> = state.current().map(|s| s.name.as_str()).collect();
    assert_eq!(shown, ["Zoë Adebayo", "Dafydd Evans"], "each person once, latest decision");
    let pdf = dir.path().join("page.pdf");
    ok(&db, &["export", "pdf", "1", "--out", pdf.to_str().unwrap()]);
    let text = common::poppler("pdftotext", &pdf);
    assert_eq!(text.matches("Dafydd Evans").count(), 1, "{text}");
}

#[test]
fn check_finds_a_signed_text_changed_in_the_file() {
    let (_dir, db, _) = dear_albert();
    assert!(ok(&db, &["check"]).contains("healthy"));
    let (out, said) = common::check_after(&db, "UPDATE revision SET body = body || ' And on Sundays.'", []);
    assert_eq!(out.status.code(), Some(1));
    assert!(said.contains("Version 1 of account 1 no longer makes the page that was signed"), "{said}");
}

#[test]
fn check_finds_a_damaged_contribution_and_a_changed_receipt() {
    let (dir, db, _, clero) = dear_albert_in_a_report();
    let pack = common::review_pack(&clero, dir.path());
    let receipt = dir.path().join("r.lero-receipt");
    common::sign_pack(&db, &pack, "Dafydd Evans", &receipt);
    ok(&clero, &["report", "record", receipt.to_str().unwrap()]);
    assert!(ok(&clero, &["check"]).contains("healthy"));
    common::sql(&clero, "UPDATE contribution SET bundle = substr(bundle, 1, length(bundle) - 40)", []);
    let (out, said) =
        common::check_after(&clero, "UPDATE report_signoff SET report_fingerprint = ?1", ["0".repeat(64)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(said.contains("The contribution from Dear Albert about clero-chime/C1 no longer opens"), "{said}");
    assert!(said.contains("The sign-off receipt recorded for Dear Albert approves report"), "{said}");
}

#[test]
fn receipts_answer_this_report_and_the_newest_valid_one_is_shown() {
    let (dir, db, bundle, clero) = dear_albert_in_a_report();
    let sign = |pack: &Path, person: &str, name: &str| {
        let receipt = dir.path().join(name);
        common::sign_pack(&db, pack, person, &receipt);
        receipt
    };
    // Another college's report with the same contribution: its receipt is refused here.
    let other = dir.path().join("other-college.lero");
    ok(&other, &["report", "new", "Another college's report"]);
    ok(&other, &["report", "add", bundle.to_str().unwrap()]);
    let other_pack = dir.path().join("other-pack");
    ok(&other, &["report", "pack", "--out", other_pack.to_str().unwrap()]);
    let first_pack = dir.path().join("pack1");
    ok(&clero, &["report", "pack", "--out", first_pack.to_str().unwrap()]);
    // (Signed from a copy of the LERO's workspace: same key, and the other college's key
    // remembered there instead.)
    let copy = dir.path().join("lero-copy.lero");
    ok(&db, &["backup", "--out", copy.to_str().unwrap()]);
    let misdirected = dir.path().join("other.lero-receipt");
    common::sign_pack(&copy, &other_pack, "Dafydd Evans", &misdirected);
    let out = run(&clero, &["report", "record", misdirected.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("approves a report sent by another college"));

    // An old receipt recorded after a valid one does not put its signer beside "valid".
    let old = sign(&first_pack, "Zoë Adebayo", "old.lero-receipt");
    {
        let ws = Workspace::open(&clero).unwrap();
        let report = ws.current_report().unwrap();
        ws.set_report_text(&report.title, &report.year, "Welcome.").unwrap();
    }
    let second_pack = dir.path().join("pack2");
    ok(&clero, &["report", "pack", "--out", second_pack.to_str().unwrap()]);
    let new = sign(&second_pack, "Dafydd Evans", "new.lero-receipt");
    ok(&clero, &["report", "record", new.to_str().unwrap()]);
    ok(&clero, &["report", "record", old.to_str().unwrap()]);
    let s = status(&clero);
    let c = &s["contributors"][0];
    assert_eq!(c["signoff"], "valid");
    assert_eq!(c["signed_by"], "Dafydd Evans, signed receipt", "{c}");
}

/// A PNG whose header is sound and whose picture data is not.
fn broken_png() -> Vec<u8> {
    let mut png = common::png(64, 32);
    let idat = png.windows(4).position(|w| w == b"IDAT").unwrap();
    for b in &mut png[idat + 8..idat + 20] {
        *b ^= 0x5A;
    }
    png
}

#[test]
fn nothing_is_signed_or_named_that_the_page_cannot_print() {
    let (dir, db, _) = dear_albert();
    // Emoji and symbols print, from the fallback faces: such a page signs and exports.
    let emoji = common::write(dir.path(), "emoji.txt", "We meet on Fridays 😊 ☕ ✈ ★ ✓".as_bytes());
    ok(&db, &["account", "update", "1", "--body-file", emoji.to_str().unwrap()]);
    ok(&db, &["signoff", "1", "--person", "Dafydd Evans"]);
    ok(&db, &["signoff", "1", "--person", "Zoë Adebayo"]);
    let pdf = dir.path().join("emoji.pdf");
    ok(&db, &["export", "pdf", "1", "--out", pdf.to_str().unwrap()]);
    let text = common::poppler("pdftotext", &pdf);
    assert!(text.contains("We meet on Fridays 😊 ☕ ✈ ★ ✓"), "{text}");
    let fonts = common::poppler("pdffonts", &pdf);
    assert!(fonts.contains("NotoEmoji") && fonts.contains("NotoSansSymbols2"), "{fonts}");
    // A character no face has: typing it is never refused (the text is kept), and signing
    // says which it is.
    let arabic = common::write(dir.path(), "arabic.txt", "We meet on Fridays ع".as_bytes());
    let saved = ok(&db, &["account", "update", "1", "--body-file", arabic.to_str().unwrap()]);
    assert!(saved.contains("Note: the page's font cannot print ع (U+0639) (in the text)"), "{saved}");
    assert_eq!(common::last_line(&saved), "1", "the id stays the last line");
    let out = run(&db, &["signoff", "1", "--person", "Dafydd Evans"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(said.contains("cannot be signed off") && said.contains("ع (U+0639) (in the text)"), "{said}");
    let ws = Workspace::open(&db).unwrap();
    assert!(ws.account(1).unwrap().body.contains('ع'), "the text is kept");
    assert_eq!(ws.signoff_state(1).unwrap().signoffs.len(), 4, "no sign-off recorded");
    drop(ws);
    // The organisation's name, on every page, is refused at once.
    let out = run(&db, &["org", "set", "--name", "Dear Albert ع"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("The page's font cannot print ع (U+0639)"));
    // A person may be listed, but cannot sign a page their name would not print on.
    let plain = common::write(dir.path(), "plain.txt", b"We meet on Fridays.");
    ok(&db, &["account", "update", "1", "--body-file", plain.to_str().unwrap()]);
    ok(&db, &["person", "add", "Dave \u{0639} Jones", "--role", "Trustee"]);
    let out = run(&db, &["signoff", "1", "--person", "Dave \u{0639} Jones"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(said.contains("(U+0639) (in the signer's name)"), "{said}");
    // A logo is decoded in full when it is chosen.
    let logo = common::write(dir.path(), "broken.png", &broken_png());
    let out = run(&db, &["org", "set", "--logo", logo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_contribution_the_report_cannot_print_is_refused_at_import_naming_who_sent_it() {
    use lero_evidence::domain::bundle::{Contribution, LogoData, open_bundle};
    let dir = common::temp();
    let (db, bundle) = common::signed_lero(dir.path(), "lero", "Hope Street");
    let key = Workspace::open(&db).unwrap().signing_key().unwrap();
    let (good, _) = open_bundle(&std::fs::read(&bundle).unwrap()).unwrap();
    // As the LERO could re-seal it by hand: the fingerprint made to match.
    let reseal = |change: &dyn Fn(&mut Contribution), file: &str| {
        common::write(dir.path(), file, &common::resealed(&good, &key, change))
    };
    let long = reseal(&|c| c.revision.body = "We meet every week. ".repeat(2000), "long.lero-bundle");
    let emoji = reseal(&|c| c.revision.body.push_str(" ع"), "emoji.lero-bundle");
    let png = broken_png();
    let sha = lero_evidence::store::sha256_hex(&png);
    let logo = reseal(
        &|c| {
            c.logo = Some(LogoData { mime: "image/png".into(), sha256: sha.clone(), base64: base64_of(&png) });
        },
        "logo.lero-bundle",
    );
    let (_, other) = common::signed_lero(&dir.path().join("other"), "other", "Dear Albert");
    let clero = college(dir.path(), "Report", &[&other]);
    for (file, says) in [
        (&long, "does not fit on one page"),
        (&emoji, "characters the report's font cannot print: ع (U+0639) (in the text)"),
        (&logo, "has a logo that cannot be read"),
    ] {
        let out = run(&clero, &["report", "add", file.to_str().unwrap()]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(
            said.contains("The page Hope Street sent about C1 Peer support and support groups") && said.contains(says),
            "{said}"
        );
    }
    // The report goes on for everyone else.
    assert_eq!(status(&clero)["contributions"], 1);
    let pdf = dir.path().join("report.pdf");
    ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn a_forged_or_resealed_manifest_is_refused_and_receipts_answer_one_report() {
    use lero_evidence::domain::review::{open_manifest, seal_manifest};
    let dir = common::temp();
    let (a_db, a_bundle) = common::signed_lero(&dir.path().join("a"), "a", "Dear Albert");
    let (b_db, b_bundle) = common::signed_lero(&dir.path().join("b"), "b", "Hope Street");
    let clero = college(dir.path(), "How LEROs live the standards", &[&a_bundle, &b_bundle]);
    let pack = common::review_pack(&clero, dir.path());
    let manifest = pack.join("report.lero-manifest");
    let (real, _) = open_manifest(&std::fs::read(&manifest).unwrap()).unwrap();
    let a_key = Workspace::open(&a_db).unwrap().signing_key().unwrap();
    // Hope Street reviews a manifest sealed by Dear Albert.
    let review = |m: &lero_evidence::domain::review::Manifest, file: &str| {
        let path = common::write(dir.path(), file, &seal_manifest(m, &a_key).unwrap());
        run(&b_db, &["report", "review", path.to_str().unwrap(), "--out", "x.pdf"])
    };

    // Dear Albert re-seals the manifest with only the report fingerprint changed: Hope Street's
    // app recomputes it and refuses.
    let mut forged = real.clone();
    forged.report_fingerprint = "ab".repeat(32);
    let out = review(&forged, "forged.lero-manifest");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        said.contains("does not hold together: its report fingerprint is not that of the report it carries"),
        "{said}"
    );

    // A page swapped for another text, its entry left as it was: refused too.
    let mut swapped = real.clone();
    swapped.pages[0].revision.body.push_str(" And on Sundays.");
    let said = String::from_utf8_lossy(&review(&swapped, "swapped.lero-manifest").stderr).into_owned();
    assert!(said.contains("is not the one listed"), "{said}");

    // Hope Street opens the real manifest: it checks out, the college's key is remembered, and
    // the report is laid out here as signing it approves.
    let review_pdf = dir.path().join("as-signed.pdf");
    let out = ok(&b_db, &["report", "review", manifest.to_str().unwrap(), "--out", review_pdf.to_str().unwrap()]);
    assert!(out.contains("The review manifest checks out") && out.contains("is now remembered"), "{out}");
    let text = common::poppler("pdftotext", &review_pdf);
    let draft = common::poppler("pdftotext", &pack.join("report-draft.pdf"));
    for page_text in ["Dear Albert", "Hope Street", "How LEROs live the standards", "DRAFT"] {
        assert!(text.contains(page_text) && draft.contains(page_text), "{page_text}");
    }
    let body_line = "Every Friday";
    assert_eq!(text.matches(body_line).count(), draft.matches(body_line).count());

    // A consistent manifest sealed by someone else's key is refused once the college's is known.
    let mut rebuilt = real.clone();
    rebuilt.made_at = "2026-11-25T10:00:00Z".into();
    let said = String::from_utf8_lossy(&review(&rebuilt, "resealed.lero-manifest").stderr).into_owned();
    assert!(said.contains("not the college's key this workspace first saw"), "{said}");

    // A receipt names its report: one for another of the college's reports is refused.
    let receipt = dir.path().join("b.lero-receipt");
    common::sign_pack(&b_db, &pack, "Dafydd Evans", &receipt);
    college(dir.path(), "Next year's report", &[&a_bundle, &b_bundle]);
    let out = run(&clero, &["report", "record", receipt.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("approves another of this workspace's reports"));
}

#[test]
fn the_manifest_shows_contributors_only_what_the_report_prints() {
    use lero_evidence::domain::review::open_manifest;
    let (dir, a_db, _) = dear_albert();
    // Notes given with approvals, and the contact email, stay between the LERO and the college.
    ok(&a_db, &["person", "add", "Dave Jones", "--role", "Trustee"]);
    ok(&a_db, &["signoff", "1", "--person", "Dave Jones", "--reject", "--note", "Private: fix the second paragraph"]);
    ok(
        &a_db,
        &[
            "org",
            "set",
            "--email",
            "private@example.org",
            "--logo",
            common::write(dir.path(), "l.png", &common::png(40, 20)).to_str().unwrap(),
        ],
    );
    ok(&a_db, &["signoff", "1", "--person", "Dave Jones", "--note", "Private: fine now"]);
    let bundle = dir.path().join("a.lero-bundle");
    common::sign_and_export(&a_db, "1", &bundle);
    let clero = college(dir.path(), "Report", &[&bundle]);
    let pack = common::review_pack(&clero, dir.path());
    let bytes = std::fs::read(pack.join("report.lero-manifest")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("Private") && !text.contains("private@example.org"), "{text}");
    let (m, _) = open_manifest(&bytes).unwrap();
    assert!(m.pages.iter().all(|p| p.signoffs.iter().all(|s| s.decision == "approved" && s.note.is_empty())));
    assert_eq!(m.logos.len(), 1, "each logo once");
    assert!(m.pages[0].logo.as_ref().unwrap().base64.is_empty());
    assert!(m.pages_whole()[0].check().is_ok());
}

#[test]
fn a_contribution_stored_before_the_name_rule_still_opens_and_prints() {
    use lero_evidence::domain::bundle::open_bundle;
    use lero_evidence::domain::envelope::{self, KIND_CONTRIBUTION};
    let (dir, db, bundle, clero) = dear_albert_in_a_report();
    // As the first release could have stored it: a signer's role with a soft hyphen.
    let key = Workspace::open(&db).unwrap().signing_key().unwrap();
    let (mut c, _) = open_bundle(&std::fs::read(&bundle).unwrap()).unwrap();
    c.signoffs[0].role = "Peer\u{00AD}mentor".into();
    let old = envelope::seal(KIND_CONTRIBUTION, &serde_json::to_string(&c).unwrap(), &key);
    common::sql(&clero, "UPDATE contribution SET bundle = ?1", [old]);
    assert!(ok(&clero, &["check"]).contains("healthy"));
    let pdf = dir.path().join("report.pdf");
    ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
    common::review_pack(&clero, dir.path());
}

#[test]
fn a_read_only_workspace_still_exports_its_signed_page() {
    let (dir, db, _) = dear_albert();
    let first = dir.path().join("first.pdf");
    ok(&db, &["export", "pdf", "1", "--out", first.to_str().unwrap()]);
    let pdf = dir.path().join("again.pdf");
    ok(&db, &["--read-only", "export", "pdf", "1", "--out", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}
