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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable, NameTable};
use allsorts::tag;
use image::GenericImageView as _;
use printpdf::{
    Color, DictItem, ExtendedGraphicsState, ExtendedGraphicsStateId, FontEmbeddingMode, FontId, ImageCompression,
    ImageOptimizationOptions, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, PrintpdfFontMeta, Pt, RawImage, RawImageData, RawImageFormat, Rect,
    TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};

use crate::layout::fonts::{FaceKey, FontSet};
use crate::layout::page::{Item, Page, Rgb, Style};

/// Written into the PDF as its producer and creator.
const PRODUCER: &str = "LERO Evidence";
/// Longest side of a stored logo, in pixels. A logo is about 45 mm wide on the page, so
/// 600 px is more than 300 dpi; anything larger only makes the file bigger.
const LOGO_MAX_PX: u32 = 600;
/// Opacity of the watermark's fill, so body text stays readable through it.
const WATERMARK_ALPHA: f32 = 0.18;
/// Angle of the watermark's baseline, counter-clockwise from horizontal.
const WATERMARK_ANGLE_DEG: f32 = 45.0;
/// The face the watermark is drawn in.
const WATERMARK_STYLE: Style = Style::Bold;
/// Resource name of the watermark's graphics state.
const WATERMARK_GS: &str = "GSWM";
/// The PDF version written in the header: transparency (soft masks, fill alpha) is 1.4.
const PDF_VERSION: &str = "1.4";

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
    let faces = embed_fonts(&mut doc, fonts, &usage)?;
    let images = embed_logos(&mut doc, logos, &usage.logos)?;
    if usage.watermark {
        let gs = ExtendedGraphicsState::default().with_current_fill_alpha(WATERMARK_ALPHA);
        doc.resources.extgstates.map.insert(ExtendedGraphicsStateId(WATERMARK_GS.to_owned()), gs);
    }

    let pdf_pages = pages
        .iter()
        .map(|page| PdfPage {
            media_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
            trim_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
            crop_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
            ops: PageDrawer::new(page, fonts, &faces, &images).draw(),
        })
        .collect();
    doc.with_pages(pdf_pages);

    save(&doc, document_id(pages, logos, &usage.logos, meta))
}

/// Serialises the document, with the given ID, into the bytes of a PDF file.
fn save(doc: &PdfDocument, id: [u8; 16]) -> Result<Vec<u8>, ExportError> {
    let options = PdfSaveOptions {
        optimize: true,
        // The fonts are subset already (see `embed_fonts`).
        subset_fonts: false,
        secure: true,
        image_optimization: Some(lossless_images()),
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    if let Some(problem) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(ExportError::Assemble { reason: problem.msg.clone() });
    }

    PDF_VERSION.clone_into(&mut pdf.version);
    tidy_info(&mut pdf);
    let id = lopdf::Object::String(id.to_vec(), lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    pdf.compress();

    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|e| ExportError::Assemble { reason: e.to_string() })?;
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
        Item::Line { x1, y1, x2, y2, width, .. } => &[*x1, *y1, *x2, *y2, *width],
        Item::Rect { x, y, w, h, .. } | Item::Logo { x, y, w, h, .. } => &[*x, *y, *w, *h],
        Item::Watermark { size, .. } => &[*size],
    };
    numbers.iter().all(|v| v.is_finite())
}

/// What the pages use: the characters of each face, the logos, whether there is a watermark.
#[derive(Debug, Default)]
struct Usage {
    chars: BTreeMap<FaceKey, BTreeSet<char>>,
    /// Text to be measured per face (the watermarks, which are centred here).
    measured: BTreeMap<FaceKey, BTreeSet<String>>,
    logos: BTreeSet<usize>,
    watermark: bool,
}

impl Usage {
    fn of(pages: &[Page], fonts: &FontSet) -> Self {
        let mut usage = Usage::default();
        for item in pages.iter().flat_map(|p| &p.items) {
            match item {
                Item::Text { style, text, .. } => {
                    for (key, run) in fonts.runs(*style, text) {
                        usage.chars.entry(key).or_default().extend(run.chars());
                    }
                }
                Item::Watermark { text, .. } => {
                    usage.watermark = true;
                    let key = FaceKey::Own(WATERMARK_STYLE);
                    usage.chars.entry(key).or_default().extend(text.chars());
                    usage.measured.entry(key).or_default().insert(text.clone());
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

/// A face embedded in the document: its resource name and the widths of measured text.
#[derive(Debug)]
struct Face {
    id: FontId,
    /// Width of each measured string, in ems.
    widths_em: BTreeMap<String, f32>,
    /// Cap height, in ems (for centring the watermark on its visual middle).
    cap_height_em: f32,
}

/// Subsets and embeds every face the pages use.
fn embed_fonts(doc: &mut PdfDocument, fonts: &FontSet, usage: &Usage) -> Result<BTreeMap<FaceKey, Face>, ExportError> {
    let mut faces = BTreeMap::new();
    let mut missing = BTreeSet::new();
    for (&key, chars) in &usage.chars {
        let measured = usage.measured.get(&key);
        // A fallback face serves every style; errors name the style it stands behind.
        let style = match key {
            FaceKey::Own(style) => style,
            FaceKey::Fallback(_) => Style::Regular,
        };
        let subset = match subset_face(fonts.face_bytes(key), key, chars, measured) {
            Ok(subset) => subset,
            Err(FaceError::Missing(chars)) => {
                missing.extend(chars);
                continue;
            }
            Err(FaceError::Broken(reason)) => return Err(ExportError::Font { style, reason }),
        };
        let mut parse_warnings = Vec::new();
        let Some(mut parsed) = ParsedFont::from_bytes(&subset.program, 0, &mut parse_warnings) else {
            return Err(ExportError::Font { style, reason: "the subset font could not be read back".to_owned() });
        };
        // The `XXXXXX+` tag marks a subset font program (ISO 32000-1, 9.6.4). The font is
        // finished, so printpdf must embed it as it is.
        parsed.font_name = Some(format!("{}+{}", subset.tag, subset.postscript_name));
        let meta = PrintpdfFontMeta {
            original_gid_to_cid: None,
            original_to_unicode_map: None,
            embedding_mode: FontEmbeddingMode::Full,
            requires_subsetting: false,
        };
        let id = FontId(subset.tag);
        doc.resources.fonts.map.insert(id.clone(), PdfFont::with_meta(parsed, meta));
        faces.insert(key, Face { id, widths_em: subset.widths_em, cap_height_em: subset.cap_height_em });
    }
    if missing.is_empty() {
        Ok(faces)
    } else {
        Err(ExportError::MissingGlyphs { chars: missing.into_iter().collect() })
    }
}

/// A face cut down to the characters one document uses.
#[derive(Debug)]
struct SubsetFace {
    /// The TrueType font program of the subset.
    program: Vec<u8>,
    /// Six capital letters naming this subset; also the font's resource name.
    tag: String,
    postscript_name: String,
    widths_em: BTreeMap<String, f32>,
    cap_height_em: f32,
}

#[derive(Debug)]
enum FaceError {
    /// The face has no glyph for these characters.
    Missing(Vec<char>),
    /// The font file could not be read or subset.
    Broken(String),
}

/// Cuts `bytes` (a TrueType font) down to the glyphs for `chars`, keeping a Unicode cmap so
/// the text maps to the new glyph ids, and measures `measured` strings.
fn subset_face(
    bytes: &[u8],
    key: FaceKey,
    chars: &BTreeSet<char>,
    measured: Option<&BTreeSet<String>>,
) -> Result<SubsetFace, FaceError> {
    let broken = |what: &str, e: &dyn std::fmt::Display| FaceError::Broken(format!("{what}: {e}"));
    let font_file = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| broken("not a font file", &e))?;
    let provider = font_file.table_provider(0).map_err(|e| broken("no font in the file", &e))?;

    let cmap_data = provider.read_table_data(tag::CMAP).map_err(|e| broken("no cmap table", &e))?;
    let cmap = ReadScope::new(&cmap_data).read::<Cmap<'_>>().map_err(|e| broken("unreadable cmap table", &e))?;
    let (_, cmap) = allsorts::font::read_cmap_subtable(&cmap)
        .map_err(|e| broken("unreadable cmap table", &e))?
        .ok_or_else(|| FaceError::Broken("no Unicode cmap".to_owned()))?;

    let mut glyphs = BTreeMap::new();
    let mut missing = Vec::new();
    for &c in chars {
        match cmap.map_glyph(u32::from(c)) {
            Ok(Some(gid)) if gid != 0 => {
                glyphs.insert(c, gid);
            }
            // A format 4 table answers "invalid value" beyond the BMP: still "no glyph".
            Ok(_) | Err(_) => missing.push(c),
        }
    }
    if !missing.is_empty() {
        return Err(FaceError::Missing(missing));
    }

    let head = read_table::<HeadTable>(&provider, tag::HEAD)?;
    let units_per_em = f32::from(head.units_per_em.max(1));
    let widths_em = match measured {
        Some(texts) => {
            let advance = advances(&provider)?;
            texts
                .iter()
                .map(|text| {
                    let units: f32 =
                        text.chars().filter_map(|c| glyphs.get(&c)).map(|&gid| f32::from(advance(gid))).sum();
                    (text.clone(), units / units_per_em)
                })
                .collect()
        }
        None => BTreeMap::new(),
    };
    let cap_height_em = cap_height(&provider).map_or(0.7, |h| f32::from(h) / units_per_em);
    let postscript_name = postscript_name(&provider).unwrap_or_else(|| "NotoSans".to_owned());

    // Glyph 0 (.notdef) must come first; allsorts renumbers glyphs by position.
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.values().copied().collect::<BTreeSet<_>>()).collect();
    let program = allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| broken("subsetting failed", &e))?;

    Ok(SubsetFace { program, tag: subset_tag(key, chars), postscript_name, widths_em, cap_height_em })
}

/// Reads and parses one table of a font.
fn read_table<T>(provider: &impl FontTableProvider, table: u32) -> Result<T, FaceError>
where
    T: for<'a> allsorts::binary::read::ReadBinary<HostType<'a> = T>,
{
    let data = provider
        .read_table_data(table)
        .map_err(|e| FaceError::Broken(format!("missing table {}: {e}", tag::DisplayTag(table))))?;
    ReadScope::new(&data)
        .read::<T>()
        .map_err(|e| FaceError::Broken(format!("unreadable table {}: {e}", tag::DisplayTag(table))))
}

/// The advance width of each glyph, in font units.
fn advances(provider: &impl FontTableProvider) -> Result<impl Fn(u16) -> u16, FaceError> {
    let maxp = read_table::<MaxpTable>(provider, tag::MAXP)?;
    let hhea = read_table::<HheaTable>(provider, tag::HHEA)?;
    let data =
        provider.read_table_data(tag::HMTX).map_err(|e| FaceError::Broken(format!("missing table hmtx: {e}")))?;
    let hmtx = ReadScope::new(&data)
        .read_dep::<HmtxTable<'_>>((usize::from(maxp.num_glyphs), usize::from(hhea.num_h_metrics)))
        .map_err(|e| FaceError::Broken(format!("unreadable table hmtx: {e}")))?;
    let widths: Vec<u16> = (0..maxp.num_glyphs).map(|gid| hmtx.horizontal_advance(gid).unwrap_or(0)).collect();
    Ok(move |gid: u16| widths.get(usize::from(gid)).copied().unwrap_or(0))
}

/// The face's cap height from its OS/2 table, in font units, if it says.
fn cap_height(provider: &impl FontTableProvider) -> Option<i16> {
    let data = provider.read_table_data(tag::OS_2).ok()?;
    let os2 = ReadScope::new(&data).read_dep::<allsorts::tables::os2::Os2>(data.len()).ok()?;
    os2.version2to4.map(|v| v.s_cap_height)
}

/// The face's PostScript name from its name table.
fn postscript_name(provider: &impl FontTableProvider) -> Option<String> {
    let data = provider.read_table_data(tag::NAME).ok()?;
    let name = ReadScope::new(&data).read::<NameTable<'_>>().ok()?;
    name.string_for_id(NameTable::POSTSCRIPT_NAME)
}

/// Six capital letters that name a subset: the face's initial, then five letters from a
/// hash of the characters, so the same text gives the same name.
fn subset_tag(key: FaceKey, chars: &BTreeSet<char>) -> String {
    let mut hash = Fnv::new();
    for &c in chars {
        hash.write(&u32::from(c).to_le_bytes());
    }
    let mut n = hash.finish();
    let mut tag = String::with_capacity(6);
    tag.push(match key {
        FaceKey::Own(Style::Regular) => 'R',
        FaceKey::Own(Style::Bold) => 'B',
        FaceKey::Own(Style::Italic) => 'I',
        FaceKey::Fallback(0) => 'E',
        FaceKey::Fallback(_) => 'S',
    });
    for _ in 0..5 {
        tag.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    tag
}

/// Decodes, downscales and stores each logo the pages use, once.
fn embed_logos(
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
fn lossless_images() -> ImageOptimizationOptions {
    ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: None,
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
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

/// A 16-byte document ID that depends only on the content (PDF asks for one; printpdf's
/// is counter-based and so differs between two exports of the same thing).
fn document_id(pages: &[Page], logos: &[Vec<u8>], used: &BTreeSet<usize>, meta: &PdfMeta) -> [u8; 16] {
    let mut hash = Fnv::new();
    for text in [&meta.title, &meta.author, &meta.subject] {
        hash.write_str(text);
    }
    hash.write(&meta.created.unix_timestamp_nanos().to_le_bytes());
    for page in pages {
        hash.write_f32s(&[page.width, page.height]);
        for item in &page.items {
            hash_item(&mut hash, item);
        }
    }
    for &index in used {
        if let Some(bytes) = logos.get(index) {
            hash.write(&(index as u64).to_le_bytes());
            hash.write(bytes);
        }
    }
    hash.finish128().to_be_bytes()
}

fn hash_item(hash: &mut Fnv, item: &Item) {
    match item {
        Item::Text { x, baseline, size, style, colour, text } => {
            hash.write(&[0, *style as u8, colour.0, colour.1, colour.2]);
            hash.write_f32s(&[*x, *baseline, *size]);
            hash.write_str(text);
        }
        Item::Line { x1, y1, x2, y2, width, colour } => {
            hash.write(&[1, colour.0, colour.1, colour.2]);
            hash.write_f32s(&[*x1, *y1, *x2, *y2, *width]);
        }
        Item::Rect { x, y, w, h, fill } => {
            hash.write(&[2, fill.0, fill.1, fill.2]);
            hash.write_f32s(&[*x, *y, *w, *h]);
        }
        Item::Logo { image, x, y, w, h } => {
            hash.write(&[3]);
            hash.write(&(*image as u64).to_le_bytes());
            hash.write_f32s(&[*x, *y, *w, *h]);
        }
        Item::Watermark { text, size, colour } => {
            hash.write(&[4, colour.0, colour.1, colour.2]);
            hash.write_f32s(&[*size]);
            hash.write_str(text);
        }
    }
}

/// 128-bit FNV-1a: a small, stable hash for names and IDs (not for security).
struct Fnv(u128);

impl Fnv {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

    fn new() -> Self {
        Fnv(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn write_str(&mut self, text: &str) {
        self.write(&(text.len() as u64).to_le_bytes());
        self.write(text.as_bytes());
    }

    fn write_f32s(&mut self, values: &[f32]) {
        for v in values {
            self.write(&v.to_bits().to_le_bytes());
        }
    }

    fn finish(&self) -> u64 {
        // Fold both halves in; the truncation is the point.
        #[expect(clippy::cast_possible_truncation, reason = "folding 128 bits into 64")]
        let folded = (self.0 ^ (self.0 >> 64)) as u64;
        folded
    }

    fn finish128(&self) -> u128 {
        self.0
    }
}

/// Turns one laid-out page into printpdf ops, tracking the graphics state so that font and
/// colour are only set when they change.
struct PageDrawer<'a> {
    page: &'a Page,
    fonts: &'a FontSet,
    faces: &'a BTreeMap<FaceKey, Face>,
    images: &'a BTreeMap<usize, XObjectId>,
    ops: Vec<Op>,
    in_text: bool,
    font: Option<(FaceKey, u32)>,
    fill: Option<Rgb>,
}

impl<'a> PageDrawer<'a> {
    fn new(
        page: &'a Page,
        fonts: &'a FontSet,
        faces: &'a BTreeMap<FaceKey, Face>,
        images: &'a BTreeMap<usize, XObjectId>,
    ) -> Self {
        PageDrawer {
            page,
            fonts,
            faces,
            images,
            ops: Vec::with_capacity(page.items.len() * 4 + 8),
            in_text: false,
            font: None,
            fill: None,
        }
    }

    fn draw(mut self) -> Vec<Op> {
        for item in &self.page.items {
            match item {
                Item::Text { x, baseline, size, style, colour, text } => {
                    self.text(*x, *baseline, *size, *style, *colour, text);
                }
                Item::Line { x1, y1, x2, y2, width, colour } => {
                    self.end_text();
                    self.ops.push(Op::SetOutlineColor { col: colour_of(*colour) });
                    self.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    self.ops.push(Op::DrawLine {
                        line: Line { points: vec![self.point(*x1, *y1), self.point(*x2, *y2)], is_closed: false },
                    });
                }
                Item::Rect { x, y, w, h, fill } => {
                    self.end_text();
                    self.set_fill(*fill);
                    self.ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(self.page.height - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Logo { image, x, y, w, h } => self.logo(*image, *x, *y, *w, *h),
                Item::Watermark { text, size, colour } => self.watermark(text, *size, *colour),
            }
        }
        self.end_text();
        self.ops
    }

    /// A point in PDF coordinates from one in page coordinates (y down from the top).
    fn point(&self, x: f32, y: f32) -> LinePoint {
        LinePoint { p: Point { x: Pt(x), y: Pt(self.page.height - y) }, bezier: false }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, style: Style, colour: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
        self.set_fill(colour);
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(self.page.height - baseline)) });
        // Each run in the face that has its glyphs; the text position moves on by the run's
        // advances, exactly as the layout measured them.
        for (key, run) in self.fonts.runs(style, text) {
            let Some(face) = self.faces.get(&key) else {
                continue; // no face means no characters: nothing to draw
            };
            if self.font != Some((key, size.to_bits())) {
                self.ops.push(Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size) });
                self.font = Some((key, size.to_bits()));
            }
            self.ops.push(Op::ShowText { items: vec![TextItem::Text(run.to_owned())] });
        }
    }

    fn logo(&mut self, image: usize, x: f32, y: f32, w: f32, h: f32) {
        let Some(id) = self.images.get(&image) else {
            return;
        };
        self.end_text();
        // With `no_auto_scale` the image's unit square is scaled to the box, then moved.
        self.ops.push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(self.page.height - y - h)),
                scale_x: Some(w),
                scale_y: Some(h),
                rotate: None,
                dpi: None,
                no_auto_scale: true,
            },
        });
    }

    /// The watermark: the word centred on the page, turned 45°, in light see-through colour.
    /// It is real text, so searching the PDF finds it.
    fn watermark(&mut self, text: &str, size: f32, colour: Rgb) {
        let Some(face) = self.faces.get(&FaceKey::Own(WATERMARK_STYLE)) else {
            return;
        };
        self.end_text();
        let width = face.widths_em.get(text).copied().unwrap_or(0.0) * size;
        let rise = face.cap_height_em * size;
        let (sin, cos) = WATERMARK_ANGLE_DEG.to_radians().sin_cos();
        // Start so that the middle of the word's cap-height box lands on the page centre.
        let (cx, cy) = (self.page.width / 2.0, self.page.height / 2.0);
        let x = cx - cos * width / 2.0 + sin * rise / 2.0;
        let y = cy - sin * width / 2.0 - cos * rise / 2.0;
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::LoadGraphicsState { gs: ExtendedGraphicsStateId(WATERMARK_GS.to_owned()) });
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size) });
        self.ops.push(Op::SetFillColor { col: colour_of(colour) });
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, x, y]) });
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_owned(),
            properties: DictItem::Dict {
                map: BTreeMap::from([(
                    "ActualText".to_owned(),
                    DictItem::String { data: utf16be(text), literal: false },
                )]),
            },
        });
        self.ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_owned())] });
        self.ops.push(Op::EndMarkedContentWithProperties);
        self.ops.push(Op::EndTextSection);
        self.ops.push(Op::RestoreGraphicsState);
        // The restore brings back the font and fill from before the save; forget both
        // rather than track the stack.
        self.font = None;
        self.fill = None;
    }

    fn set_fill(&mut self, colour: Rgb) {
        if self.fill != Some(colour) {
            self.ops.push(Op::SetFillColor { col: colour_of(colour) });
            self.fill = Some(colour);
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark.
fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

fn colour_of(c: Rgb) -> Color {
    let channel = |v: u8| f32::from(v) / 255.0;
    Color::Rgb(printpdf::Rgb { r: channel(c.0), g: channel(c.1), b: channel(c.2), icc_profile: None })
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
