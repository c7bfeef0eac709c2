//! The headless interface, run as a real process: commands, exit codes, JSON keys, and one
//! clear sentence on stderr for every bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok, run};

use std::path::Path;

/// Runs a command that must fail, and returns its one-sentence complaint.
fn refused(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail with exit code 1");
    assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("panicked"));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "one sentence expected, got: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("valid JSON")
}

#[test]
fn standards_list_json_has_the_contract_keys() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    let sets = json(&ok(&db, &["standards", "list", "--json"]));
    let sets = sets.as_array().unwrap();
    assert_eq!(sets.len(), 3);
    for set in sets {
        for key in ["id", "version", "title", "publisher", "status", "statements"] {
            assert!(set.get(key).is_some(), "set without {key}");
        }
        for s in set["statements"].as_array().unwrap() {
            for key in ["ref", "code", "section", "title", "text", "applies_to"] {
                assert!(s.get(key).is_some(), "statement without {key}");
            }
        }
    }
    let chime = sets.iter().find(|s| s["id"] == "clero-chime").unwrap();
    assert_eq!(chime["statements"][0]["ref"], "clero-chime/C1");
    assert_eq!(chime["statements"].as_array().unwrap().len(), 20);
    let human = ok(&db, &["standards", "list"]);
    assert!(human.contains("clero-chime/C1"));
}

#[test]
fn profile_people_assessment_and_evidence_round_trip() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    let logo = common::write(dir.path(), "logo.png", &common::png(64, 32));
    ok(
        &db,
        &[
            "org",
            "set",
            "--name",
            "Brighter Days",
            "--logo",
            logo.to_str().unwrap(),
            "--email",
            "hi@example.org",
            "--area",
            "Wirral",
            "--informal",
        ],
    );
    let id = ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Director", "--lived-experience"]);
    assert_eq!(last_line(&id), "1");
    let id = ok(&db, &["person", "add", "Łukasz Nowak", "--role", "Volunteer coordinator"]);
    assert_eq!(last_line(&id), "2");
    let people = json(&ok(&db, &["person", "list", "--json"]));
    let zoe = people.as_array().unwrap().iter().find(|p| p["name"] == "Zoë Adebayo").unwrap();
    assert_eq!(zoe["lived_experience"], true);
    assert_eq!(zoe["role"], "Director");

    let out =
        ok(&db, &["assess", "clero-chime/C1", "--stage", "developing", "--rung", "5", "--note", "Four groups a week"]);
    assert_eq!(last_line(&out), "clero-chime@2021-22/C1");
    ok(&db, &["assess", "clero-chime/E2", "--stage", "n/a", "--note", "We do not run a residential service"]);
    ok(&db, &["assess", "phe-involvement/R7", "--stage", "embedded"]);
    let list = json(&ok(&db, &["assess", "list", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let c1 = list.iter().find(|a| a["ref"] == "clero-chime/C1").unwrap();
    assert_eq!(
        (c1["stage"].as_str(), c1["rung"].as_i64(), c1["note"].as_str()),
        (Some("developing"), Some(5), Some("Four groups a week"))
    );
    let e2 = list.iter().find(|a| a["ref"] == "clero-chime/E2").unwrap();
    assert_eq!(e2["stage"], "n/a");
    assert_eq!(e2["note"], "We do not run a residential service");
    assert!(list.iter().any(|a| a["ref"] == "phe-involvement/R7" && a["rung"].is_null()));

    let file = common::write(dir.path(), "timetable.txt", b"Mon: peer group");
    let out = ok(
        &db,
        &[
            "evidence",
            "add",
            "clero-chime/C1",
            "--title",
            "Group timetable",
            "--file",
            file.to_str().unwrap(),
            "--date",
            "2024-09-02",
        ],
    );
    assert_eq!(last_line(&out), "1");
    let ev = json(&ok(&db, &["evidence", "list", "--json"]));
    assert_eq!(ev[0]["file"]["name"], "timetable.txt");
    assert_eq!(ev[0]["file"]["sha256"].as_str().unwrap().len(), 64);

    assert!(ok(&db, &["check"]).contains("healthy"));
    let backup = dir.path().join("backup.lero");
    let out = ok(&db, &["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(last_line(&out), backup.to_str().unwrap());
    let copied = json(&ok(&backup, &["assess", "list", "--json"]));
    assert_eq!(copied.as_array().unwrap().len(), 3);
}

#[test]
fn bad_input_gets_one_sentence_and_changes_nothing() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    let before = ok(&db, &["assess", "list", "--json"]);

    let e = refused(&db, &["assess", "clero-chime/Z9", "--stage", "developing"]);
    assert!(e.contains("no statement “Z9”"), "{e}");
    let e = refused(&db, &["assess", "nobody/C1", "--stage", "developing"]);
    assert!(e.contains("no standard set called “nobody”"), "{e}");
    let e = refused(&db, &["assess", "C1", "--stage", "developing"]);
    assert!(e.contains("not a statement reference"), "{e}");
    let e = refused(&db, &["assess", "clero-chime/C1", "--stage", "sometimes"]);
    assert!(e.contains("not a stage"), "{e}");
    let e = refused(&db, &["assess", "clero-chime/C1", "--stage", "starting", "--rung", "9"]);
    assert!(e.contains("between 1 and 7"), "{e}");
    let e = refused(&db, &["assess", "clero-chime/C1", "--stage", "n/a"]);
    assert!(e.contains("Say why"), "{e}");
    let e = refused(&db, &["evidence", "add", "clero-chime/C1", "--title", "Minutes", "--date", "03/31/2024"]);
    assert!(e.contains("not a real date: there is no month 31"), "{e}");
    let e = refused(&db, &["evidence", "add", "clero-chime/C1", "--title", "Minutes", "--file", "/no/such/file.pdf"]);
    assert!(e.contains("no file at this path"), "{e}");
    let e = refused(&db, &["person", "add", "  ", "--role", "Mentor"]);
    assert!(e.contains("needs a name"), "{e}");
    assert_eq!(ok(&db, &["assess", "list", "--json"]), before);

    let not_image = common::write(dir.path(), "logo.png", b"this is not a picture");
    let e = refused(&db, &["org", "set", "--name", "Renamed", "--logo", not_image.to_str().unwrap()]);
    assert!(e.contains("not a PNG or JPEG"), "{e}");
    let names = json(&ok(&db, &["standards", "list", "--json"]));
    assert_eq!(names.as_array().unwrap().len(), 3);
    // The name was not changed either: a refused command changes nothing.
    let out = ok(&db, &["org", "set", "--area", "Leeds"]);
    assert!(out.contains("Brighter Days"), "{out}");

    let broken = common::write(dir.path(), "broken.toml", b"id = \"x\"\nversion = [");
    let e = refused(&db, &["standards", "import", broken.to_str().unwrap()]);
    assert!(e.contains("broken.toml"), "{e}");

    let damaged = common::write(dir.path(), "damaged.lero", b"SQLite format 3\0 and then rubbish that is not a database at all, long enough to look like one if you squint at it");
    let before = std::fs::read(&damaged).unwrap();
    let e = refused(&damaged, &["check"]);
    assert!(e.contains("untouched"), "{e}");
    assert_eq!(std::fs::read(&damaged).unwrap(), before);
}

#[test]
fn usage_errors_exit_two() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    let out = run(&db, &["assess", "clero-chime/C1", "--stage"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&db, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

const PASTED_2024: &str = "National LERO Standards 2024

Section 1: Culture and values
1. The LERO is led by people with lived experience of
recovery, who hold most places on its board.
2. The LERO welcomes everyone – whatever their pathway – and
says so in “plain words”.

Section 2: Support offer
3. The LERO offers peer support every week.
4) Members shape what is on offer (formal)

Page 2 of 3

Section 4 – Operations and management
5. The LERO keeps its policies under review with members.
";

#[test]
fn pasted_standards_import_and_new_versions_carry_work_over() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    let v1 = common::write(dir.path(), "national.txt", PASTED_2024.as_bytes());
    let out = ok(&db, &["standards", "import", v1.to_str().unwrap(), "--id", "national", "--publisher", "CLERO"]);
    assert_eq!(last_line(&out), "national@2024");
    let sets = json(&ok(&db, &["standards", "list", "--json"]));
    let national = sets.as_array().unwrap().iter().find(|s| s["id"] == "national").unwrap().clone();
    assert_eq!(national["statements"].as_array().unwrap().len(), 5);
    assert_eq!(
        national["statements"][1]["text"],
        "The LERO welcomes everyone – whatever their pathway – and says so in “plain words”."
    );
    assert_eq!(national["statements"][3]["applies_to"], "formal");
    assert_eq!(national["statements"][4]["section"], "Operations and management");
    assert!(national["status"].as_str().unwrap().contains("pasted"));

    ok(&db, &["assess", "national/1", "--stage", "embedded"]);
    ok(&db, &["assess", "national/3", "--stage", "developing"]);

    // Importing the same text again changes nothing.
    let out = ok(&db, &["standards", "import", v1.to_str().unwrap(), "--id", "national", "--publisher", "CLERO"]);
    assert!(out.contains("already in this workspace"), "{out}");

    // The same version with other words is refused: work pinned to it must keep its meaning.
    let changed = PASTED_2024.replace("every week", "every day");
    let v1b = common::write(dir.path(), "national-b.txt", changed.as_bytes());
    let e = refused(&db, &["standards", "import", v1b.to_str().unwrap(), "--id", "national", "--publisher", "CLERO"]);
    assert!(e.contains("new version number"), "{e}");

    // Version 2025: statement 3 changed, the rest the same.
    let v2 = common::write(dir.path(), "national-2025.txt", changed.replace("2024", "2025").as_bytes());
    let out = ok(
        &db,
        &["standards", "import", v2.to_str().unwrap(), "--id", "national", "--publisher", "CLERO", "--carry-over"],
    );
    assert!(out.contains("4 unchanged, 1 changed"), "{out}");
    assert!(out.contains("Carried 1 self-assessments"), "{out}");
    assert_eq!(last_line(&out), "national@2025");
    let list = json(&ok(&db, &["assess", "list", "--json"]));
    let list = list.as_array().unwrap();
    // The old work stays pinned to 2024; statement 1 was carried over, statement 3 was not.
    assert_eq!(list.iter().filter(|a| a["version"] == "2024").count(), 2);
    let new: Vec<_> = list.iter().filter(|a| a["version"] == "2025").collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["ref"], "national/1");
    assert_eq!(new[0]["carried_from"], "2024");
    // A plain reference now means the newest version; the old one stays reachable.
    let out = ok(&db, &["assess", "national/3", "--stage", "starting"]);
    assert_eq!(last_line(&out), "national@2025/3");
    let out = ok(&db, &["assess", "national@2024/3", "--stage", "embedded"]);
    assert_eq!(last_line(&out), "national@2024/3");
}

#[test]
fn a_toml_set_imports_and_a_bad_one_names_the_statement() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    let good = "id = \"local\"\nversion = \"1\"\ntitle = \"Local standards\"\npublisher = \"Us\"\nstatus = \"Our own wording.\"\n\n[[sections]]\ntitle = \"One\"\n\n[[sections.statements]]\ncode = \"L1\"\ntitle = \"Welcome\"\ntext = \"Everyone is welcomed by a peer.\"\n";
    let file = common::write(dir.path(), "local.toml", good.as_bytes());
    assert_eq!(last_line(&ok(&db, &["standards", "import", file.to_str().unwrap()])), "local@1");
    let bad =
        good.replace("version = \"1\"", "version = \"2\"").replace("applies_to", "x") + "applies_to = \"sometimes\"\n";
    let file = common::write(dir.path(), "bad.toml", bad.as_bytes());
    let e = refused(&db, &["standards", "import", file.to_str().unwrap()]);
    assert!(e.contains("bad.toml") && e.contains("L1"), "{e}");
}

#[test]
fn the_demo_workspace_is_ready_and_thrown_away() {
    let dir = common::temp();
    let db = dir.path().join("unused.lero");
    let list = json(&ok(&db, &["--demo", "assess", "list", "--json"]));
    assert!(list.as_array().unwrap().len() >= 5);
    assert!(!db.exists(), "--demo must not touch the --db file");
}

#[test]
fn account_check_finds_misspelt_words_and_the_word_list_quietens_local_names() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days Recovery Community"]);
    ok(&db, &["person", "add", "Siobhán Ní Bhriain", "--role", "Peer mentor", "--lived-experience"]);
    let text = "Brighter Days members recieve a welcome.\nOur Dridays are seperate from the programme, and definately run by Siobhán’s team: colour, organisation.";
    let body = common::write(dir.path(), "body.txt", text.as_bytes());
    let id =
        last_line(&ok(&db, &["account", "new", "clero-chime/C1", "--body-file", body.to_str().unwrap()])).to_owned();

    let check = json(&ok(&db, &["account", "check", &id, "--json"]));
    let found: Vec<(&str, u64)> = check["misspellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["word"].as_str().unwrap(), m["start"].as_u64().unwrap()))
        .collect();
    let start = |w: &str| text[..text.find(w).unwrap()].chars().count() as u64;
    assert_eq!(
        found,
        [
            ("recieve", start("recieve")),
            ("Dridays", start("Dridays")),
            ("seperate", start("seperate")),
            ("definately", start("definately"))
        ]
    );
    let suggestions = |i: usize| check["misspellings"][i]["suggestions"][0].as_str().unwrap().to_owned();
    assert_eq!(
        (suggestions(0), suggestions(2), suggestions(3)),
        ("receive".into(), "separate".into(), "definitely".into())
    );
    assert_eq!(check["misspellings"][1]["line"], 2);
    assert_eq!(check["words"], 21);
    assert!(check["page_use"].as_u64().unwrap() < 20);
    assert!(check["reading_ease"].as_f64().is_some());

    let text_out = ok(&db, &["account", "check", &id]);
    assert!(text_out.contains("line 1, column 23: recieve (did you mean receive"), "{text_out}");
    assert!(text_out.contains("words add WORD"), "{text_out}");

    // A word that is not one word is refused, and nothing is added.
    let e = refused(&db, &["words", "add", "Dridays", "two words"]);
    assert!(e.contains("more than one word") && e.contains("Nothing was added"), "{e}");
    assert_eq!(ok(&db, &["words", "list"]), "");

    ok(&db, &["words", "add", "Dridays"]);
    assert_eq!(ok(&db, &["words", "list"]), "Dridays\n");
    let check = json(&ok(&db, &["account", "check", &id, "--json"]));
    let words: Vec<&str> =
        check["misspellings"].as_array().unwrap().iter().map(|m| m["word"].as_str().unwrap()).collect();
    assert_eq!(words, ["recieve", "seperate", "definately"]);

    // One spelling of a word is kept, whatever its case; removing ignores case too.
    assert!(ok(&db, &["words", "add", "DRIDAYS"]).contains("Added 0 words to the word list (1 already there)"));
    assert_eq!(ok(&db, &["words", "list"]), "Dridays\n");
    ok(&db, &["words", "remove", "dridays"]);
    assert_eq!(ok(&db, &["words", "list"]), "");
    let e = refused(&db, &["words", "remove", "Dridays"]);
    assert!(e.contains("not on the word list"), "{e}");
}

#[test]
fn files_are_read_by_their_limit_and_special_files_are_refused_at_once() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    ok(&db, &["org", "set", "--name", "Dear Albert"]);
    ok(&db, &["report", "new", "Report"]);
    // A device that never ends and a named pipe nobody writes to: refused before reading.
    let fifo = dir.path().join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for special in [Path::new("/dev/zero"), fifo.as_path()] {
        let s = special.to_str().unwrap();
        for args in [
            vec!["account", "new", "clero-chime/C1", "--body-file", s],
            vec!["org", "set", "--logo", s],
            vec!["standards", "import", s],
            vec!["evidence", "add", "clero-chime/C1", "--title", "Minutes", "--file", s],
            vec!["report", "add", s],
        ] {
            let e = String::from_utf8_lossy(&run(&db, &args).stderr).into_owned();
            assert!(e.contains("is not an ordinary file"), "{args:?}: {e}");
        }
    }
    // Over the limit, in words a person reads: never "0 MB".
    let big = common::write(dir.path(), "big.txt", &vec![b'a'; 300 * 1024]);
    let e = refused(&db, &["account", "new", "clero-chime/C1", "--body-file", big.to_str().unwrap()]);
    assert!(e.contains("This text file is 300 KB, more than the 200 KB allowed"), "{e}");
    // A folder, said once.
    let e = refused(&db, &["account", "new", "clero-chime/C1", "--body-file", dir.path().to_str().unwrap()]);
    assert!(e.contains("choose the text file inside it") && !e.contains("file file"), "{e}");
    // A folder named with a slash at the end is no file name for a backup.
    let folder = format!("{}/", dir.path().join("not-there").display());
    let e = refused(&db, &["backup", "--out", &folder]);
    assert!(e.contains("This names a folder"), "{e}");
    assert!(!dir.path().join("not-there").exists());
    assert!(common::listing(dir.path()).iter().all(|n| !n.contains(".tmp")));
}

#[test]
fn what_is_accepted_can_always_be_sent() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    let long = "a".repeat(5000);
    for (args, says) in [
        (
            vec!["org", "set", "--name", "Dear Albert", "--email", &format!("{long}@example.org")],
            "email address is longer",
        ),
        (vec!["org", "set", "--name", "Dear Albert", "--area", &long], "area is longer"),
        (vec!["person", "add", "Dave Jones", "--role", &long], "role is longer"),
        (vec!["report", "new", "Report", "--year", &long], "year is longer"),
    ] {
        let e = refused(&db, &args);
        assert!(e.contains(says), "{e}");
    }
    // Every field at its longest is accepted, and the page still goes to the college.
    let name = "N".repeat(lero_evidence::domain::limits::ORGANISATION_NAME);
    let area = "A".repeat(lero_evidence::domain::limits::AREA);
    let email = format!("{}@example.org", "e".repeat(lero_evidence::domain::limits::EMAIL - 12));
    ok(&db, &["org", "set", "--name", &name, "--area", &area, "--email", &email]);
    let person = "P".repeat(lero_evidence::domain::limits::PERSON_NAME);
    let role = "R".repeat(lero_evidence::domain::limits::ROLE);
    ok(&db, &["person", "add", &person, "--role", &role, "--lived-experience"]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", &role]);
    let body = common::write(dir.path(), "body.txt", b"We meet on Fridays.");
    let title = "T".repeat(lero_evidence::domain::limits::TITLE);
    let id = last_line(&ok(
        &db,
        &["account", "new", "clero-chime/C1", "--body-file", body.to_str().unwrap(), "--title", &title],
    ))
    .to_owned();
    let note = "n".repeat(lero_evidence::domain::limits::NOTE);
    ok(&db, &["signoff", &id, "--person", &person, "--note", &note]);
    ok(&db, &["signoff", &id, "--person", "Dafydd Evans"]);
    let bundle = dir.path().join("page.lero-bundle");
    ok(&db, &["export", "bundle", &id, "--out", bundle.to_str().unwrap()]);
    let year = "2".repeat(lero_evidence::domain::limits::YEAR);
    let clero = dir.path().join("clero.lero");
    ok(&clero, &["report", "new", &"R".repeat(lero_evidence::domain::limits::TITLE), "--year", &year]);
    ok(&clero, &["report", "add", bundle.to_str().unwrap()]);
    let pack = dir.path().join("pack");
    ok(&clero, &["report", "pack", "--out", pack.to_str().unwrap()]);
    let receipt = dir.path().join("r.lero-receipt");
    let manifest = pack.join("report.lero-manifest");
    ok(
        &db,
        &[
            "report",
            "receipt",
            manifest.to_str().unwrap(),
            "--person",
            "Dafydd Evans",
            "--out",
            receipt.to_str().unwrap(),
        ],
    );
    ok(&clero, &["report", "record", receipt.to_str().unwrap()]);
}
