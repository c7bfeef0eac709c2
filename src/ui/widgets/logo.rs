//! The organisation's logo as a texture: looked up only when the workspace changed, decoded
//! only when the logo did (told by its hash), and a logo that cannot be read said once.

use crate::ui::Cx;
use sha2::{Digest, Sha256};

/// The logo's texture, kept between frames.
pub struct LogoTexture {
    /// The longest side of the texture, in pixels.
    side: u32,
    /// The workspace's change counter when the logo was last looked up.
    checked_at: Option<u64>,
    /// The hash of the logo shown (none when there is no logo, or it could not be read).
    hash: Option<[u8; 32]>,
    /// The texture and its size in pixels.
    texture: Option<(egui::TextureHandle, egui::Vec2)>,
}

impl Default for LogoTexture {
    /// Large enough for the page preview.
    fn default() -> Self {
        Self::new(400)
    }
}

impl LogoTexture {
    /// A logo texture at most `side` pixels wide and high.
    pub fn new(side: u32) -> Self {
        Self { side, checked_at: None, hash: None, texture: None }
    }

    /// The logo's texture and its size in pixels, if the organisation has a logo.
    pub fn get(&mut self, ui: &egui::Ui, cx: &mut Cx<'_>) -> Option<(egui::TextureId, egui::Vec2)> {
        let changes = cx.ws.total_changes();
        if self.checked_at != Some(changes) {
            self.checked_at = Some(changes);
            self.reload(ui, cx);
        }
        self.texture.as_ref().map(|(t, size)| (t.id(), *size))
    }

    /// Looks the logo up, and decodes it if it is not the one shown.
    fn reload(&mut self, ui: &egui::Ui, cx: &mut Cx<'_>) {
        let bytes = match cx.ws.logo() {
            Ok(Some((bytes, _))) => bytes,
            Ok(None) => {
                (self.hash, self.texture) = (None, None);
                return;
            }
            Err(e) => {
                cx.problem(e);
                return;
            }
        };
        let hash: [u8; 32] = Sha256::digest(&bytes).into();
        if self.hash == Some(hash) {
            return;
        }
        self.hash = Some(hash);
        match image::load_from_memory(&bytes) {
            Ok(img) => {
                let img = img.thumbnail(self.side, self.side).to_rgba8();
                let size = [img.width() as usize, img.height() as usize];
                let colour = egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw());
                let texture = ui.ctx().load_texture("logo", colour, egui::TextureOptions::LINEAR);
                self.texture = Some((texture, egui::vec2(size[0] as f32, size[1] as f32)));
            }
            Err(e) => {
                self.texture = None;
                cx.problem(format!("The logo could not be shown ({e}): choose it again in Settings."));
            }
        }
    }
}
