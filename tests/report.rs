//! The coordinator's side through the headless interface: importing bundles from many LEROs,
//! pinning each one's key, de-duplicating, newer revisions, and the report's status.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{college, last_line, ok, report_status as status, run};
use std::path::{Path, PathBuf};

const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");

/// A LERO's own workspace with one signed-off account; returns the workspace and a bundle.
fn lero(dir: &Path, name: &str, code: &str) -> (PathBuf, PathBuf) {
    let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let db = dir.join(format!("{slug}.lero"));
    ok(&db, &["org", "set", "--name", name, "--area", "Somewhere"]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", "Director"]);
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let body = common::write(dir, &format!("{slug}.txt"), ACCOUNT.replace("Brighter Days", name).as_bytes());
    let id = common::new_account(&db, &format!("clero-chime/{code}"), &body);
    let bundle = dir.join(format!("{slug}-{code}.lero-bundle"));
    common::sign_and_export(&db, &id, &bundle);
    (db, bundle)
}

/// A contributor signs off the report from its manifest, writing a receipt.
fn sign_report(db: &Path, manifest: &Path, person: &str, out: &Path) -> std::process::Output {
    run(db, &["report", "receipt", manifest.to_str().unwrap(), "--person", person, "--out", out.to_str().unwrap()])
}

/// The standard output of a command that must succeed.
fn ok_output(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn twelve_lero_bundles_are_imported_once_each_with_their_keys_pinned() {
    let dir = common::temp();
    let clero = dir.path().join("clero.lero");
    let refused = run(&clero, &["report", "status"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("report new"));
    ok(&clero, &["report", "new", "How LEROs live the standards", "--year", "2026"]);

    let codes = ["C1", "C2", "C3", "C4", "H1", "H2"];
    let bundles: Vec<PathBuf> =
        (0..12).map(|i| lero(dir.path(), &format!("LERO Number {i}"), codes[i % codes.len()]).1).collect();
    let args: Vec<&str> = std::iter::once("report")
        .chain(std::iter::once("add"))
        .chain(bundles.iter().map(|b| b.to_str().unwrap()))
        .collect();
    let out = ok(&clero, &args);
    assert_eq!(out.matches("First bundle from").count(), 12, "{out}");
    let s = status(&clero);
    assert_eq!(s["title"], "How LEROs live the standards");
    assert_eq!(s["contributors"].as_array().unwrap().len(), 12);
    assert_eq!(s["ready"], false);
    for c in s["contributors"].as_array().unwrap() {
        assert_eq!((c["contributions"].as_u64(), c["signoff"].as_str()), (Some(1), Some("none")));
    }
    let fp = s["fingerprint"].as_str().unwrap().to_owned();

    // The same bundle twice changes nothing.
    let out = ok(&clero, &["report", "add", bundles[3].to_str().unwrap()]);
    assert!(out.contains("already in the report; nothing changed"), "{out}");
    assert!(!out.contains("First bundle"));
    assert_eq!(status(&clero)["fingerprint"], fp.as_str());
}

#[test]
fn a_newer_revision_replaces_the_older_and_changes_the_report() {
    let dir = common::temp();
    let (db, first) = lero(dir.path(), "Brighter Days", "C1");
    let clero = college(dir.path(), "Report", &[&first]);
    let before = status(&clero)["fingerprint"].as_str().unwrap().to_owned();

    let body = common::write(dir.path(), "new.txt", (ACCOUNT.to_owned() + "\nWe now open on Sundays too.").as_bytes());
    ok(&db, &["account", "update", "1", "--body-file", body.to_str().unwrap()]);
    let second = dir.path().join("second.lero-bundle");
    common::sign_and_export(&db, "1", &second);

    let out = ok(&clero, &["report", "add", second.to_str().unwrap()]);
    assert!(
        out.contains("Replaced Brighter Days’s account of C1 Peer support and support groups (revision 1) with its newer revision 2"),
        "{out}"
    );
    let s = status(&clero);
    assert_eq!(s["contributions"], 1);
    assert_ne!(s["fingerprint"].as_str().unwrap(), before, "any content change changes the report fingerprint");

    let out = run(&clero, &["report", "add", first.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has a newer revision"));
}

#[test]
fn a_bundle_signed_by_the_wrong_key_or_changed_is_refused_and_the_rest_imported() {
    let dir = common::temp();
    let (_, real) = lero(dir.path(), "Brighter Days", "C1");
    let clero = college(dir.path(), "Report", &[&real]);

    // Someone else's workspace claiming to be Brighter Days.
    let imposter_dir = dir.path().join("imposter");
    std::fs::create_dir(&imposter_dir).unwrap();
    let (_, fake) = lero(&imposter_dir, "Brighter Days", "C2");
    // A genuine bundle from another LERO, changed after it was sealed.
    let (_, other) = lero(dir.path(), "Hope Street", "C3");
    let mut bytes = std::fs::read(&other).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    let forged = common::write(dir.path(), "forged.lero-bundle", &bytes);
    let (_, good) = lero(dir.path(), "Dafydd's Place", "C4");

    let out = run(&clero, &["report", "add", fake.to_str().unwrap(), forged.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sealed with a different key") && stderr.contains("Phone Brighter Days"), "{stderr}");
    assert!(stderr.lines().count() >= 3, "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Added Dafydd's Place’s account"), "the good bundle still went in: {stdout}");
    let s = status(&clero);
    let orgs: Vec<&str> = s["contributors"].as_array().unwrap().iter().map(|c| c["org"].as_str().unwrap()).collect();
    assert_eq!(orgs, vec!["Brighter Days", "Dafydd's Place"]);
}

fn pdf_text(pdf: &Path) -> String {
    common::poppler("pdftotext", pdf)
}

#[test]
fn the_report_is_draft_until_the_twelfth_receipt_and_a_late_contribution_makes_sign_offs_stale() {
    let dir = common::temp();
    let clero = dir.path().join("clero.lero");
    ok(&clero, &["report", "new", "How LEROs live the standards", "--year", "2026"]);
    let codes = ["C1", "C2", "H1"];
    let leros: Vec<(PathBuf, PathBuf)> =
        (0..12).map(|i| lero(dir.path(), &format!("LERO {i:02}"), codes[i % 3])).collect();
    for (_, bundle) in &leros {
        ok(&clero, &["report", "add", bundle.to_str().unwrap()]);
    }
    let pack = dir.path().join("pack");
    let fp = last_line(&ok(&clero, &["report", "pack", "--out", pack.to_str().unwrap()])).to_owned();
    let manifest = pack.join("report.lero-manifest");
    let draft = pdf_text(&pack.join("report-draft.pdf"));
    assert!(
        draft.contains("DRAFT") && draft.contains("LERO 07"),
        "the review pack's PDF is a draft with every contributor"
    );

    let receipts: Vec<PathBuf> = leros
        .iter()
        .enumerate()
        .map(|(i, (db, _))| {
            let r = dir.path().join(format!("receipt-{i}.lero-receipt"));
            let out = ok_output(sign_report(db, &manifest, "Zoë Adebayo", &r));
            assert_eq!(last_line(&out), fp);
            assert!(
                out.contains("Your page in the report: clero-chime/") && out.contains("the page you signed off"),
                "{out}"
            );
            r
        })
        .collect();

    let pdf = dir.path().join("report.pdf");
    for (i, r) in receipts.iter().enumerate() {
        let out = ok(&clero, &["report", "record", r.to_str().unwrap()]);
        assert!(out.contains("Recorded LERO"), "{out}");
        let s = status(&clero);
        if i < 11 {
            assert_eq!(s["ready"], false, "not ready after {} receipts", i + 1);
        }
        if i == 0 || i == 10 {
            ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
            let text = pdf_text(&pdf);
            let pages = common::pdfinfo_field(&common::poppler("pdfinfo", &pdf), "Pages").parse::<usize>().unwrap();
            // pdftotext ends every page with a form feed.
            let texts: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
            assert_eq!(texts.len(), pages);
            assert!(texts.iter().all(|p| p.contains("DRAFT")), "DRAFT on every page until all have signed");
        }
    }
    let s = status(&clero);
    assert_eq!(s["ready"], true);
    assert!(s["contributors"].as_array().unwrap().iter().all(|c| c["signoff"] == "valid"));
    let out = ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
    assert!(out.contains("Exported the final report"), "{out}");
    let text = pdf_text(&pdf);
    assert!(!text.contains("DRAFT"), "the final export is clean");
    for i in 0..12 {
        assert!(text.contains(&format!("LERO {i:02}")), "LERO {i:02} is in the report");
    }
    assert!(text.contains("How LEROs live the standards") && text.contains("Contents"));

    // A late contribution changes the report: every earlier sign-off is now stale.
    let (_, late) = lero(dir.path(), "Late Comers", "C4");
    ok(&clero, &["report", "add", late.to_str().unwrap()]);
    let s = status(&clero);
    assert_eq!(s["ready"], false);
    let states: Vec<&str> =
        s["contributors"].as_array().unwrap().iter().map(|c| c["signoff"].as_str().unwrap()).collect();
    assert_eq!(states.iter().filter(|s| **s == "stale").count(), 12);
    assert_eq!(states.iter().filter(|s| **s == "none").count(), 1);
    let out = ok(&clero, &["report", "record", receipts[0].to_str().unwrap()]);
    assert!(out.contains("already recorded") || out.contains("earlier version"), "{out}");
    ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
    assert!(pdf_text(&pdf).contains("DRAFT"));
}

#[test]
fn forged_and_misdirected_receipts_are_refused() {
    let dir = common::temp();
    let (db, bundle) = lero(dir.path(), "Brighter Days", "C1");
    let (other_db, other_bundle) = lero(dir.path(), "Hope Street", "C2");
    let clero = college(dir.path(), "Report", &[&bundle, &other_bundle]);
    let pack = common::review_pack(&clero, dir.path());
    let manifest = pack.join("report.lero-manifest");
    let receipt = dir.path().join("r.lero-receipt");
    ok_output(sign_report(&db, &manifest, "Dafydd Evans", &receipt));

    // Changed after sealing.
    let mut bytes = std::fs::read(&receipt).unwrap();
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    let forged = common::write(dir.path(), "forged.lero-receipt", &bytes);
    let out = run(&clero, &["report", "record", forged.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));

    // Made in another workspace pretending to be Brighter Days.
    let imposter = dir.path().join("imposter");
    std::fs::create_dir(&imposter).unwrap();
    let (fake_db, _) = lero(&imposter, "Brighter Days", "C1");
    let fake_receipt = dir.path().join("fake.lero-receipt");
    ok_output(sign_report(&fake_db, &manifest, "Dafydd Evans", &fake_receipt));
    let out = run(&clero, &["report", "record", fake_receipt.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("sealed with a different key") && e.contains("phone Brighter Days"), "{e}");

    // A workspace whose own signed pages are not the ones in the report cannot approve it.
    let stranger = dir.path().join("stranger");
    std::fs::create_dir(&stranger).unwrap();
    let (stranger_db, _) = lero(&stranger, "Brighter Days", "H3");
    let out = sign_report(&stranger_db, &manifest, "Dafydd Evans", &stranger.join("x"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not sign off"));
    let _ = other_db;

    // A receipt is not a bundle, and a bundle is not a receipt.
    let out = run(&clero, &["report", "add", receipt.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&clero, &["report", "record", bundle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));

    ok(&clero, &["report", "record", receipt.to_str().unwrap()]);
    // A sign-off given by phone, marked as such.
    let out = ok(
        &clero,
        &[
            "report",
            "record-other",
            "--org",
            "Hope Street",
            "--person",
            "Siobhán",
            "--how",
            "by phone",
            "--by",
            "Coordinator",
        ],
    );
    assert!(out.contains("Ready to publish"), "{out}");
}

#[test]
fn the_report_pdf_grows_linearly_and_stores_each_logo_once() {
    let dir = common::temp();
    let bundles = lero_evidence::workspace::sample_bundles(dir.path(), 3, 8).unwrap();
    let mut ws = lero_evidence::workspace::Workspace::open(&dir.path().join("college.lero")).unwrap();
    ws.new_report("Report", Some("2026"), "").unwrap();
    let mut sizes = Vec::new();
    for (i, b) in bundles.iter().enumerate() {
        ws.import_bundle(b).unwrap();
        if [8, 16, 24].contains(&(i + 1)) {
            let pdf = dir.path().join(format!("report-{}.pdf", i + 1));
            ws.export_report_pdf(&pdf, false).unwrap();
            sizes.push(std::fs::metadata(&pdf).unwrap().len() as f64);
        }
    }
    // Each step adds one organisation with eight accounts of the same eight statements: the
    // bytes added per contribution are the same within 5%, and a page costs a few KB.
    let (first, second) = ((sizes[1] - sizes[0]) / 8.0, (sizes[2] - sizes[1]) / 8.0);
    assert!(
        (first / second - 1.0).abs() < 0.05 && second < 8000.0,
        "{sizes:?}: {first:.0} then {second:.0} bytes a contribution"
    );
    // Three organisations, three logos, each stored once however many pages show it.
    let pdf = dir.path().join("report-24.pdf");
    let images = common::poppler_args("pdfimages", &["-list"], &[pdf.as_os_str()]);
    let listed = images.lines().skip(2).filter(|l| l.contains(" image ")).count();
    assert_eq!(listed, 24, "{images}");
    let objects: std::collections::BTreeSet<&str> =
        images.lines().skip(2).filter_map(|l| l.split_whitespace().nth(10)).collect();
    assert_eq!(objects.len(), 3, "{images}");
}

#[test]
fn the_report_adds_up_the_figures_its_contributors_sent() {
    let dir = common::temp();
    // Two LEROs that keep figures (one with two years: its newest is sent), one that keeps
    // none, and a bundle of the first release. Figures are not on the page: the signed page
    // is exported again, still signed, now carrying them.
    let mut bundles = Vec::new();
    let figures: [(&str, &[&[&str]]); 3] = [
        (
            "Brighter Days",
            &[
                &["--year", "2024", "--people-supported", "150"],
                &["--year", "2025", "--people-supported", "212", "--support-hours", "3,400", "--volunteers", "61"],
            ],
        ),
        (
            "Hope Street",
            &[&[
                "--year",
                "2024-25",
                "--people-supported",
                "1000",
                "--volunteer-hours",
                "800",
                "--lived-experience-roles",
                "2",
            ]],
        ),
        ("Quiet Lane", &[]),
    ];
    for (name, years) in figures {
        let (db, _) = common::signed_lero(&dir.path().join(name), "lero", name);
        // Where each stands with the statement travels too (not on the page either).
        match name {
            "Brighter Days" => ok(&db, &["assess", "clero-chime/C1", "--stage", "developing", "--rung", "5"]),
            "Hope Street" => ok(&db, &["assess", "clero-chime/C1", "--stage", "embedded"]),
            _ => String::new(),
        };
        for year in years {
            let mut args = vec!["org", "figures"];
            args.extend_from_slice(year);
            ok(&db, &args);
        }
        let bundle = dir.path().join(format!("{name}.lero-bundle"));
        ok(&db, &["export", "bundle", "1", "--out", bundle.to_str().unwrap()]);
        bundles.push(bundle);
    }
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release-1/zoes-place.lero-bundle");
    bundles.push(old);
    let refs: Vec<&Path> = bundles.iter().map(PathBuf::as_path).collect();
    let clero = college(dir.path(), "How LEROs live the standards", &refs);

    let s = status(&clero);
    assert_eq!(s["contributors"].as_array().unwrap().len(), 4);
    let totals = &s["totals"];
    assert_eq!(totals["people_supported"], 1_212);
    assert_eq!(totals["support_hours"], 3_400);
    assert_eq!(totals["volunteers"], 61);
    assert_eq!(totals["volunteer_hours"], 800);
    assert_eq!(totals["lived_experience_roles"], 2);
    assert_eq!(totals["contributors_reporting"], 2);
    assert_eq!(totals["years"], serde_json::json!(["2024-25", "2025"]));
    let figures_of =
        |org: &str| s["contributors"].as_array().unwrap().iter().find(|c| c["org"] == org).unwrap()["figures"].clone();
    assert_eq!(figures_of("Hope Street")["people_supported"], 1_000);
    assert_eq!(figures_of("Hope Street")["support_hours"], serde_json::Value::Null, "not given is null, not 0");
    assert_eq!(figures_of("Quiet Lane"), serde_json::Value::Null, "no figures sent");
    assert_eq!(figures_of("Zoë's Place"), serde_json::Value::Null, "a first-release bundle carries none");

    let text = ok(&clero, &["report", "status"]);
    assert!(
        text.contains("In numbers: 2 of 4 contributors sent figures (2024-25, 2025): 1,212 people supported"),
        "{text}"
    );

    // The report's part "LEROs in numbers": the totals, the chart said in words, a row for
    // every contributor; tagged like the rest (the chart a figure with its alternative text).
    let pdf = dir.path().join("report.pdf");
    ok(&clero, &["report", "export", "--out", pdf.to_str().unwrap()]);
    if let Ok(keep) = std::env::var("LERO_KEEP_REPORT") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    let printed = common::poppler("pdftotext", &pdf);
    let flat = printed.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "LEROs in numbers",
        "2 of 4 contributors sent figures, for 2024-25 and 2025.",
        "People supported 1,212",
        "Hours of recovery support 3,400",
        "Paid roles held by people with lived experience 2",
        "People supported, by contributor: Hope Street 1,000; Brighter Days 212.",
        "Quiet Lane no figures sent",
        "Zoë's Place no figures sent",
        "Accounts per statement: C1 Peer support and support groups 4.",
        "Where contributors stand, by statement",
        "C1 Peer support and support groups (4 accounts): 1 developing, 1 embedded, 2 not said; rungs of involvement 5.",
    ] {
        assert!(flat.contains(expected), "{expected:?} not in:\n{flat}");
    }
    let doc = lopdf::Document::load(&pdf).unwrap();
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(lopdf::Object::as_name).ok() == Some(b"Figure".as_slice()))
        .filter_map(|d| d.get(b"Alt").and_then(lopdf::Object::as_str).ok())
        .map(|bytes| {
            let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).unwrap()
        })
        .collect();
    assert!(
        alts.iter().any(|a| a.starts_with("Bar chart of people supported by each of the 2 contributors"))
            && alts.iter().any(|a| a.starts_with("Bar chart of how many accounts answer each of the 1 statements")),
        "{alts:?}"
    );
    let check = std::process::Command::new("pdfua").arg("check").arg(&pdf).output().expect("pdfua runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    // The web page carries the same part, in the same words.
    let page = dir.path().join("report.html");
    ok(&clero, &["report", "export", "--out", page.to_str().unwrap()]);
    let html = std::fs::read_to_string(&page).unwrap();
    for expected in [
        "<li><a href=\"#numbers\">LEROs in numbers</a></li>",
        "<h2 id=\"numbers-heading\">LEROs in numbers</h2>",
        "<tr><th scope=\"row\">People supported</th><td class=\"number\" data-label=\"Total\">1,212</td></tr>",
        "role=\"img\" aria-label=\"Bar chart of people supported by each of the 2 contributors",
        "<p>People supported, by contributor: Hope Street 1,000; Brighter Days 212.</p>",
        "<tr><th scope=\"row\">Quiet Lane</th><td data-label=\"Year\">no figures sent</td>",
        "<p>Accounts per statement: C1 Peer support and support groups 4.</p>",
        "<li>C1 Peer support and support groups (4 accounts): 1 developing, 1 embedded, 2 not said; rungs of involvement 5.</li>",
    ] {
        assert!(html.contains(expected), "{expected:?} not in the web page");
    }
}
