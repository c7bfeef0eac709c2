//! The workspace file: migrations, upgrades from older schemas, and refusals that leave the
//! file byte-for-byte untouched.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use lero_evidence::domain::assessment::{Assessment, Stage};
use lero_evidence::domain::organisation::Organisation;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::store::{LATEST_VERSION, Store, StoreError};
use lero_evidence::workspace::{Workspace, WorkspaceError};
use std::path::Path;

const FIXTURE_V1: &str = "tests/fixtures/workspace-v1.lero";

fn chime(ws: &Workspace, code: &str) -> StatementKey {
    StatementKey::new("clero-chime", &ws.newest_version("clero-chime").unwrap().unwrap(), code)
}

fn refused(path: &Path) -> WorkspaceError {
    Workspace::open(path).expect_err("the file should be refused")
}

/// Sets a pragma of the file through a plain connection.
fn pragma(path: &Path, name: &str, value: impl rusqlite::ToSql) {
    rusqlite::Connection::open(path).unwrap().pragma_update(None, name, value).unwrap();
}

fn assert_untouched(dir: &Path, path: &Path, before: &[u8], files_before: &[String]) {
    assert_eq!(std::fs::read(path).unwrap(), before, "the refused file was modified");
    assert_eq!(common::listing(dir), files_before, "refusing left files behind");
}

/// The refusal to open `path` in `dir`, checked to leave the file as `before` and no file
/// behind.
fn refused_untouched(dir: &Path, path: &Path, before: &[u8]) -> WorkspaceError {
    let files = common::listing(dir);
    let e = refused(path);
    assert_untouched(dir, path, before, &files);
    e
}

#[test]
fn work_survives_closing_and_reopening() {
    let (_dir, path) = common::temp_with("ws.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        ws.set_organisation(&Organisation {
            name: "Łukasz’s Place".into(), formal: false, ..Organisation::default()
        })
        .unwrap();
        ws.add_person("Siobhán Ó Súilleabháin", "Peer mentor", true).unwrap();
        let key = chime(&ws, "C1");
        ws.assess(&key, Stage::Embedded, Some(6), Some("Four groups a week")).unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Łukasz’s Place");
    assert_eq!(ws.people().unwrap()[0].name, "Siobhán Ó Súilleabháin");
    let a = ws.assessment(&chime(&ws, "C1")).unwrap();
    assert_eq!((a.stage, a.rung, a.note.as_str()), (Some(Stage::Embedded), Some(6), "Four groups a week"));
    assert!(ws.check().unwrap().is_empty());
}

#[test]
fn opening_twice_does_not_duplicate_builtin_standards() {
    let (_dir, path) = common::temp_with("ws.lero");
    let first = Workspace::open(&path).unwrap().sets().unwrap();
    let second = Workspace::open(&path).unwrap().sets().unwrap();
    assert_eq!(first, second);
    assert_eq!(first.len(), 3);
}

#[test]
fn a_workspace_of_the_first_schema_is_upgraded_keeping_its_data() {
    let (_dir, path) = common::temp_with("old.lero");
    std::fs::copy(FIXTURE_V1, &path).unwrap();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Fixture Recovery Café");
    assert_eq!(ws.people().unwrap().len(), 2);
    let a = ws.assessment(&chime(&ws, "H1")).unwrap();
    assert_eq!(a.stage, Some(Stage::Developing));
    assert_eq!(ws.evidence(None).unwrap().len(), 1);
    assert!(ws.check().unwrap().is_empty());
    drop(ws);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn a_newer_workspace_is_refused_untouched() {
    let (dir, path) = common::temp_with("newer.lero");
    drop(Workspace::open(&path).unwrap());
    pragma(&path, "journal_mode", "DELETE");
    pragma(&path, "user_version", LATEST_VERSION + 7);
    let before = std::fs::read(&path).unwrap();
    let e = refused_untouched(dir.path(), &path, &before);
    assert!(matches!(e, WorkspaceError::Store(StoreError::Newer { .. })), "{e:?}");
    assert!(e.to_string().contains("newer version of LERO Evidence"), "{e}");
}

#[test]
fn a_damaged_workspace_is_refused_untouched() {
    let (dir, path) = common::temp_with("damaged.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        ws.set_organisation(&Organisation { name: "Damaged".into(), ..Organisation::default() }).unwrap();
    }
    pragma(&path, "journal_mode", "DELETE");
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    // Scribble over the second page (a b-tree page), as a failing disk might.
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = refused_untouched(dir.path(), &path, &bytes);
    assert!(matches!(e, WorkspaceError::Store(StoreError::Damaged { .. })), "{e:?}");
    assert!(e.to_string().contains("damaged"), "{e}");
}

#[test]
fn foreign_files_are_refused_untouched() {
    let dir = common::temp();
    let text = common::write(dir.path(), "notes.txt", "These are my meeting notes, not a workspace.".as_bytes());
    let other = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');").unwrap();
    }
    let tiny = common::write(dir.path(), "tiny.lero", b"SQLite");
    for path in [text, other, tiny] {
        let before = std::fs::read(&path).unwrap();
        let e = refused_untouched(dir.path(), &path, &before);
        assert!(matches!(e, WorkspaceError::Store(StoreError::NotAWorkspace(_))), "{}: {e:?}", path.display());
        assert!(e.to_string().contains("not a LERO Evidence workspace"));
    }
    let e = refused(dir.path());
    assert!(e.to_string().contains("not a LERO Evidence workspace"));
}

#[test]
fn an_empty_file_becomes_a_new_workspace() {
    let dir = common::temp();
    let path = common::write(dir.path(), "empty.lero", b"");
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.sets().unwrap().len(), 3);
}

#[test]
fn a_backup_is_a_whole_workspace_and_never_overwrites_a_workspace() {
    let (dir, path) = common::temp_with("ws.lero");
    let ws = Workspace::open(&path).unwrap();
    ws.set_organisation(&Organisation { name: "Backed Up".into(), ..Organisation::default() }).unwrap();
    let out = dir.path().join("copy.lero");
    ws.backup(&out).unwrap();
    let first = std::fs::read(&out).unwrap();
    let e = ws.backup(&out).unwrap_err();
    assert!(e.to_string().contains("There is a LERO Evidence workspace in this file"), "{e}");
    assert_eq!(std::fs::read(&out).unwrap(), first, "the earlier backup is byte-for-byte the same");
    let copy = Workspace::open(&out).unwrap();
    assert_eq!(copy.organisation().unwrap().unwrap().name, "Backed Up");
}

#[test]
fn evidence_files_are_kept_with_their_sha256_and_checked() {
    let (dir, path) = common::temp_with("ws.lero");
    let mut ws = Workspace::open(&path).unwrap();
    let file = common::write(dir.path(), "minutes.txt", b"Minutes of the members' meeting");
    let key = chime(&ws, "C1");
    let details = lero_evidence::store::NewEvidence {
        title: "Minutes".into(),
        date: Some("2024-05-01".into()),
        ..Default::default()
    };
    ws.add_evidence(&key, &details, Some(&file)).unwrap();
    let items = ws.evidence(Some(&key)).unwrap();
    let stored = items[0].file.clone().unwrap();
    assert_eq!(stored.sha256, lero_evidence::store::sha256_hex(b"Minutes of the members' meeting"));
    assert_eq!(stored.sha256.len(), 64);
    assert_eq!(ws.evidence_file(stored.id).unwrap(), b"Minutes of the members' meeting");
    assert!(ws.check().unwrap().is_empty());
    drop(ws);
    // Change the stored bytes behind the app's back: the check must notice.
    common::sql(&path, "UPDATE stored_file SET content = x'00'", []);
    let ws = Workspace::open(&path).unwrap();
    let problems = ws.check().unwrap();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].0.contains("no longer matches"));
}

#[test]
fn an_empty_assessment_is_not_counted_as_a_stage() {
    let dir = common::temp();
    let ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    let key = chime(&ws, "C2");
    ws.save_assessment(&key, &Assessment { well: "Mentors".into(), ..Assessment::default() }).unwrap();
    let d = ws.dashboard().unwrap();
    let connectedness = d.sections.iter().find(|s| s.section == "Connectedness").unwrap();
    assert_eq!(connectedness.counts.unassessed, 4);
}

/// Writes `tests/fixtures/workspace-v1.lero`: a workspace of the first schema with some work
/// in it. Run by hand only when the fixture must be remade: `cargo test -- --ignored make_fixture`.
#[test]
#[ignore = "writes the committed fixture"]
fn make_fixture() {
    let _ = std::fs::remove_file(FIXTURE_V1);
    let mut store = Store::open_at_version(Path::new(FIXTURE_V1), 1).unwrap();
    for set in lero_evidence::domain::builtin::builtin_sets().unwrap() {
        store.insert_set(&set, true).unwrap();
    }
    store
        .set_organisation(&Organisation {
            name: "Fixture Recovery Café".into(),
            email: "hi@example.org".into(),
            area: "Leeds".into(),
            formal: true,
        })
        .unwrap();
    store.add_person("Zoë Adebayo", "Director", true).unwrap();
    store.add_person("Dafydd Evans", "Treasurer", false).unwrap();
    let key = StatementKey::new("clero-chime", "2021-22", "H1");
    store
        .put_assessment(
            &key,
            &Assessment {
                stage: Some(Stage::Developing),
                rung: Some(4),
                well: "Stories".into(),
                ..Assessment::default()
            },
        )
        .unwrap();
    let details = lero_evidence::store::NewEvidence { title: "Story night poster".into(), ..Default::default() };
    store.add_evidence(&key, &details, Some(("poster.txt", b"Story night, Fridays"))).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(FIXTURE_V1).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
}

/// Writes `tests/fixtures/logo.png` (the demo logo) for scripts that need a logo file:
/// `cargo test --test store -- --ignored make_logo_fixture`.
#[test]
#[ignore = "writes a committed fixture"]
fn make_logo_fixture() {
    std::fs::write("tests/fixtures/logo.png", lero_evidence::workspace::demo_logo_png()).unwrap();
}
