//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]
#![allow(dead_code)]

pub mod ui;

use std::path::{Path, PathBuf};

/// A temporary folder that lives as long as the value.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

/// A temporary folder, and the path of a file `name` in it (not made yet).
pub fn temp_with(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = temp();
    let path = dir.path().join(name);
    (dir, path)
}

/// A small valid PNG.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([30, 120, 60]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

/// Writes bytes to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// The files in a folder, by name.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Checks that poppler's command-line tools are there to read PDFs back, failing the test at
/// once with what to install when they are not (the README and `.ci/run` install them).
pub fn ensure_poppler() {
    static FOUND: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    let found = FOUND.get_or_init(|| {
        std::process::Command::new("pdftotext").arg("-v").output().map(|_| ()).map_err(|e| e.to_string())
    });
    if let Err(e) = found {
        panic!(
            "poppler's tools (pdftotext, pdfinfo, pdffonts) read the PDFs back, and pdftotext could not be run ({e}): install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils)."
        );
    }
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`) on a PDF and returns its output.
pub fn poppler(tool: &str, pdf: &Path) -> String {
    if tool == "pdftotext" {
        poppler_args(tool, &[], &[pdf.as_os_str(), "-".as_ref()])
    } else {
        poppler_args(tool, &[], &[pdf.as_os_str()])
    }
}

/// Runs a poppler tool with options before the file arguments and returns its output.
pub fn poppler_args(tool: &str, options: &[&str], files: &[&std::ffi::OsStr]) -> String {
    ensure_poppler();
    let out = std::process::Command::new(tool).args(options).args(files).output().unwrap_or_else(|e| {
        panic!("{tool} is needed to read PDFs back: install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils): {e}")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// One field of `pdfinfo`'s output, like `Pages` or `Page size`.
pub fn pdfinfo_field(info: &str, field: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(field).and_then(|rest| rest.strip_prefix(':')))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// Runs the binary on the workspace `db` with `args`.
pub fn run(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lero-evidence"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LERO_EVIDENCE_DB")
        .output()
        .expect("the binary runs")
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The last line of a command's output: where commands print what they made.
pub fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or_default()
}

/// Makes a new account of `statement` (like `clero-chime/C1`) from the text in the file
/// `body`; returns its id, the last line the command prints.
pub fn new_account(db: &Path, statement: &str, body: &Path) -> String {
    last_line(&ok(db, &["account", "new", statement, "--body-file", body.to_str().expect("utf-8")])).to_owned()
}

/// Account `id` signed off by the two people of [`signed_lero`] and exported as a bundle to
/// `bundle`.
pub fn sign_and_export(db: &Path, id: &str, bundle: &Path) {
    ok(db, &["signoff", id, "--person", "Dafydd Evans"]);
    ok(db, &["signoff", id, "--person", "Zoë Adebayo"]);
    ok(db, &["export", "bundle", id, "--out", bundle.to_str().expect("utf-8")]);
}

/// A LERO's workspace `dir/FILE.lero` named `name`, with two people and account 1 (the demo's
/// peer-support page) signed off by both and exported; returns the workspace and the bundle.
pub fn signed_lero(dir: &Path, file: &str, name: &str) -> (PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).expect("folder");
    let db = dir.join(format!("{file}.lero"));
    ok(&db, &["org", "set", "--name", name, "--area", "Wirral"]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", "Director"]);
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let body = write(dir, &format!("{file}.txt"), include_bytes!("../../src/workspace/demo/peer-support.txt"));
    let id = new_account(&db, "clero-chime/C1", &body);
    let bundle = dir.join(format!("{file}.lero-bundle"));
    sign_and_export(&db, &id, &bundle);
    (db, bundle)
}

/// A college's workspace `dir/clero.lero` with a new report called `title` holding `bundles`.
pub fn college(dir: &Path, title: &str, bundles: &[&Path]) -> PathBuf {
    let clero = dir.join("clero.lero");
    ok(&clero, &["report", "new", title]);
    if !bundles.is_empty() {
        let mut args = vec!["report", "add"];
        args.extend(bundles.iter().map(|b| b.to_str().expect("utf-8")));
        ok(&clero, &args);
    }
    clero
}

/// The review pack of the college's current report, made in `dir/pack`; returns the folder.
pub fn review_pack(clero: &Path, dir: &Path) -> PathBuf {
    let pack = dir.join("pack");
    ok(clero, &["report", "pack", "--out", pack.to_str().expect("utf-8")]);
    pack
}

/// The report's status, as `report status --json` gives it.
pub fn report_status(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["report", "status", "--json"])).expect("json")
}

/// Runs one SQL statement on the workspace file through a plain connection, behind the app's
/// back.
pub fn sql(db: &Path, statement: &str, params: impl rusqlite::Params) {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute(statement, params).expect("sql");
}

/// A bundle's contribution changed by `change` and sealed again with `key`, its fingerprints
/// made to match: what a LERO could make by hand, or an earlier version could have sent.
pub fn resealed(
    good: &lero_evidence::domain::bundle::Contribution,
    key: &lero_evidence::domain::envelope::KeyPair,
    change: &dyn Fn(&mut lero_evidence::domain::bundle::Contribution),
) -> Vec<u8> {
    use lero_evidence::domain::envelope::{KIND_CONTRIBUTION, seal};
    let mut c = good.clone();
    change(&mut c);
    c.fingerprint = lero_evidence::domain::fingerprint::fingerprint(&c.page_content());
    for s in &mut c.signoffs {
        s.fingerprint.clone_from(&c.fingerprint);
    }
    seal(KIND_CONTRIBUTION, &serde_json::to_string(&c).expect("json"), key)
}

/// Changes the workspace file behind the app's back with `statement`, then runs `check` on it;
/// returns its output and what it printed.
pub fn check_after(db: &Path, statement: &str, params: impl rusqlite::Params) -> (std::process::Output, String) {
    sql(db, statement, params);
    let out = run(db, &["check"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, said)
}

/// The LERO at `db` signs the review manifest `manifest` as `person`, writing the receipt to
/// `out`; returns what the command printed.
pub fn sign_manifest(db: &Path, manifest: &Path, person: &str, out: &Path) -> String {
    ok(
        db,
        &[
            "report",
            "receipt",
            manifest.to_str().expect("utf-8"),
            "--person",
            person,
            "--out",
            out.to_str().expect("utf-8"),
        ],
    )
}

/// The LERO at `db` signs the review pack in `pack` as `person`, writing the receipt to `out`.
pub fn sign_pack(db: &Path, pack: &Path, person: &str, out: &Path) {
    sign_manifest(db, &pack.join("report.lero-manifest"), person, out);
}

/// Gives the workspace an organisation called `name`, formal or not, with nothing else filled
/// in.
pub fn organisation(ws: &lero_evidence::workspace::Workspace, name: &str, formal: bool) {
    ws.set_organisation(&lero_evidence::domain::organisation::Organisation {
        name: name.into(),
        formal,
        ..Default::default()
    })
    .expect("organisation saved");
}
