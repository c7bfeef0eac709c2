//! "Where we stand", the self-assessment pack for trustees and commissioners, made by the
//! binary from a workspace a LERO has filled in, then read back: its words with pdftotext,
//! its structure with lopdf and `pdfinfo -struct-text`, and the outside PDF/UA checker.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{ok, poppler, poppler_args, run, temp, write};
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::store::NewEvidence;
use lero_evidence::workspace::Workspace;
use lopdf::{Document, Object};
use std::path::Path;

const SECRET_NOTE: &str = "Named members: Kieran and Sue";
const SECRET_FILE: &str = "members-addresses.txt";

/// A LERO's workspace: two statements assessed (one with a rung and both texts), one that
/// does not apply, evidence (one item holding personal data, with a file and a note), three
/// actions (one overdue, one due later, one done) and a signed-off account.
fn filled(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("lero.lero");
    let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logo.png");
    ok(&db, &["org", "set", "--name", "Zoë’s Recovery Café", "--area", "Wirral", "--logo", logo.to_str().unwrap()]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", "Director"]);
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let c1 = ["--stage", "developing", "--rung", "4", "--well", "Members run the Friday group."];
    ok(&db, &[&["assess", "clero-chime/C1"][..], &c1, &["--develop", "Write down how we welcome people."]].concat());
    ok(&db, &["assess", "clero-chime/C3", "--stage", "embedded"]);
    ok(&db, &["assess", "clero-chime/C2", "--stage", "n/a", "--note", "We have no premises of our own."]);
    ok(
        &db,
        &[
            "evidence",
            "add",
            "clero-chime/C1",
            "--title",
            "Minutes of the members’ meeting",
            "--date",
            "31/03/2026",
            "--kind",
            "Minutes",
        ],
    );
    let file = write(dir, SECRET_FILE, b"Kieran, 1 High Street");
    ok(
        &db,
        &[
            "evidence",
            "add",
            "clero-chime/C1",
            "--title",
            "Members’ stories",
            "--kind",
            "Member's story or quote",
            "--date",
            "01/02/2026",
            "--personal-data",
            "--note",
            SECRET_NOTE,
            "--file",
            file.to_str().unwrap(),
        ],
    );
    let c1 = "clero-chime/C1";
    ok(
        &db,
        &[
            "action",
            "add",
            c1,
            "--what",
            "Ask members to review the welcome leaflet",
            "--who",
            "Zoë",
            "--by",
            "31/01/2020",
        ],
    );
    ok(
        &db,
        &[
            "action",
            "add",
            c1,
            "--what",
            "Run a members' forum on the timetable",
            "--who",
            "Dafydd",
            "--by",
            "2099-06-30",
        ],
    );
    let done = ok(&db, &["action", "add", c1, "--what", "Put the minutes on the noticeboard"]);
    ok(&db, &["action", "update", common::last_line(&done), "--status", "done"]);
    let body = write(dir, "body.txt", b"Every Friday members run the group.");
    let made = ok(
        &db,
        &["account", "new", "clero-chime/C1", "--body-file", body.to_str().unwrap(), "--title", "Friday nights"],
    );
    let id = common::last_line(&made).to_owned();
    ok(&db, &["signoff", &id, "--person", "Dafydd Evans"]);
    ok(&db, &["signoff", &id, "--person", "Zoë Adebayo"]);
    db
}

fn export(db: &Path, pdf: &Path) -> String {
    ok(db, &["export", "summary", "--out", pdf.to_str().unwrap()])
}

#[test]
fn the_summary_holds_every_assessed_statement_the_evidence_the_plan_and_the_accounts() {
    let dir = temp();
    let db = filled(dir.path());
    let pdf = dir.path().join("where-we-stand.pdf");
    let said = export(&db, &pdf);
    let again = dir.path().join("again.pdf");
    export(&db, &again);
    assert!(std::fs::read(&pdf).unwrap() == std::fs::read(&again).unwrap(), "the same workspace, the same bytes");
    assert!(
        said.starts_with("Exported “Where we stand” (")
            && said.contains(": 3 statements assessed, 2 evidence items, 3 actions (1 overdue)."),
        "{said}"
    );
    let text = poppler("pdftotext", &pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Where we stand",
        "Zoë’s Recovery Café",
        "Wirral",
        "3 of 39 statements assessed, 1 of them not applicable.",
        "Stages by section",
        "Connectedness (4 statements): 1 embedded, 1 developing, 1 not applicable, 1 not assessed yet.",
        "C1 Peer support and support groups",
        "Developing: we do this, but not everywhere or every time.",
        "4 of 7, Representation",
        "Members run the Friday group.",
        "Write down how we welcome people.",
        "2 evidence items; 3 actions, 1 overdue",
        "C3",
        "Embedded: this is part of how we work every day.",
        "Minutes of the members’ meeting",
        "31/03/2026",
        "Members’ stories",
        "Personal data: title only",
        "3 actions, 1 overdue",
        "Ask members to review the welcome leaflet",
        "31/01/2020",
        "Run a members' forum on the timetable",
        "30/06/2099",
        "Put the minutes on the noticeboard",
        "Friday nights",
        "Signed off",
        "C2 Relationships: We have no premises of our own.",
    ] {
        assert!(flat.contains(expected), "{expected:?} is not in:\n{text}");
    }
    // Personal data: its title only; never its note, its file's name or what the file holds.
    for secret in [SECRET_NOTE, SECRET_FILE, "High Street", "01/02/2026"] {
        assert!(!flat.contains(secret), "{secret:?} left the workspace:\n{text}");
    }
    let raw = std::fs::read(&pdf).unwrap();
    assert!(!raw.windows(b"High Street".len()).any(|w| w == b"High Street"));

    // Overdue is said in words on the overdue action's row, and only there.
    let layout = poppler_args("pdftotext", &["-layout"], &[pdf.as_os_str(), "-".as_ref()]);
    let row = |what: &str| layout.lines().find(|l| l.contains(what)).unwrap_or_else(|| panic!("{what}:\n{layout}"));
    assert!(row("Ask members to").contains("Not started, overdue"), "{layout}");
    assert!(!row("Run a members").contains("overdue"));
    assert!(!row("Put the minutes").contains("overdue"));
    assert!(row("Put the minutes").contains("Done"));
}

/// The structure tree's element types in reading order, as poppler reads them.
fn tags(pdf: &Path) -> Vec<String> {
    poppler_args("pdfinfo", &["-struct-text"], &[pdf.as_os_str()])
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('"') && !l.starts_with('/'))
        .map(|l| l.split([' ', ':']).next().unwrap_or_default().to_owned())
        .collect()
}

/// The alternative text of every figure.
fn figures(pdf: &Path) -> Vec<String> {
    let doc = Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"Figure".as_slice()))
        .map(|d| match d.get(b"Alt").unwrap() {
            Object::String(bytes, _) => match bytes.strip_prefix(&[0xFE, 0xFF]) {
                Some(utf16) => {
                    String::from_utf16(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>())
                        .unwrap()
                }
                None => String::from_utf8_lossy(bytes).into_owned(),
            },
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn the_chart_is_a_described_figure_and_the_tables_have_header_cells() {
    let dir = temp();
    let db = filled(dir.path());
    let pdf = dir.path().join("summary.pdf");
    export(&db, &pdf);
    let mut alts = figures(&pdf);
    alts.sort();
    assert_eq!(alts.len(), 2, "{alts:?}");
    assert!(alts[0].starts_with("Bar chart of where we stand with each of the 5 sections of CLERO"), "{alts:?}");
    assert_eq!(alts[1], "Logo of Zoë’s Recovery Café");
    let tags = tags(&pdf);
    let count = |tag: &str| tags.iter().filter(|t| *t == tag).count();
    assert_eq!(count("H1"), 1, "{tags:?}");
    assert_eq!(count("Table"), 3, "evidence, actions, accounts: {tags:?}");
    assert_eq!(count("TH"), 4 + 5 + 4, "{tags:?}");
    assert_eq!(count("TR"), (1 + 2) + (1 + 3) + (1 + 1), "{tags:?}");
    assert!(count("H2") >= 6 && count("H3") >= 3, "{tags:?}");
}

#[test]
fn years_of_evidence_run_over_many_pages_with_the_headings_repeated_and_nothing_lost() {
    let dir = temp();
    let db = dir.path().join("years.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    let mut ws = Workspace::open(&db).unwrap();
    let key = StatementKey::new("clero-chime", &ws.newest_version("clero-chime").unwrap().unwrap(), "C1");
    for n in 0..400 {
        let e = NewEvidence {
            title: format!("Item {n:03} of the years"),
            date: Some("2025-05-01".into()),
            kind: "Minutes".into(),
            personal_data: n % 50 == 0,
            ..NewEvidence::default()
        };
        ws.add_evidence(&key, &e, None).unwrap();
    }
    for n in 0..60 {
        ws.add_action(&key, &format!("Action {n:02} of the plan"), "Zoë", Some("2030-01-01")).unwrap();
    }
    drop(ws);
    let pdf = dir.path().join("years.pdf");
    export(&db, &pdf);
    let text = poppler("pdftotext", &pdf);
    for n in 0..400 {
        assert_eq!(text.matches(&format!("Item {n:03} of the years")).count(), 1, "item {n}");
    }
    for n in 0..60 {
        assert_eq!(text.matches(&format!("Action {n:02} of the plan")).count(), 1, "action {n}");
    }
    let continued = text.matches("Evidence (continued)").count();
    assert!(continued >= 8, "400 items run over at least nine pages: {continued}");
    // The headings are drawn on every page of the table, but tagged once.
    assert_eq!(text.matches("Kind").count(), continued + 1);
    let tags = tags(&pdf);
    assert_eq!(tags.iter().filter(|t| *t == "TH").count(), 4 + 5, "{tags:?}");
    assert_eq!(tags.iter().filter(|t| *t == "Table").count(), 2, "one evidence table, one plan: {tags:?}");
    let checked =
        std::process::Command::new("pdfua").arg("check").arg(&pdf).output().expect("pdfua (pip install pdfua)");
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success() && said.contains("PASS (no findings)"), "{said}");
}

#[test]
fn a_summary_is_never_written_over_the_workspace_or_into_nowhere() {
    let dir = temp();
    let db = dir.path().join("w.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    let before = std::fs::read(&db).unwrap();
    let out = run(&db, &["export", "summary", "--out", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("workspace"), "{said}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let nowhere = dir.path().join("no such folder/summary.pdf");
    let out = run(&db, &["export", "summary", "--out", nowhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("folder"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_job_says_how_far_it_has_got() {
    let dir = temp();
    let db = filled(dir.path());
    let ws = Workspace::open(&db).unwrap();
    let job = ws.prepare_summary().unwrap();
    let progress = job.progress();
    assert_eq!(progress.now(), (0.0, String::new()), "nothing said before it starts");
    let bytes = job.render().unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let (share, doing) = progress.now();
    assert_eq!(doing, format!("Writing the PDF ({} pages)…", job.page_count()));
    assert!(share > 0.8 && share < 1.0, "{share}");
}

#[test]
fn the_dashboard_exports_where_we_stand_beside_the_workbook() {
    use egui_kittest::kittest::Queryable;
    use lero_evidence::ui::picker::{Purpose, testing::FakePicker};

    let dir = temp();
    let db = filled(dir.path());
    // A name chosen without an extension becomes a PDF.
    let picker = FakePicker::answering(None, vec![(Purpose::SaveSummary, vec![dir.path().join("For the trustees")])]);
    let mut h = common::ui::window(&db, picker, 2400.0);
    h.run();
    h.get_by_label("Export the workbook…");
    h.get_by_label("Export “Where we stand” (PDF)…").click();
    let started = std::time::Instant::now();
    while !h.state().notices().iter().any(|n| n.text.starts_with("Exported “Where we stand”")) {
        assert!(started.elapsed() < std::time::Duration::from_mins(1), "the export never ended");
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
    let out = dir.path().join("For the trustees.pdf");
    let said = h.state().notices().last().map(|n| n.text.clone()).unwrap_or_default();
    assert!(said.contains(&out.display().to_string()) && said.contains("3 actions (1 overdue)"), "{said}");
    let text = poppler("pdftotext", &out);
    assert!(text.contains("Zoë’s Recovery Café") && text.contains("Ask members to review"));
    // The buttons are back once it is written.
    h.get_by_label("Export “Where we stand” (PDF)…");
}

const NATIONAL: &str = "National LERO Standards 2024

Section 1: Culture and values
1. The LERO is led by people with lived experience of recovery.
2. The LERO welcomes everyone, whatever their pathway.
";

#[test]
fn what_the_fonts_cannot_show_older_versions_and_private_notes_never_spoil_the_summary() {
    let dir = temp();
    let db = dir.path().join("w.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    // A title in a script the embedded fonts do not cover: printed as "?", and said so.
    ok(&db, &["evidence", "add", "clero-chime/C1", "--title", "Leaflet in Urdu اردو", "--personal-data"]);
    // A note to remember is the organisation's own, not the trustees'.
    ok(&db, &["assess", "clero-chime/C1", "--stage", "developing", "--note", "Ask Jane about her court date"]);
    // A set in two versions: what the organisation says now is the newest version's.
    let v1 = write(dir.path(), "national-2024.txt", NATIONAL.as_bytes());
    ok(&db, &["standards", "import", v1.to_str().unwrap(), "--id", "national", "--publisher", "CLERO"]);
    ok(&db, &["assess", "national/1", "--stage", "embedded", "--well", "Said in 2024"]);
    ok(&db, &["evidence", "add", "national/1", "--title", "Board minutes of 2024"]);
    let v2 = write(dir.path(), "national-2025.txt", NATIONAL.replace("2024", "2025").as_bytes());
    ok(&db, &["standards", "import", v2.to_str().unwrap(), "--id", "national", "--publisher", "CLERO", "--carry-over"]);
    ok(&db, &["assess", "national/1", "--stage", "embedded", "--well", "Said in 2025"]);

    let pdf = dir.path().join("w.pdf");
    let said = export(&db, &pdf);
    assert!(said.contains("2 statements assessed"), "{said}");
    assert!(said.contains("4 characters in a script the PDF's fonts do not cover are printed as “?”"), "{said}");
    let text = poppler("pdftotext", &pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Leaflet in Urdu ????"), "{text}");
    assert!(!text.contains("court date"), "the assessment's note stays in the workspace: {text}");
    assert!(text.contains("Said in 2025") && !text.contains("Said in 2024"), "{text}");
    assert_eq!(text.matches("Culture and values (2 statements)").count(), 1, "{text}");
    // Evidence kept against the older version says which.
    assert!(text.contains("1 (2024) Board minutes of 2024"), "{text}");

    // Only a PDF is written as one.
    let out = run(&db, &["export", "summary", "--out", dir.path().join("w.xlsx").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give a file name ending .pdf"));
    assert!(!dir.path().join("w.xlsx").exists());
}
