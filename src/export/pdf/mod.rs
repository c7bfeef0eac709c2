//! The PDF writer: draws laid-out [`Page`]s exactly, through printpdf's low-level ops.
//!
//! Why it is built the way it is:
//! - The layout layer has already placed every item, so each item becomes a few ops at an
//!   absolute position; only y is flipped (PDF's origin is the bottom-left corner).
//! - Fonts are subset here, with allsorts (which printpdf always depends on), and handed to
//!   printpdf as finished font programs. printpdf's own subsetting needs its `text_layout`
//!   feature, which compiles the whole azul layout engine; this way the app does not.
//! - printpdf names fonts and images with a process-wide counter and writes a counter-based
//!   document ID, so two exports of the same report would differ. Every resource name and
//!   the ID are derived here from the content instead: same input, same bytes.
//! - A logo is decoded, downscaled and stored once per document, losslessly (Flate, with its
//!   transparency as a soft mask), and every page that shows it refers to that one object.

mod draw;
mod id;
mod logos;
mod subset;
mod tag;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use printpdf::{
    ExtendedGraphicsState, ExtendedGraphicsStateId, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt,
    Rect,
};

use crate::layout::fonts::{FaceKey, FontSet};
use crate::layout::page::{Item, Page, Style};

/// Written into the PDF as its producer and creator.
const PRODUCER: &str = "LERO Evidence";
/// Opacity of the watermark's fill, so body text stays readable through it.
const WATERMARK_ALPHA: f32 = 0.18;
/// The face the watermark is drawn in (the layout measured it in this face).
const WATERMARK_STYLE: Style = Style::Bold;
/// Resource name of the watermark's graphics state.
const WATERMARK_GS: &str = "GSWM";
/// The PDF version written in the header: PDF/UA-1 is built on PDF 1.7 (ISO 32000-1).
const PDF_VERSION: &str = "1.7";

/// Document information written into the PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfMeta {
    /// Document title (shown by viewers instead of the file name).
    pub title: String,
    /// Author: the organisation.
    pub author: String,
    /// Subject, e.g. the statement code and title.
    pub subject: String,
    /// When the document was made; used for both the creation and modification dates, so the
    /// same input always gives the same bytes.
    pub created: time::OffsetDateTime,
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// There were no pages to write.
    #[error("There is nothing to export: the document has no pages. Add some content and try again.")]
    NoPages,
    /// A page has a size no PDF can have.
    #[error(
        "Page {page} has an impossible size ({width} × {height} points), so the PDF was not \
         written. This is a fault in the app; please report it."
    )]
    BadPageSize {
        /// Page number, from 1.
        page: usize,
        /// Width, points.
        width: f32,
        /// Height, points.
        height: f32,
    },
    /// Something on a page has a position or size that is not a number.
    #[error(
        "Something on page {page} has no valid position or size, so the PDF was not written. \
         This is a fault in the app; please report it."
    )]
    BadPosition {
        /// Page number, from 1.
        page: usize,
    },
    /// A page refers to a logo that was not handed to the writer.
    #[error(
        "Page {page} shows logo number {index}, but only {count} logo(s) were provided, so the \
         PDF was not written. This is a fault in the app; please report it."
    )]
    LogoMissing {
        /// Page number, from 1.
        page: usize,
        /// The logo index the page asked for.
        index: usize,
        /// How many logos there were.
        count: usize,
    },
    /// A logo's bytes are not a readable PNG or JPEG image.
    #[error(
        "A logo could not be read as a PNG or JPEG image ({source}). Choose the logo again in \
         the organisation profile, as a PNG or JPEG file, and export again."
    )]
    LogoUnreadable {
        /// Which logo (index into the logos given).
        index: usize,
        /// What the image decoder said.
        source: image::ImageError,
    },
    /// Some text uses characters the embedded font has no shape for.
    #[error(
        "The text contains characters the PDF font cannot show: {}. Replace or remove them and \
         export again.", describe_chars(.chars)
    )]
    MissingGlyphs {
        /// The characters, sorted and without repeats.
        chars: Vec<char>,
    },
    /// A built-in font could not be prepared for embedding.
    #[error(
        "The built-in {style:?} font could not be prepared for the PDF ({reason}). This is a \
         fault in the app; please report it."
    )]
    Font {
        /// Which face.
        style: Style,
        /// What went wrong.
        reason: String,
    },
    /// The PDF library reported a problem while assembling the file.
    #[error("The PDF could not be put together ({reason}). This is a fault in the app; please report it.")]
    Assemble {
        /// What went wrong.
        reason: String,
    },
}

/// Draws `pages` into a PDF and returns its bytes.
///
/// Text is real text in the embedded Noto Sans faces (subset to the characters used), so it
/// can be selected, searched and copied. `Item::Logo { image, .. }` draws `logos[image]`
/// (PNG or JPEG bytes); each logo is stored once however many pages show it. The same pages,
/// logos and `meta` always give the same bytes.
///
/// # Errors
///
/// [`ExportError`] when there are no pages, a page has an impossible size or refers to a
/// logo that is missing or unreadable, or the text has characters the font cannot show.
pub fn write_pdf(pages: &[Page], fonts: &FontSet, logos: &[Vec<u8>], meta: &PdfMeta) -> Result<Vec<u8>, ExportError> {
    check_pages(pages, logos.len())?;
    let usage = Usage::of(pages, fonts);

    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info = document_info(meta);
    let faces = subset::embed_fonts(&mut doc, fonts, &usage)?;
    let images = logos::embed_logos(&mut doc, logos, &usage.logos)?;
    if usage.watermark {
        let gs = ExtendedGraphicsState::default().with_current_fill_alpha(WATERMARK_ALPHA);
        doc.resources.extgstates.map.insert(ExtendedGraphicsStateId(WATERMARK_GS.to_owned()), gs);
    }

    let tags = tag::Tags::of(pages);
    let pdf_pages = pages
        .iter()
        .enumerate()
        .map(|(i, page)| PdfPage {
            media_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
            trim_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
            crop_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
            ops: draw::PageDrawer::new(page, tags.marks(i), fonts, &faces, &images).draw(),
        })
        .collect();
    doc.with_pages(pdf_pages);

    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    save(doc, &tags, &heights, meta, id::document_id(pages, logos, &usage.logos, meta))
}

/// Serialises the document, tagged and with the given ID, into the bytes of a PDF file.
fn save(
    doc: PdfDocument,
    tags: &tag::Tags,
    heights: &[f32],
    meta: &PdfMeta,
    id: [u8; 16],
) -> Result<Vec<u8>, ExportError> {
    let options = PdfSaveOptions {
        optimize: true,
        // The fonts are subset already (see `embed_fonts`).
        subset_fonts: false,
        secure: true,
        image_optimization: Some(logos::lossless_images()),
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    // Every page's drawing operations are in the assembled document now: a long document
    // need not hold them twice while it is tagged, compressed and saved.
    drop(doc);
    if let Some(problem) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(ExportError::Assemble { reason: problem.msg.clone() });
    }

    PDF_VERSION.clone_into(&mut pdf.version);
    tidy_info(&mut pdf);
    tags.write(&mut pdf, meta, heights).map_err(|e| ExportError::Assemble { reason: e.to_string() })?;
    let id = lopdf::Object::String(id.to_vec(), lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    pdf.compress();

    let mut bytes = Vec::new();
    // Object streams and a cross-reference stream (PDF 1.5 and later): the structure tree is
    // hundreds of small dictionaries, which would otherwise each be stored uncompressed.
    pdf.save_modern(&mut bytes).map_err(|e| ExportError::Assemble { reason: e.to_string() })?;
    Ok(bytes)
}

/// Drops what printpdf always writes into the information dictionary but is not true here:
/// `GTS_PDFXVersion` makes viewers report the file as PDF/X, which it is not; `Identifier`
/// and `Keywords` are empty.
fn tidy_info(pdf: &mut lopdf::Document) {
    let Ok(info) = pdf.trailer.get(b"Info").and_then(lopdf::Object::as_reference) else {
        return;
    };
    if let Ok(dict) = pdf.get_dictionary_mut(info) {
        for key in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Keywords"] {
            dict.remove(key);
        }
    }
}

/// Refuses pages that no PDF can hold, and logo references with nothing behind them.
fn check_pages(pages: &[Page], logo_count: usize) -> Result<(), ExportError> {
    if pages.is_empty() {
        return Err(ExportError::NoPages);
    }
    for (i, page) in pages.iter().enumerate() {
        let usable = |v: f32| v.is_finite() && v > 0.0 && v <= 14_400.0;
        if !usable(page.width) || !usable(page.height) {
            return Err(ExportError::BadPageSize { page: i + 1, width: page.width, height: page.height });
        }
        for item in &page.items {
            if !is_finite(item) {
                return Err(ExportError::BadPosition { page: i + 1 });
            }
            if let Item::Logo { image, .. } = item
                && *image >= logo_count
            {
                return Err(ExportError::LogoMissing { page: i + 1, index: *image, count: logo_count });
            }
        }
    }
    Ok(())
}

/// Whether every number in the item is finite (a NaN would corrupt the content stream).
fn is_finite(item: &Item) -> bool {
    let numbers: &[f32] = match item {
        Item::Text { x, baseline, size, .. } => &[*x, *baseline, *size],
        Item::Watermark { size, x, baseline, centre, angle, .. } => &[*size, *x, *baseline, centre.0, centre.1, *angle],
        Item::Line { x1, y1, x2, y2, width, .. } => &[*x1, *y1, *x2, *y2, *width],
        Item::Rect { x, y, w, h, .. } | Item::Logo { x, y, w, h, .. } => &[*x, *y, *w, *h],
    };
    numbers.iter().all(|v| v.is_finite())
}

/// What the pages use: the characters of each face, the logos, whether there is a watermark.
#[derive(Debug, Default)]
struct Usage {
    chars: BTreeMap<FaceKey, BTreeSet<char>>,
    logos: BTreeSet<usize>,
    watermark: bool,
}

impl Usage {
    fn of(pages: &[Page], fonts: &FontSet) -> Self {
        let mut usage = Usage::default();
        for item in pages.iter().flat_map(|p| &p.items) {
            match item {
                Item::Text { style, text, .. } => {
                    // With a space: lines of one paragraph are joined by one (see `draw`).
                    for (key, run) in fonts.runs(*style, &format!("{text} ")) {
                        usage.chars.entry(key).or_default().extend(run.chars());
                    }
                }
                Item::Watermark { text, .. } => {
                    usage.watermark = true;
                    let key = FaceKey::Own(WATERMARK_STYLE);
                    usage.chars.entry(key).or_default().extend(text.chars());
                }
                Item::Logo { image, .. } => {
                    usage.logos.insert(*image);
                }
                Item::Line { .. } | Item::Rect { .. } => {}
            }
        }
        usage
    }
}

/// The document information dictionary.
fn document_info(meta: &PdfMeta) -> printpdf::PdfDocumentInfo {
    let created = pdf_date(meta.created);
    printpdf::PdfDocumentInfo {
        document_title: meta.title.clone(),
        author: meta.author.clone(),
        subject: meta.subject.clone(),
        creator: PRODUCER.to_owned(),
        producer: PRODUCER.to_owned(),
        creation_date: created,
        modification_date: created,
        metadata_date: created,
        ..printpdf::PdfDocumentInfo::default()
    }
}

/// printpdf writes dates as UTC whatever their offset, so convert first.
fn pdf_date(at: time::OffsetDateTime) -> printpdf::OffsetDateTime {
    let utc = at.to_offset(time::UtcOffset::UTC);
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::Date { year: utc.year(), month: u8::from(utc.month()), day: utc.day() },
        printpdf::Time { hour: utc.hour(), minute: utc.minute(), second: utc.second(), millisecond: utc.millisecond() },
        printpdf::Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
    )
}

/// "“😀” (U+1F600), “\t” (U+0009)": each character and its code point, since some are
/// invisible.
fn describe_chars(chars: &[char]) -> String {
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let shown = if c.is_control() || c.is_whitespace() { c.escape_default().to_string() } else { c.to_string() };
        let _ = write!(out, "“{shown}” (U+{:04X})", u32::from(*c));
    }
    out
}
