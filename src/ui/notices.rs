//! Notices: sentences the user should see, shown beside the button or box they are about,
//! or at the top of the screen for work that finished in the background.

use super::{App, Screen, theme};
use std::time::{Duration, Instant};

/// How a notice looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done as asked.
    Good,
    /// Something went wrong or was refused.
    Problem,
}

/// A sentence the user should see, shown beside what it is about.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The sentence.
    pub text: String,
    /// How it looks.
    pub tone: Tone,
    /// When it was said.
    pub at: Instant,
    /// What it is about, once known.
    anchor: Anchor,
}

/// Where a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    /// Raised this frame; placed once the frame is drawn.
    New,
    /// Beside the button or box the user had just used.
    Widget(egui::Id),
    /// At the top right of its screen (said by work that finished in the background).
    Screen(Screen),
}

impl Notice {
    /// A sentence to show beside what the user just did.
    pub fn new(text: impl Into<String>, tone: Tone) -> Self {
        Self { text: text.into(), tone, at: Instant::now(), anchor: Anchor::New }
    }
}

impl App {
    /// Places the notices raised this frame beside the button or box the user had just used
    /// (a newer notice there replaces an older one), or, for work that finished on its own,
    /// at the top of the screen.
    pub(super) fn place_notices(&mut self, ctx: &egui::Context) {
        let clicked = ctx.interaction_snapshot(|s| s.clicked);
        if !self.notices.iter().any(|n| n.anchor == Anchor::New) {
            // The user moved on to something else: good news has been read.
            if let Some(clicked) = clicked {
                self.notices.retain(|n| {
                    n.tone == Tone::Problem
                        || n.anchor == Anchor::Widget(clicked)
                        || n.at.elapsed() < Duration::from_secs(1)
                });
            }
            return;
        }
        let used = clicked.or_else(|| ctx.memory(egui::Memory::focused));
        let anchor = used.map_or(Anchor::Screen(self.state.screen), Anchor::Widget);
        self.notices.retain(|n| n.anchor != anchor);
        for n in &mut self.notices {
            if n.anchor == Anchor::New {
                n.anchor = anchor;
            }
        }
    }

    /// Clears what was said before: the user has moved on to another screen or page.
    pub(super) fn moved_on(notices: &mut Vec<Notice>) {
        notices.retain(|n| n.anchor == Anchor::New);
    }
}

/// Shows each notice beside what it is about, or at the top right of its screen; a notice
/// that is good news goes after 8 seconds or at the user's next click elsewhere, a problem
/// after 30 seconds.
pub(super) fn notices_ui(ctx: &egui::Context, notices: &mut Vec<Notice>, screen: Screen, content: egui::Rect) {
    notices.retain(|n| n.at.elapsed() < Duration::from_secs(if n.tone == Tone::Problem { 30 } else { 8 }));
    if notices.is_empty() {
        return;
    }
    ctx.request_repaint_after(Duration::from_secs(1));
    let content = if content.is_positive() { content } else { ctx.content_rect() };
    let width = (content.width() - 24.0).clamp(160.0, 420.0);
    let mut toast_top = content.top() + 8.0;
    for (i, n) in notices.iter().enumerate() {
        let beside = match n.anchor {
            Anchor::Widget(id) => ctx.read_response(id).map(|r| r.rect).filter(|r| content.intersects(*r)),
            Anchor::Screen(s) if s != screen => continue,
            _ => None,
        };
        let (pos, pivot) = match beside {
            // To the right of a button, or below a box too wide to have room beside it.
            Some(r) if r.right() + 12.0 + width <= content.right() => {
                (r.right_top() + egui::vec2(12.0, 0.0), egui::Align2::LEFT_TOP)
            }
            Some(r) => (r.left_bottom() + egui::vec2(0.0, 6.0), egui::Align2::LEFT_TOP),
            None => (egui::pos2(content.right() - 12.0, toast_top), egui::Align2::RIGHT_TOP),
        };
        // Clicks pass through a notice to whatever it covers, so it never blocks the form.
        let shown = egui::Area::new(egui::Id::unique(("notice", i)))
            .order(egui::Order::Foreground)
            .fixed_pos(pos)
            .pivot(pivot)
            .constrain(true)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(width);
                    let colour = if n.tone == Tone::Problem { theme::warning(ui) } else { theme::good(ui) };
                    ui.label(egui::RichText::new(&n.text).color(colour));
                });
            });
        if beside.is_none() {
            toast_top = shown.response.rect.bottom() + 6.0;
        }
    }
}
