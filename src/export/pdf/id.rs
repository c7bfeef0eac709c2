//! The document ID: 16 bytes that depend only on the content (PDF asks for one; printpdf's is
//! counter-based and so differs between two exports of the same thing).

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

use super::PdfMeta;
use crate::layout::page::{Item, Page};

/// The first 16 bytes of a SHA-256 over the metadata, every item of every page and the logos
/// the pages show. The same content always gives the same ID.
pub(super) fn document_id(pages: &[Page], logos: &[Vec<u8>], used: &BTreeSet<usize>, meta: &PdfMeta) -> [u8; 16] {
    let mut hash = Hash(Sha256::new());
    for text in [&meta.title, &meta.author, &meta.subject] {
        hash.str(text);
    }
    hash.bytes(&meta.created.unix_timestamp_nanos().to_le_bytes());
    for page in pages {
        hash.f32s(&[page.width, page.height]);
        for item in &page.items {
            hash.item(item);
        }
    }
    for &index in used {
        if let Some(bytes) = logos.get(index) {
            hash.bytes(&(index as u64).to_le_bytes());
            hash.bytes(bytes);
        }
    }
    let digest = hash.0.finalize();
    let mut id = [0; 16];
    id.copy_from_slice(&digest[..16]);
    id
}

/// Feeds values to the hash with their lengths, so that no two contents run together.
struct Hash(Sha256);

impl Hash {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn str(&mut self, text: &str) {
        self.bytes(&(text.len() as u64).to_le_bytes());
        self.bytes(text.as_bytes());
    }

    fn f32s(&mut self, values: &[f32]) {
        for v in values {
            self.bytes(&v.to_bits().to_le_bytes());
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Text { x, baseline, size, style, colour, text, .. } => {
                self.bytes(&[0, *style as u8, colour.0, colour.1, colour.2]);
                self.f32s(&[*x, *baseline, *size]);
                self.str(text);
            }
            Item::Line { x1, y1, x2, y2, width, colour, .. } => {
                self.bytes(&[1, colour.0, colour.1, colour.2]);
                self.f32s(&[*x1, *y1, *x2, *y2, *width]);
            }
            Item::Rect { x, y, w, h, fill, .. } => {
                self.bytes(&[2, fill.0, fill.1, fill.2]);
                self.f32s(&[*x, *y, *w, *h]);
            }
            Item::Logo { image, x, y, w, h, .. } => {
                self.bytes(&[3]);
                self.bytes(&(*image as u64).to_le_bytes());
                self.f32s(&[*x, *y, *w, *h]);
            }
            Item::Watermark { text, size, colour, x, baseline, angle, .. } => {
                self.bytes(&[4, colour.0, colour.1, colour.2]);
                self.f32s(&[*size, *x, *baseline, *angle]);
                self.str(text);
            }
        }
    }
}
