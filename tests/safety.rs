//! Keeping work safe: automatic backups and restoring them, the copy before a schema update,
//! one window per workspace, read-only opening, a full disk, and processes killed mid-write.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{ok, run};
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::store::{KEEP, Store, list_backups, lock_workspace};
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};

/// SHA-256 of no bytes at all.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn chime(code: &str) -> StatementKey {
    StatementKey::new("clero-chime", "2021-22", code)
}

/// The SHA-256 of the workspace file and of its write-ahead log, to show nothing was written.
fn snapshot(db: &Path) -> (String, Option<String>) {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let sha = |bytes: Vec<u8>| lero_evidence::store::sha256_hex(&bytes);
    (sha(std::fs::read(db).unwrap()), std::fs::read(wal).ok().map(sha))
}

/// `dir/ws.lero`, with the organisation's name set.
fn brighter_days(dir: &Path) -> PathBuf {
    let db = dir.join("ws.lero");
    ok(&db, &["org", "set", "--name", "Brighter Days"]);
    db
}

/// `PRAGMA integrity_check` through a plain connection.
fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_newest_ten_backups_are_kept_and_one_restores_the_work_as_it_was() {
    let (dir, db) = common::temp_with("ws.lero");
    let mut ws = Workspace::open(&db).unwrap();
    let id = ws.new_account(&chime("C1"), "Fridays", "The first words.").unwrap();
    let first = ws.auto_backup("opened").unwrap().unwrap();
    ws.save_account(id, "Fridays", "Words written after the backup.").unwrap();
    for _ in 0..12 {
        ws.auto_backup("every 30 minutes").unwrap();
    }
    let backups = ws.backups();
    assert_eq!(backups.len(), KEEP);
    assert!(!first.exists(), "the oldest beyond ten are removed: {first:?} {backups:?}");
    assert!(backups.windows(2).all(|w| w[0].path.file_name() > w[1].path.file_name()), "newest first");
    assert_eq!(backups[0].reason, "every 30 minutes");
    assert!(backups[0].taken.len() == 19 && backups[0].bytes > 0, "{:?}", backups[0]);

    // Restoring an older state: take a backup, change the text, restore, the text is back,
    // and the state just before is itself kept.
    let keep = ws.auto_backup("opened").unwrap().unwrap();
    ws.save_account(id, "Fridays", "A mistake that should be undone.").unwrap();
    let before = ws.restore_backup(&keep).unwrap();
    assert_eq!(ws.account(id).unwrap().body, "Words written after the backup.");
    let undo = Store::open(&before).unwrap();
    drop(undo);
    assert_eq!(Workspace::open(&before).unwrap().account(id).unwrap().body, "A mistake that should be undone.");
    assert_eq!(integrity(&db), "ok");

    // Something that is not a workspace is refused, and the workspace stays as it is.
    let junk = common::write(dir.path(), "junk.lero", b"not a workspace");
    let e = ws.restore_backup(&junk).unwrap_err().to_string();
    assert!(e.contains("not a LERO Evidence workspace"), "{e}");
    assert_eq!(ws.account(id).unwrap().body, "Words written after the backup.");
}

#[test]
fn a_backup_taken_beside_the_window_is_whole_while_saving_goes_on() {
    let (_dir, db) = common::temp_with("ws.lero");
    let ws = lero_evidence::workspace::sample_large_workspace(&db, 2_000, 40).unwrap();
    let id = ws.new_account(&chime("C1"), "Fridays", "Before the backup.").unwrap();
    let rx = ws.auto_backup_in_background("opened").unwrap();
    // The window goes on saving while the copy is written.
    for n in 0..50 {
        ws.save_account(id, "Fridays", &format!("Saved while the backup ran ({n}).")).unwrap();
    }
    let backup = rx.recv().unwrap().unwrap();
    assert_eq!(integrity(&backup), "ok");
    let copy = Workspace::open_read_only(&backup).unwrap();
    let body = copy.account(id).unwrap().body;
    assert!(body == "Before the backup." || body.starts_with("Saved while the backup ran ("), "{body}");
    assert_eq!(copy.accounts().unwrap().len(), 41);
    assert_eq!(copy.evidence(None).unwrap().len(), 2_000);
    assert_eq!(ws.backups()[0].path, backup);
    assert!(
        Workspace::open_read_only(&db).unwrap().auto_backup_in_background("opened").is_none(),
        "read-only: no backup"
    );
}

#[test]
fn an_older_workspace_is_copied_before_it_is_updated() {
    let (_dir, db) = common::temp_with("old.lero");
    drop(Store::open_at_version(&db, 1).unwrap());
    assert!(list_backups(&db).is_empty());
    Workspace::open(&db).unwrap();
    let backups = list_backups(&db);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].reason, "before update from format 1");
    let conn = rusqlite::Connection::open(&backups[0].path).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the copy is the file as it was");
}

#[test]
fn a_second_copy_of_the_app_is_refused_and_writes_nothing() {
    let dir = common::temp();
    let db = brighter_days(dir.path());
    let before = snapshot(&db);
    let window = lock_workspace(&db, true).unwrap().expect("the window holds the workspace");
    let out = run(&db, &["org", "set", "--name", "Someone Else"]);
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("already open in another LERO Evidence window"), "{e}");
    assert_eq!(snapshot(&db), before, "nothing was written");
    assert!(lock_workspace(&db, true).is_err(), "a second window is refused too");
    // Looking read-only is still possible.
    let out = ok(&db, &["--read-only", "person", "list"]);
    assert!(out.is_empty() || !out.contains("Someone Else"));
    drop(window);
    ok(&db, &["org", "set", "--name", "Hope Street"]);
}

#[test]
fn a_read_only_workspace_can_be_read_but_refuses_every_change_and_stays_as_it_was() {
    let dir = common::temp();
    let db = brighter_days(dir.path());
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let before = snapshot(&db);
    let listed = ok(&db, &["--read-only", "person", "list"]);
    assert!(listed.contains("Zoë Adebayo"), "{listed}");
    let out = run(&db, &["--read-only", "person", "add", "Dafydd Evans", "--role", "Director"]);
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("can only be read here, so the change was not saved"), "{e}");
    // The file is as it was; SQLite may leave an empty log beside it, never anything in it.
    let after = snapshot(&db);
    assert_eq!(after.0, before.0);
    assert!(after.1 == before.1 || after.1.as_deref() == Some(EMPTY_SHA256), "{after:?} {before:?}");
    let ws = Workspace::open_read_only(&db).unwrap();
    assert!(ws.is_read_only());
    assert!(ws.auto_backup("opened").unwrap().is_none(), "no backup is written beside it");
}

/// Runs `script` as root of a new user and mount namespace (so it may mount its own small
/// file systems without touching the machine's), and returns its output.
fn in_namespace(script: &str) -> std::process::Output {
    std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", script])
        .env_remove("LERO_EVIDENCE_DB")
        .output()
        .expect("unshare (util-linux) runs")
}

#[test]
fn a_workspace_in_a_read_only_folder_is_refused_untouched_and_opens_read_only() {
    let dir = common::temp();
    let db = brighter_days(dir.path());
    ok(&db, &["check"]);
    let before = std::fs::read(&db).unwrap();
    let bin = env!("CARGO_BIN_EXE_lero-evidence");
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let ro_db = folder.join("ws.lero");
    let script = format!(
        "mount -t tmpfs tmpfs '{f}' && cp '{db}' '{f}/' && mount -o remount,ro '{f}' \
         && ('{bin}' --db '{r}' org set --name Changed; echo \"exit $?\") \
         && '{bin}' --db '{r}' --read-only person list && echo read-only-ok \
         && cmp '{db}' '{r}' && echo same",
        f = folder.display(),
        db = db.display(),
        bin = bin,
        r = ro_db.display()
    );
    let out = in_namespace(&script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("exit 1"), "refused: {stdout} {stderr}");
    assert!(
        stderr.contains("could not be opened") || stderr.contains("can only be read here"),
        "a sentence says why: {stderr}"
    );
    assert!(stdout.contains("read-only-ok") && stdout.contains("same"), "{stdout} {stderr}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_full_disk_loses_nothing_already_saved() {
    // SQLite's own limit stands in for the disk: the change that does not fit is refused.
    let (dir, db) = common::temp_with("ws.lero");
    let ws = Workspace::open(&db).unwrap();
    let id = ws.new_account(&chime("C1"), "Fridays", "Saved before the disk filled.").unwrap();
    let pages: u32 = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap()
    };
    ws.limit_pages_for_test(pages + 2).unwrap();
    let big = "A long account. ".repeat(12_000);
    let e = ws.save_account(id, "Fridays", &big).unwrap_err().to_string();
    assert!(e.starts_with("The disk is full, so the last change was not saved"), "{e}");
    assert_eq!(ws.account(id).unwrap().body, "Saved before the disk filled.");
    drop(ws);
    assert_eq!(integrity(&db), "ok");

    // A real small file system that fills up, through the headless interface.
    let bin = env!("CARGO_BIN_EXE_lero-evidence");
    let folder = dir.path().join("small");
    std::fs::create_dir(&folder).unwrap();
    let body = common::write(dir.path(), "body.txt", "Saved before the disk filled.".as_bytes());
    let evidence = common::write(dir.path(), "video.bin", &vec![7u8; 3 * 1024 * 1024]);
    let small_db = folder.join("ws.lero");
    let script = format!(
        "mount -t tmpfs -o size=1200k tmpfs '{f}' \
         && '{bin}' --db '{d}' account new clero-chime/C1 --body-file '{body}' >/dev/null \
         && ('{bin}' --db '{d}' evidence add clero-chime/C1 --title Video --file '{ev}'; echo \"exit $?\") \
         && '{bin}' --db '{d}' check && '{bin}' --db '{d}' account list",
        f = folder.display(),
        bin = bin,
        d = small_db.display(),
        body = body.display(),
        ev = evidence.display()
    );
    let out = in_namespace(&script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("exit 1"), "the evidence that does not fit is refused: {stdout} {stderr}");
    assert!(stderr.contains("The disk is full"), "{stderr}");
    assert!(stdout.contains("No problems found") || stdout.contains("healthy"), "check passes: {stdout}");
    assert!(stdout.contains("C1"), "the account is still there: {stdout}");
}

#[test]
fn killing_the_process_mid_write_never_damages_the_workspace_or_mixes_texts() {
    let (dir, db) = common::temp_with("ws.lero");
    // Two long texts of the same length that differ everywhere: any mix would show.
    let a = "Alpha words fill this account from the first line to the last. ".repeat(1500);
    let b = "Bravo lines cover this account from its first word to its end. ".repeat(1500);
    assert_eq!(a.len(), b.len());
    let files = [common::write(dir.path(), "a.txt", a.as_bytes()), common::write(dir.path(), "b.txt", b.as_bytes())];
    let id = common::new_account(&db, "clero-chime/C1", &files[0]);
    let bin = env!("CARGO_BIN_EXE_lero-evidence");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let update = |file: &Path| {
        std::process::Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "account", "update", &id, "--body-file"])
            .arg(file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole run takes here (start, open, write, lay out, close; about 50 ms in a
    // debug build on a quiet machine): kills are spread over 1.5 times that, so they land
    // before, during and after the write however busy the machine is.
    let mut took: Vec<u128> = (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            update(&files[0]).wait().unwrap();
            started.elapsed().as_micros()
        })
        .collect();
    took.sort_unstable();
    let span = u64::try_from(took[1] * 3 / 2).unwrap().max(1);
    let (mut killed, mut killed_old, mut killed_new) = (0, 0, 0);
    let runs = 300;
    for i in 0..runs {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = update(&files[(i + 1) % 2]);
        std::thread::sleep(std::time::Duration::from_micros(seed % span));
        let was_killed = child.try_wait().unwrap().is_none();
        if was_killed {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let expected_new = if (i + 1) % 2 == 0 { &a } else { &b };
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "run {i}");
        let body: String = conn
            .query_row("SELECT body FROM account WHERE id = ?1", [id.parse::<i64>().unwrap()], |r| r.get(0))
            .unwrap();
        assert!(body == a || body == b, "run {i}: the text is one of the two, never a mix");
        if was_killed {
            if &body == expected_new {
                killed_new += 1;
            } else {
                killed_old += 1;
            }
        }
    }
    eprintln!(
        "a run takes {} ms; {killed} of {runs} runs killed (SIGKILL): {killed_old} before the new text was committed, {killed_new} after; every time the workspace was healthy and held one whole text",
        took[1] / 1000
    );
    assert!(killed > runs / 10, "enough runs were killed to mean something ({killed} of {runs})");
    assert!(killed_old > 0 && killed_new > 0, "kills landed both before and after the commit");
}

#[test]
fn check_finds_a_sign_off_changed_behind_the_app_s_back() {
    let dir = common::temp();
    let db = brighter_days(dir.path());
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let body = common::write(dir.path(), "body.txt", b"We meet every Friday.");
    let id = common::new_account(&db, "clero-chime/C1", &body);
    ok(&db, &["signoff", &id, "--person", "Zoë Adebayo"]);
    assert!(ok(&db, &["check"]).contains("The workspace is healthy"));
    let (out, printed) = common::check_after(&db, "UPDATE signoff SET fingerprint = ?1", [&"0".repeat(64)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(printed.contains("The sign-off by Zoë Adebayo of account 1 does not match version 1"), "{printed}");
}

#[test]
fn the_lock_goes_by_the_file_not_by_the_name_it_was_opened_with() {
    let dir = common::temp();
    let db = brighter_days(dir.path());
    let link = dir.path().join("link.lero");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let hard = dir.path().join("hard.lero");
    std::fs::hard_link(&db, &hard).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let dotted = dir.path().join("sub").join("..").join("ws.lero");
    let before = snapshot(&db);
    let window = lock_workspace(&db, true).unwrap().expect("the window holds the workspace");
    for other in [&link, &hard, &dotted] {
        let out = run(other, &["org", "set", "--name", "Someone Else"]);
        let e = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{other:?}: {e}");
        assert!(e.contains("already open in another LERO Evidence window"), "{other:?}: {e}");
        assert!(lock_workspace(other, true).is_err(), "a second window through {other:?} is refused");
    }
    assert_eq!(snapshot(&db), before, "nothing was written");
    drop(window);
    // The window through the link holds it for the file's real name too.
    let through_link = lock_workspace(&link, true).unwrap().expect("held");
    assert!(run(&db, &["org", "set", "--name", "Someone Else"]).status.code() == Some(1));
    drop(through_link);
    ok(&db, &["org", "set", "--name", "Hope Street"]);
}

#[test]
fn db_is_a_file_name_never_a_uri_or_a_folder() {
    let dir = common::temp();
    // The binary run in the folder, with `--db` as typed.
    let org_set = |db: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lero-evidence"))
            .current_dir(dir.path())
            .args(["--db", db, "org", "set", "--name", "Brighter Days"])
            .env_remove("LERO_EVIDENCE_DB")
            .output()
            .unwrap()
    };
    let out = org_set("file:x.lero");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("file:x.lero").exists());
    assert!(!dir.path().join("x.lero").exists(), "not read as a URI");
    let out = org_set(".");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a LERO Evidence workspace"));
    assert!(!dir.path().join("-lock").exists(), "no file called -lock");
}
