//! The organisation profile and its people.

use crate::domain::limits;
use serde::{Deserialize, Serialize};

/// Largest logo file accepted, in bytes.
pub const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;
/// Largest logo side accepted, in pixels.
pub const MAX_LOGO_SIDE: u32 = 6000;

/// The organisation this workspace belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Name as it appears on every page.
    pub name: String,
    /// Contact email.
    pub email: String,
    /// The area it serves, for example "Wirral".
    pub area: String,
    /// True when it has a formal organisational structure (board, staff, policies).
    pub formal: bool,
}

/// A checked logo: the original bytes and what they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// The file exactly as given.
    pub bytes: Vec<u8>,
    /// `image/png` or `image/jpeg`.
    pub mime: &'static str,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Why a picture cannot be a logo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    /// Not a PNG or JPEG at all.
    #[error("This file is not a PNG or JPEG picture: choose a .png or .jpg file of your logo.")]
    NotAnImage,
    /// Looks like a picture but cannot be read.
    #[error("This picture is damaged and cannot be read: save it again as PNG or JPEG and try again.")]
    Damaged,
    /// Too many bytes.
    #[error("This picture is {0} MB, too large for a logo: use one under 5 MB (a logo 1,000 pixels wide is plenty).")]
    TooManyBytes(usize),
    /// Too many pixels.
    #[error("This picture is {0}×{1} pixels, too large for a logo: use one at most 6,000 pixels on each side.")]
    TooManyPixels(u32, u32),
}

impl Logo {
    /// Checks that `bytes` are a PNG or JPEG of a sensible size, without decoding the pixels.
    pub fn check(bytes: Vec<u8>) -> Result<Self, LogoError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(LogoError::TooManyBytes(bytes.len().div_ceil(1024 * 1024)));
        }
        let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else {
            return Err(LogoError::NotAnImage);
        };
        let format = if mime == "image/png" { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
        let reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
        let (width, height) = reader.into_dimensions().map_err(|_| LogoError::Damaged)?;
        if width == 0 || height == 0 {
            return Err(LogoError::Damaged);
        }
        if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
            return Err(LogoError::TooManyPixels(width, height));
        }
        Ok(Self { bytes, mime, width, height })
    }
}

impl Logo {
    /// Decodes every pixel, as the PDF writer will, so that a picture whose header is sound
    /// but whose data is broken is found when it is chosen, not when a page is exported.
    pub fn decode_fully(&self) -> Result<(), LogoError> {
        let format = if self.mime == "image/png" { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
        image::load_from_memory_with_format(&self.bytes, format).map(|_| ()).map_err(|_| LogoError::Damaged)
    }
}

/// A person in the organisation who writes or signs off pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Row id.
    pub id: i64,
    /// Name as they want it shown (Zoë, Siobhán, Łukasz…).
    pub name: String,
    /// Role, for example "Director" or "Peer mentor".
    pub role: String,
    /// Has lived experience of recovery.
    pub lived_experience: bool,
}

/// Checks a person's name and role; returns a sentence saying what is wrong.
pub fn check_person(name: &str, role: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("A person needs a name: type the name they want shown on pages.".into());
    }
    if !limits::within(name, limits::PERSON_NAME) {
        return Err(format!("That name is longer than {} letters: shorten it.", limits::PERSON_NAME));
    }
    if !limits::within(role, limits::ROLE) {
        return Err(format!("That role is longer than {} letters: shorten it.", limits::ROLE));
    }
    if role.trim().is_empty() {
        return Err(format!("Say what {} does in the organisation, for example “Peer mentor”.", name.trim()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::new(w, h);
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_png_is_a_logo() {
        let logo = Logo::check(png(40, 20)).unwrap();
        assert_eq!((logo.mime, logo.width, logo.height), ("image/png", 40, 20));
    }

    #[test]
    fn text_is_not_a_logo() {
        assert_eq!(Logo::check(b"hello".to_vec()), Err(LogoError::NotAnImage));
    }

    #[test]
    fn a_truncated_png_is_damaged() {
        let mut bytes = png(40, 20);
        bytes.truncate(12);
        assert_eq!(Logo::check(bytes), Err(LogoError::Damaged));
    }

    #[test]
    fn a_huge_picture_is_refused() {
        assert!(matches!(Logo::check(png(6001, 1)), Err(LogoError::TooManyPixels(6001, 1))));
    }

    #[test]
    fn people_need_names_and_roles() {
        assert!(check_person("Zoë", "Peer mentor").is_ok());
        assert!(check_person(" ", "Peer mentor").is_err());
        assert!(check_person("Zoë", "").is_err());
    }
}
