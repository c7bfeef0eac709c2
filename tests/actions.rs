//! Actions and evidence items: the workspace refuses to change or remove one that is not
//! there, rather than saying nothing, and refuses an action for a statement it does not hold.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use lero_evidence::domain::assessment::ActionStatus;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::store::NewEvidence;
use lero_evidence::workspace::Workspace;

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
