//! The draft email to the college (`export email`, and "Write the email" in the window), read
//! back with Python's `email` package: a draft, addressed, its subject and names with their
//! accents, a real PDF and a bundle the college's workspace imports.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::{last_line, ok, run};
use std::path::{Path, PathBuf};

const ACCOUNT: &str = include_str!("../src/workspace/demo/peer-support.txt");
const ORG: &str = "Zoë's Café Recovery";
const SUBJECT: &str = "Zoë's Café Recovery: C1 Peer support and support groups — our signed page";

/// A LERO called [`ORG`] with a contact email, two people and account 1 (not signed off yet).
fn lero(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("zoe.lero");
    ok(&db, &["org", "set", "--name", ORG, "--area", "Wirral", "--email", "hello@zoes.example"]);
    ok(&db, &["person", "add", "Dafydd Evans", "--role", "Director"]);
    ok(&db, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
    let body = common::write(dir, "c1.txt", ACCOUNT.as_bytes());
    let id = common::new_account(&db, "clero-chime/C1", &body);
    (db, id)
}

fn sign(db: &Path, id: &str) {
    ok(db, &["signoff", id, "--person", "Dafydd Evans"]);
    ok(db, &["signoff", id, "--person", "Zoë Adebayo"]);
}

/// What Python's `email` package reads in the message: its headers (absent ones as ""),
/// the body, and each attachment written into `dir` under its decoded name.
struct Parsed {
    unsent: String,
    to: String,
    from: String,
    subject: String,
    body: String,
    attachments: Vec<(String, String, PathBuf)>,
    defects: String,
}

fn parse(eml: &Path, dir: &Path) -> Parsed {
    let script = r"
import email, email.policy, json, os, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
out = {k: str(m[k] or '') for k in ['X-Unsent', 'To', 'From', 'Subject']}
out['body'] = m.get_body(preferencelist=('plain',)).get_content()
out['attachments'] = []
defects = list(m.defects)
for i, part in enumerate(m.iter_attachments()):
    path = os.path.join(sys.argv[2], 'attachment-%d' % i)
    open(path, 'wb').write(part.get_content())
    out['attachments'].append([part.get_filename(), part.get_content_type(), path])
    defects += part.defects
for part in m.walk():
    defects += part.defects
out['defects'] = repr(defects)
print(json.dumps(out))
";
    let done = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(eml)
        .arg(dir)
        .output()
        .expect("python3 runs (it is on every machine the tests run on)");
    assert!(done.status.success(), "python could not read the message: {}", String::from_utf8_lossy(&done.stderr));
    let v: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
    let s = |k: &str| v[k].as_str().unwrap().to_owned();
    Parsed {
        unsent: s("X-Unsent"),
        to: s("To"),
        from: s("From"),
        subject: s("Subject"),
        body: s("body"),
        attachments: v["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a[0].as_str().unwrap().into(), a[1].as_str().unwrap().into(), a[2].as_str().unwrap().into()))
            .collect(),
        defects: s("defects"),
    }
}

#[test]
fn the_draft_is_addressed_and_carries_the_signed_pdf_and_a_bundle_the_college_imports() {
    let dir = common::temp();
    let d = dir.path();
    let (db, id) = lero(d);
    sign(&db, &id);
    let eml = d.join("to the college.eml");
    let said = ok(&db, &["export", "email", &id, "--out", eml.to_str().unwrap(), "--to", "college@clero.example"]);
    assert!(said.contains("Wrote the email to college@clero.example"), "{said}");
    assert_eq!(last_line(&said), eml.to_str().unwrap());

    let raw = std::fs::read(&eml).unwrap();
    assert!(raw.is_ascii(), "every byte of the message is ASCII");
    let text = String::from_utf8(raw).unwrap();
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends CRLF");
    assert!(text.split("\r\n").all(|l| l.len() <= 78));
    assert!(text.contains("filename*=UTF-8''C1%20Zo%C3%AB%27s%20Caf%C3%A9%20Recovery.pdf"), "RFC 2231 name");
    assert!(text.contains("filename=\"C1 Zoe's Cafe Recovery.pdf\""), "ASCII fallback");

    let parts = d.join("parts");
    std::fs::create_dir_all(&parts).unwrap();
    let m = parse(&eml, &parts);
    assert_eq!(m.defects, "[]");
    assert_eq!(m.unsent, "1", "a draft, opened ready to send");
    assert_eq!(m.to, "college@clero.example");
    assert_eq!(m.from, "Zoë's Café Recovery <hello@zoes.example>");
    assert_eq!(m.subject, SUBJECT);
    assert!(m.body.contains("We are Zoë's Café Recovery (Wirral)"), "{}", m.body);
    assert!(m.body.contains("report add"), "{}", m.body);
    assert_eq!(m.attachments.len(), 2);

    let (pdf_name, pdf_type, pdf) = &m.attachments[0];
    assert_eq!((pdf_name.as_str(), pdf_type.as_str()), ("C1 Zoë's Café Recovery.pdf", "application/pdf"));
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF"));
    let words = common::poppler("pdftotext", pdf);
    assert!(words.contains("Peer support") && words.contains(ORG), "{words}");
    assert!(!words.contains("DRAFT"), "the signed page, not a draft");

    let (bundle_name, bundle_type, bundle) = &m.attachments[1];
    assert_eq!(bundle_name, "C1 Zoë's Café Recovery.lero-bundle");
    assert_eq!(bundle_type, "application/octet-stream");
    let bundle = common::write(d, "from the email.lero-bundle", &std::fs::read(bundle).unwrap());
    let fp = last_line(&ok(&db, &["bundle", "check", bundle.to_str().unwrap()])).to_owned();
    assert!(m.body.contains(&lero_evidence::domain::fingerprint::short(&fp)), "the body names the fingerprint");
    let clero = common::college(d, "Evidence 2026", &[&bundle]);
    let status = common::report_status(&clero);
    assert!(status.to_string().contains(ORG), "{status}");
}

#[test]
fn the_address_is_the_colleges_setting_without_to_and_absent_without_either() {
    let dir = common::temp();
    let d = dir.path();
    let (db, id) = lero(d);
    sign(&db, &id);
    let parts = d.join("parts");
    std::fs::create_dir_all(&parts).unwrap();

    let nobody = d.join("nobody.eml");
    let said = ok(&db, &["export", "email", &id, "--out", nobody.to_str().unwrap()]);
    assert!(said.contains("type it in your mail program"), "{said}");
    let m = parse(&nobody, &parts);
    assert_eq!(m.to, "", "no To header: the sender types it");
    assert!(!std::fs::read_to_string(&nobody).unwrap().contains("\r\nTo:"));

    // A bad address for the college is refused and changes nothing.
    let out = run(&db, &["org", "set", "--college-email", "college@clero.example, other@x.org"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than one address"));
    ok(&db, &["org", "set", "--college-email", "evidence@clero.example"]);
    let out = run(&db, &["org", "set", "--area", "Leeds", "--college-email", "bad address"]);
    assert_eq!(out.status.code(), Some(1));
    let college = d.join("college.eml");
    ok(&db, &["export", "email", &id, "--out", college.to_str().unwrap()]);
    assert_eq!(parse(&college, &parts).to, "evidence@clero.example");
    assert!(parse(&college, &parts).body.contains("(Wirral)"), "the refused change left the area alone");

    // --to wins over the setting.
    ok(&db, &["export", "email", &id, "--out", college.to_str().unwrap(), "--to", "coordinator@clero.example"]);
    assert_eq!(parse(&college, &parts).to, "coordinator@clero.example");
}

#[test]
fn an_unsigned_page_a_bad_address_and_the_workspace_itself_are_refused_and_nothing_is_written() {
    let dir = common::temp();
    let d = dir.path();
    let (db, id) = lero(d);
    let eml = d.join("draft.eml");
    let refused = |args: &[&str], sentence: &str| {
        let out = run(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(said.contains(sentence), "{args:?}: {said}");
        assert!(!eml.exists());
    };
    let out = eml.to_str().unwrap();
    // The same sentence as the bundle's.
    let bundle = run(&db, &["export", "bundle", &id, "--out", d.join("x.lero-bundle").to_str().unwrap()]);
    let bundle_said = String::from_utf8_lossy(&bundle.stderr).into_owned();
    assert!(bundle_said.contains("so it cannot be sent as a bundle"), "{bundle_said}");
    refused(&["export", "email", &id, "--out", out], bundle_said.trim().trim_start_matches("lero-evidence: "));
    sign(&db, &id);
    for (to, sentence) in [
        ("a@b.org,c@d.org", "more than one address"),
        ("college @clero.example", "has a space or a line break"),
        ("college@clero.example\r\nBcc: all@x.org", "has a space or a line break"),
        ("college", "does not look like an email address"),
    ] {
        refused(&["export", "email", &id, "--out", out, "--to", to], sentence);
    }
    refused(&["export", "email", &id, "--out", db.to_str().unwrap()], "This is your workspace file itself");
    refused(&["export", "email", &id, "--out", &format!("{}-wal", db.display())], "one of your workspace's own files");
}

mod window {
    use super::{lero, parse, sign};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use lero_evidence::ui::picker::testing::FakePicker;
    use lero_evidence::ui::{App, UiState};
    use lero_evidence::workspace::Workspace;
    use std::path::Path;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use crate::common::ui::{click, replace_text};

    /// The window over `db`, with a fake file dialog kept to ask what it was told to open.
    fn window(db: &Path, picker: &Arc<FakePicker>) -> Harness<'static, App> {
        let app = App::new(Workspace::open(db).map_err(|e| e.to_string()), UiState::default(), picker.clone());
        Harness::builder()
            .with_size(egui::vec2(1280.0, 2400.0))
            .with_max_steps(16)
            .build_ui_state(|ui, app: &mut App| app.show(ui), app)
    }

    /// Waits past the pause after which typing is saved, then draws frames (a wait asked
    /// for with `request_repaint_after` is not one the harness steps for).
    fn let_it_save(h: &mut Harness<'static, App>) {
        h.run();
        std::thread::sleep(Duration::from_millis(500));
        h.step();
        h.run();
    }

    fn until_said(h: &mut Harness<'static, App>, what: &str) -> String {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            // Stepped, not run: the spinner shown while writing repaints every frame.
            h.step();
            if let Some(n) = h.state().notices().iter().find(|n| n.text.contains(what)) {
                return n.text.clone();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never said {what:?}: {:?}", h.state().notices());
    }

    #[test]
    fn write_the_email_saves_the_draft_to_the_colleges_address_and_asks_the_system_to_open_it() {
        let dir = crate::common::temp();
        let d = dir.path();
        let (db, id) = lero(d);
        sign(&db, &id);
        let id: i64 = id.parse().unwrap();
        let picker = Arc::new(FakePicker::cancelled());
        let mut h = window(&db, &picker);
        h.run();

        // The college's address, in Settings: a bad one is said beside the field and not kept.
        click(&mut h, "Settings");
        let label = "College's email address (for sending pages)";
        replace_text(&mut h, label, "evidence@clero.example, other@x.org");
        let_it_save(&mut h);
        assert!(h.query_by_label_contains("more than one address").is_some(), "said beside the field");
        replace_text(&mut h, label, "evidence@clero.example");
        let_it_save(&mut h);
        h.run();
        assert!(h.query_by_label_contains("more than one address").is_none());

        h.state_mut().open_account_for_test(id);
        h.run();
        click(&mut h, "Email it to the college");
        let eml = d.join("for the college").join("C1.eml");
        std::fs::create_dir_all(eml.parent().unwrap()).unwrap();
        replace_text(&mut h, "Save the email as", eml.to_str().unwrap());
        h.run();
        h.get_by_label("Write the email").scroll_to_me();
        h.run();
        h.get_by_label("Write the email").click();
        let said = until_said(&mut h, "Wrote the email");
        assert!(said.contains(&format!("saved to {}", eml.display())), "{said}");
        assert!(said.ends_with("open it with your mail program to send it."), "nothing opened it here: {said}");
        assert_eq!(picker.opened(), vec![eml.clone()], "the system was asked to open the draft, once");
        let parts = d.join("parts");
        std::fs::create_dir_all(&parts).unwrap();
        let m = parse(&eml, &parts);
        assert_eq!((m.unsent.as_str(), m.to.as_str()), ("1", "evidence@clero.example"));
        assert_eq!(m.attachments.len(), 2);
        assert!(Workspace::open_read_only(&db).unwrap().college_email().unwrap() == "evidence@clero.example");
    }

    #[test]
    fn where_a_mail_program_opens_it_the_window_says_so() {
        let dir = crate::common::temp();
        let d = dir.path();
        let (db, id) = lero(d);
        sign(&db, &id);
        let picker = Arc::new(FakePicker::cancelled().opening_files());
        let mut h = window(&db, &picker);
        h.run();
        h.state_mut().open_account_for_test(id.parse().unwrap());
        h.run();
        click(&mut h, "Email it to the college");
        let eml = d.join("draft.eml");
        replace_text(&mut h, "Save the email as", eml.to_str().unwrap());
        h.run();
        h.get_by_label("Write the email").scroll_to_me();
        h.run();
        h.get_by_label("Write the email").click();
        let said = until_said(&mut h, "Wrote the email");
        assert!(said.contains("type it in your mail program"), "no address anywhere: {said}");
        assert!(said.ends_with("and opened it in your mail program: check it, then send it."), "{said}");
        assert!(eml.exists());
    }
}
