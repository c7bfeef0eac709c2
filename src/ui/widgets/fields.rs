//! Labelled text boxes, the date box and the appearance controls.

use super::hint;
use crate::ui::theme;
use egui::{Response, TextEdit, Ui};

/// A label above a one-line text box.
pub fn field(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> Response {
    // Named by its label within the screen, not by how many widgets came before it: a notice
    // appearing above a box while someone types in it does not take their focus away.
    let id = ui.scope_id().with(("field", label));
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.add(TextEdit::singleline(value).id(id).hint_text(hint).desired_width(f32::min(ui.available_width(), 460.0)))
            .labelled_by(l.id)
    })
    .inner
}

/// A label above a text box of several lines.
pub fn area(ui: &mut Ui, label: &str, value: &mut String, hint: &str, rows: usize) -> Response {
    let id = ui.scope_id().with(("area", label));
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.add(
            TextEdit::multiline(value)
                .id(id)
                .hint_text(hint)
                .desired_rows(rows)
                .desired_width(f32::min(ui.available_width(), 640.0)),
        )
        .labelled_by(l.id)
    })
    .inner
}

/// Text size, colours and font: offered on the welcome and in Settings, so someone who
/// cannot read the window yet can make it readable before anything else.
pub fn appearance_controls(ui: &mut Ui, appearance: &mut theme::Appearance) {
    let (min, max) = (*theme::TEXT_SIZES.start(), *theme::TEXT_SIZES.end());
    // Every size in one list: one choice reaches 200%, where "larger" buttons would move
    // away from the pointer as the text under them grew.
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Text size");
        egui::ComboBox::from_id_salt("text-size")
            .selected_text(format!("{}%", appearance.text_size))
            .height(ui.ctx().content_rect().height())
            .show_ui(ui, |ui| {
                for size in (min..=max).step_by(10) {
                    let name = if size == 100 { "100% (normal)".to_owned() } else { format!("{size}%") };
                    ui.selectable_value(&mut appearance.text_size, size, name);
                }
            })
            .response
            .labelled_by(l.id);
    });
    hint(ui, "Ctrl and + or - change the text size anywhere in the app; Ctrl and 0 puts it back.");
    ui.horizontal_wrapped(|ui| {
        ui.label("Colours");
        for t in theme::Theme::ALL {
            ui.radio_value(&mut appearance.theme, t, t.label());
        }
    });
    ui.checkbox(
        &mut appearance.reading_font,
        "Use the reading font (Andika): clear letter shapes for new readers and for dyslexia",
    );
}

/// A date box that takes day/month/year (31/03/2024) or 2024-03-31, with "Choose a date…"
/// opening a month calendar that fills it in.
pub fn date_field(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let id = ui.scope_id().with(("date", label));
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.horizontal_wrapped(|ui| {
            let typed = ui
                .add(TextEdit::singleline(value).id(id).hint_text("day/month/year").desired_width(150.0))
                .labelled_by(l.id);
            let button = ui.button("Choose a date…");
            let popup = id.with("calendar");
            egui::Popup::from_toggle_button_response(&button)
                .id(popup)
                .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
                .show(|ui| {
                    if calendar(ui, popup, value) {
                        egui::Popup::close_id(ui.ctx(), popup);
                    }
                });
            typed
        })
        .inner
    })
    .inner
}

/// A month of days to choose from, with the months before and after; returns true when a
/// day was chosen (written into `value` as day/month/year).
fn calendar(ui: &mut Ui, id: egui::Id, value: &mut String) -> bool {
    let today = time::OffsetDateTime::now_utc().date();
    let shown = crate::domain::assessment::parse_date(value)
        .ok()
        .and_then(|iso| time::Date::parse(&iso, time::macros::format_description!("[year]-[month]-[day]")).ok());
    let month_key = id.with("month");
    let (mut year, mut month) = ui
        .data(|d| d.get_temp::<(i32, u8)>(month_key))
        .unwrap_or_else(|| shown.map_or((today.year(), u8::from(today.month())), |d| (d.year(), u8::from(d.month()))));
    let mut chosen = false;
    ui.horizontal(|ui| {
        if ui.button("‹ Earlier").on_hover_text("The month before").clicked() {
            (year, month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
        }
        let name = time::Month::try_from(month).map_or_else(|_| String::new(), |m| m.to_string());
        ui.label(egui::RichText::new(format!("{name} {year}")).strong());
        if ui.button("Later ›").on_hover_text("The month after").clicked() {
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
    });
    ui.data_mut(|d| d.insert_temp(month_key, (year, month)));
    let Ok(m) = time::Month::try_from(month) else { return false };
    let Ok(first) = time::Date::from_calendar_date(year, m, 1) else { return false };
    let days = m.length(year);
    let blanks = first.weekday().number_days_from_monday();
    egui::Grid::new(id.with("days")).spacing([4.0, 4.0]).show(ui, |ui| {
        for day in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
            ui.label(egui::RichText::new(day).small());
        }
        ui.end_row();
        for _ in 0..blanks {
            ui.label("");
        }
        for day in 1..=days {
            let date = time::Date::from_calendar_date(year, m, day).ok();
            let selected = date.is_some() && date == shown;
            let mut text = egui::RichText::new(day.to_string());
            if date == Some(today) {
                text = text.underline();
            }
            let button = ui.add(egui::Button::selectable(selected, text).min_size(egui::vec2(30.0, 26.0)));
            let label = format!("{day} {m} {year}");
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
            if button.clicked() {
                *value = format!("{day:02}/{month:02}/{year}");
                chosen = true;
            }
            if (u16::from(blanks) + u16::from(day)) % 7 == 0 {
                ui.end_row();
            }
        }
    });
    chosen
}
