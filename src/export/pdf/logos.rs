//! Logos: decoded, downscaled and stored once per document, losslessly.

use std::collections::{BTreeMap, BTreeSet};

use image::GenericImageView as _;
use printpdf::{
    ImageCompression, ImageOptimizationOptions, PdfDocument, RawImage, RawImageData, RawImageFormat, XObject, XObjectId,
};

use super::ExportError;

/// Longest side of a stored logo, in pixels. A logo is about 45 mm wide on the page, so
/// 600 px is more than 300 dpi; anything larger only makes the file bigger.
const LOGO_MAX_PX: u32 = 600;

/// Decodes, downscales and stores each logo the pages use, once.
pub(super) fn embed_logos(
    doc: &mut PdfDocument,
    logos: &[Vec<u8>],
    used: &BTreeSet<usize>,
) -> Result<BTreeMap<usize, XObjectId>, ExportError> {
    let mut ids = BTreeMap::new();
    for &index in used {
        // `check_pages` has made sure every used index exists.
        let Some(bytes) = logos.get(index) else {
            continue;
        };
        let image = decode_logo(bytes).map_err(|source| ExportError::LogoUnreadable { index, source })?;
        let id = XObjectId(format!("Im{index}"));
        doc.resources.xobjects.map.insert(id.clone(), XObject::Image(image));
        ids.insert(index, id);
    }
    Ok(ids)
}

/// Turns PNG or JPEG bytes into raw pixels no larger than [`LOGO_MAX_PX`] on the long side,
/// keeping transparency (stored as a soft mask) and dropping colour channels a grey logo
/// does not need.
fn decode_logo(bytes: &[u8]) -> Result<RawImage, image::ImageError> {
    let mut img = image::load_from_memory(bytes)?;
    if img.width().max(img.height()) > LOGO_MAX_PX {
        // Area averaging: a third of the time of a CatmullRom resize, and no ringing round
        // the flat colours and hard edges logos have.
        img = img.thumbnail(LOGO_MAX_PX, LOGO_MAX_PX);
    }
    let (width, height) = img.dimensions();
    let colour = img.color();
    let translucent = colour.has_alpha() && img.pixels().any(|(_, _, p)| p.0[3] < u8::MAX);
    let (pixels, data_format) = match (colour.has_color(), translucent) {
        (false, false) => (img.into_luma8().into_raw(), RawImageFormat::R8),
        (false, true) => (img.into_luma_alpha8().into_raw(), RawImageFormat::RG8),
        (true, false) => (img.into_rgb8().into_raw(), RawImageFormat::RGB8),
        (true, true) => (img.into_rgba8().into_raw(), RawImageFormat::RGBA8),
    };
    Ok(RawImage {
        pixels: RawImageData::U8(pixels),
        width: width as usize,
        height: height as usize,
        data_format,
        tag: Vec::new(),
    })
}

/// Image settings that keep logos lossless (Flate). Only used when printpdf is built with
/// its `images` feature; without it printpdf always writes raw pixels with Flate.
pub(super) fn lossless_images() -> ImageOptimizationOptions {
    ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: None,
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
    }
}
