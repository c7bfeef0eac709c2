//! The one-page editor never loses a keystroke, and a signed page changes only on purpose:
//! driven by label with `egui_kittest`, checked against the workspace file.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::ui::{click, click_each, let_it_save, replace_text, type_into};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lero_evidence::domain::account::AccountStatus;
use lero_evidence::domain::signoff::Decision;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::ui::App;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn harness(path: &Path) -> Harness<'static, App> {
    harness_sized(path, 1600.0)
}

const SIGNED_BODY: &str = "We meet every Friday evening at the Hub.";

/// A workspace with one page, "Fridays", approved by two people (one with lived experience).
fn signed_page(dir: &Path) -> (PathBuf, i64, String) {
    let path = dir.join("ws.lero");
    let mut ws = Workspace::open(&path).unwrap();
    common::organisation(&ws, "Zoë's Place", true);
    ws.add_person("Dafydd Evans", "Director", false).unwrap();
    ws.add_person("Zoë Adebayo", "Peer mentor", true).unwrap();
    let id = ws.new_account(&chime("C1"), "Fridays", SIGNED_BODY).unwrap();
    ws.decide(id, "Dafydd Evans", Decision::Approved, "").unwrap();
    let fp = ws.decide(id, "Zoë Adebayo", Decision::Approved, "").unwrap().fingerprint;
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed);
    (path, id, fp)
}

fn chime(code: &str) -> StatementKey {
    StatementKey::new("clero-chime", "2021-22", code)
}

/// Adds an untitled account of each CHIME statement in `codes`, saying `body`, to the
/// workspace at `path`; returns the last one.
fn add_untitled(path: &Path, codes: &[&str], body: &str) -> i64 {
    let ws = Workspace::open(path).unwrap();
    let mut last = None;
    for code in codes {
        last = Some(ws.new_account(&chime(code), "", body).unwrap());
    }
    last.expect("at least one statement")
}

/// The signed page's workspace in a folder of its own, shown in the window; returns the
/// folder (kept while the test runs), the workspace's path, the page, its fingerprint and the
/// window.
fn signed_window() -> (tempfile::TempDir, PathBuf, i64, String, Harness<'static, App>) {
    let dir = common::temp();
    let (path, id, fp) = signed_page(dir.path());
    let mut h = harness(&path);
    h.run();
    (dir, path, id, fp, h)
}

/// As [`signed_window`], with the signed page open in the editor.
fn signed_page_open() -> (tempfile::TempDir, PathBuf, i64, String, Harness<'static, App>) {
    let (dir, path, id, fp, mut h) = signed_window();
    h.state_mut().open_account_for_test(id);
    h.run();
    (dir, path, id, fp, h)
}

#[test]
fn a_signed_page_is_read_only_until_the_user_chooses_to_edit_it() {
    let (_dir, path, id, fp, mut h) = signed_page_open();
    h.get_by_label_contains("Dafydd Evans and Zoë Adebayo signed this page off as it is");
    // Typing into the signed text changes nothing: not the text, not the sign-offs.
    h.get_by_label("Your account").focus();
    h.run();
    h.key_press(egui::Key::End);
    h.get_by_label("Your account").type_text(" More");
    h.run();
    let_it_save(&mut h);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.account(id).unwrap().body, SIGNED_BODY);
    assert_eq!(ws.signoff_state(id).unwrap().fingerprint, fp);
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed);
    assert!(h.query_by_label("Undo my changes").is_none(), "nothing to undo on a signed page");
}

#[test]
fn typing_into_a_signed_page_keeps_every_key_and_its_focus_and_undo_brings_the_sign_offs_back() {
    let (_dir, path, id, fp, mut h) = signed_page_open();
    // The cursor is put at the end of the read-only text, then the user chooses to edit.
    h.get_by_label("Your account").focus();
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    click(&mut h, "Edit this page");
    assert!(h.get_by_label("Your account").is_focused(), "the text keeps the keyboard after “Edit this page”");
    let top = h.get_by_label("Your account").rect().top();
    // " More", one key per frame, as a person types: the first key must not move the box or
    // take its focus away.
    for key in [" ", "M", "o", "r", "e"] {
        h.event(egui::Event::Text(key.to_owned()));
        h.run();
        let body = h.get_by_label("Your account");
        assert!(body.is_focused(), "focus was lost after typing {key:?}");
        assert!(
            (body.rect().top() - top).abs() < 0.5,
            "the text box moved after typing {key:?}: {top} to {}",
            body.rect().top()
        );
    }
    h.get_by_label("Status: Changed since sign-off");
    // The preview's fingerprint follows the text.
    let shown = |h: &Harness<'static, App>| {
        let node = h.get_by_label_contains("Fingerprint of the page as typed:");
        node.accesskit_node().label().or_else(|| node.value()).unwrap_or_default()
    };
    assert!(shown(&h).starts_with("Fingerprint of the page as typed: "), "{}", shown(&h));
    assert!(!shown(&h).contains(&lero_evidence::domain::fingerprint::short(&fp)), "{}", shown(&h));
    let_it_save(&mut h);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.account(id).unwrap().body, format!("{SIGNED_BODY} More"), "every character was kept");
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Changed, "a change that stays voids the sign-offs");

    click(&mut h, "Undo my changes");
    h.run();
    assert_eq!(ws.account(id).unwrap().body, SIGNED_BODY);
    let state = ws.signoff_state(id).unwrap();
    assert_eq!(state.fingerprint, fp, "the page is again the page that was signed");
    assert_eq!(state.status, AccountStatus::Signed);
    assert_eq!(state.current().count(), 2, "both sign-offs are back");
    h.get_by_label_contains("Your changes were undone");
    assert!(shown(&h).ends_with(&lero_evidence::domain::fingerprint::short(&fp)), "{}", shown(&h));
    h.get_by_label("Edit this page");
}

#[test]
fn a_change_taken_back_by_hand_before_it_is_saved_leaves_the_page_signed() {
    let (_dir, path, id, _, mut h) = signed_page_open();
    click(&mut h, "Edit this page");
    h.key_press(egui::Key::End);
    h.event(egui::Event::Text("x".to_owned()));
    h.run();
    h.key_press(egui::Key::Backspace);
    h.run();
    let_it_save(&mut h);
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed, "only a change that stays voids sign-offs");
    h.get_by_label("Status: Signed off");
}

#[test]
fn an_untitled_account_is_named_by_its_statement_never_by_an_internal_reference() {
    let dir = common::temp();
    let (path, _, _) = signed_page(dir.path());
    let untitled = add_untitled(&path, &["C2"], "Text.");
    let mut h = harness(&path);
    h.run();
    for screen in ["Accounts", "Sign-off", "Dashboard"] {
        click(&mut h, screen);
        assert!(
            h.query_all_by_label_contains("C2 ").next().is_some(),
            "{screen} names the untitled account by its statement's code and title"
        );
        assert!(h.query_all_by_label_contains("clero-chime/").next().is_none(), "{screen} shows an internal reference");
    }
    let ws = Workspace::open(&path).unwrap();
    let name = ws.account_name(&ws.account(untitled).unwrap());
    assert!(name.starts_with("C2 ") && name.len() > 4, "{name}");
    // Sentences about a page name it the same way.
    let mut ws = ws;
    let said = ws.undo_changes_since_signoff(untitled).unwrap_err().to_string();
    assert!(said.contains(&format!("“{name}”")), "{said}");
}

fn harness_sized(path: &Path, height: f32) -> Harness<'static, App> {
    common::ui::window(path, FakePicker::cancelled(), height)
}

#[test]
fn a_page_opens_at_its_first_field_with_the_keyboard_in_its_text_whatever_was_scrolled_before() {
    let dir = common::temp();
    let (path, _, _) = signed_page(dir.path());
    add_untitled(&path, &["C2", "C3", "C4", "H1", "H2", "H3", "I1", "I2", "M1", "M2", "E1", "E2"], "Some text.");
    let new = add_untitled(&path, &["H4"], "");
    let mut h = harness_sized(&path, 700.0);
    h.run();
    click(&mut h, "Accounts");
    // Scrolled down to "Start writing", as someone starting a page is.
    h.get_by_label("Start writing").scroll_to_me();
    h.run();
    h.state_mut().open_account_for_test(new);
    h.run();
    h.run();
    let title = h.get_by_label("Title").rect();
    assert!(title.top() > 0.0 && title.bottom() < 350.0, "the title is in view at the top: {title:?}");
    assert!(h.get_by_label("Your account").is_focused(), "the keyboard is in the text");
}

/// The window opened again on the workspace at `path`, after its first frames.
fn reopened(path: &Path) -> Harness<'static, App> {
    let mut h = harness_sized(path, 1200.0);
    h.run();
    h.run();
    h
}

#[test]
fn the_window_reopens_where_the_user_left_this_workspace() {
    let dir = common::temp();
    let (path, id, _) = signed_page(dir.path());
    {
        let mut h = harness_sized(&path, 1200.0);
        h.run();
        h.state_mut().open_account_for_test(id);
        h.run();
        assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Accounts);
    }
    let mut h = reopened(&path);
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Accounts);
    h.get_by_label("Edit this page");
    click(&mut h, "Settings");
    drop(h);
    let h = reopened(&path);
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Settings);
    // An account removed since is passed over, with the screen it was on.
    Workspace::open(&path).unwrap().remember_window_place(&format!("{{\"Account\":{}}}", id + 99)).unwrap();
    let h = reopened(&path);
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Accounts);
    assert!(h.state().notices().is_empty(), "no sentence about an account the user never asked for");
}

#[test]
fn a_notice_is_shown_beside_the_button_it_answers_and_cleared_when_the_user_moves_on() {
    let (_dir, _, _, _, mut h) = signed_window();
    click_each(&mut h, &["Accounts", "Start writing"]);
    let button = h.get_by_label("Start writing").rect();
    let notice = h.get_by_label("Choose the statement the account is about first.").rect();
    assert!(
        (notice.top() - button.top()).abs() < 40.0 && notice.left() >= button.right(),
        "the notice {notice:?} is beside the button {button:?}"
    );
    click(&mut h, "Settings");
    assert!(h.query_by_label("Choose the statement the account is about first.").is_none(), "it stayed behind");
    assert!(h.state().notices().is_empty());
}

/// Goes to Settings and types " CIC" at the end of the organisation's name.
fn add_cic_to_the_name(h: &mut Harness<'static, App>) {
    click(h, "Settings");
    h.get_by_label("Organisation name").focus();
    h.key_press(egui::Key::End);
    h.get_by_label("Organisation name").type_text(" CIC");
    h.run();
}

#[test]
fn organisation_details_save_as_typed_and_a_new_name_waits_for_a_decision() {
    let (_dir, path, id, _, mut h) = signed_window();
    click(&mut h, "Settings");
    // The area saves as it is typed, with no button, even when the user leaves at once.
    type_into(&mut h, "Area you serve", "Wirral");
    h.run();
    click(&mut h, "Dashboard");
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().area, "Wirral");

    // A new name says what it does to signed pages, and leaving asks first.
    add_cic_to_the_name(&mut h);
    h.get_by_label_contains("Your 1 signed page shows the organisation's name");
    click(&mut h, "Accounts");
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Settings, "it asked before leaving");
    h.get_by_label("Save the new name?");
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Zoë's Place", "nothing saved yet");
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed);
    click(&mut h, "Leave without saving");
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Accounts);
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Zoë's Place");

    // Saved on purpose: the page now needs signing again.
    add_cic_to_the_name(&mut h);
    click(&mut h, "Save the new name");
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Zoë's Place CIC");
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Changed);
    click(&mut h, "Accounts");
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Accounts, "nothing left to ask");
}

#[test]
fn the_bundle_goes_where_the_pdf_went_with_its_own_extension() {
    let (dir, _, _, _, mut h) = signed_page_open();
    let folder = dir.path().join("for the college");
    std::fs::create_dir_all(&folder).unwrap();
    click(&mut h, "Export a PDF");
    let pdf = folder.join("Fridays.pdf");
    replace_text(&mut h, "Save the PDF as", pdf.to_str().unwrap());
    h.run();
    h.get_by_label("Export").click();
    for _ in 0..200 {
        // One frame at a time while the export runs (its spinner keeps asking for frames).
        h.step();
        if pdf.exists() {
            h.run();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(pdf.exists());
    click(&mut h, "Send it to CLERO: export a bundle");
    let bundle = PathBuf::from(h.get_by_label("Save the bundle as").value().unwrap());
    assert_eq!(bundle.parent(), Some(folder.as_path()), "the bundle follows the PDF");
    // A name typed with the wrong extension gets the right one.
    replace_text(&mut h, "Save the bundle as", folder.join("c1.lerobundle").to_str().unwrap());
    h.run();
    h.get_by_label("Export bundle").scroll_to_me();
    h.run();
    click(&mut h, "Export bundle");
    assert!(folder.join("c1.lero-bundle").exists(), "{:?}", h.state().notices());
    assert!(!folder.join("c1.lerobundle").exists());
}

#[test]
fn choosing_a_stage_or_a_rung_does_not_move_the_fields_below_it() {
    let (_dir, _, _, _, mut h) = signed_window();
    click_each(&mut h, &["Standards", "C2  Relationships"]);
    let rung_label = "How involved are members? (ladder of participation)";
    let rung_at = h.get_by_label(rung_label).rect();
    let well_at = h.get_by_label("What we do well").rect();
    for stage in ["Not yet", "Starting", "Developing", "Embedded"] {
        click(&mut h, stage);
        assert_eq!(h.get_by_label(rung_label).rect(), rung_at, "choosing {stage} moved the rung");
    }
    for rung in ["1. Information", "5. Decision sharing", "7. Initiating"] {
        h.query_all_by_label(rung_label).last().unwrap().click();
        h.run();
        click(&mut h, rung);
        assert_eq!(h.get_by_label("What we do well").rect(), well_at, "choosing rung {rung} moved the fields below");
    }
}

#[test]
fn the_welcome_asks_for_the_people_who_will_sign() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    let mut h = harness(&path);
    h.run();
    let type_into = |h: &mut Harness<'static, App>, label: &str, text: &str| {
        common::ui::type_into(h, label, text);
        h.run();
    };
    type_into(&mut h, "Organisation name", "Hope Street");
    type_into(&mut h, "Name of person 1", "Dafydd Evans");
    type_into(&mut h, "Role of person 1", "Chair");
    click(&mut h, "Add another person");
    type_into(&mut h, "Name of person 2", "Zoë Adebayo");
    type_into(&mut h, "Role of person 2", "Peer mentor");
    click_each(&mut h, &["Person 2 has lived experience of recovery", "Save and continue"]);
    let people = Workspace::open(&path).unwrap().people().unwrap();
    let named: Vec<(&str, &str, bool)> =
        people.iter().map(|p| (p.name.as_str(), p.role.as_str(), p.lived_experience)).collect();
    assert_eq!(named, [("Dafydd Evans", "Chair", false), ("Zoë Adebayo", "Peer mentor", true)]);
    assert_eq!(h.state().screen(), lero_evidence::ui::Screen::Standards, "the welcome moved on");
}

#[test]
fn a_second_approval_by_the_same_person_adds_nothing_and_the_page_lists_each_signer_once() {
    common::ensure_poppler();
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    let id = {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "Zoë's Place", false);
        ws.add_person("Dave Jones", "Trustee", false).unwrap();
        ws.add_person("Zoë Adebayo", "Peer mentor", true).unwrap();
        ws.new_account(&chime("C1"), "Fridays", SIGNED_BODY).unwrap()
    };
    let mut h = harness(&path);
    h.run();
    click_each(&mut h, &["Sign-off", "Fridays", "Dave Jones (Trustee)"]);
    for _ in 0..2 {
        click(&mut h, "Approve this page");
    }
    h.get_by_label_contains("Dave Jones had already given “Approved” on this version of the page");
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.signoff_state(id).unwrap().signoffs.len(), 1, "one approval, however many clicks");
    click_each(&mut h, &["Zoë Adebayo (Peer mentor, lived experience)", "Approve this page"]);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.account_status(id).unwrap(), AccountStatus::Signed);
    let pdf = dir.path().join("page.pdf");
    ws.prepare_pdf(id, false).unwrap().write(&pdf).unwrap();
    let text = common::poppler("pdftotext", &pdf);
    assert_eq!(text.matches("Dave Jones").count(), 1, "{text}");
    assert_eq!(text.matches("Zoë Adebayo").count(), 1, "{text}");
}
