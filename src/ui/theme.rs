//! Colours, sizes and text styles: the only place colours are chosen.
//!
//! Three themes (light, dark and high contrast), a text size from 100 to 200% and an optional
//! reading font are the user's own choice, kept between runs with the window's state. The
//! colours screens use come from the theme in force, through [`palette`] and its helpers.

use crate::domain::assessment::Stage;
use egui::{Color32, FontFamily, FontId, Stroke, TextStyle, Ui};
use serde::{Deserialize, Serialize};

/// The themes on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
    /// White and yellow on black, with strong outlines, for low vision.
    HighContrast,
}

impl Theme {
    /// Every theme, in the order offered.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::HighContrast];

    /// The theme's name in the settings.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::HighContrast => "High contrast",
        }
    }
}

/// How the window looks: the user's choice, kept between runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Appearance {
    /// Light, dark or high contrast.
    pub theme: Theme,
    /// Text size in percent of the normal size, 100 to 200.
    pub text_size: u32,
    /// Andika, a font designed for new readers and letters that are hard to tell apart,
    /// instead of Noto Sans.
    pub reading_font: bool,
}

impl Default for Appearance {
    fn default() -> Self {
        Self { theme: Theme::Light, text_size: 100, reading_font: false }
    }
}

/// The smallest and largest text sizes offered, in percent.
pub const TEXT_SIZES: std::ops::RangeInclusive<u32> = 100..=200;

impl Appearance {
    /// The text size as egui's zoom factor, kept within [`TEXT_SIZES`].
    pub fn zoom(self) -> f32 {
        self.text_size.clamp(*TEXT_SIZES.start(), *TEXT_SIZES.end()) as f32 / 100.0
    }
}

/// The colours screens choose from, for the theme in force.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Headings and the main action.
    pub accent: Color32,
    /// Text drawn on the accent colour.
    pub on_accent: Color32,
    /// Quiet text: hints and provenance.
    pub quiet: Color32,
    /// A problem the user should see.
    pub warning: Color32,
    /// Good news.
    pub good: Color32,
    /// The ring drawn around whatever has the keyboard focus.
    pub focus: Color32,
    /// Underlines under words the spelling check does not know.
    pub misspelt: Color32,
}

impl Palette {
    /// The colours of `theme`.
    pub fn of(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self {
                accent: Color32::from_rgb(0x2E, 0x7D, 0x32),
                on_accent: Color32::WHITE,
                quiet: Color32::from_rgb(0x5A, 0x5A, 0x5A),
                warning: Color32::from_rgb(0xB2, 0x3C, 0x17),
                good: Color32::from_rgb(0x2E, 0x7D, 0x32),
                focus: Color32::from_rgb(0x0D, 0x47, 0xA1),
                misspelt: Color32::from_rgb(0xC6, 0x28, 0x28),
            },
            Theme::Dark => Self {
                accent: Color32::from_rgb(0x81, 0xC7, 0x84),
                on_accent: Color32::from_rgb(0x10, 0x10, 0x10),
                quiet: Color32::from_rgb(0xBD, 0xBD, 0xBD),
                warning: Color32::from_rgb(0xFF, 0x8A, 0x65),
                good: Color32::from_rgb(0x81, 0xC7, 0x84),
                focus: Color32::from_rgb(0x90, 0xCA, 0xF9),
                misspelt: Color32::from_rgb(0xFF, 0x6E, 0x6E),
            },
            Theme::HighContrast => Self {
                accent: Color32::from_rgb(0xFF, 0xEB, 0x3B),
                on_accent: Color32::BLACK,
                quiet: Color32::from_rgb(0xE8, 0xE8, 0xE8),
                warning: Color32::from_rgb(0xFF, 0xA0, 0x80),
                good: Color32::from_rgb(0xB9, 0xF6, 0xCA),
                focus: Color32::from_rgb(0x00, 0xE5, 0xFF),
                misspelt: Color32::from_rgb(0xFF, 0x80, 0xAB),
            },
        }
    }
}

fn palette_id() -> egui::Id {
    egui::Id::unique("lero-evidence-palette")
}

/// The colours of the theme in force.
pub fn palette(ctx: &egui::Context) -> Palette {
    ctx.data(|d| d.get_temp(palette_id())).unwrap_or_else(|| Palette::of(Theme::Light))
}

/// Headings and the selected item.
pub fn accent(ui: &Ui) -> Color32 {
    palette(ui.ctx()).accent
}

/// Quiet text: hints and provenance.
pub fn quiet(ui: &Ui) -> Color32 {
    palette(ui.ctx()).quiet
}

/// A problem the user should see.
pub fn warning(ui: &Ui) -> Color32 {
    palette(ui.ctx()).warning
}

/// Good news.
pub fn good(ui: &Ui) -> Color32 {
    palette(ui.ctx()).good
}

/// Colour of an account's status in lists: signed is good news, changed since sign-off needs
/// attention, the rest is on its way.
pub fn status_colour(ui: &Ui, status: crate::domain::account::AccountStatus) -> Color32 {
    use crate::domain::account::AccountStatus;
    match status {
        AccountStatus::Signed => good(ui),
        AccountStatus::Changed => warning(ui),
        AccountStatus::Draft | AccountStatus::Awaiting => quiet(ui),
    }
}

/// Colour of a stage on the dashboard and in the statement list (always drawn under dark
/// text, in every theme).
pub fn stage_colour(stage: Option<Stage>) -> Color32 {
    // The same colours as the charts on paper.
    let crate::layout::Rgb(r, g, b) = crate::layout::summary::stage_colour(stage);
    Color32::from_rgb(r, g, b)
}

/// A stage's mark: its colour in a shape of its own (a circle for embedded, a square for
/// developing, a triangle for starting, a diamond for not yet, a bar for not applicable, a
/// ring for not assessed), so a stage is told apart without seeing colour.
pub fn stage_mark(painter: &egui::Painter, centre: egui::Pos2, r: f32, stage: Option<Stage>) {
    let fill = stage_colour(stage);
    let edge = Stroke::new(1.0, on_stage_colour());
    let at = |dx: f32, dy: f32| centre + egui::vec2(dx * r, dy * r);
    match stage {
        Some(Stage::Embedded) => {
            painter.circle(centre, r, fill, edge);
        }
        Some(Stage::Developing) => {
            let square = egui::Rect::from_center_size(centre, egui::vec2(1.7 * r, 1.7 * r));
            painter.rect(square, 1.0, fill, edge, egui::StrokeKind::Middle);
        }
        Some(Stage::Starting) => {
            painter.add(egui::Shape::convex_polygon(vec![at(0.0, -1.0), at(1.0, 0.8), at(-1.0, 0.8)], fill, edge));
        }
        Some(Stage::NotYet) => {
            painter.add(egui::Shape::convex_polygon(
                vec![at(0.0, -1.0), at(1.0, 0.0), at(0.0, 1.0), at(-1.0, 0.0)],
                fill,
                edge,
            ));
        }
        Some(Stage::NotApplicable) => {
            let bar = egui::Rect::from_center_size(centre, egui::vec2(2.0 * r, 0.8 * r));
            painter.rect(bar, 1.0, fill, edge, egui::StrokeKind::Middle);
        }
        None => {
            painter.circle_stroke(centre, r * 0.8, Stroke::new(2.0, Color32::from_gray(120)));
        }
    }
}

/// Text on top of a stage colour.
pub fn on_stage_colour() -> Color32 {
    Color32::from_rgb(0x21, 0x21, 0x21)
}

/// The paper of the page preview, its shadow and its faint rules: a page is white in every
/// theme, as it will be when printed.
pub const PAPER: Color32 = Color32::WHITE;
/// The shadow under the page preview.
pub const PAPER_SHADOW: Color32 = Color32::from_gray(150);
/// Text on the page preview that runs off the page.
pub const OVERFLOW: Color32 = Color32::from_rgb(0xC6, 0x28, 0x28);
/// The band below the page preview that says what runs past the page's end.
pub const OVERFLOW_BAND: Color32 = Color32::from_rgba_unmultiplied_const(0xC6, 0x28, 0x28, 220);
/// The words on that band.
pub const ON_OVERFLOW_BAND: Color32 = Color32::WHITE;
/// The frame drawn on the page preview where the logo goes, while no logo is set.
pub const LOGO_PLACEHOLDER: Color32 = Color32::LIGHT_GRAY;

/// Font family name of the bold face.
pub const BOLD: &str = "bold";
/// Font family name of the italic face.
pub const ITALIC: &str = "italic";

/// Font family of the page preview's regular face: always the page's own font, whatever the
/// window reads in, so the preview is the page the PDF gets.
pub const PAGE_REGULAR: &str = "page-regular";
/// Font family of the page preview's bold face.
pub const PAGE_BOLD: &str = "page-bold";
/// Font family of the page preview's italic face.
pub const PAGE_ITALIC: &str = "page-italic";

/// Installs the fonts: the page's own Noto Sans (embedded) for the page preview, and for the
/// window either Noto Sans too (so names like Łukasz and Ó Súilleabháin always have their
/// letters) or the reading font, with Noto Sans behind it for any letter it lacks.
pub fn install_fonts(ctx: &egui::Context, page: &crate::layout::FontSet, reading: Option<&crate::layout::FontSet>) {
    use crate::layout::page::Style;
    use std::sync::Arc;
    let mut defs = egui::FontDefinitions::default();
    let egui_fallback: Vec<String> = defs.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    let mut add = |prefix: &str, set: &crate::layout::FontSet| {
        for (name, style) in [("regular", Style::Regular), ("bold", Style::Bold), ("italic", Style::Italic)] {
            defs.font_data.insert(format!("{prefix}-{name}"), Arc::new(egui::FontData::from_static(set.bytes(style))));
        }
    };
    add("noto", page);
    if let Some(reading) = reading {
        add("reading", reading);
    }
    // The page's own fallbacks (emoji, symbols) come right after its faces, before egui's,
    // so the preview measures and draws them as the PDF does.
    let mut fallbacks = Vec::new();
    for (i, bytes) in page.fallback_bytes().into_iter().enumerate() {
        let name = format!("page-fallback-{i}");
        defs.font_data.insert(name.clone(), Arc::new(egui::FontData::from_static(bytes)));
        fallbacks.push(name);
    }
    let window = if reading.is_some() { "reading" } else { "noto" };
    let family = |faces: &[String]| {
        let mut list = faces.to_vec();
        list.extend(fallbacks.iter().cloned());
        list.extend(egui_fallback.iter().cloned());
        list
    };
    for (family_name, faces) in [
        (FontFamily::Proportional, vec![format!("{window}-regular"), "noto-regular".to_owned()]),
        (FontFamily::Name(BOLD.into()), vec![format!("{window}-bold"), "noto-bold".to_owned()]),
        (FontFamily::Name(ITALIC.into()), vec![format!("{window}-italic"), "noto-italic".to_owned()]),
        (FontFamily::Name(PAGE_REGULAR.into()), vec!["noto-regular".to_owned()]),
        (FontFamily::Name(PAGE_BOLD.into()), vec!["noto-bold".to_owned()]),
        (FontFamily::Name(PAGE_ITALIC.into()), vec!["noto-italic".to_owned()]),
    ] {
        let mut faces = faces;
        faces.dedup();
        defs.families.insert(family_name, family(&faces));
    }
    ctx.set_fonts(defs);
}

/// Applies `appearance`: the theme's colours, larger and calmer text than egui's defaults
/// (many users read with some difficulty), the text size and a focus ring strong enough to
/// follow from across the room.
pub fn apply(ctx: &egui::Context, appearance: Appearance) {
    let palette = Palette::of(appearance.theme);
    ctx.data_mut(|d| d.insert_temp(palette_id(), palette));
    let visuals = visuals(appearance.theme, palette);
    ctx.set_theme(if visuals.dark_mode { egui::Theme::Dark } else { egui::Theme::Light });
    ctx.all_styles_mut(|style| {
        style.visuals = visuals.clone();
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
        // Scroll bars always shown where there is more to see, wide enough to grab, rather
        // than thin ones that appear only when the pointer is over them.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        style.spacing.scroll.bar_width = 12.0;
        // In high contrast, controls are filled with black, where a handle in the fill colour
        // vanished: there it is drawn in the text colour.
        style.spacing.scroll.foreground_color = appearance.theme == Theme::HighContrast;
    });
    if (ctx.zoom_factor() - appearance.zoom()).abs() > f32::EPSILON {
        ctx.set_zoom_factor(appearance.zoom());
    }
}

/// egui's light or dark visuals, with this theme's selection and focus colours; high contrast
/// is black with white text, outlined controls and yellow for what is selected.
fn visuals(theme: Theme, palette: Palette) -> egui::Visuals {
    let mut v = match theme {
        Theme::Light => egui::Visuals::light(),
        Theme::Dark | Theme::HighContrast => egui::Visuals::dark(),
    };
    // A control keeps its size under the pointer: egui grows a hovered button by a pixel,
    // which moved everything below it while the pointer rested there.
    for w in [&mut v.widgets.hovered, &mut v.widgets.active, &mut v.widgets.open] {
        w.expansion = 0.0;
    }
    // A focused or pressed control gets a thick ring in the focus colour.
    v.widgets.active.bg_stroke = Stroke::new(2.5, palette.focus);
    v.text_cursor.stroke = Stroke::new(2.5, palette.focus);
    v.hyperlink_color = palette.accent;
    v.warn_fg_color = palette.warning;
    v.error_fg_color = palette.warning;
    if theme == Theme::Light {
        // egui's light grey hint text is too faint to read for many.
        v.weak_text_color = Some(palette.quiet);
        // An unticked box, an empty choice and a text box need an edge that can be seen
        // (at least 3:1 against the page): egui's light theme draws them almost white.
        v.widgets.inactive.bg_stroke = Stroke::new(1.5, Color32::from_gray(110));
        v.widgets.inactive.bg_fill = Color32::WHITE;
    }
    if theme == Theme::HighContrast {
        let white = Color32::WHITE;
        v.panel_fill = Color32::BLACK;
        v.window_fill = Color32::BLACK;
        v.extreme_bg_color = Color32::BLACK;
        v.faint_bg_color = Color32::from_gray(24);
        v.code_bg_color = Color32::from_gray(24);
        v.text_edit_bg_color = Some(Color32::BLACK);
        v.window_stroke = Stroke::new(2.0, white);
        v.weak_text_color = Some(palette.quiet);
        v.selection.bg_fill = Color32::from_rgb(0x00, 0x3C, 0x8F);
        v.selection.stroke = Stroke::new(2.0, palette.accent);
        let outlined = |w: &mut egui::style::WidgetVisuals, fill: Color32, stroke: Stroke, text: Color32| {
            w.bg_fill = fill;
            w.weak_bg_fill = fill;
            w.bg_stroke = stroke;
            w.fg_stroke = Stroke::new(1.5, text);
        };
        outlined(&mut v.widgets.noninteractive, Color32::BLACK, Stroke::new(1.0, white), white);
        outlined(&mut v.widgets.inactive, Color32::BLACK, Stroke::new(1.5, white), white);
        outlined(&mut v.widgets.hovered, Color32::from_gray(40), Stroke::new(2.0, palette.accent), white);
        outlined(&mut v.widgets.active, Color32::from_gray(40), Stroke::new(3.0, palette.focus), white);
        outlined(&mut v.widgets.open, Color32::from_gray(40), Stroke::new(2.0, palette.accent), white);
    }
    // A control's outline is part of its size: one width in every state, so that a button
    // enabled, hovered or pressed never grows and shifts what is below it. (Focus is shown
    // by the ring drawn around the focused control.)
    let width = if theme == Theme::HighContrast { 2.0 } else { 1.5 };
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.bg_stroke.width = width;
    }
    v
}

/// Draws a ring around the control that has the keyboard focus, so someone moving with Tab
/// always sees where they are.
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(egui::Memory::focused) else { return };
    let Some(response) = ctx.read_response(id) else { return };
    let rect = response.interact_rect;
    if !rect.is_positive() {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("focus-ring")));
    painter.rect_stroke(rect.expand(3.0), 4.0, Stroke::new(3.0, palette(ctx).focus), egui::StrokeKind::Outside);
}

/// A section heading inside a screen.
pub fn subheading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(6.0);
    let colour = accent(ui);
    ui.label(egui::RichText::new(text).size(19.0).strong().color(colour));
}

/// The main action on a screen: filled with the accent colour.
pub fn primary_button(ui: &Ui, text: &str) -> egui::Button<'static> {
    let p = palette(ui.ctx());
    egui::Button::new(egui::RichText::new(text.to_owned()).size(17.0).color(p.on_accent)).fill(p.accent)
}
