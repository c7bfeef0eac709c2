//! The page preview: a writer of its own beside the PDF writer, drawing a laid-out page
//! ([`crate::layout::Page`]) with egui's painter, in the paper's colours from the theme.

use crate::layout::Fit;
use crate::layout::page::{Item, Page, Rgb, Style};
use crate::ui::theme;
use egui::{Color32, Ui};

fn colour(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

fn family(style: Style) -> egui::FontFamily {
    match style {
        Style::Regular => egui::FontFamily::Name(theme::PAGE_REGULAR.into()),
        Style::Bold => egui::FontFamily::Name(theme::PAGE_BOLD.into()),
        Style::Italic => egui::FontFamily::Name(theme::PAGE_ITALIC.into()),
    }
}

/// Draws a laid-out page at reduced scale: the same items the PDF writer draws.
pub fn page_preview_ui(ui: &mut Ui, page: &Page, logo: Option<egui::TextureId>, fit: &Fit) {
    let width = ui.available_width();
    let scale = width / page.width.max(1.0);
    // Lines that do not fit are drawn below the page's bottom edge, in red, so the page itself
    // stays readable and what must go is plain to see.
    let first_over = page.items.get(fit.overflow_items.start).and_then(|i| match i {
        Item::Text { baseline, size, .. } => Some(baseline - size),
        _ => None,
    });
    let shift = first_over.map_or(0.0, |top| page.height + 48.0 - top);
    let bottom = page
        .items
        .iter()
        .enumerate()
        .filter_map(|(n, i)| match i {
            Item::Text { baseline, .. } if fit.overflow_items.contains(&n) => Some(baseline + shift + 8.0),
            _ => None,
        })
        .fold(page.height, f32::max);
    let (whole, response) = ui.allocate_exact_size(egui::vec2(width, bottom * scale), egui::Sense::hover());
    let rect = egui::Rect::from_min_size(whole.min, egui::vec2(width, page.height * scale));
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Preview of the page: {}", fit.describe()))
    });
    let painter = ui.painter_at(whole.expand(2.0));
    painter.rect_filled(rect.translate(egui::vec2(2.0, 2.0)), 2.0, theme::PAPER_SHADOW);
    painter.rect_filled(rect, 0.0, theme::PAPER);
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * scale, y * scale);
    for (i, item) in page.items.iter().enumerate() {
        match item {
            Item::Text { x, baseline, size, style, colour: c, text, .. } => {
                let font = egui::FontId::new(size * scale, family(*style));
                let over = fit.overflow_items.contains(&i);
                // egui places text by the top of its line; the baseline sits about 0.93 em below.
                let pos = at(*x, baseline - size * 0.93 + if over { shift } else { 0.0 });
                let c = if over { theme::OVERFLOW } else { colour(*c) };
                painter.text(pos, egui::Align2::LEFT_TOP, text, font, c);
            }
            Item::Line { x1, y1, x2, y2, width, colour: c, .. } => {
                painter.line_segment([at(*x1, *y1), at(*x2, *y2)], egui::Stroke::new(width * scale, colour(*c)));
            }
            Item::Rect { x, y, w, h, fill, .. } => {
                painter.rect_filled(
                    egui::Rect::from_min_size(at(*x, *y), egui::vec2(w * scale, h * scale)),
                    0.0,
                    colour(*fill),
                );
            }
            Item::Logo { x, y, w, h, .. } => {
                let r = egui::Rect::from_min_size(at(*x, *y), egui::vec2(w * scale, h * scale));
                match logo {
                    Some(id) => {
                        painter.image(
                            id,
                            r,
                            egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                            Color32::WHITE,
                        );
                    }
                    None => {
                        painter.rect_stroke(
                            r,
                            0.0,
                            egui::Stroke::new(1.0, theme::LOGO_PLACEHOLDER),
                            egui::StrokeKind::Inside,
                        );
                    }
                }
            }
            Item::Watermark { text, size, colour: c, centre, angle, .. } => {
                let font = egui::FontId::new(size * scale, family(Style::Bold));
                let galley = painter.layout_no_wrap(text.clone(), font, colour(*c).gamma_multiply(0.18));
                let centre = at(centre.0, centre.1);
                // The layout's angle turns counter-clockwise; egui's y grows downwards.
                let angle = -angle.to_radians();
                let half = galley.size() / 2.0;
                let (sin, cos) = angle.sin_cos();
                let offset = egui::vec2(half.x * cos - half.y * sin, half.x * sin + half.y * cos);
                painter
                    .add(egui::epaint::TextShape::new(centre - offset, galley, Color32::TRANSPARENT).with_angle(angle));
            }
        }
    }
    if !fit.fits() {
        let band =
            egui::Rect::from_min_size(egui::pos2(rect.left(), rect.bottom() + 2.0), egui::vec2(rect.width(), 22.0));
        painter.rect_filled(band, 0.0, theme::OVERFLOW_BAND);
        painter.text(
            band.center(),
            egui::Align2::CENTER_CENTER,
            format!("Past the end of the page: {}", fit.describe()),
            egui::FontId::proportional(13.0),
            theme::ON_OVERFLOW_BAND,
        );
    }
}
