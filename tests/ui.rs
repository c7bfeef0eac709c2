//! The window, driven by label with `egui_kittest`, checked against the workspace file.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::ui::{click, click_each, let_it_save, replace_text, type_into};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lero_evidence::domain::assessment::Stage;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::ui::picker::Purpose;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::ui::{App, Screen, UiState};
use lero_evidence::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A window tall enough that a whole statement page is on screen (widgets scrolled out of
/// view are not in the accessibility tree, so tests could not find them).
fn harness(path: &Path, picked: Option<PathBuf>) -> Harness<'static, App> {
    harness_picking(path, picked, Vec::new())
}

/// As [`harness`], with a file dialog that answers each purpose with its own paths.
fn harness_picking(path: &Path, picked: Option<PathBuf>, picks: Vec<(Purpose, Vec<PathBuf>)>) -> Harness<'static, App> {
    common::ui::window(path, FakePicker::answering(picked, picks), 2400.0)
}

/// Lets the fake file dialog answer from its thread, stepping frames meanwhile.
fn let_dialog_answer(h: &mut Harness<'static, App>) {
    run_until(h, |app| !app.working_in_background());
}

/// Steps frames until `done` holds (file dialogs answer from another thread).
fn run_until(h: &mut Harness<'static, App>, done: impl Fn(&App) -> bool) {
    // Tasks ask for a frame when they end; the time allowed is for a busy machine.
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        // One frame at a time while the work goes on (a spinner keeps asking for frames),
        // then the window is let settle.
        h.step();
        if done(h.state()) {
            h.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the window never got there");
}

fn chime(code: &str) -> StatementKey {
    StatementKey::new("clero-chime", "2021-22", code)
}

#[test]
fn welcome_then_assess_a_statement_and_find_it_stored() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    let logo = common::write(dir.path(), "logo.png", &common::png(120, 60));
    let mut h = harness(&path, Some(logo));
    h.run();

    type_into(&mut h, "Organisation name", "Siobhán’s Recovery Café");
    click(&mut h, "Choose logo…");
    // The fake dialog answers from its own thread; the path appears in the box.
    let_dialog_answer(&mut h);
    h.get_by_label("Informally (a peer group, no formal structure yet)").click();
    h.get_by_label("Save and continue").click();
    run_until(&mut h, |app| app.screen() == Screen::Standards);

    let ws = Workspace::open(&path).unwrap();
    let org = ws.organisation().unwrap().expect("the welcome saved the profile");
    assert_eq!(org.name, "Siobhán’s Recovery Café");
    assert!(!org.formal);
    assert!(ws.logo().unwrap().is_some(), "the logo chosen in the dialog was kept");

    click_each(&mut h, &["C1  Peer support and support groups", "Developing"]);
    type_into(&mut h, "What we do well", "Four peer groups a week");
    h.run();
    // Typing is saved after a short pause, without leaving the statement.
    let_it_save(&mut h);
    let a = ws.assessment(&chime("C1")).unwrap();
    assert_eq!(a.stage, Some(Stage::Developing));
    assert_eq!(a.well, "Four peer groups a week");

    // The dashboard shows it.
    click(&mut h, "Dashboard");
    assert_eq!(h.state().screen(), Screen::Dashboard);
    h.get_by_label("Connectedness: 1 developing, 3 not assessed yet");
}

#[test]
fn evidence_and_actions_are_added_from_the_statement() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    let file = common::write(dir.path(), "minutes.txt", b"Members' meeting minutes");
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "Dafydd's Drop-in", true);
    }
    let mut h = harness(&path, Some(file));
    h.run();
    click_each(&mut h, &["Standards", "H1  Belief in the possibility of recovery", "Add evidence"]);
    type_into(&mut h, "Evidence title", "Story night minutes");
    type_into(&mut h, "Date of the evidence", "2024-31-12");
    h.get_by_label("Choose file…").click();
    let_dialog_answer(&mut h);
    click(&mut h, "Save this evidence");
    // A wrong date is explained and nothing is lost.
    h.get_by_label("“2024-31-12” is not a real date: there is no month 31. Write the day first, then the month.");
    h.get_by_label("Date of the evidence").focus();
    for _ in 0..10 {
        h.key_press(egui::Key::Backspace);
    }
    // As people in the UK write it.
    h.get_by_label("Date of the evidence").type_text("31/12/2024");
    h.run();
    click(&mut h, "Save this evidence");

    let ws = Workspace::open(&path).unwrap();
    let items = ws.evidence(Some(&chime("H1"))).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].details.title, "Story night minutes");
    assert_eq!(items[0].details.date.as_deref(), Some("2024-12-31"));
    assert_eq!(items[0].file.as_ref().unwrap().name, "minutes.txt");

    click(&mut h, "Add an action");
    type_into(&mut h, "What will you do?", "Record three recovery stories");
    // The date chosen from the calendar: the month after this one, the 15th.
    type_into(&mut h, "By when", "01/06/2030");
    h.run();
    let choose: Vec<_> = h.query_all_by_label("Choose a date…").collect();
    let b = choose.last().unwrap();
    assert!(b.rect().right() <= 1280.0, "the button is inside the window: {:?}", b.rect());
    b.click();
    h.run();
    click_each(&mut h, &["Later ›", "15 July 2030"]);
    assert!(h.query_by_label("15 July 2030").is_none(), "the calendar closed");
    click(&mut h, "Save this action");
    let actions = ws.actions(Some(&chime("H1"))).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].what, "Record three recovery stories");
    assert_eq!(actions[0].due.as_deref(), Some("2030-07-15"));
    h.get_by_label_contains("by 15/07/2030");
}

#[test]
fn a_workspace_that_cannot_be_opened_says_why() {
    let dir = common::temp();
    let path = common::write(dir.path(), "notes.lero", b"not a workspace at all");
    let mut h = harness(&path, None);
    h.run();
    h.get_by_label("LERO Evidence could not open your workspace");
    assert_eq!(std::fs::read(&path).unwrap(), b"not a workspace at all");
}

#[test]
fn a_damaged_workspace_offers_its_backups_and_is_never_touched() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        ws.new_account(&chime("C1"), "Fridays", "Kept safe in the backup.").unwrap();
        ws.auto_backup("opened").unwrap();
    }
    // Damage the middle of the file.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[4096..12288] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let ws = Workspace::open(&path).map_err(|e| e.to_string());
    let sentence = ws.as_ref().err().cloned().expect("the damaged file is refused");
    assert!(sentence.contains("damaged"), "{sentence}");
    let app = App::new(ws, UiState::default(), Arc::new(FakePicker::cancelled())).with_path(Some(path.clone()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 1600.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.get_by_label("LERO Evidence could not open your workspace");
    h.get_by_label("Open it read-only");
    let backup = &lero_evidence::store::list_backups(&path)[0];
    click(&mut h, &format!("Open the backup of {}", backup.taken));
    h.run();
    let opened = h.state().workspace().expect("the copy of the backup is open");
    assert_ne!(opened.path(), path.as_path());
    assert_eq!(opened.accounts().unwrap()[0].body, "Kept safe in the backup.");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the damaged file was not touched");
}

/// The workspace `dir/ws.lero` with its organisation filled in; returns its path.
fn with_profile(dir: &Path) -> PathBuf {
    let path = dir.join("ws.lero");
    common::organisation(&Workspace::open(&path).unwrap(), "Zoë's Place", true);
    path
}

/// As [`with_profile`], shown in a window whose file dialog answers `picked`.
fn profile_window(dir: &Path, picked: Option<PathBuf>) -> (PathBuf, Harness<'static, App>) {
    let path = with_profile(dir);
    let mut h = harness(&path, picked);
    h.run();
    (path, h)
}

#[test]
fn standards_pasted_into_the_import_dialog_are_stored() {
    let dir = common::temp();
    let (path, mut h) = profile_window(dir.path(), None);
    click_each(&mut h, &["Standards", "Import standards…"]);
    let lines = [
        "National LERO Standards",
        "Section 1: Culture and values",
        "1. The LERO is led by people with lived experience.",
        "2. The LERO welcomes everyone – whatever their pathway.",
        "Section 2: Support offer",
        "3. The LERO offers peer support every week (formal)",
    ];
    h.get_by_label("Pasted standards text").focus();
    for line in lines {
        h.get_by_label("Pasted standards text").type_text(line);
        h.key_press(egui::Key::Enter);
    }
    type_into(&mut h, "Version", "2024");
    type_into(&mut h, "Publisher", "CLERO");
    click(&mut h, "Check");
    h.get_by_label("2 sections, 3 statements (1 for formal organisations only).");
    click_each(&mut h, &["Import", "Done"]);

    let ws = Workspace::open(&path).unwrap();
    let set = ws.load_set("national-lero-standards", "2024").unwrap();
    assert_eq!(set.statement_count(), 3);
    assert_eq!(set.publisher, "CLERO");
    assert_eq!(set.sections[0].statements[1].text, "The LERO welcomes everyone – whatever their pathway.");
    assert_eq!(h.state().ui_state().statement.as_ref().map(|k| k.set_id.as_str()), Some("national-lero-standards"));
}

#[test]
fn people_are_added_in_settings_and_a_bad_logo_is_explained() {
    let dir = common::temp();
    let not_a_picture = common::write(dir.path(), "logo.png", b"definitely not a picture");
    let (path, mut h) = profile_window(dir.path(), Some(not_a_picture));
    click(&mut h, "Settings");
    type_into(&mut h, "Name", "Łukasz Nowak");
    type_into(&mut h, "Role", "Volunteer coordinator");
    h.get_by_label("Has lived experience of recovery").click();
    click(&mut h, "Add person");
    let ws = Workspace::open(&path).unwrap();
    let people = ws.people().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!((people[0].name.as_str(), people[0].lived_experience), ("Łukasz Nowak", true));

    h.get_by_label("Choose logo…").click();
    let_dialog_answer(&mut h);
    assert!(
        h.state().notices().iter().any(|n| n.text.starts_with("This file is not a PNG or JPEG picture")),
        "the refused logo was explained"
    );
    assert!(ws.logo().unwrap().is_none());
}

#[test]
fn writing_an_account_moves_the_gauge_and_exports_a_draft() {
    let dir = common::temp();
    let (path, mut h) = profile_window(dir.path(), None);
    click_each(
        &mut h,
        &["Accounts", "Which statement is it about?", "C1  Peer support and support groups", "Start writing"],
    );
    assert!(h.query_all_by_label("0% of the page").next().is_some(), "an empty page is 0% used");

    let paragraph = "Every Friday the Hub fills up with members cooking for each other, and Zoë hosts the new starters’ circle – a small, calm group. ";
    type_into(&mut h, "Your account", &paragraph.repeat(3));
    h.run();
    let gauge = h
        .query_all_by_label_contains("% of the page")
        .filter_map(|n| n.accesskit_node().label().or_else(|| n.accesskit_node().value()))
        .find(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .expect("a gauge");
    let percent: u32 = gauge.trim_end_matches("% of the page").parse().unwrap();
    assert!(percent > 5 && percent < 40, "{gauge}");

    // Help with writing, once typing pauses: how easy it reads, the long sentence, the
    // questions to tick.
    std::thread::sleep(Duration::from_millis(450));
    h.run();
    h.get_by_label_contains("Reading ease");
    assert!(h.query_all_by_label_contains("longer than 25 words").next().is_none());
    let long = "This is a sentence that goes on and on, with one idea after another, because nobody stopped to put a full stop in it at any point at all. ";
    h.get_by_label("Your account").type_text(long);
    h.run();
    // The hint follows once typing pauses.
    std::thread::sleep(Duration::from_millis(450));
    h.run();
    h.get_by_label("One sentence is longer than 25 words. Splitting it in two often makes it clearer:");
    h.get_by_label("“This is a sentence that goes on and on, with …”");
    let question = "What groups or peer support do you run, and when?";
    click(&mut h, question);
    h.get_by_label("1 of 4 answered.");

    // Saved after a pause in typing.
    let_it_save(&mut h);
    let ws = Workspace::open(&path).unwrap();
    let accounts = ws.accounts().unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].body, paragraph.repeat(3) + long);

    click(&mut h, "Export a draft PDF");
    let pdf = dir.path().join("draft.pdf");
    replace_text(&mut h, "Save the PDF as", pdf.to_str().unwrap());
    h.get_by_label("Export").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Exported the page as a draft")));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn two_people_sign_off_in_the_window_and_an_edit_turns_it_changed() {
    let dir = common::temp();
    let path = with_profile(dir.path());
    let id = {
        let ws = Workspace::open(&path).unwrap();
        ws.add_person("Dafydd Evans", "Director", false).unwrap();
        ws.add_person("Zoë Adebayo", "Peer mentor", true).unwrap();
        ws.new_account(&chime("C1"), "Fridays", "We meet every Friday evening at the Hub.").unwrap()
    };
    let mut h = harness(&path, None);
    h.run();
    click_each(&mut h, &["Sign-off", "Fridays"]);
    for person in ["Dafydd Evans (Director)", "Zoë Adebayo (Peer mentor, lived experience)"] {
        click_each(&mut h, &[person, "Approve this page"]);
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.account_status(id).unwrap(), lero_evidence::domain::account::AccountStatus::Signed);
    h.get_by_label("Signed off: 2 of 2 approvals");

    // Edit one character in the editor: the page is changed since sign-off, everywhere.
    h.state_mut().open_account_for_test(id);
    h.run();
    click(&mut h, "Edit this page");
    h.key_press(egui::Key::End);
    h.get_by_label("Your account").type_text("!");
    h.run();
    h.get_by_label("Status: Changed since sign-off");
    let_it_save(&mut h);
    assert_eq!(ws.account_status(id).unwrap(), lero_evidence::domain::account::AccountStatus::Changed);
    click(&mut h, "Dashboard");
    assert!(h.query_all_by_label("Changed since sign-off").next().is_some(), "the dashboard shows it");
}

/// A dropped file, as a desktop hands it to the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops `paths` onto the window.
fn drop_files(h: &mut Harness<'static, App>, paths: &[&Path]) {
    for p in paths {
        h.input_mut().dropped_files.push(Arc::new(Dropped(p.to_path_buf())));
    }
    h.run();
}

/// A LERO's workspace with one signed-off account of `code`; returns it and its bundle.
fn lero_with_bundle(dir: &Path, name: &str, code: &str) -> (PathBuf, PathBuf) {
    let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let db = dir.join(format!("{slug}.lero"));
    let mut ws = Workspace::open(&db).unwrap();
    ws.set_organisation(&lero_evidence::domain::organisation::Organisation {
        name: name.into(),
        area: "Leeds".into(),
        formal: true,
        ..Default::default()
    })
    .unwrap();
    ws.add_person("Dafydd Evans", "Director", false).unwrap();
    ws.add_person("Zoë Adebayo", "Peer mentor", true).unwrap();
    let id = ws.new_account(&chime(code), "Fridays", &format!("At {name} we meet every Friday evening.")).unwrap();
    for person in ["Dafydd Evans", "Zoë Adebayo"] {
        ws.sign_off(id, person, lero_evidence::domain::signoff::Decision::Approved, "").unwrap();
    }
    let bundle = dir.join(format!("{slug}.lero-bundle"));
    ws.export_bundle(id, &bundle).unwrap();
    (db, bundle)
}

#[test]
fn the_coordinator_imports_bundles_records_sign_offs_and_exports_the_final_report() {
    let dir = common::temp();
    let d = dir.path();
    let (a_db, bundle_a) = lero_with_bundle(d, "Brighter Days", "C1");
    let (b_db, bundle_b) = lero_with_bundle(d, "Hope Street", "C1");
    let (_, bundle_c) = lero_with_bundle(d, "Łukasz Café", "H2");
    let path = d.join("clero.lero");
    let pack = d.join("pack");
    let receipt_a = d.join("a.lero-receipt");
    let pdf = d.join("report.pdf");
    let picks = vec![
        (Purpose::Bundles, vec![bundle_a.clone(), bundle_b.clone()]),
        (Purpose::PackFolder, vec![pack.clone()]),
        (Purpose::Receipt, vec![receipt_a.clone()]),
        (Purpose::SavePdf, vec![pdf.clone()]),
    ];
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "CLERO", false);
    }
    let mut h = harness_picking(&path, None, picks);
    h.run();
    click_each(&mut h, &["Report", "Build the collective report (college)"]);
    type_into(&mut h, "Report title", "How LEROs live the standards");
    click(&mut h, "Start the report");
    assert_eq!(Workspace::open(&path).unwrap().current_report().unwrap().title, "How LEROs live the standards");

    // Two bundles from the dialog, a third dropped onto the window.
    h.get_by_label("Choose bundles…").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Added 2 bundles")));
    drop_files(&mut h, &[&bundle_c]);
    h.run();
    // Something else dropped is explained, and changes nothing.
    let notes = common::write(d, "notes.txt", b"minutes of the meeting");
    drop_files(&mut h, &[&notes]);
    assert!(h.state().notices().iter().any(|n| n.text.starts_with("notes.txt is not a bundle, receipt or manifest")));
    let mut forged = std::fs::read(&bundle_a).unwrap();
    let at = forged.len() / 2;
    forged[at] ^= 1;
    let forged = common::write(d, "forged.lero-bundle", &forged);
    drop_files(&mut h, &[&forged]);
    let refusal = &h.state().notices().last().unwrap().text;
    assert!(refusal.starts_with("The bundle was not added.") && refusal.contains("forged.lero-bundle"), "{refusal}");
    assert_eq!(Workspace::open(&path).unwrap().report_status().unwrap().contributions, 3);
    let status = Workspace::open(&path).unwrap().report_status().unwrap();
    assert_eq!(status.contributors.len(), 3);
    h.get_by_label("Łukasz Café");
    assert!(h.query_all_by_label("Not answered yet").count() == 3, "nobody has signed yet");
    h.get_by_label_contains("Not ready to publish: waiting for 3 of 3 contributors");

    // The review pack, then a receipt from the dialog, one dropped, and one given by phone.
    h.get_by_label("Choose folder…").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Wrote the review pack")));
    let manifest = pack.join("report.lero-manifest");
    assert!(pack.join("report-draft.pdf").exists() && manifest.exists());
    Workspace::open(&a_db).unwrap().write_receipt(&manifest, "Zoë Adebayo", &receipt_a).unwrap();
    let receipt_b = d.join("b.lero-receipt");
    Workspace::open(&b_db).unwrap().write_receipt(&manifest, "Dafydd Evans", &receipt_b).unwrap();
    h.get_by_label("Choose receipt…").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Recorded Brighter Days")));
    drop_files(&mut h, &[&receipt_b]);
    h.run();
    h.get_by_label_contains(
        "Not ready to publish: waiting for 1 of 3 contributors to sign off this version (Łukasz Café)",
    );

    click_each(&mut h, &["A sign-off given another way (phone, email)", "Contributor"]);
    // The choice in the list that opened (the name also stands in the table as text).
    h.query_all_by_label("Łukasz Café")
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .expect("Łukasz Café in the list")
        .click();
    h.run();
    type_into(&mut h, "Who gave the sign-off", "Łukasz Nowak, chair");
    type_into(&mut h, "How it was given", "by phone");
    type_into(&mut h, "Recorded by", "Sam (coordinator)");
    click(&mut h, "Record this sign-off");
    h.run();
    h.get_by_label("Ready to publish: every contributor has signed off this version.");
    h.get_by_label("Łukasz Nowak, chair, by phone (recorded by Sam (coordinator))");

    // The final export, clean.
    h.get_by_label("Choose where to save…").click();
    let_dialog_answer(&mut h);
    h.get_by_label("Export the final report").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Exported the report")));
    let text = common::poppler("pdftotext", &pdf);
    assert!(!text.contains("DRAFT"), "the final report is clean");
    for name in ["Brighter Days", "Hope Street", "Łukasz Café", "How LEROs live the standards"] {
        assert!(text.contains(name), "{name} is in the report");
    }
}

#[test]
fn a_lero_opens_the_manifest_checks_its_page_and_signs_the_report_off() {
    let dir = common::temp();
    let d = dir.path();
    let (db, bundle) = lero_with_bundle(d, "Brighter Days", "C1");
    let clero = d.join("clero.lero");
    let pack = d.join("pack");
    {
        let mut ws = Workspace::open(&clero).unwrap();
        ws.new_report("Report", Some("2026"), "").unwrap();
        ws.import_bundle(&bundle).unwrap();
        ws.write_review_pack(&pack).unwrap();
    }
    let manifest = pack.join("report.lero-manifest");
    let mut h = harness_picking(&db, None, vec![(Purpose::Manifest, vec![manifest.clone()])]);
    h.run();
    click(&mut h, "Report");
    h.get_by_label("Choose manifest…").click();
    let_dialog_answer(&mut h);
    h.get_by_label("Your pages in the report");
    h.get_by_label("This is the page you signed off.");
    click(&mut h, "Sign off the report");
    assert!(h.state().notices().iter().any(|n| n.text == "Choose who is signing first."));
    click_each(&mut h, &["Who is signing for your organisation?", "Zoë Adebayo (Peer mentor)", "Sign off the report"]);
    let receipt = pack.join("report-signoff.lero-receipt");
    assert!(receipt.exists(), "{:?}", h.state().notices().iter().map(|n| &n.text).collect::<Vec<_>>());
    let recorded = Workspace::open(&clero).unwrap().record_receipt(&receipt).unwrap();
    assert!(recorded.valid, "{}", recorded.summary);
    assert!(Workspace::open(&clero).unwrap().report_status().unwrap().ready());
}

#[test]
fn a_dashboard_of_many_accounts_lists_those_needing_something_and_links_to_all() {
    let dir = common::temp();
    let path = dir.path().join("large.lero");
    let ws = lero_evidence::workspace::sample_large_workspace(&path, 40, 30).unwrap();
    ws.save_account(5, "Edited after sign-off", "New words.").unwrap();
    drop(ws);
    let mut h = harness(&path, None);
    h.run();
    h.get_by_label("30 accounts: 19 signed off, 1 changed since sign-off, 10 being written.");
    h.get_by_label("Edited after sign-off");
    let listed = h.query_all_by_label_contains("(account ").count();
    assert_eq!(listed + 1, 10, "ten accounts listed, not thirty");
    assert_eq!(h.query_all_by_label("Signed off").count(), 0, "the ten needing something come first");
    click(&mut h, "See all 30 accounts");
    assert_eq!(h.state().screen(), Screen::Accounts);
}

#[test]
fn misspelt_words_are_listed_corrected_and_added_to_the_word_list() {
    let dir = common::temp();
    let path = with_profile(dir.path());
    let id = Workspace::open(&path)
        .unwrap()
        .new_account(&chime("C1"), "Fridays", "Members recieve a welcome at Dridays, and we recieve their ideas.")
        .unwrap();
    let mut h = harness(&path, None);
    h.run();
    h.state_mut().open_account_for_test(id);
    h.run();
    h.get_by_label("Spelling: 2 words the British English check does not know, underlined in the text. A name or local word that is right can go on your word list.");
    h.get_by_label("(line 1, 2 times)");
    for _ in 0..200 {
        h.run();
        if h.query_by_label("Change to “receive”").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    click(&mut h, "Change to “receive”");
    std::thread::sleep(Duration::from_millis(450));
    h.run();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.account(id).unwrap().body, "Members receive a welcome at Dridays, and we receive their ideas.");

    click(&mut h, "Add “Dridays” to the word list");
    assert_eq!(ws.words().unwrap(), ["Dridays"]);
    h.run();
    h.get_by_label("Spelling: no mistakes found.");

    // The word list is kept in Settings: a phrase is refused, a word added, one taken off.
    click(&mut h, "Settings");
    type_into(&mut h, "Add a word", "Wirral Wallasey");
    click(&mut h, "Add word");
    h.get_by_label_contains("is more than one word");
    replace_text(&mut h, "Add a word", "Wallasey");
    click_each(&mut h, &["Add word", "Remove “Dridays”"]);
    assert_eq!(ws.words().unwrap(), ["Wallasey"]);
}

/// Types `path` into the path box labelled `label`, replacing what was there.
fn type_path(h: &mut Harness<'static, App>, label: &str, path: &Path) {
    replace_text(h, label, path.to_str().unwrap());
    h.run();
}

#[test]
fn the_window_refuses_to_save_over_the_workspace_and_asks_before_replacing_a_file() {
    let dir = common::temp();
    let path = with_profile(dir.path());
    let id = Workspace::open(&path).unwrap().new_account(&chime("C1"), "Fridays", "We meet on Fridays.").unwrap();
    let mut h = harness(&path, None);
    h.run();
    h.state_mut().open_account_for_test(id);
    h.run();
    click(&mut h, "Export a draft PDF");

    // The workspace's own name typed for a PDF: the PDF gets its extension, beside it, and
    // the workspace is left as it was.
    let before = std::fs::read(&path).unwrap();
    type_path(&mut h, "Save the PDF as", &path);
    h.get_by_label("Export").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Exported the page")));
    assert!(std::fs::read(dir.path().join("ws.lero.pdf")).unwrap().starts_with(b"%PDF-"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the workspace file is byte-for-byte the same");

    // Its backups folder, and another workspace under a PDF's name: refused too.
    let other = dir.path().join("old-notes.pdf");
    Workspace::open(&other).unwrap();
    let other_before = std::fs::read(&other).unwrap();
    type_path(&mut h, "Save the PDF as", &other);
    click(&mut h, "Export");
    assert!(h.state().notices().iter().any(|n| n.text.starts_with("There is a LERO Evidence workspace in this file")));
    assert_eq!(std::fs::read(&other).unwrap(), other_before);

    // An ordinary file that is there: the window asks first, and "Keep it" keeps it.
    let old = common::write(dir.path(), "old.pdf", b"the user's old file");
    type_path(&mut h, "Save the PDF as", &old);
    click(&mut h, "Export");
    h.get_by_label_contains("There is already a file called “old.pdf” there. Replace it?");
    click(&mut h, "Keep it");
    assert!(h.query_all_by_label("Replace it").next().is_none());
    assert_eq!(std::fs::read(&old).unwrap(), b"the user's old file");

    // Asked again, "Replace it" writes the PDF.
    click(&mut h, "Export");
    h.get_by_label("Replace it").click();
    run_until(&mut h, |_| std::fs::read(&old).unwrap().starts_with(b"%PDF-"));
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Exported the page")));

    // A name typed without its extension is saved with it, and the box says so.
    let bare = dir.path().join("Zoë's page");
    type_path(&mut h, "Save the PDF as", &bare);
    h.get_by_label("Export").click();
    let with_pdf = dir.path().join("Zoë's page.pdf");
    run_until(&mut h, |_| std::fs::read(&with_pdf).is_ok_and(|b| b.starts_with(b"%PDF-")));
    assert!(std::fs::read(&with_pdf).unwrap().starts_with(b"%PDF-"));
    assert!(h.query_all_by_value(with_pdf.to_str().unwrap()).next().is_some(), "the box shows the name saved");

    // A backup from Settings onto the workspace is refused the same way.
    click(&mut h, "Settings");
    type_path(&mut h, "Back up to a new file", &path);
    click(&mut h, "Make a backup");
    let said: Vec<String> = h.state().notices().iter().map(|n| n.text.clone()).collect();
    assert!(said.iter().any(|t| t.starts_with("This is your workspace file itself")), "{said:?}");
    assert!(h.query_all_by_label("Replace it").next().is_none());
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_look_alike_bundle_dropped_on_the_window_is_held_until_the_coordinator_decides() {
    let dir = common::temp();
    let d = dir.path();
    let other_dir = d.join("other");
    std::fs::create_dir(&other_dir).unwrap();
    let (_, real) = lero_with_bundle(d, "Dear Albert", "C1");
    let (_, lookalike) = lero_with_bundle(&other_dir, "Dear Alb\u{0435}rt", "C2");
    let path = d.join("clero.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "CLERO", false);
        ws.new_report("How LEROs live the standards", None, "").unwrap();
        ws.import_bundle(&real).unwrap();
    }
    let mut h = harness(&path, None);
    h.run();
    click(&mut h, "Report");
    drop_files(&mut h, &[&lookalike]);
    h.run();
    let said: Vec<String> = h.state().notices().iter().map(|n| n.text.clone()).collect();
    assert!(said.iter().any(|t| t.contains("looks like Dear Albert’s")), "{said:?}");
    assert_eq!(Workspace::open(&path).unwrap().report_status().unwrap().contributors.len(), 1);

    // Not added until the coordinator says so; then both are marked.
    click(&mut h, "Add it as a different organisation");
    let status = Workspace::open(&path).unwrap().report_status().unwrap();
    assert_eq!(status.contributors.len(), 2);
    assert!(status.contributors.iter().all(|c| c.looks_like.len() == 1));
    h.get_by_label_contains("Dear Albert (name like Dear Albеrt)");
    assert!(h.query_all_by_label("Add it as a different organisation").next().is_none());
}

#[test]
fn settings_refuse_a_name_with_a_hidden_character_and_keep_the_old_one() {
    let dir = common::temp();
    let (path, mut h) = profile_window(dir.path(), None);
    click(&mut h, "Settings");
    type_into(&mut h, "Name", "Dave\u{200B} Jones");
    type_into(&mut h, "Role", "Trustee");
    click(&mut h, "Add person");
    h.get_by_label_contains("The person's name holds a zero-width space (U+200B), after “Dave”");
    assert!(Workspace::open(&path).unwrap().people().unwrap().is_empty());
}

#[test]
fn the_editor_says_what_the_page_cannot_print_and_keeps_the_text() {
    let dir = common::temp();
    let path = with_profile(dir.path());
    let id = Workspace::open(&path).unwrap().new_account(&chime("C1"), "Fridays", "We meet.").unwrap();
    let ws = Workspace::open(&path).map_err(|e| e.to_string());
    let app = App::new(ws, UiState::default(), Arc::new(FakePicker::cancelled()));
    // The window draws a box for a letter no font has, as the page would: this test types one.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 2400.0))
        .with_max_steps(16)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h.state_mut().open_account_for_test(id);
    h.run();
    assert!(h.query_all_by_label_contains("The page cannot print").next().is_none());
    h.get_by_label("Your account").focus();
    h.key_press(egui::Key::End);
    h.get_by_label("Your account").type_text(" Tea ☕ and ع");
    h.run();
    h.get_by_label_contains("The page cannot print ع (U+0639) (in the text)");
    let_it_save(&mut h);
    assert!(Workspace::open(&path).unwrap().account(id).unwrap().body.ends_with("Tea ☕ and ع"));
}

#[test]
fn the_report_is_exported_as_a_web_page_from_beside_the_pdf() {
    let dir = common::temp();
    let d = dir.path();
    let (_, bundle) = lero_with_bundle(d, "Brighter Days", "C1");
    let path = d.join("clero.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "CLERO", false);
        ws.new_report("How LEROs live the standards", Some("2026"), "").unwrap();
        ws.import_bundle(&bundle).unwrap();
    }
    // The name is chosen in the dialog without its extension; .html is added.
    let mut h = harness_picking(&path, None, vec![(Purpose::SaveWebPage, vec![d.join("report")])]);
    h.run();
    click(&mut h, "Report");
    h.get_by_label("Export as a web page…").click();
    run_until(&mut h, |app| app.notices().iter().any(|n| n.text.starts_with("Exported the report as a web page")));
    let out = d.join("report.html");
    let said = &h.state().notices().last().unwrap().text;
    assert!(said.contains(&out.display().to_string()) && said.contains("marked DRAFT at the top"), "{said}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">") && html.contains("Brighter Days"));

    // A second time asks before replacing the file.
    std::fs::write(&out, "old").unwrap();
    h.get_by_label("Export as a web page…").click();
    let_dialog_answer(&mut h);
    h.get_by_label_contains("There is already a file called “report.html” there. Replace it?");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    click(&mut h, "Replace it");
    run_until(&mut h, |app| !app.working_in_background() && std::fs::read_to_string(&out).is_ok_and(|t| t == html));
}

#[test]
fn the_report_screen_adds_up_the_figures_contributors_sent() {
    let dir = common::temp();
    let d = dir.path();
    let (_, plain) = lero_with_bundle(d, "Brighter Days", "C1");
    let (db, _) = lero_with_bundle(d, "Hope Street", "C2");
    common::ok(&db, &["org", "figures", "--year", "2025", "--people-supported", "1,000", "--volunteers", "12"]);
    let counted = d.join("hope.lero-bundle");
    common::ok(&db, &["export", "bundle", "1", "--out", counted.to_str().unwrap()]);
    let path = d.join("clero.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "CLERO", false);
        ws.new_report("How LEROs live the standards", Some("2026"), "").unwrap();
        ws.import_bundle(&plain).unwrap();
        ws.import_bundle(&counted).unwrap();
    }
    let mut h = common::ui::window(&path, FakePicker::default(), 2400.0);
    h.run();
    click(&mut h, "Report");
    h.get_by_label_contains("In numbers: 1 of 2 contributors sent figures (2025): 1,000 people supported");
    h.get_by_label("People supported, by contributor: Hope Street 1,000.");
    h.get_by_label("Accounts per statement: C1 Peer support and support groups 1; C2 Relationships 1.");
    h.get_by_label("no figures sent");
    h.get_by_label("12");
}

#[test]
fn the_table_for_analysts_is_exported_from_beside_the_pdf_as_a_workbook_or_csv() {
    let dir = common::temp();
    let d = dir.path();
    let (_, bundle) = lero_with_bundle(d, "Brighter Days", "C1");
    let path = d.join("clero.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "CLERO", false);
        ws.new_report("How LEROs live the standards", Some("2026"), "").unwrap();
        ws.import_bundle(&bundle).unwrap();
    }
    // A name chosen without an extension becomes a workbook; one ending .CSV stays CSV.
    for (chosen, written, sign) in [
        ("contributions", "contributions.xlsx", &b"PK"[..]),
        ("rows.CSV", "rows.csv", &b"\xEF\xBB\xBFOrganisation,"[..]),
    ] {
        let mut h = harness_picking(&path, None, vec![(Purpose::SaveTable, vec![d.join(chosen)])]);
        h.run();
        click(&mut h, "Report");
        h.get_by_label("Export the table for analysts…").click();
        run_until(&mut h, |app| {
            app.notices().iter().any(|n| n.text.starts_with("Wrote a row for the one contribution"))
        });
        let out = d.join(written);
        let said = &h.state().notices().last().unwrap().text;
        assert!(said.contains(&out.display().to_string()), "{said}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(sign), "{written}");
    }
    assert!(String::from_utf8_lossy(&std::fs::read(d.join("rows.csv")).unwrap()).contains("Brighter Days"));
}
