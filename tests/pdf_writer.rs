//! The PDF writer, checked from the outside: the file is read back with lopdf (structure,
//! fonts, images, metadata) and with poppler's `pdftotext` (the text a reader would copy or
//! search). `pdftotext` comes from poppler-utils; the text tests fail if it is missing.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::Command;

use lero_evidence::export::{ExportError, PdfMeta, write_pdf};
use lero_evidence::layout::fonts::FontSet;
use lero_evidence::layout::page::{Item, Page, Rgb, Role, Style};
use lopdf::{Document, Object, ObjectId};

const NAMES: &str = "Zoë Siobhán Łukasz Dafydd Ó Súilleabháin";
const PUNCTUATION: &str = "‘curly’ “quotes” en – dash em — dash • bullet";

fn fonts() -> FontSet {
    FontSet::embedded().unwrap()
}

fn meta() -> PdfMeta {
    PdfMeta {
        title: "LE1.2 Peer support – one-page account".to_owned(),
        author: "Ffordd Ymlaen Recovery Community".to_owned(),
        subject: "LE1.2 Peer support".to_owned(),
        // 2025-11-22 14:07:09 UTC
        created: time::OffsetDateTime::from_unix_timestamp(1_763_820_429).unwrap(),
    }
}

fn text(baseline: f32, style: Style, text: &str) -> Item {
    Item::Text { x: 56.0, baseline, size: 10.0, style, colour: Rgb::TEXT, text: text.to_owned(), role: Role::Paragraph }
}

fn logo_item() -> Item {
    Item::Logo { image: 0, x: 56.0, y: 40.0, w: 127.0, h: 63.5, role: Role::Figure { alt: "Logo".to_owned() } }
}

fn watermark() -> Item {
    lero_evidence::layout::watermark(&fonts(), "DRAFT", 120.0, Page::A4)
}

fn page(items: Vec<Item>) -> Page {
    Page { width: Page::A4.0, height: Page::A4.1, items, structure: Vec::new(), bookmarks: Vec::new() }
}

/// A 1200 × 600 logo: a coloured ellipse on a transparent background, as PNG.
fn logo_png() -> Vec<u8> {
    let mut img = image::RgbaImage::new(1200, 600);
    for (x, y, px) in img.enumerate_pixels_mut() {
        let (x, y) = (f64::from(x), f64::from(y));
        let (dx, dy) = ((x - 600.0) / 560.0, (y - 300.0) / 280.0);
        *px = if dx * dx + dy * dy < 1.0 { image::Rgba([0x2E, 0x7D, 0x32, 255]) } else { image::Rgba([0, 0, 0, 0]) };
    }
    encode(&image::DynamicImage::ImageRgba8(img), image::ImageFormat::Png)
}

fn encode(img: &image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// Every style, each name and punctuation mark, a rule, a box, a logo, and ~45 lines of
/// 10 pt body text (about 500 words): a realistic one-pager.
fn one_pager(draft: bool) -> (Page, Vec<String>) {
    let mut lines = vec![
        (Style::Bold, format!("Signed off by {NAMES}")),
        (Style::Regular, format!("Body with {PUNCTUATION}")),
        (Style::Italic, format!("“A member’s quote” — {NAMES}")),
    ];
    for i in 0..42 {
        lines.push((
            Style::Regular,
            format!(
                "Line {i}: members meet every Tuesday and lead the group themselves, with peers \
                 trained as facilitators."
            ),
        ));
    }
    let mut items = vec![
        logo_item(),
        Item::Line { x1: 56.0, y1: 118.0, x2: 539.0, y2: 118.0, width: 1.0, colour: Rgb::ACCENT, role: Role::Artifact },
        Item::Rect { x: 56.0, y: 790.0, w: 483.0, h: 12.0, fill: Rgb(0xE8, 0xF5, 0xE9), role: Role::Artifact },
    ];
    let mut baseline = 140.0;
    for (style, line) in &lines {
        items.push(text(baseline, *style, line));
        baseline += 14.0;
    }
    if draft {
        items.push(watermark());
    }
    (page(items), lines.into_iter().map(|(_, l)| l).collect())
}

fn read(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("the writer's output must parse as a PDF")
}

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn name_of(obj: &Object) -> String {
    String::from_utf8(obj.as_name().unwrap().to_vec()).unwrap()
}

/// A text string from the info dictionary (`PDFDocEncoding` or UTF-16BE with BOM).
fn text_string(obj: &Object) -> String {
    let bytes = obj.as_str().unwrap();
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}

/// Image `XObject`s that are not soft masks, with their ids.
fn images(doc: &Document) -> Vec<(ObjectId, &lopdf::Stream)> {
    let masks: BTreeSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| s.dict.get(b"SMask").and_then(Object::as_reference).ok())
        .collect();
    doc.objects
        .iter()
        .filter_map(|(id, o)| Some((*id, o.as_stream().ok()?)))
        .filter(|(id, s)| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") && !masks.contains(id)
        })
        .collect()
}

/// Runs `pdftotext -layout` on the bytes.
fn pdftotext(bytes: &[u8]) -> String {
    let mut file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    file.write_all(bytes).unwrap();
    file.flush().unwrap();
    let output = match Command::new("pdftotext").arg("-layout").arg(file.path()).arg("-").output() {
        Ok(output) => output,
        Err(e) => panic!(
            "could not run pdftotext ({e}): install poppler-utils (apt-get install poppler-utils) \
             to run the PDF text tests"
        ),
    };
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn one_pager_is_one_a4_page_with_subset_embedded_fonts() {
    let (page, _) = one_pager(true);
    let bytes = write_pdf(&[page], &fonts(), &[logo_png()], &meta()).unwrap();
    let doc = read(&bytes);

    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page = doc.get_dictionary(pages[&1]).unwrap();
    let media_box: Vec<f32> =
        page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
    assert_eq!(media_box.len(), 4);
    assert!(media_box[0].abs() < 0.01 && media_box[1].abs() < 0.01);
    assert!((media_box[2] - 595.276).abs() < 0.5, "width {}", media_box[2]);
    assert!((media_box[3] - 841.89).abs() < 0.5, "height {}", media_box[3]);

    let mut faces = BTreeSet::new();
    for font in doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
    {
        let base = name_of(font.get(b"BaseFont").unwrap());
        let (tag, face) = base.split_once('+').expect("a subset font name has a tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "bad subset tag in {base}");
        faces.insert(face.to_owned());
        assert!(font.get(b"ToUnicode").is_ok(), "{base} has no ToUnicode map");

        let descendant = deref(&doc, font.get(b"DescendantFonts").unwrap()).as_array().unwrap();
        let descendant = deref(&doc, &descendant[0]).as_dict().unwrap();
        let descriptor = deref(&doc, descendant.get(b"FontDescriptor").unwrap()).as_dict().unwrap();
        let program = descriptor
            .get(b"FontFile2")
            .or_else(|_| descriptor.get(b"FontFile3"))
            .expect("the font program is embedded");
        let program = deref(&doc, program).as_stream().unwrap();
        let length = program.decompressed_content().map_or_else(|_| program.content.len(), |content| content.len());
        // A full Noto Sans face is ~510 KB; a subset for one page is a few tens.
        assert!(length < 100_000, "{base}: font program is {length} bytes, not subset");
    }
    assert_eq!(faces, BTreeSet::from(["NotoSans-Bold", "NotoSans-Italic", "NotoSans-Regular"].map(String::from)));
}

#[test]
fn metadata_is_written_with_dates_from_meta() {
    let (page, _) = one_pager(false);
    let mut meta = meta();
    // 16:07:09 at +02:00 is 14:07:09 UTC, which is what the file must say.
    meta.created = meta.created.to_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap());
    let bytes = write_pdf(&[page], &fonts(), &[logo_png()], &meta).unwrap();
    let doc = read(&bytes);
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).and_then(|id| doc.get_dictionary(id)).unwrap();
    let field = |key: &str| text_string(info.get(key.as_bytes()).unwrap());
    assert_eq!(field("Title"), "LE1.2 Peer support – one-page account");
    assert_eq!(field("Author"), "Ffordd Ymlaen Recovery Community");
    assert_eq!(field("Subject"), "LE1.2 Peer support");
    assert_eq!(field("Producer"), "LERO Evidence");
    assert!(field("CreationDate").starts_with("D:20251122140709"), "{}", field("CreationDate"));
    assert!(field("ModDate").starts_with("D:20251122140709"), "{}", field("ModDate"));
    assert!(info.get(b"GTS_PDFXVersion").is_err(), "the file must not claim to be PDF/X");

    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);
    assert_eq!(id[0].as_str().unwrap().len(), 16);
}

#[test]
fn a_logo_used_on_three_pages_is_stored_once_losslessly_with_its_transparency() {
    let pages = vec![
        page(vec![logo_item(), text(140.0, Style::Regular, "One")]),
        page(vec![text(140.0, Style::Regular, "Two"), logo_item()]),
        page(vec![logo_item()]),
    ];
    let bytes = write_pdf(&pages, &fonts(), &[logo_png()], &meta()).unwrap();
    let doc = read(&bytes);
    assert_eq!(doc.get_pages().len(), 3);

    let images = images(&doc);
    assert_eq!(images.len(), 1, "the logo must be stored once");
    let dict = &images[0].1.dict;
    let int = |key: &[u8]| dict.get(key).unwrap().as_i64().unwrap();
    assert_eq!((int(b"Width"), int(b"Height")), (600, 300), "downscaled to 600 px, same shape");
    assert_eq!(name_of(dict.get(b"Filter").unwrap()), "FlateDecode", "lossless, not JPEG");
    assert_eq!(name_of(dict.get(b"ColorSpace").unwrap()), "DeviceRGB");
    let mask = deref(&doc, dict.get(b"SMask").expect("transparency kept as a soft mask"));
    let mask = &mask.as_stream().unwrap().dict;
    assert_eq!(mask.get(b"Width").unwrap().as_i64().unwrap(), 600);

    // Every page draws it, into the box the layout gave (cm w 0 0 h x y, y flipped).
    for (number, page_id) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        let cm: Vec<Vec<f32>> = content
            .operations
            .iter()
            .filter(|op| op.operator == "cm")
            .map(|op| op.operands.iter().map(|o| o.as_float().unwrap()).collect())
            .collect();
        let expected = [127.0, 0.0, 0.0, 63.5, 56.0, 841.89 - 40.0 - 63.5];
        assert!(
            cm.iter().any(|m| m.iter().zip(expected).all(|(a, b)| (a - b).abs() < 0.01)),
            "page {number}: no cm placing the logo at {expected:?}: {cm:?}"
        );
        assert!(content.operations.iter().any(|op| op.operator == "Do"), "page {number}");
    }
}

#[test]
fn an_opaque_jpeg_logo_is_kept_without_a_mask() {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(300, 150, image::Rgb([0x2E, 0x7D, 0x32])));
    let jpeg = encode(&img, image::ImageFormat::Jpeg);
    let bytes = write_pdf(&[page(vec![logo_item()])], &fonts(), &[jpeg], &meta()).unwrap();
    let doc = read(&bytes);
    let images = images(&doc);
    assert_eq!(images.len(), 1);
    let dict = &images[0].1.dict;
    assert_eq!(dict.get(b"Width").unwrap().as_i64().unwrap(), 300, "small logos keep their size");
    assert!(dict.get(b"SMask").is_err());
    assert_eq!(name_of(dict.get(b"Filter").unwrap()), "FlateDecode");
}

#[test]
fn a_realistic_one_pager_with_a_logo_is_at_most_150_kib() {
    let (page, lines) = one_pager(true);
    let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
    assert!(words >= 500, "the sample has {words} words");
    let bytes = write_pdf(&[page], &fonts(), &[logo_png()], &meta()).unwrap();
    assert!(bytes.len() <= 150 * 1024, "one-pager is {} bytes", bytes.len());
}

#[test]
fn text_is_drawn_at_its_baseline_in_pdf_coordinates() {
    let item = Item::Text {
        x: 72.5,
        baseline: 100.0,
        size: 11.0,
        style: Style::Bold,
        colour: Rgb::ACCENT,
        text: "Title".to_owned(),
        role: Role::Heading(1),
    };
    let bytes = write_pdf(&[page(vec![item])], &fonts(), &[], &meta()).unwrap();
    let doc = read(&bytes);
    let page_id = doc.get_pages()[&1];
    let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
    let operands = |name: &str| -> Vec<f32> {
        let op = content.operations.iter().find(|op| op.operator == name).unwrap();
        op.operands.iter().filter_map(|o| o.as_float().ok()).collect()
    };
    assert_eq!(operands("Tm"), vec![1.0, 0.0, 0.0, 1.0, 72.5, 841.89 - 100.0]);
    assert_eq!(operands("Tf"), vec![11.0]);
    let rg = operands("rg");
    let expected = [0x2E_u8, 0x7D, 0x32].map(|v| f32::from(v) / 255.0);
    assert!(rg.iter().zip(expected).all(|(a, b)| (a - b).abs() < 0.001), "{rg:?}");
}

#[test]
fn pdftotext_reads_back_every_character_and_word_in_order() {
    let (page, lines) = one_pager(false);
    let bytes = write_pdf(&[page], &fonts(), &[logo_png()], &meta()).unwrap();
    let extracted = pdftotext(&bytes);

    for name in NAMES.split(' ').chain(["Ó Súilleabháin"]) {
        assert!(extracted.contains(name), "{name:?} not found in:\n{extracted}");
    }
    for mark in ["‘curly’", "“quotes”", "en – dash", "em — dash", "• bullet", "“A member’s quote”"]
    {
        assert!(extracted.contains(mark), "{mark:?} not found in:\n{extracted}");
    }
    for line in &lines {
        assert!(extracted.contains(line.as_str()), "line {line:?} not found in:\n{extracted}");
    }
    let expected: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
    let got: Vec<&str> = extracted.split_whitespace().collect();
    assert_eq!(got, expected, "words missing, added or out of order");
    assert!(!extracted.contains("DRAFT"));
}

#[test]
fn the_watermark_is_searchable_text_and_leaves_the_body_intact() {
    let (page, lines) = one_pager(true);
    let bytes = write_pdf(&[page.clone(), page], &fonts(), &[logo_png()], &meta()).unwrap();
    let extracted = pdftotext(&bytes);
    let words: Vec<&str> = extracted.split_whitespace().collect();
    assert_eq!(words.iter().filter(|w| **w == "DRAFT").count(), 2, "DRAFT once per page, as one word:\n{extracted}");
    let body: Vec<&str> = words.into_iter().filter(|w| *w != "DRAFT").collect();
    let expected: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
    assert_eq!(body, [expected.clone(), expected].concat());
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (page, _) = one_pager(true);
    let pages = vec![page.clone(), page];
    let logos = [logo_png()];
    let first = write_pdf(&pages, &fonts(), &logos, &meta()).unwrap();
    // Something else in between, to move any process-wide counters on.
    let other = write_pdf(&[page_with("Other")], &fonts(), &[], &meta()).unwrap();
    let second = write_pdf(&pages, &fonts(), &logos, &meta()).unwrap();
    assert!(first == second, "two writes of the same input differ");
    assert_ne!(first, other);

    let mut later = meta();
    later.created += time::Duration::DAY;
    let third = write_pdf(&pages, &fonts(), &logos, &later).unwrap();
    assert_ne!(first, third, "a different date must show in the file");
}

fn page_with(words: &str) -> Page {
    page(vec![text(100.0, Style::Regular, words)])
}

#[test]
fn no_pages_is_refused() {
    let err = write_pdf(&[], &fonts(), &[], &meta()).unwrap_err();
    assert!(matches!(err, ExportError::NoPages));
    assert!(err.to_string().contains("no pages"), "{err}");
}

#[test]
fn a_logo_index_with_no_logo_is_refused() {
    let err = write_pdf(&[page_with("x"), page(vec![logo_item()])], &fonts(), &[], &meta()).unwrap_err();
    assert!(matches!(err, ExportError::LogoMissing { page: 2, index: 0, count: 0 }), "{err:?}");
}

#[test]
fn an_unreadable_logo_is_refused_with_advice() {
    let err = write_pdf(&[page(vec![logo_item()])], &fonts(), &[b"not an image".to_vec()], &meta()).unwrap_err();
    assert!(matches!(err, ExportError::LogoUnreadable { index: 0, .. }), "{err:?}");
    assert!(err.to_string().contains("PNG or JPEG"), "{err}");
}

#[test]
fn characters_the_font_lacks_are_named_in_the_error() {
    let pages = [page_with("Thanks ع team"), page_with("tab\there")];
    let err = write_pdf(&pages, &fonts(), &[], &meta()).unwrap_err();
    match &err {
        ExportError::MissingGlyphs { chars } => assert_eq!(chars, &vec!['\t', 'ع']),
        other => panic!("wrong error: {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("U+0639") && message.contains("U+0009"), "{message}");
}

#[test]
fn a_page_of_impossible_size_is_refused() {
    let mut bad = page_with("x");
    bad.height = f32::NAN;
    let err = write_pdf(&[page_with("x"), bad], &fonts(), &[], &meta()).unwrap_err();
    assert!(matches!(err, ExportError::BadPageSize { page: 2, .. }), "{err:?}");
}

#[test]
fn an_item_with_no_valid_position_is_refused() {
    let mut bad = page_with("x");
    bad.items.push(Item::Rect { x: 10.0, y: f32::INFINITY, w: 5.0, h: 5.0, fill: Rgb::ACCENT, role: Role::Artifact });
    let err = write_pdf(&[bad], &fonts(), &[], &meta()).unwrap_err();
    assert!(matches!(err, ExportError::BadPosition { page: 1 }), "{err:?}");
}
