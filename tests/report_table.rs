//! `report table --out FILE.csv|FILE.xlsx`: the collective report as a table for the college's
//! analysts, a row for each contribution, read back with the `csv` crate and with `calamine`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{college, ok, run};
use lero_evidence::domain::bundle::{AssessmentData, Contribution, FiguresData, open_bundle};
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};

const HEADER: [&str; 18] = [
    "Organisation",
    "Area",
    "Statement set",
    "Statement code",
    "Statement title",
    "Account title",
    "Words",
    "Stage",
    "Involvement rung",
    "Signed off",
    "Page fingerprint",
    "Figures for year",
    "People supported",
    "Hours of recovery support",
    "Volunteers",
    "Volunteer hours",
    "Paid roles held by people with lived experience",
    "How the figures were counted",
];

type Change = Box<dyn Fn(&mut Contribution)>;

/// A college whose report holds: Brighter Days (figures and a self-assessment), Café Rétro
/// (figures, and a title a spreadsheet would take for a formula), Quiet Lane (a bundle of the
/// second format with neither) and Zoë's Place (a bundle of the first release).
fn four_contributions(dir: &Path) -> PathBuf {
    let mut bundles = Vec::new();
    let lero: [(&str, Change); 3] = [
        (
            "Brighter Days",
            Box::new(|c: &mut Contribution| {
                c.figures = Some(FiguresData {
                    year: "2025".into(),
                    people_supported: Some(212),
                    support_hours: Some(3_400),
                    volunteers: Some(61),
                    note: "Counted from our sign-in sheets.".into(),
                    ..FiguresData::default()
                });
                c.assessment = Some(AssessmentData { stage: "developing".into(), rung: Some(4) });
            }),
        ),
        (
            "Café Rétro",
            Box::new(|c: &mut Contribution| {
                c.revision.title = "=SUM(A1)".into();
                c.figures = Some(FiguresData {
                    year: "2024-25".into(),
                    people_supported: Some(0),
                    lived_experience_roles: Some(2),
                    note: "-1 volunteer left; @mentions removed".into(),
                    ..FiguresData::default()
                });
            }),
        ),
        ("Quiet Lane", Box::new(|_: &mut Contribution| {})),
    ];
    for (name, change) in lero {
        let (db, bundle) = common::signed_lero(&dir.join(name), "lero", name);
        let key = Workspace::open(&db).unwrap().signing_key().unwrap();
        let (good, _) = open_bundle(&std::fs::read(&bundle).unwrap()).unwrap();
        let sealed = common::resealed(&good, &key, &*change);
        bundles.push(common::write(dir, &format!("{name}.lero-bundle"), &sealed));
    }
    bundles.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release-1/zoes-place.lero-bundle"));
    let refs: Vec<&Path> = bundles.iter().map(PathBuf::as_path).collect();
    college(dir, "How LEROs live the standards", &refs)
}

fn table(clero: &Path, out: &Path) -> String {
    ok(clero, &["report", "table", "--out", out.to_str().unwrap()])
}

#[test]
fn the_csv_has_a_row_for_each_contribution_with_its_figures_and_nothing_for_those_not_sent() {
    let dir = common::temp();
    let clero = four_contributions(dir.path());
    let out = dir.path().join("contributions.csv");
    let said = table(&clero, &out);
    assert!(said.starts_with(&format!("Wrote a row for each of the 4 contributions to {}", out.display())), "{said}");
    assert_eq!(common::last_line(&said), out.display().to_string());

    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark, so Excel reads accents right");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("Organisation,Area,Statement set,") && text.contains("\r\n"), "CRLF lines");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "one row per contribution");
    let row = |org: &str| rows.iter().find(|r| &r[0] == org).unwrap_or_else(|| panic!("{org} in {rows:?}")).clone();

    let bright = row("Brighter Days");
    assert_eq!(&bright[1], "Wirral");
    assert_eq!(&bright[3], "C1");
    assert!(bright[2].starts_with("CLERO") && bright[2].contains("version"), "{:?}", &bright[2]);
    let words: u32 = bright[6].parse().unwrap();
    assert!(words > 50, "{words}");
    assert_eq!((&bright[7], &bright[8]), ("Developing", "4"));
    let today = time::OffsetDateTime::now_utc().date();
    let signed = time::Date::parse(&bright[9], time::macros::format_description!("[year]-[month]-[day]")).unwrap();
    assert!((signed - today).whole_days().abs() <= 1, "signed off today: {}", &bright[9]);
    assert_eq!(bright[10].len(), 19, "the short fingerprint the page prints: {}", &bright[10]);
    let figures: Vec<&str> = bright.iter().skip(11).collect();
    assert_eq!(figures, ["2025", "212", "3400", "61", "", "", "Counted from our sign-in sheets."]);

    let cafe = row("Café Rétro");
    assert_eq!(&cafe[5], "'=SUM(A1)", "a formula-looking title is defused");
    let figures: Vec<&str> = cafe.iter().skip(11).collect();
    assert_eq!(figures, ["2024-25", "0", "", "", "", "2", "'-1 volunteer left; @mentions removed"], "0 given is 0");
    assert_eq!((&cafe[7], &cafe[8]), ("", ""), "no self-assessment sent");

    for org in ["Quiet Lane", "Zoë's Place"] {
        let r = row(org);
        assert!(r.iter().skip(11).all(str::is_empty), "{org} sent no figures: {r:?}");
        assert!(!r[9].is_empty() && !r[6].is_empty(), "{r:?}");
    }
    assert!(text.contains("Zoë's Place"), "accents written as UTF-8");
    // No figure column ever says 0 for a figure not given.
    assert_eq!(
        rows.iter().flat_map(|r| r.iter().skip(12).take(5).collect::<Vec<_>>()).filter(|c| *c == "0").count(),
        1
    );
}

#[test]
fn the_workbook_has_one_sheet_with_numbers_as_numbers_and_a_real_date() {
    let dir = common::temp();
    let clero = four_contributions(dir.path());
    // The extension chooses, in any case.
    let out = dir.path().join("Contributions.XLSX");
    let said = table(&clero, &out);
    assert!(said.starts_with("Wrote a row for each of the 4 contributions to"), "{said}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip file");

    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Contributions"]);
    let range = book.worksheet_range("Contributions").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 5, "the header and one row per contribution");
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(header, HEADER);
    let row = |org: &str| *rows.iter().find(|r| r[0] == Data::String(org.into())).unwrap();

    let bright = row("Brighter Days");
    assert!(matches!(bright[6], Data::Float(w) if w > 50.0), "words as a number: {:?}", bright[6]);
    assert_eq!(bright[7], Data::String("Developing".into()));
    assert_eq!(bright[8], Data::Float(4.0));
    let Data::DateTime(signed) = &bright[9] else { panic!("the date is a date: {:?}", bright[9]) };
    assert!(signed.is_datetime());
    let today = time::OffsetDateTime::now_utc().date();
    let serial_today = f64::from(i32::try_from((today - time::macros::date!(1899 - 12 - 30)).whole_days()).unwrap());
    assert!((signed.as_f64() - serial_today).abs() <= 1.0, "{} is today ({serial_today})", signed.as_f64());
    let figures = &bright[11..];
    assert_eq!(figures[0], Data::String("2025".into()));
    assert_eq!(&figures[1..6], [Data::Float(212.0), Data::Float(3400.0), Data::Float(61.0), Data::Empty, Data::Empty]);

    let cafe = row("Café Rétro");
    assert_eq!(cafe[5], Data::String("=SUM(A1)".into()), "a text cell, never a formula");
    assert_eq!(cafe[12], Data::Float(0.0));
    for org in ["Quiet Lane", "Zoë's Place"] {
        let r = row(org);
        assert!(r[11..].iter().all(|c| *c == Data::Empty), "{org}: {r:?}");
        assert_eq!(r[7], Data::Empty);
    }
    // The same report gives the same bytes: the workbook's creation time is the report's.
    let again = dir.path().join("again.xlsx");
    table(&clero, &again);
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
}

#[test]
fn no_report_another_kind_of_file_or_the_workspace_itself_is_refused_with_a_sentence() {
    let dir = common::temp();
    let (lero, _) = common::signed_lero(&dir.path().join("lero"), "lero", "Brighter Days");
    let out = dir.path().join("table.csv");
    let refused = run(&lero, &["report", "table", "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("There is no collective report yet"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
    assert!(!out.exists());

    let clero = college(dir.path(), "How LEROs live the standards", &[]);
    let before = std::fs::read(&clero).unwrap();
    let refused = run(&clero, &["report", "table", "--out", clero.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("This is your workspace file itself") && stderr.contains("Nothing was written"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&clero).unwrap(), before);

    let pdf = dir.path().join("table.pdf");
    let refused = run(&clero, &["report", "table", "--out", pdf.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("give a file name ending .csv or .xlsx"), "{stderr}");
    assert!(!pdf.exists());

    // A report with no contributions yet: the header alone, said so.
    let said = table(&clero, &out);
    assert!(said.contains("the report has no contributions yet"), "{said}");
    let written = std::fs::read(&out).unwrap();
    let mut reader = csv::Reader::from_reader(&written[3..]);
    assert_eq!(reader.headers().unwrap().len(), 18);
    assert_eq!(reader.records().count(), 0);
}
