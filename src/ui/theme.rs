//! Colours, sizes and text styles: the only place colours are chosen.

use crate::domain::assessment::Stage;
use egui::{Color32, FontFamily, FontId, TextStyle};

/// Colour of a stage on the dashboard and in the statement list.
pub fn stage_colour(stage: Option<Stage>) -> Color32 {
    match stage {
        None => Color32::from_rgb(0xD6, 0xD6, 0xD6),
        Some(Stage::NotYet) => Color32::from_rgb(0xE5, 0x73, 0x73),
        Some(Stage::Starting) => Color32::from_rgb(0xFF, 0xB7, 0x4D),
        Some(Stage::Developing) => Color32::from_rgb(0x64, 0xB5, 0xF6),
        Some(Stage::Embedded) => Color32::from_rgb(0x43, 0xA0, 0x47),
        Some(Stage::NotApplicable) => Color32::from_rgb(0x9E, 0x9E, 0x9E),
    }
}

/// Text on top of a stage colour.
pub fn on_stage_colour() -> Color32 {
    Color32::from_rgb(0x21, 0x21, 0x21)
}

/// Accent for headings and the selected navigation item.
pub const ACCENT: Color32 = Color32::from_rgb(0x2E, 0x7D, 0x32);
/// Quiet text: hints and provenance.
pub const QUIET: Color32 = Color32::from_rgb(0x61, 0x61, 0x61);
/// A problem the user should see.
pub const WARNING: Color32 = Color32::from_rgb(0xB2, 0x3C, 0x17);
/// Good news.
pub const GOOD: Color32 = Color32::from_rgb(0x2E, 0x7D, 0x32);

/// Font family name of the bold face.
pub const BOLD: &str = "bold";
/// Font family name of the italic face.
pub const ITALIC: &str = "italic";

/// Uses the page's own font (Noto Sans, embedded) in the window too, so the preview and the
/// PDF look alike and names like Łukasz and Ó Súilleabháin always have their letters.
pub fn install_fonts(ctx: &egui::Context, fonts: &crate::layout::FontSet) {
    use crate::layout::page::Style;
    use std::sync::Arc;
    let mut defs = egui::FontDefinitions::default();
    for (name, style) in [("noto-regular", Style::Regular), ("noto-bold", Style::Bold), ("noto-italic", Style::Italic)]
    {
        defs.font_data.insert(name.to_owned(), Arc::new(egui::FontData::from_static(fonts.bytes(style))));
    }
    if let Some(list) = defs.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "noto-regular".to_owned());
    }
    let fallback: Vec<String> = defs.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    for (family, face) in [(BOLD, "noto-bold"), (ITALIC, "noto-italic")] {
        let mut list = vec![face.to_owned()];
        list.extend(fallback.iter().skip(1).cloned());
        defs.families.insert(FontFamily::Name(family.into()), list);
    }
    ctx.set_fonts(defs);
}

/// Larger, calmer text than egui's defaults: many users read with some difficulty.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(24.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(16.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace)),
            (TextStyle::Button, FontId::new(16.0, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(13.0, FontFamily::Proportional)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 28.0;
    });
}

/// A section heading inside a screen.
pub fn subheading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(egui::RichText::new(text).size(19.0).strong().color(ACCENT));
}

/// The main action on a screen: filled with the accent colour.
pub fn primary_button(text: &str) -> egui::Button<'static> {
    egui::Button::new(egui::RichText::new(text.to_owned()).size(17.0).color(Color32::WHITE)).fill(ACCENT)
}
