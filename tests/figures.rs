//! The organisation's year in figures: set and merged headless, read back as JSON, nonsense
//! refused with one sentence and nothing changed; and the same in Settings, driven by label.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use common::ok;
use common::ui::{click, replace_text, type_into};
use egui_kittest::kittest::{NodeT, Queryable};
use lero_evidence::domain::figures::Year;
use lero_evidence::ui::picker::testing::FakePicker;
use lero_evidence::workspace::Workspace;
use std::path::Path;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// Every stored row of the figures table, exactly, with when each was last written.
fn stored(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT * FROM org_figures ORDER BY year").unwrap();
    let rows = stmt
        .query_map([], |r| {
            let cells: Vec<String> =
                (0..8).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            Ok(cells.join("|"))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn figures_set_headless_are_kept_merged_and_read_back() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    assert_eq!(json(&ok(&db, &["org", "figures", "--json"])), serde_json::json!([]));
    assert!(ok(&db, &["org", "figures"]).contains("No figures are kept yet"));

    let out = ok(
        &db,
        &[
            "org",
            "figures",
            "--year",
            "2025/26",
            "--people-supported",
            "1,200",
            "--volunteers",
            "25",
            "--note",
            "Counted from our sign-in sheets",
        ],
    );
    assert_eq!(out.trim(), "Saved the figures for 2025-26: 1,200 people supported, 25 volunteers.");
    // Only the figures given change; the rest keep their values.
    ok(&db, &["org", "figures", "--year", "2025-26", "--support-hours", "3400", "--lived-experience-roles", "2"]);
    ok(&db, &["org", "figures", "--year", "2024", "--volunteer-hours", "800"]);

    let all = json(&ok(&db, &["org", "figures", "--json"]));
    assert_eq!(
        all,
        serde_json::json!([
            {"year": "2025-26", "people_supported": 1200, "support_hours": 3400, "volunteers": 25,
             "volunteer_hours": null, "lived_experience_roles": 2, "note": "Counted from our sign-in sheets"},
            {"year": "2024", "people_supported": null, "support_hours": null, "volunteers": null,
             "volunteer_hours": 800, "lived_experience_roles": null, "note": ""}
        ]),
        "newest year first, a figure not given null"
    );
    // The JSON is the domain's own: it reads back as the figures kept.
    let back: Vec<lero_evidence::domain::figures::YearFigures> = serde_json::from_value(all).unwrap();
    let ws = Workspace::open(&db).unwrap();
    assert_eq!(ws.figures().unwrap(), back);
    assert_eq!(ws.newest_figures().unwrap().unwrap().year, Year::financial(2025).unwrap());
    drop(ws);

    let listed = ok(&db, &["org", "figures"]);
    assert!(listed.starts_with("2025-26: 1,200 people supported, 3,400 hours of recovery support"), "{listed}");
    assert!(listed.contains("How they were counted: Counted from our sign-in sheets"), "{listed}");
    assert_eq!(json(&ok(&db, &["org", "figures", "--year", "2024", "--json"]))[0]["volunteer_hours"], 800);

    // An empty figure takes it away; a year is removed whole.
    ok(&db, &["org", "figures", "--year", "2025-26", "--volunteers", ""]);
    assert!(json(&ok(&db, &["org", "figures", "--year", "2025-26", "--json"]))[0]["volunteers"].is_null());
    assert_eq!(ok(&db, &["org", "figures", "--year", "2024", "--remove"]).trim(), "Removed the figures for 2024.");
    assert_eq!(json(&ok(&db, &["org", "figures", "--json"])).as_array().unwrap().len(), 1);
    assert!(ok(&db, &["check"]).contains("healthy"));
}

#[test]
fn nonsense_is_refused_with_one_sentence_and_changes_nothing() {
    let dir = common::temp();
    let db = dir.path().join("ws.lero");
    ok(&db, &["org", "figures", "--year", "2025-26", "--people-supported", "120", "--note", "From the register"]);
    let before = stored(&db);
    assert_eq!(before.len(), 1);
    let cases: [(&[&str], &str); 12] = [
        (&["--year", "2025-26", "--people-supported", "-3"], "People supported cannot be below zero"),
        (&["--year", "2025-26", "--volunteers", "twelve"], "Volunteers must be written in digits"),
        (&["--year", "2025-26", "--support-hours", "1.5"], "Hours of recovery support must be a whole number"),
        (&["--year", "2025-26", "--volunteer-hours", "99999999"], "Volunteer hours cannot be more than 10,000,000"),
        // One bad figure among good ones changes none of them.
        (&["--year", "2025-26", "--people-supported", "130", "--lived-experience-roles", "a few"], "Paid roles"),
        (&["--year", "1999", "--volunteers", "3"], "outside the years figures are kept for (2000 to 2100)"),
        (&["--year", "2025-27", "--volunteers", "3"], "so write 2025-26"),
        (&["--year", "last year", "--volunteers", "3"], "such as 2025-26"),
        (&["--volunteers", "3"], "Say which year with --year"),
        (&["--year", "2025-26", "--volunteers", "3", "--remove"], "--remove takes away the whole year"),
        (&["--year", "2023", "--remove"], "No figures are kept for 2023"),
        (&["--year", "2025-26", "--note", &"x".repeat(2_001)], "longer than 2000 letters"),
    ];
    for (args, said) in cases {
        let mut all = vec!["org", "figures"];
        all.extend_from_slice(args);
        let out = common::run(&db, &all);
        assert_eq!(out.status.code(), Some(1), "{args:?} should be refused");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "one sentence expected, got: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(stderr.trim_end().ends_with('.'), "{stderr}");
        assert_eq!(stored(&db), before, "{args:?} changed the stored figures");
    }
}

#[test]
fn figures_are_kept_in_settings_and_bad_input_is_explained_beside_save() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    {
        let ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "Zoë's Place", true);
    }
    let mut h = common::ui::window(&path, FakePicker::cancelled(), 3600.0);
    h.run();
    click(&mut h, "Settings");
    h.get_by_label("No figures kept yet.");
    click(&mut h, "Add a year’s figures…");

    type_into(&mut h, "Year", "2025/26");
    type_into(&mut h, "People supported", "1,200");
    type_into(&mut h, "Volunteers", "twelve");
    type_into(&mut h, "How the figures were counted", "From the sign-in sheets");
    h.run();
    click(&mut h, "Save the figures");
    // Nothing saved, the sentence beside the button, and nothing typed lost.
    h.get_by_label(
        "Volunteers must be written in digits, such as 1,200, not “twelve”: write a whole number from 0 to 10,000,000, or leave it empty.",
    );
    assert!(Workspace::open(&path).unwrap().figures().unwrap().is_empty());
    assert_eq!(h.get_by_label("People supported").value().as_deref(), Some("1,200"));
    replace_text(&mut h, "Volunteers", "12");
    h.run();
    click(&mut h, "Save the figures");
    let kept = Workspace::open(&path).unwrap().figures().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].year.to_string().as_str(), kept[0].people_supported, kept[0].volunteers),
        ("2025-26", Some(1200), Some(12))
    );
    assert_eq!(kept[0].note, "From the sign-in sheets");

    // Saved, the form closes, and opens empty for another year; both are listed, newest
    // first. A year kept already, typed again, is said to be replaced by what is typed.
    assert!(h.query_by_label("Year").is_none());
    click(&mut h, "Add a year’s figures…");
    assert_eq!(h.get_by_label("Year").value().as_deref(), Some(""));
    type_into(&mut h, "Year", "2025-26");
    h.run();
    assert!(h.query_by_label_contains("Figures for 2025-26 are kept already").is_some());
    h.get_by_label("Year").focus();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    assert_eq!(h.get_by_label("Year").value().as_deref(), Some(""));
    type_into(&mut h, "Year", "2024");
    type_into(&mut h, "Volunteer hours", "800");
    h.run();
    click(&mut h, "Save the figures");
    h.get_by_label("2025-26: 1,200 people supported, 12 volunteers");
    h.get_by_label("2024: 800 volunteer hours");

    // Change a year: its figures come back into the form, are changed, and saved.
    click(&mut h, "Change the figures for 2025-26");
    assert_eq!(h.get_by_label("Volunteers").value().as_deref(), Some("12"));
    h.get_by_label("Close without saving");
    replace_text(&mut h, "Volunteers", "14");
    h.run();
    click(&mut h, "Save the figures");
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.newest_figures().unwrap().unwrap().volunteers, Some(14));
    assert_eq!(ws.figures().unwrap().len(), 2);
    drop(ws);

    // Remove a year, after saying yes.
    click(&mut h, "Remove the figures for 2024…");
    click(&mut h, "Yes, remove 2024");
    assert!(h.query_by_label("2024: 800 volunteer hours").is_none());
    assert_eq!(Workspace::open(&path).unwrap().figures().unwrap().len(), 1);

    // A year is chosen from those around now as well as typed.
    click(&mut h, "Add a year’s figures…");
    let this_year = time::OffsetDateTime::now_utc().year();
    click(&mut h, "Or choose one");
    click(&mut h, &format!("{this_year} (this calendar year)"));
    assert_eq!(h.get_by_label("Year").value(), Some(this_year.to_string()));
}

/// Controls on screen without a name a screen reader can say.
fn unnamed_controls(h: &common::ui::Window) -> Vec<String> {
    use egui::accesskit::Role;
    h.query_all_by(|n| {
        matches!(
            n.role(),
            Role::Button | Role::CheckBox | Role::ComboBox | Role::TextInput | Role::MultilineTextInput | Role::Image
        ) && n.label().is_none_or(|l| l.trim().is_empty())
    })
    .map(|n| format!("{:?} at {:?}", n.accesskit_node().role(), n.rect()))
    .collect()
}

#[test]
fn the_figures_form_names_every_control_and_fits_a_laptop_screen_at_twice_the_text_size() {
    let dir = common::temp();
    let path = dir.path().join("ws.lero");
    {
        let mut ws = Workspace::open(&path).unwrap();
        common::organisation(&ws, "Zoë's Place", true);
        let change = lero_evidence::domain::figures::FiguresChange {
            year: "2025-26".into(),
            people_supported: Some("1200".into()),
            note: Some("From the sign-in sheets".into()),
            ..Default::default()
        };
        ws.update_figures(&change).unwrap();
    }
    // At 200% a 1366 × 768 laptop screen is 683 points wide.
    let width = 683.0;
    let app = lero_evidence::ui::App::new(
        Workspace::open(&path).map_err(|e| e.to_string()),
        lero_evidence::ui::UiState::default(),
        std::sync::Arc::new(FakePicker::cancelled()),
    );
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(width, 4000.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut lero_evidence::ui::App| app.show(ui), app);
    h.run();
    click(&mut h, "Settings");
    click(&mut h, "Change the figures for 2025-26");
    click(&mut h, "Save the figures");
    click(&mut h, "Remove the figures for 2025-26…");
    click(&mut h, "Add a year’s figures…");
    type_into(&mut h, "Volunteers", "a dozen");
    click(&mut h, "Save the figures");
    h.get_by_label_contains("Say which year these figures are for");
    let unnamed = unnamed_controls(&h);
    assert!(unnamed.is_empty(), "controls without a name: {unnamed:#?}");
    let off: Vec<String> = h
        .query_all_by(|n| n.label().is_some_and(|l| !l.trim().is_empty()))
        .filter(|n| n.rect().max.x > width + 0.5 && n.rect().width() > 0.0)
        .map(|n| format!("{:?} at {:?}", n.accesskit_node().label(), n.rect()))
        .collect();
    assert!(off.is_empty(), "drawn past the window's edge: {off:#?}");
    h.get_by_label("Yes, remove 2025-26");
}
