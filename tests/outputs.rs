//! Nothing a user types as a place to save can destroy work: every command that writes a file
//! refuses the open workspace, its companions, its backups folder and any other workspace,
//! however the path is spelt (links, `..`), writes nothing then, and says why.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{ok, run};
use lero_evidence::store::sha256_hex;
use lero_evidence::workspace::{Target, Workspace};
use std::path::{Path, PathBuf};

fn sha(path: &Path) -> String {
    sha256_hex(&std::fs::read(path).unwrap())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Every way to name a file that must never be written, for the workspace `db`: the
/// workspace itself, its companions, its backups (a new name and an existing backup), a path
/// through `..`, a symbolic link and a hard link to it, and another workspace by any name.
fn forbidden(dir: &Path, db: &Path) -> Vec<(&'static str, PathBuf)> {
    let backups = with_suffix(db, "-backups");
    std::fs::create_dir_all(&backups).unwrap();
    let kept_backup = backups.join("backup-20261101-120000-01-opened.lero");
    if !kept_backup.exists() {
        let elsewhere = dir.join("made-for-the-test.lero");
        ok(db, &["backup", "--out", elsewhere.to_str().unwrap()]);
        std::fs::rename(&elsewhere, &kept_backup).unwrap();
    }
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let symlink = dir.join("link-to-workspace.pdf");
    let hard = dir.join("hard-link.pdf");
    if !symlink.exists() {
        std::os::unix::fs::symlink(db, &symlink).unwrap();
        std::fs::hard_link(db, &hard).unwrap();
    }
    let other = dir.join("other.lero");
    let disguised = dir.join("notes.pdf");
    if !other.exists() {
        ok(&other, &["org", "set", "--name", "Another Place"]);
        ok(&disguised, &["org", "set", "--name", "Disguised Place"]);
    }
    vec![
        ("the workspace", db.to_path_buf()),
        ("its write-ahead log", with_suffix(db, "-wal")),
        ("its shared memory", with_suffix(db, "-shm")),
        ("its journal", with_suffix(db, "-journal")),
        ("its lock", with_suffix(db, "-lock")),
        ("a new file in its backups", backups.join("page.pdf")),
        ("an existing backup", kept_backup),
        ("the workspace through ..", dir.join("sub").join("..").join(db.file_name().unwrap())),
        ("a symbolic link to it", symlink),
        ("a hard link to it", hard),
        ("another workspace", other),
        ("a workspace named like a PDF", disguised),
        ("another workspace's log", dir.join("other.lero-wal")),
    ]
}

/// Runs `args` (with `OUT` replaced by each forbidden path) and checks each is refused with one
/// sentence, and that no file in the folder changed, appeared or went.
fn refuses_every_forbidden_path(dir: &Path, db: &Path, args: &[&str]) {
    for (what, out) in forbidden(dir, db) {
        let before: Vec<(String, String)> = snapshot(dir);
        let args: Vec<&str> = args.iter().map(|a| if *a == "OUT" { out.to_str().unwrap() } else { a }).collect();
        let result = run(db, &args);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{args:?} onto {what} should be refused: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one sentence: {stderr}");
        assert!(stderr.contains("Nothing was written"), "{what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(snapshot(dir), before, "{args:?} onto {what} changed a file");
    }
}

/// Every file under `dir` (not following links) with its SHA-256.
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let kind = e.file_type().unwrap();
            if kind.is_dir() {
                todo.push(e.path());
            } else if kind.is_file() {
                out.push((e.path().display().to_string(), sha(&e.path())));
            } else {
                out.push((e.path().display().to_string(), "link".into()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_lero_cannot_export_over_its_workspace_its_backups_or_another_workspace() {
    let dir = common::temp();
    let (db, _) = common::signed_lero(dir.path(), "DearAlbert", "Dear Albert");
    let account_before = ok(&db, &["account", "list", "--json"]);
    refuses_every_forbidden_path(dir.path(), &db, &["export", "pdf", "1", "--out", "OUT"]);
    refuses_every_forbidden_path(dir.path(), &db, &["export", "pdf", "1", "--draft", "--reading-font", "--out", "OUT"]);
    refuses_every_forbidden_path(dir.path(), &db, &["export", "bundle", "1", "--out", "OUT"]);
    refuses_every_forbidden_path(dir.path(), &db, &["backup", "--out", "OUT"]);
    assert_eq!(ok(&db, &["account", "list", "--json"]), account_before, "the work is all there");
    ok(&db, &["check"]);
}

#[test]
fn a_refused_path_names_what_it_would_have_destroyed() {
    let dir = common::temp();
    let (db, _) = common::signed_lero(dir.path(), "DearAlbert", "Dear Albert");
    let said = |out: &Path| {
        String::from_utf8_lossy(&run(&db, &["export", "pdf", "1", "--out", out.to_str().unwrap()]).stderr).into_owned()
    };
    let forbidden = forbidden(dir.path(), &db);
    let find = |what: &str| forbidden.iter().find(|(w, _)| *w == what).unwrap().1.clone();
    assert!(said(&db).contains("This is your workspace file itself"), "{}", said(&db));
    assert!(said(&find("a symbolic link to it")).contains("your workspace file itself"));
    assert!(said(&find("its write-ahead log")).contains("one of your workspace's own files (DearAlbert.lero-wal"));
    assert!(said(&find("its lock")).contains("(DearAlbert.lero-lock"));
    assert!(said(&find("a new file in its backups")).contains("backups folder (DearAlbert.lero-backups)"));
    assert!(said(&find("a workspace named like a PDF")).contains("There is a LERO Evidence workspace in this file"));
    assert!(said(&find("another workspace's log")).contains("belongs to the LERO Evidence workspace other.lero"));
}

#[test]
fn the_college_cannot_write_its_report_pack_or_a_receipt_over_a_workspace() {
    let dir = common::temp();
    let (lero_db, bundle) = common::signed_lero(dir.path(), "DearAlbert", "Dear Albert");
    let clero = common::college(dir.path(), "How LEROs live the standards", &[&bundle]);
    refuses_every_forbidden_path(dir.path(), &clero, &["report", "export", "--out", "OUT"]);
    refuses_every_forbidden_path(dir.path(), &clero, &["report", "table", "--out", "OUT"]);
    refuses_every_forbidden_path(dir.path(), &clero, &["backup", "--out", "OUT"]);

    // The review pack goes into a folder: not the backups folder, not over a workspace.
    let backups = with_suffix(&clero, "-backups");
    let pack_dir = dir.path().join("pack");
    std::fs::create_dir(&pack_dir).unwrap();
    ok(&pack_dir.join("report-draft.pdf"), &["org", "set", "--name", "A workspace named like the draft"]);
    for target in [&backups, &pack_dir] {
        let before = snapshot(dir.path());
        let out = run(&clero, &["report", "pack", "--out", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{target:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing was written"));
        assert_eq!(snapshot(dir.path()), before, "{target:?}");
    }
    let good = dir.path().join("good-pack");
    ok(&clero, &["report", "pack", "--out", good.to_str().unwrap()]);

    // The LERO's receipt cannot be saved over its own workspace either.
    let manifest = good.join("report.lero-manifest");
    refuses_every_forbidden_path(
        dir.path(),
        &lero_db,
        &["report", "receipt", manifest.to_str().unwrap(), "--person", "Dafydd Evans", "--out", "OUT"],
    );
}

#[test]
fn any_other_existing_file_is_replaced_on_the_command_line_like_cp() {
    let dir = common::temp();
    let (db, _) = common::signed_lero(dir.path(), "DearAlbert", "Dear Albert");
    let old = common::write(dir.path(), "old.pdf", b"an old file of the user's");
    ok(&db, &["export", "pdf", "1", "--out", old.to_str().unwrap()]);
    assert!(std::fs::read(&old).unwrap().starts_with(b"%PDF"));
    let backup = common::write(dir.path(), "backup.lero", b"not a workspace yet");
    ok(&db, &["backup", "--out", backup.to_str().unwrap()]);
    assert!(ok(&backup, &["account", "list", "--json"]).contains("clero-chime/C1"));
    // A same name in another case is another file on this file system.
    let upper = dir.path().join("DEARALBERT.LERO");
    ok(&db, &["export", "pdf", "1", "--out", upper.to_str().unwrap()]);
    let left = common::listing(dir.path());
    assert!(left.iter().all(|n| !n.contains(".tmp")), "no temporary file is left: {left:?}");
}

#[test]
fn the_workspace_refuses_the_same_paths_for_the_window() {
    let dir = common::temp();
    let (db, _) = common::signed_lero(dir.path(), "DearAlbert", "Dear Albert");
    let forbidden = forbidden(dir.path(), &db);
    let mut ws = Workspace::open(&db).unwrap();
    // While the workspace is open its log and shared memory exist: still refused.
    assert!(with_suffix(&db, "-wal").exists());
    for (what, out) in &forbidden {
        let before = snapshot(dir.path());
        assert!(ws.check_output(out).is_err(), "{what}");
        // A job prepared now and written later (on the export thread) checks again.
        let job = ws.prepare_pdf(1, false).unwrap();
        let e = job.write(out).unwrap_err().to_string();
        assert!(e.contains("Nothing was written"), "{what}: {e}");
        assert!(ws.export_bundle(1, out).is_err(), "{what}");
        assert!(ws.backup(out).is_err(), "{what}");
        let after = snapshot(dir.path());
        let changed: Vec<_> = after
            .iter()
            .filter(|(p, _)| !p.ends_with("-wal") && !p.ends_with("-shm"))
            .filter(|f| !before.contains(f))
            .collect();
        assert!(changed.is_empty(), "{what}: {changed:?}");
    }
    assert_eq!(ws.check_output(&dir.path().join("new.pdf")).unwrap(), Target::New);
    assert_eq!(ws.check_output(&dir.path().join("DearAlbert.txt")).unwrap(), Target::Replaces);
    let e = ws.check_output(dir.path()).unwrap_err().to_string();
    assert!(e.contains("This is a folder"), "{e}");
}
