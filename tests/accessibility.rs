//! Everyone can use the window: every control has a name a screen reader can say, the whole
//! core flow works from the keyboard alone, and the appearance settings take effect.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use lero_evidence::domain::account::AccountStatus;
use lero_evidence::domain::assessment::Stage;
use lero_evidence::domain::standards::StatementKey;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::ui::{App, Screen, Theme, UiState};
use lero_evidence::workspace::Workspace;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn harness_over(ws: Result<Workspace, String>, state: UiState) -> Harness<'static, App> {
    common::ui::window_over(ws, state, FakePicker::cancelled(), 2400.0)
}

fn harness(path: &Path) -> Harness<'static, App> {
    harness_over(Workspace::open(path).map_err(|e| e.to_string()), UiState::default())
}

/// The window over the demo workspace, after its first frame.
fn demo_window() -> Harness<'static, App> {
    let mut h = harness_over(Workspace::open_demo().map_err(|e| e.to_string()), UiState::default());
    h.run();
    h
}

/// The name of the control that has the keyboard focus, if any.
fn focused(h: &Harness<'static, App>) -> Option<String> {
    #[allow(clippy::redundant_closure_for_method_calls, reason = "the method's lifetime is too narrow to pass")]
    let mut found = h.query_all_by(|n| n.is_focused());
    found.next().map(|n| n.accesskit_node().label().unwrap_or_default())
}

/// Presses a key and lets the window take it in (focus moves at the end of a frame).
fn press(h: &mut Harness<'static, App>, key: Key) {
    h.key_press(key);
    h.step();
    h.step();
}

/// Presses Tab until the control named `name` has the focus, as someone without a mouse
/// would; fails if it is never reached.
fn tab_to(h: &mut Harness<'static, App>, name: &str) {
    let mut passed = Vec::new();
    for _ in 0..250 {
        let now = focused(h);
        if now.as_deref() == Some(name) {
            return;
        }
        if passed.len() < 60 {
            passed.push(now);
        }
        press(h, Key::Tab);
    }
    panic!("Tab never reached {name:?}; it went through {passed:?}");
}

/// Moves to `name` with Tab and presses Enter on it.
fn activate(h: &mut Harness<'static, App>, name: &str) {
    tab_to(h, name);
    press(h, Key::Enter);
    h.run();
}

/// Moves to `name` with Tab and presses Space on it (check boxes and radio buttons).
fn tick(h: &mut Harness<'static, App>, name: &str) {
    tab_to(h, name);
    press(h, Key::Space);
    h.run();
}

/// Moves to the text box `name` with Tab and types `text` into it, replacing what was there.
fn type_into(h: &mut Harness<'static, App>, name: &str, text: &str) {
    tab_to(h, name);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.step();
    h.event(egui::Event::Text(text.to_owned()));
    h.step();
    h.run();
}

fn chime(code: &str) -> StatementKey {
    StatementKey::new("clero-chime", "2021-22", code)
}

#[test]
fn the_core_flow_is_done_with_the_keyboard_alone() {
    common::ensure_poppler();
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    let pdf = dir.path().join("peer support.pdf");
    let mut h = harness(&path);
    h.run();

    // Welcome.
    type_into(&mut h, "Organisation name", "Keyboard Recovery Café");
    activate(&mut h, "Save and continue");
    assert_ne!(h.state().screen(), Screen::Dashboard, "the welcome moved on");
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.organisation().unwrap().unwrap().name, "Keyboard Recovery Café");

    // The people who sign pages off.
    activate(&mut h, "Settings");
    assert_eq!(h.state().screen(), Screen::Settings);
    for (name, role, lived) in [("Dafydd Evans", "Director", false), ("Zoë Adebayo", "Peer mentor", true)] {
        type_into(&mut h, "Name", name);
        type_into(&mut h, "Role", role);
        if lived {
            tick(&mut h, "Has lived experience of recovery");
        }
        activate(&mut h, "Add person");
    }
    assert_eq!(ws.people().unwrap().len(), 2);
    assert!(ws.people().unwrap().iter().any(|p| p.name == "Zoë Adebayo" && p.lived_experience));

    // Assess a statement.
    activate(&mut h, "Standards");
    activate(&mut h, "C1  Peer support and support groups");
    tick(&mut h, "Developing");
    std::thread::sleep(Duration::from_millis(450));
    h.run();
    assert_eq!(ws.assessment(&chime("C1")).unwrap().stage, Some(Stage::Developing));

    // Write its account.
    activate(&mut h, "Write an account of this statement");
    assert_eq!(h.state().screen(), Screen::Accounts);
    type_into(&mut h, "Title", "Friday nights");
    type_into(
        &mut h,
        "Your account",
        "Every Friday members run a peer group at the Hub. New people are met at the door by someone who has been there.",
    );
    std::thread::sleep(Duration::from_millis(450));
    h.run();
    let account = ws.accounts().unwrap().into_iter().find(|a| a.key == chime("C1")).expect("an account was started");
    assert_eq!(account.title, "Friday nights");
    assert!(account.body.starts_with("Every Friday members run a peer group"));

    // Two people sign it off.
    activate(&mut h, "Sign-off");
    activate(&mut h, "Friday nights");
    for person in ["Dafydd Evans (Director)", "Zoë Adebayo (Peer mentor, lived experience)"] {
        tick(&mut h, person);
        activate(&mut h, "Approve this page");
    }
    assert_eq!(ws.account_status(account.id).unwrap(), AccountStatus::Signed);

    // Export the signed page, from the editor where it was written.
    activate(&mut h, "Accounts");
    h.get_by_label("Status: Signed off");
    activate(&mut h, "Export a PDF");
    type_into(&mut h, "Save the PDF as", &pdf.display().to_string());
    press(&mut h, Key::Enter);
    for _ in 0..200 {
        // One frame at a time while the export runs (its spinner keeps asking for frames).
        h.step();
        if pdf.exists() {
            h.run();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = common::poppler("pdftotext", &pdf);
    assert!(text.contains("Every Friday members run a peer group"), "{text}");
    assert!(text.contains("Zoë Adebayo"), "the sign-offs are on the page: {text}");
    assert!(!text.contains("DRAFT"), "{text}");
}

/// Goes to every screen of the demo workspace, and to a statement, a page to sign off, the
/// editor and the college's report, calling `check` at each.
fn visit_every_screen(h: &mut Harness<'static, App>, check: &mut impl FnMut(&mut Harness<'static, App>, &str)) {
    let nav = |h: &mut Harness<'static, App>, screen: &str| {
        h.get_by_role_and_label(egui::accesskit::Role::Button, screen).click();
        h.run();
    };
    for screen in ["Dashboard", "Standards", "Accounts", "Sign-off", "Report", "Settings"] {
        nav(h, screen);
        check(h, screen);
    }
    for (screen, item, place) in [
        ("Standards", "C1  Peer support and support groups", "a statement"),
        ("Sign-off", "Friday nights at the Hub", "a page to sign off"),
        ("Accounts", "Friday nights at the Hub", "the editor"),
        ("Report", "Build the collective report (college)", "the college's report"),
    ] {
        nav(h, screen);
        h.get_by_label(item).click();
        check(h, place);
    }
}

/// Roles a person acts on, which must each have a name.
fn is_control(role: egui::accesskit::Role) -> bool {
    use egui::accesskit::Role;
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::RadioButton
            | Role::ComboBox
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::SearchInput
            | Role::Link
            | Role::Slider
            | Role::SpinButton
            | Role::Tab
            | Role::Switch
            | Role::MenuItem
            | Role::Image
    )
}

/// Every control on screen without a name, described with its role and where it is.
fn unnamed_controls(h: &Harness<'static, App>) -> Vec<String> {
    h.query_all_by(|n| is_control(n.role()) && n.label().is_none_or(|l| l.trim().is_empty()))
        .map(|n| format!("{:?} at {:?}", n.accesskit_node().role(), n.rect()))
        .collect()
}

#[test]
fn every_control_on_every_screen_has_a_name() {
    let mut h = demo_window();
    let mut seen = Vec::new();
    let mut check = |h: &mut Harness<'static, App>, place: &str| {
        h.run();
        let unnamed = unnamed_controls(h);
        assert!(unnamed.is_empty(), "{place}: controls without a name: {unnamed:#?}");
        seen.push(h.query_all_by(|n| is_control(n.role())).count());
    };
    visit_every_screen(&mut h, &mut check);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Standards").click();
    h.run();
    h.get_by_label("Import standards…").click();
    check(&mut h, "the import dialog");

    // The welcome, with its appearance choices open.
    let dir = common::temp();
    let mut h = harness(&dir.path().join("new.lero"));
    h.run();
    h.get_by_label("Text too small, or hard to read? Change how the app looks").click();
    check(&mut h, "the welcome");
    assert!(seen.iter().all(|n| *n > 5), "each place has controls to check: {seen:?}");
}

#[test]
fn text_size_colours_and_font_change_the_window_and_are_kept() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    common::organisation(&Workspace::open(&path).unwrap(), "Zoë's Place", false);
    let mut h = harness(&path);
    h.run();
    assert!(!h.ctx.global_style().visuals.dark_mode);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Settings").click();
    h.run();

    h.get_by_label("High contrast").click();
    h.run();
    assert_eq!(h.state().ui_state().appearance.theme, Theme::HighContrast);
    let visuals = h.ctx.global_style().visuals.clone();
    assert!(visuals.dark_mode);
    assert_eq!(visuals.panel_fill, egui::Color32::BLACK);

    // One choice in the list of sizes, not a button that moves as the text grows.
    h.query_all_by_label("Text size").last().unwrap().click();
    h.run();
    h.get_by_label("120%").click();
    h.run();
    assert_eq!(h.state().ui_state().appearance.text_size, 120);
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-6, "zoom {}", h.ctx.zoom_factor());
    // The keyboard shortcut changes the same setting.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert_eq!(h.state().ui_state().appearance.text_size, 110);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().ui_state().appearance.text_size, 100);

    h.get_by_label_contains("Use the reading font").click();
    h.run();
    assert!(h.state().ui_state().appearance.reading_font);
    let families = h.ctx.fonts(|f| f.definitions().families.clone());
    let proportional = &families[&egui::FontFamily::Proportional];
    assert_eq!(proportional.first().map(String::as_str), Some("reading-regular"), "{proportional:?}");
    // The page preview keeps the page's own font.
    assert_eq!(
        families[&egui::FontFamily::Name("page-regular".into())].first().map(String::as_str),
        Some("noto-regular")
    );

    // The choice is kept with the window's state, and applied when the window opens again.
    let state = h.state().ui_state().clone();
    let ron = serde_json::to_string(&state).unwrap();
    let again: UiState = serde_json::from_str(&ron).unwrap();
    let mut h = harness_over(Workspace::open(&path).map_err(|e| e.to_string()), again);
    h.run();
    assert_eq!(h.ctx.global_style().visuals.panel_fill, egui::Color32::BLACK);
}

#[test]
fn an_account_opens_from_the_list_with_the_keyboard() {
    let mut h = demo_window();
    activate(&mut h, "Accounts");
    activate(&mut h, "Friday nights at the Hub");
    h.get_by_label("Back to all accounts");
}

/// Everything drawn past the right edge of a window `width` points wide.
fn past_the_edge(h: &Harness<'static, App>, width: f32) -> Vec<String> {
    h.query_all_by(|n| n.label().is_some_and(|l| !l.trim().is_empty()))
        .filter(|n| n.rect().max.x > width + 0.5 && n.rect().width() > 0.0)
        .map(|n| format!("{:?} {:?} at {:?}", n.accesskit_node().role(), n.accesskit_node().label(), n.rect()))
        .collect()
}

#[test]
fn at_twice_the_text_size_nothing_runs_off_the_side() {
    // At 200% a 1366 × 768 laptop screen is 683 points wide: lay every screen out that wide.
    let width = 683.0;
    let app = App::new(
        Workspace::open_demo().map_err(|e| e.to_string()),
        UiState::default(),
        Arc::new(FakePicker::cancelled()),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, 2400.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    let mut check = |h: &mut Harness<'static, App>, place: &str| {
        h.run();
        let off = past_the_edge(h, width);
        assert!(off.is_empty(), "{place}: drawn past the window's edge: {off:#?}");
    };
    visit_every_screen(&mut h, &mut check);
}

#[test]
fn the_window_at_its_own_size_with_200_percent_text_in_high_contrast_reflows_every_screen() {
    // 1180 × 780 pixels, as the window opens: 590 × 390 points at 200%, with a scroll bar
    // taking room; laid out first at 100% and then zoomed, as when the setting was kept.
    let state = UiState {
        appearance: lero_evidence::ui::Appearance { text_size: 200, theme: Theme::HighContrast, reading_font: false },
        ..UiState::default()
    };
    let mut h = Harness::builder().with_size(egui::vec2(1180.0, 780.0)).with_max_steps(16).build_ui_state(
        |ui, app: &mut App| app.show(ui),
        App::new(Workspace::open_demo().map_err(|e| e.to_string()), state, Arc::new(FakePicker::cancelled())),
    );
    h.run();
    let width = h.ctx.content_rect().width();
    assert!((width - 590.0).abs() < 1.0, "{width}");
    for screen in ["Dashboard", "Standards", "Accounts", "Sign-off", "Report", "Settings"] {
        h.get_by_role_and_label(egui::accesskit::Role::Button, screen).click();
        h.run();
        h.run();
        let off = past_the_edge(&h, width);
        assert!(off.is_empty(), "{screen}: drawn past the window's edge: {off:#?}");
    }
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Dashboard").click();
    h.run();
    dashboard_reads_straight(&h);
}

/// The legend keeps each stage's words on one line, and every section's bar starts at the
/// same left edge, so the bars can be compared.
fn dashboard_reads_straight(h: &Harness<'static, App>) {
    let line = h.ctx.global_style().text_styles[&egui::TextStyle::Body].size * 2.0;
    for words in ["Not yet", "Not applicable", "Not assessed yet"] {
        let r = h.get_by_label(words).rect();
        assert!(r.height() < line, "“{words}” is broken over lines: {r:?}");
    }
    let bars: Vec<f32> = h
        .query_all_by(|n| {
            n.role() == egui::accesskit::Role::Button && n.label().is_some_and(|l| l.contains(" not assessed yet"))
        })
        .map(|n| n.rect().left())
        .collect();
    assert!(bars.len() >= 5, "{bars:?}");
    assert!(bars.iter().all(|x| (x - bars[0]).abs() < 0.5), "the bars start at different places: {bars:?}");
}

#[test]
fn at_normal_size_the_dashboard_bars_share_one_left_edge() {
    let mut h = Harness::builder().with_size(egui::vec2(1180.0, 780.0)).with_max_steps(16).build_ui_state(
        |ui, app: &mut App| app.show(ui),
        App::new(
            Workspace::open_demo().map_err(|e| e.to_string()),
            UiState::default(),
            Arc::new(FakePicker::cancelled()),
        ),
    );
    h.run();
    dashboard_reads_straight(&h);
}

#[test]
fn a_new_account_is_started_from_the_list_with_the_keyboard() {
    let mut h = demo_window();
    activate(&mut h, "Accounts");
    tab_to(&mut h, "Which statement is it about?");
    press(&mut h, Key::Space);
    h.run();
    activate(&mut h, "C3  Support from others");
    type_into(&mut h, "Title of the account (optional)", "Who we lean on");
    activate(&mut h, "Start writing");
    h.get_by_label("Back to all accounts");
    let ws = h.state().workspace().unwrap();
    assert!(ws.accounts().unwrap().iter().any(|a| a.title == "Who we lean on" && a.key.code == "C3"));
}
