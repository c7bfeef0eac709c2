//! Commands run in-process, their output written into a `Vec<u8>`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

use super::{Cli, CliError};
use crate::workspace::Workspace;
use clap::Parser;

/// A fresh workspace in a folder of its own.
fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&dir.path().join("ws.lero")).unwrap();
    (dir, ws)
}

/// Runs one command line on `ws`, returning what it printed, or why it stopped.
fn run(ws: &mut Workspace, args: &[&str]) -> Result<String, CliError> {
    let cli = Cli::try_parse_from(std::iter::once("lero-evidence").chain(args.iter().copied())).unwrap();
    let mut out = Vec::new();
    cli.command.expect("a command").run(ws, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn ok(ws: &mut Workspace, args: &[&str]) -> String {
    run(ws, args).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn refused(ws: &mut Workspace, args: &[&str]) -> String {
    run(ws, args).expect_err("refused").to_string()
}

#[test]
fn org_set_merges_the_profile_and_people_list_prints_the_contract_json() {
    let (_dir, mut ws) = workspace();
    assert_eq!(
        refused(&mut ws, &["org", "set", "--area", "Wirral"]),
        "Give the organisation's name first: org set --name \"Your LERO\"."
    );
    assert_eq!(ok(&mut ws, &["org", "set", "--name", "Brighter Days"]), "Saved Brighter Days (formal structure).\n");
    assert_eq!(
        ok(&mut ws, &["org", "set", "--informal", "--area", "Wirral"]),
        "Saved Brighter Days (no formal structure).\n"
    );
    let org = ws.organisation().unwrap().unwrap();
    assert_eq!((org.name.as_str(), org.area.as_str(), org.formal), ("Brighter Days", "Wirral", false));

    assert_eq!(
        ok(&mut ws, &["person", "add", "Zoë Adebayo", "--role", "Director", "--lived-experience"]),
        "Added Zoë Adebayo (Director, lived experience).\n1\n"
    );
    let printed = ok(&mut ws, &["person", "list", "--json"]);
    let expected = serde_json::json!([{"id": 1, "name": "Zoë Adebayo", "role": "Director", "lived_experience": true}]);
    assert_eq!(printed, format!("{}\n", serde_json::to_string_pretty(&expected).unwrap()));
}

#[test]
fn standards_list_json_keeps_its_keys_in_alphabetical_order() {
    let (_dir, mut ws) = workspace();
    let printed = ok(&mut ws, &["standards", "list", "--json"]);
    let sets: serde_json::Value = serde_json::from_str(&printed).unwrap();
    // Printed as a `serde_json::Value` prints it: keys sorted, two-space indents.
    assert_eq!(printed, format!("{}\n", serde_json::to_string_pretty(&sets).unwrap()));
    let chime = sets.as_array().unwrap().iter().find(|s| s["id"] == "clero-chime").unwrap();
    assert_eq!(chime["newest"], true);
    assert_eq!(chime["statements"][0]["ref"], "clero-chime/C1");
    assert!(printed.trim_start().starts_with("[\n  {\n    \"builtin\": true,"), "{printed}");
}

#[test]
fn an_impossible_rung_is_refused_before_a_missing_reason() {
    let (_dir, mut ws) = workspace();
    let said = refused(&mut ws, &["assess", "clero-chime/C1", "--stage", "n/a", "--rung", "9"]);
    assert_eq!(said, "The involvement rung must be between 1 and 7, not 9.");
    let said = refused(&mut ws, &["assess", "clero-chime/C1", "--stage", "n/a"]);
    assert_eq!(said, "Say why clero-chime/C1 does not apply to you: add --note \"the reason\".");
    let printed = ok(&mut ws, &["assess", "clero-chime/C1", "--stage", "developing", "--rung", "4"]);
    assert!(printed.starts_with("clero-chime/C1 is now “"), "{printed}");
    assert_eq!(ws.assessment(&ws.resolve("clero-chime/C1").unwrap()).unwrap().rung, Some(4));
}

#[test]
fn account_fit_prints_the_page_use_and_says_when_it_does_not_fit() {
    let (dir, mut ws) = workspace();
    ok(&mut ws, &["org", "set", "--name", "Brighter Days"]);
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "We meet on Fridays.").unwrap();
    let long = dir.path().join("long.txt");
    std::fs::write(&long, "We meet every week and talk about what matters. ".repeat(400)).unwrap();
    ok(&mut ws, &["account", "new", "clero-chime/C1", "--body-file", short.to_str().unwrap()]);
    let printed = ok(&mut ws, &["account", "fit", "1"]);
    assert!(printed.ends_with("%\n"), "{printed}");
    ok(&mut ws, &["account", "update", "1", "--body-file", long.to_str().unwrap()]);
    let err = run(&mut ws, &["account", "fit", "1"]).expect_err("too long");
    assert!(matches!(err, CliError::DoesNotFit { id: 1, .. }), "{err:?}");
    assert!(err.to_string().starts_with("Account 1 does not fit on one page: it is "), "{err}");
}
