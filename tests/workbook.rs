//! `export table --out FILE.xlsx|FILE.csv`: the organisation's workbook of where it stands,
//! read back with `calamine` (and with Python's openpyxl when it is installed), and its
//! assessments as CSV, read back with the `csv` crate.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{last_line, ok, run};
use lero_evidence::domain::assessment::Assessment;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};

const ASSESSMENTS: [&str; 13] = [
    "Standard set",
    "Section",
    "Statement code",
    "Statement",
    "Stage",
    "Involvement rung",
    "Rung name",
    "What we do well",
    "What we want to develop",
    "Why it does not apply",
    "Note",
    "Evidence items",
    "Open actions",
];
const EVIDENCE: [&str; 11] = [
    "Standard set",
    "Statement code",
    "Statement",
    "Title",
    "Kind",
    "Date",
    "Note",
    "Personal data",
    "Attached file",
    "File size (bytes)",
    "SHA-256",
];
const ACTIONS: [&str; 9] =
    ["Id", "Standard set", "Statement code", "Statement", "What", "Who", "By", "Status", "Overdue"];
const ACCOUNTS: [&str; 10] = [
    "Id",
    "Standard set",
    "Statement code",
    "Statement",
    "Title",
    "Words",
    "Status",
    "Sign-off progress",
    "Fingerprint of the signed page",
    "Last changed",
];

/// What only the workspace may hold: the note of the evidence marked as personal data.
const PRIVATE_NOTE: &str = "Zoë told us about her relapse";
const PRIVATE_FILE: &str = "members-register.txt";

/// A LERO with account 1 signed off and a second one being written; three statements
/// assessed (one not applicable) and one recorded empty; evidence on two of them (one item
/// marked personal data, with a file and a note); three actions (one overdue, one done).
fn workspace(dir: &Path) -> PathBuf {
    let (db, _) = common::signed_lero(dir, "lero", "Café Rétro");
    let body = common::write(dir, "second.txt", b"We meet on Tuesdays in the library.\n");
    ok(&db, &["account", "new", "clero-chime/H1", "--body-file", body.to_str().unwrap(), "--title", "Tuesdays"]);
    ok(
        &db,
        &[
            "assess",
            "clero-chime/C1",
            "--stage",
            "developing",
            "--rung",
            "4",
            "--well",
            "Peer groups with élan",
            "--develop",
            "=More groups",
            "--note",
            "Checked at the AGM",
        ],
    );
    ok(&db, &["assess", "clero-chime/C2", "--stage", "n/a", "--note", "We have no premises of our own."]);
    ok(&db, &["assess", "clero-chime/H1", "--stage", "embedded"]);
    let ws = Workspace::open(&db).unwrap();
    let version = ws.newest_version("clero-chime").unwrap().unwrap();
    ws.save_assessment(&StatementKey::new("clero-chime", &version, "H2"), &Assessment::default()).unwrap();
    drop(ws);

    let register = common::write(dir, PRIVATE_FILE, b"names and phone numbers");
    let photo = common::write(dir, "garden.png", &common::png(4, 4));
    let evidence = |args: &[&str]| {
        let mut all = vec!["evidence", "add"];
        all.extend_from_slice(args);
        ok(&db, &all);
    };
    evidence(&[
        "clero-chime/C1",
        "--title",
        "Members’ meeting",
        "--kind",
        "Minutes",
        "--date",
        "05/03/2026",
        "--note",
        PRIVATE_NOTE,
        "--personal-data",
        "--file",
        register.to_str().unwrap(),
    ]);
    evidence(&[
        "clero-chime/C1",
        "--title",
        "The garden",
        "--kind",
        "Photo",
        "--date",
        "2025-06-01",
        "--note",
        "Taken by Sam",
        "--file",
        photo.to_str().unwrap(),
    ]);
    evidence(&["clero-chime/H1", "--title", "Leaflet"]);

    ok(&db, &["action", "add", "clero-chime/C1", "--what", "Ring the council", "--who", "Sam", "--by", "15/01/2020"]);
    ok(&db, &["action", "add", "clero-chime/H1", "--what", "Survey members", "--by", "2099-01-01"]);
    ok(&db, &["action", "update", "2", "--status", "done"]);
    ok(&db, &["action", "add", "clero-chime/C1", "--what", "Ask about a second group"]);
    db
}

fn export(db: &Path, out: &Path) -> String {
    ok(db, &["export", "table", "--out", out.to_str().unwrap()])
}

fn s(text: &str) -> Data {
    Data::String(text.into())
}

/// The serial number Excel keeps for a day.
fn serial(day: time::Date) -> f64 {
    f64::from(i32::try_from((day - time::macros::date!(1899 - 12 - 30)).whole_days()).unwrap())
}

fn is_day(cell: &Data, day: time::Date) -> bool {
    matches!(cell, Data::DateTime(d) if d.is_datetime() && (d.as_f64() - serial(day)).abs() < 1e-9)
}

fn sheet(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str, header: &[&str]) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(name).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let found: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(found, header, "the header of {name}");
    rows[1..]
        .iter()
        .map(|r| r.iter().cloned().chain(std::iter::repeat(Data::Empty)).take(header.len()).collect())
        .collect()
}

#[test]
fn the_workbook_has_four_sheets_with_every_row_dates_as_dates_and_no_personal_data() {
    let dir = common::temp();
    let db = workspace(dir.path());
    let out = dir.path().join("Where we stand.xlsx");
    let said = export(&db, &out);
    assert!(
        said.starts_with(&format!(
            "Wrote the workbook (3 assessments, 3 evidence items, 3 actions, 2 accounts) to {} (",
            out.display()
        )),
        "{said}"
    );
    assert!(said.lines().next().unwrap().ends_with(" KB)."), "{said}");
    assert_eq!(last_line(&said), out.display().to_string());
    let bytes = std::fs::read(&out).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Assessments", "Evidence", "Actions", "Accounts"]);

    let assessments = sheet(&mut book, "Assessments", &ASSESSMENTS);
    assert_eq!(assessments.len(), 3, "a row per assessed statement, none for the empty one: {assessments:?}");
    let set = "CLERO recovery framework (CHIME) · version 2021-22";
    assert_eq!(
        assessments[0],
        [
            s(set),
            s("Connectedness"),
            s("C1"),
            s("Peer support and support groups"),
            s("Developing"),
            Data::Float(4.0),
            s("Representation"),
            s("Peer groups with élan"),
            s("=More groups"),
            Data::Empty,
            s("Checked at the AGM"),
            Data::Float(2.0),
            Data::Float(2.0),
        ]
    );
    assert_eq!(assessments[1][2..5], [s("C2"), s("Relationships"), s("Not applicable")]);
    assert_eq!(assessments[1][9], s("We have no premises of our own."));
    assert_eq!(assessments[1][11..], [Data::Float(0.0), Data::Float(0.0)]);
    assert_eq!(
        (&assessments[2][1], &assessments[2][2], &assessments[2][4]),
        (&s("Hope and optimism about the future"), &s("H1"), &s("Embedded"))
    );
    assert_eq!(assessments[2][5..7], [Data::Empty, Data::Empty], "no rung given");
    assert_eq!(assessments[2][11..], [Data::Float(1.0), Data::Float(0.0)], "its one action is done");

    let evidence = sheet(&mut book, "Evidence", &EVIDENCE);
    assert_eq!(evidence.len(), 3);
    // By statement, then date.
    let garden = &evidence[0];
    assert_eq!(garden[..5], [s(set), s("C1"), s("Peer support and support groups"), s("The garden"), s("Photo")]);
    assert!(is_day(&garden[5], time::macros::date!(2025 - 06 - 01)), "{:?}", garden[5]);
    assert_eq!(garden[6..9], [s("Taken by Sam"), s("No"), s("garden.png")]);
    assert_eq!(garden[9], Data::Float(std::fs::metadata(dir.path().join("garden.png")).unwrap().len() as f64));
    assert!(matches!(&garden[10], Data::String(sha) if sha.len() == 64), "{:?}", garden[10]);
    let meeting = &evidence[1];
    assert_eq!(
        meeting[3..],
        [s("Members’ meeting"), Data::Empty, Data::Empty, Data::Empty, s("Yes"), Data::Empty, Data::Empty, Data::Empty],
        "personal data: its title alone"
    );
    assert_eq!(
        evidence[2][1..8],
        [
            s("H1"),
            s("Belief in the possibility of recovery"),
            s("Leaflet"),
            Data::Empty,
            Data::Empty,
            Data::Empty,
            s("No")
        ]
    );
    assert_eq!(evidence[2][1], s("H1"));

    let actions = sheet(&mut book, "Actions", &ACTIONS);
    assert_eq!(actions.len(), 3);
    assert_eq!(
        actions[0][..6],
        [Data::Float(1.0), s(set), s("C1"), s("Peer support and support groups"), s("Ring the council"), s("Sam")]
    );
    assert!(is_day(&actions[0][6], time::macros::date!(2020 - 01 - 15)), "{:?}", actions[0][6]);
    assert_eq!(actions[0][7..], [s("Not started"), s("Yes")], "overdue, in words");
    assert_eq!(actions[1][0], Data::Float(3.0), "those to do first");
    assert_eq!(
        actions[1][4..],
        [s("Ask about a second group"), Data::Empty, Data::Empty, s("Not started"), Data::Empty]
    );
    assert_eq!(actions[2][0], Data::Float(2.0));
    assert!(is_day(&actions[2][6], time::macros::date!(2099 - 01 - 01)));
    assert_eq!(actions[2][7..], [s("Done"), Data::Empty], "done is never overdue");

    let accounts = sheet(&mut book, "Accounts", &ACCOUNTS);
    assert_eq!(accounts.len(), 2);
    let today = time::OffsetDateTime::now_utc().date();
    let signed = &accounts[0];
    assert_eq!(signed[..4], [Data::Float(1.0), s(set), s("C1"), s("Peer support and support groups")]);
    assert!(matches!(signed[5], Data::Float(w) if w > 50.0), "words as a number: {:?}", signed[5]);
    assert_eq!(signed[6], s("Signed off"));
    assert!(matches!(&signed[7], Data::String(p) if p.starts_with("Signed off: 2 of")), "{:?}", signed[7]);
    assert!(matches!(&signed[8], Data::String(f) if f.len() == 19), "the short fingerprint: {:?}", signed[8]);
    let changed = matches!(&signed[9], Data::DateTime(d) if (d.as_f64() - serial(today)).abs() <= 1.0);
    assert!(changed, "last changed today, as a date: {:?}", signed[9]);
    let draft = &accounts[1];
    assert_eq!(
        draft[..7],
        [
            Data::Float(2.0),
            s(set),
            s("H1"),
            s("Belief in the possibility of recovery"),
            s("Tuesdays"),
            Data::Float(7.0),
            s("Draft")
        ]
    );
    assert!(matches!(&draft[7], Data::String(p) if p.starts_with("0 of")), "{:?}", draft[7]);
    assert_eq!(draft[8], Data::Empty, "not signed: no fingerprint");

    // What is marked personal data never leaves the workspace, on any sheet.
    for name in ["Assessments", "Evidence", "Actions", "Accounts"] {
        let range = book.worksheet_range(name).unwrap();
        for cell in range.used_cells().map(|(_, _, c)| c.to_string()) {
            assert!(!cell.contains("relapse") && !cell.contains(PRIVATE_FILE), "{name}: {cell}");
        }
    }

    // The same workspace on the same day gives the same bytes.
    let again = dir.path().join("again.xlsx");
    export(&db, &again);
    assert_eq!(std::fs::read(&again).unwrap(), bytes);

    openpyxl_reads(&out);
}

/// Python's openpyxl opens the workbook and finds the same: checked when it is installed,
/// skipped with a note when it is not.
fn openpyxl_reads(book: &Path) {
    let script = r#"
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb:
    out[ws.title] = {
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "bold": all(c.font.b for c in ws[1]),
        "rows": [[c.isoformat()[:10] if hasattr(c, "isoformat") else c for c in row] for row in ws.iter_rows(values_only=True)],
    }
print(json.dumps(out))
"#;
    let found = std::process::Command::new("python3").args(["-c", "import openpyxl"]).output();
    if !found.is_ok_and(|o| o.status.success()) {
        eprintln!("note: Python's openpyxl is not installed, so the workbook was not also read with it");
        return;
    }
    let out = std::process::Command::new("python3").args(["-c", script]).arg(book).output().unwrap();
    assert!(out.status.success(), "openpyxl: {}", String::from_utf8_lossy(&out.stderr));
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&String> = read.as_object().unwrap().keys().collect();
    assert_eq!(names.len(), 4, "{names:?}");
    for (name, header) in [
        ("Assessments", &ASSESSMENTS[..]),
        ("Evidence", &EVIDENCE[..]),
        ("Actions", &ACTIONS[..]),
        ("Accounts", &ACCOUNTS[..]),
    ] {
        let sheet = &read[name];
        assert_eq!(sheet["freeze"], "A2", "{name}: the header row is frozen");
        assert_eq!(sheet["bold"], true, "{name}: the header is bold");
        assert!(sheet["filter"].as_str().is_some_and(|f| f.starts_with("A1:")), "{name}: {}", sheet["filter"]);
        assert_eq!(sheet["rows"][0], serde_json::json!(header), "{name}");
    }
    assert_eq!(read["Assessments"]["rows"].as_array().unwrap().len(), 4);
    assert_eq!(read["Assessments"]["rows"][1][7], "Peer groups with élan");
    assert_eq!(read["Assessments"]["rows"][1][5], 4);
    assert_eq!(read["Evidence"]["rows"][1][5], "2025-06-01", "a date openpyxl reads as a date");
    assert_eq!(read["Evidence"]["rows"][2][5], serde_json::Value::Null, "personal data: no date");
    assert_eq!(read["Evidence"]["rows"][2][6], serde_json::Value::Null, "personal data: no note");
    assert_eq!(read["Actions"]["rows"][1][8], "Yes");
    assert_eq!(read["Accounts"]["rows"].as_array().unwrap().len(), 3);
}

#[test]
fn the_csv_has_a_row_per_assessed_statement_with_its_accents() {
    let dir = common::temp();
    let db = workspace(dir.path());
    let out = dir.path().join("assessments.CSV");
    let said = export(&db, &out);
    assert!(
        said.starts_with(&format!("Wrote a row for each of the 3 assessed statements to {}", out.display())),
        "{said}"
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark, so Excel reads accents right");
    assert!(std::str::from_utf8(&bytes[3..]).unwrap().contains("\r\n"), "CRLF lines");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ASSESSMENTS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let codes: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(codes, ["C1", "C2", "H1"]);
    assert_eq!(
        rows[0].iter().skip(4).collect::<Vec<_>>(),
        [
            "Developing",
            "4",
            "Representation",
            "Peer groups with élan",
            "'=More groups",
            "",
            "Checked at the AGM",
            "2",
            "2"
        ]
    );
    assert_eq!(&rows[1][9], "We have no premises of our own.");
    assert!(rows[0][0].contains("version 2021-22"), "{:?}", &rows[0][0]);
}

#[test]
fn another_kind_of_file_or_the_workspace_itself_is_refused_with_a_sentence() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    for name in ["table.pdf", "table.xls", "table"] {
        let out = dir.path().join(name);
        let refused = run(&db, &["export", "table", "--out", out.to_str().unwrap()]);
        assert_eq!(refused.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains("give a file name ending .csv or .xlsx"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1);
        assert!(!out.exists());
    }
    let before = std::fs::read(&db).unwrap();
    let refused = run(&db, &["export", "table", "--out", db.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Nothing was written"));
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // Nothing assessed yet: the CSV is its header, said so; the workbook its four headers.
    let csv = dir.path().join("empty.csv");
    assert!(export(&db, &csv).contains("no statement is assessed yet"));
    let xlsx = dir.path().join("empty.xlsx");
    assert!(
        export(&db, &xlsx).starts_with("Wrote the workbook (0 assessments, 0 evidence items, 0 actions, 0 accounts)")
    );
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    assert_eq!(book.sheet_names().len(), 4);
    assert!(sheet(&mut book, "Actions", &ACTIONS).is_empty());
}

/// Steps frames until `done` holds (file dialogs answer, and exports run, on other threads).
fn run_until(h: &mut common::ui::Window, done: impl Fn(&lero_evidence::ui::App) -> bool) {
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(30) {
        h.step();
        if done(h.state()) {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the window never got there");
}

fn said_last(h: &common::ui::Window) -> String {
    h.state().notices().last().map(|n| n.text.clone()).unwrap_or_default()
}

#[test]
fn the_dashboard_exports_the_workbook_and_asks_before_replacing_one() {
    use egui_kittest::kittest::Queryable;
    use lero_evidence::ui::picker::{Purpose, testing::FakePicker};

    let dir = common::temp();
    let db = workspace(dir.path());
    // A name chosen without an extension becomes a workbook.
    let picker = FakePicker::answering(None, vec![(Purpose::SaveWorkbook, vec![dir.path().join("Where we stand")])]);
    let mut h = common::ui::window(&db, picker, 2400.0);
    h.run();
    h.get_by_label("Share where we stand");
    h.get_by_label("Export the workbook…").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Wrote the workbook")));
    let out = dir.path().join("Where we stand.xlsx");
    let said = said_last(&h);
    assert!(
        said.starts_with("Wrote the workbook (3 assessments, 3 evidence items, 3 actions, 2 accounts)")
            && said.contains(&out.display().to_string()),
        "{said}"
    );
    let book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&out).unwrap())).unwrap();
    assert_eq!(book.sheet_names(), ["Assessments", "Evidence", "Actions", "Accounts"]);

    // The same name again: asked first, and written once the user says to replace it.
    std::fs::write(&out, b"the file that was there").unwrap();
    h.get_by_label("Export the workbook…").click();
    run_until(&mut h, |app| !app.working_in_background());
    h.get_by_label_contains("There is already a file called “Where we stand.xlsx” there.");
    assert_eq!(std::fs::read(&out).unwrap(), b"the file that was there", "nothing replaced before the answer");
    h.get_by_label("Replace it").click();
    run_until(&mut h, |app| !app.working_in_background() && std::fs::read(&out).is_ok_and(|b| b.starts_with(b"PK")));
    assert!(said_last(&h).starts_with("Wrote the workbook"), "{}", said_last(&h));
    h.get_by_label("Export the workbook…");
}

#[test]
fn the_dashboard_writes_the_assessments_as_csv_for_a_name_ending_csv() {
    use egui_kittest::kittest::Queryable;
    use lero_evidence::ui::picker::{Purpose, testing::FakePicker};

    let dir = common::temp();
    let db = workspace(dir.path());
    let picker = FakePicker::answering(None, vec![(Purpose::SaveWorkbook, vec![dir.path().join("assessments.CSV")])]);
    let mut h = common::ui::window(&db, picker, 2400.0);
    h.run();
    h.get_by_label("Export the workbook…").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Wrote a row for each")));
    let written = std::fs::read(dir.path().join("assessments.csv")).unwrap();
    assert!(written.starts_with("\u{feff}Standard set,Section,".as_bytes()));
    assert_eq!(csv::Reader::from_reader(&written[3..]).records().count(), 3);
}
