//! Actions headless: added, changed field by field and listed as JSON through the binary;
//! nonsense refused with one sentence and nothing stored; and the workspace refusing to
//! change or remove an action or an evidence item that is not there, rather than saying
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok, run};
use lero_evidence::domain::assessment::ActionStatus;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::store::NewEvidence;
use lero_evidence::workspace::Workspace;
use serde_json::json;
use std::path::{Path, PathBuf};

fn workspace(dir: &Path) -> PathBuf {
    let db = dir.join("ws.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    db
}

/// Every stored row of the action table, exactly.
fn stored(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT * FROM action ORDER BY id").unwrap();
    let columns = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            let cells: Vec<String> =
                (0..columns).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            Ok(cells.join("|"))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn list(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["action", "list", "--json"])).unwrap()
}

/// Runs a command that must be refused: exit code 1, one sentence on stderr, nothing on
/// stdout and the actions as they were. Returns the sentence.
fn refused(db: &Path, args: &[&str]) -> String {
    let before = stored(db);
    let out = run(db, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should be refused");
    assert!(out.stdout.is_empty(), "{args:?} printed {}", String::from_utf8_lossy(&out.stdout));
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(said.lines().count(), 1, "one sentence: {said}");
    assert_eq!(stored(db), before, "{args:?} changed the stored actions");
    said.trim().trim_start_matches("lero-evidence: ").to_owned()
}

#[test]
fn an_action_is_added_changed_field_by_field_and_listed() {
    let dir = common::temp();
    let db = workspace(dir.path());
    assert_eq!(list(&db), json!([]));

    let said = ok(
        &db,
        &["action", "add", "clero-chime/C1", "--what", "Ring the council", "--who", "Zoë", "--by", "31/03/2099"],
    );
    assert_eq!(said, "Added action 1 to clero-chime/C1: “Ring the council”, Zoë, by 31/03/2099, not started.\n1\n");
    let second = ok(&db, &["action", "add", "clero-chime/H1", "--what", "  Ask members   about the leaflet "]);
    assert_eq!(last_line(&second), "2");

    let listed = list(&db);
    let version = listed[0]["version"].as_str().unwrap().to_owned();
    assert_eq!(
        listed,
        json!([
            {"id": 1, "ref": "clero-chime/C1", "version": version, "what": "Ring the council", "who": "Zoë",
             "by": "2099-03-31", "status": "open", "overdue": false},
            {"id": 2, "ref": "clero-chime/H1", "version": version, "what": "Ask members about the leaflet", "who": "",
             "by": null, "status": "open", "overdue": false},
        ])
    );

    // Only what is given changes.
    let said = ok(&db, &["action", "update", "1", "--status", "doing"]);
    assert_eq!(said, "Saved action 1 for clero-chime/C1: “Ring the council”, Zoë, by 31/03/2099, in progress.\n1\n");
    ok(&db, &["action", "update", "2", "--who", "Sam", "--by", "2020-01-15"]);
    let listed = list(&db);
    assert_eq!((&listed[0]["id"], &listed[0]["status"], &listed[0]["who"]), (&json!(2), &json!("open"), &json!("Sam")));
    assert_eq!((&listed[0]["by"], &listed[0]["overdue"]), (&json!("2020-01-15"), &json!(true)), "{listed}");
    assert_eq!(listed[1]["status"], "doing");
    assert_eq!(listed[1]["what"], "Ring the council");

    // `--by ""` takes the date away; done actions come last and are never overdue.
    ok(&db, &["action", "update", "2", "--by", "", "--status", "done", "--what", "Asked members"]);
    let listed = list(&db);
    assert_eq!(
        (&listed[1]["id"], &listed[1]["by"], &listed[1]["status"], &listed[1]["what"], &listed[1]["overdue"]),
        (&json!(2), &json!(null), &json!("done"), &json!("Asked members"), &json!(false))
    );
    assert_eq!(listed[1]["who"], "Sam", "a field not given is kept");

    let lines = ok(&db, &["action", "list"]);
    assert_eq!(lines.lines().count(), 2, "{lines}");
    assert!(lines.starts_with("1\tclero-chime/C1\t2099-03-31\tdoing\tZoë\tRing the council\n"), "{lines}");
}

#[test]
fn nonsense_is_refused_with_one_sentence_and_nothing_stored() {
    let dir = common::temp();
    let db = workspace(dir.path());
    ok(&db, &["action", "add", "clero-chime/C1", "--what", "Ring the council", "--by", "2026-03-31"]);

    let add = |extra: &[&str]| {
        let mut args = vec!["action", "add", "clero-chime/C1"];
        args.extend_from_slice(extra);
        args.iter().map(|a| (*a).to_owned()).collect::<Vec<String>>()
    };
    let refused_add = |extra: &[&str]| {
        let args = add(extra);
        refused(&db, &args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    for empty in ["", "   "] {
        assert_eq!(
            refused_add(&["--what", empty]),
            "Say what the action is, like “Ask members to review the welcome leaflet”."
        );
    }
    assert_eq!(
        refused_add(&["--what", "Ring", "--by", "30/02/2026"]),
        "“30/02/2026” is not a real date: February 2026 has no day 30."
    );
    assert_eq!(
        refused_add(&["--what", "Ring", "--by", "2026-13-01"]),
        "“2026-13-01” is not a real date: there is no month 13. Write the day first, then the month."
    );
    assert_eq!(
        refused_add(&["--what", "Ring", "--by", "next Friday"]),
        "“next Friday” is not a date: write it as day/month/year, like 31/03/2024."
    );
    assert_eq!(
        refused(&db, &["action", "add", "clero-chime/Z9", "--what", "Ring"]),
        "There is no statement “Z9” in clero-chime version 2021-22: run `standards list` to see the codes."
    );
    assert!(refused(&db, &["action", "add", "nowhere/C1", "--what", "Ring"]).starts_with("There is no standard set"));

    // Updates: an action that is not there, a status that is not one, and bad fields.
    assert_eq!(
        refused(&db, &["action", "update", "99", "--status", "done"]),
        "There is no action 99: it may have been removed. Run `action list` to see the actions and their ids."
    );
    assert_eq!(
        refused(&db, &["action", "update", "1", "--status", "closed"]),
        "“closed” is not a status of an action: use open, doing or done."
    );
    assert_eq!(refused(&db, &["action", "update", "1", "--what", " "]), "Say what the action is.");
    assert_eq!(
        refused(&db, &["action", "update", "1", "--by", "31/04/2026", "--status", "done"]),
        "“31/04/2026” is not a real date: April 2026 has no day 31."
    );
    assert_eq!(list(&db)[0]["status"], "open");
}

fn chime(ws: &Workspace, code: &str) -> StatementKey {
    StatementKey::new("clero-chime", &ws.newest_version("clero-chime").unwrap().unwrap(), code)
}

#[test]
fn changing_or_removing_what_is_not_there_is_refused_not_silently_done() {
    let dir = common::temp();
    let mut ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    let key = chime(&ws, "C1");
    let id = ws.add_action(&key, "Ring the council", "Sam", None).unwrap();
    let mut gone = ws.action(id).unwrap();
    gone.id = id + 41;
    gone.status = ActionStatus::Done;

    let said = ws.update_action(&gone).unwrap_err().to_string();
    assert!(said.starts_with(&format!("There is no action {}:", id + 41)), "{said}");
    assert!(said.contains("`action list`"), "{said}");
    assert!(ws.remove_action(id + 41).unwrap_err().to_string().starts_with("There is no action"));
    assert!(ws.action(id + 41).unwrap_err().to_string().starts_with("There is no action"));
    assert_eq!(ws.actions(None).unwrap().len(), 1);
    assert_eq!(ws.action(id).unwrap().status, ActionStatus::Open, "the action there was left alone");
    ws.remove_action(id).unwrap();
    assert!(ws.remove_action(id).unwrap_err().to_string().starts_with(&format!("There is no action {id}:")));

    let details = NewEvidence { title: "Minutes".into(), ..NewEvidence::default() };
    let evidence = ws.add_evidence(&key, &details, None).unwrap();
    let said = ws.update_evidence(evidence + 1, &details).unwrap_err().to_string();
    assert!(said.starts_with(&format!("There is no evidence item {}:", evidence + 1)), "{said}");
    assert!(said.contains("`evidence list`"), "{said}");
    let said = ws.remove_evidence(evidence + 1).unwrap_err().to_string();
    assert!(said.starts_with(&format!("There is no evidence item {}:", evidence + 1)), "{said}");
    assert_eq!(ws.evidence(None).unwrap().len(), 1, "the item there was left alone");

    // A statement not in the workspace is refused by the workspace itself, in words.
    let nowhere = StatementKey::new("clero-chime", "1999", "C1");
    let said = ws.add_action(&nowhere, "Ring the council", "", None).unwrap_err().to_string();
    assert_eq!(said, "There is no statement clero-chime@1999/C1 in this workspace.");
}

#[test]
fn a_person_or_an_account_that_is_not_there_is_said_so_and_an_edit_is_not_silently_lost() {
    let dir = common::temp();
    let ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    let id = ws.add_person("Dafydd Evans", "Director", false).unwrap();
    let mut person = ws.people().unwrap().into_iter().find(|p| p.id == id).unwrap();
    // Removed behind the back of the window that is editing them.
    ws.remove_person(id).unwrap();
    person.role = "Chair of trustees".into();
    let said = ws.update_person(&person).unwrap_err().to_string();
    assert!(said.starts_with(&format!("There is no person {id} any more")), "{said}");
    let said = ws.remove_person(id).unwrap_err().to_string();
    assert!(said.starts_with(&format!("There is no person {id} any more")), "{said}");

    let key = chime(&ws, "C1");
    let account = ws.new_account(&key, "Friday nights", "Every Friday.").unwrap();
    ws.remove_account(account).unwrap();
    let said = ws.remove_account(account).unwrap_err().to_string();
    assert!(said.starts_with(&format!("There is no account {account} any more")), "{said}");
    assert!(said.contains("`account list`"), "{said}");
}
