//! The embedded faces, cut down to the characters one document uses.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, NameTable};
use allsorts::tag;
use printpdf::{FontEmbeddingMode, FontId, ParsedFont, PdfDocument, PdfFont, PrintpdfFontMeta};
use sha2::{Digest, Sha256};

use super::{ExportError, Usage};
use crate::layout::fonts::{FaceKey, FontSet};
use crate::layout::page::Style;

/// A face embedded in the document: its resource name.
#[derive(Debug)]
pub(super) struct Face {
    pub(super) id: FontId,
}

/// Subsets and embeds every face the pages use.
pub(super) fn embed_fonts(
    doc: &mut PdfDocument,
    fonts: &FontSet,
    usage: &Usage,
) -> Result<BTreeMap<FaceKey, Face>, ExportError> {
    let mut faces = BTreeMap::new();
    let mut missing = BTreeSet::new();
    for (&key, chars) in &usage.chars {
        // A fallback face serves every style; errors name the style it stands behind.
        let style = match key {
            FaceKey::Own(style) => style,
            FaceKey::Fallback(_) => Style::Regular,
        };
        let subset = match subset_face(fonts.face_bytes(key), key, chars) {
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
        faces.insert(key, Face { id });
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
}

#[derive(Debug)]
enum FaceError {
    /// The face has no glyph for these characters.
    Missing(Vec<char>),
    /// The font file could not be read or subset.
    Broken(String),
}

/// Cuts `bytes` (a TrueType font) down to the glyphs for `chars`, keeping a Unicode cmap so
/// the text maps to the new glyph ids.
fn subset_face(bytes: &[u8], key: FaceKey, chars: &BTreeSet<char>) -> Result<SubsetFace, FaceError> {
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

    let postscript_name = postscript_name(&provider).unwrap_or_else(|| "NotoSans".to_owned());

    // Glyph 0 (.notdef) must come first; allsorts renumbers glyphs by position.
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.values().copied().collect::<BTreeSet<_>>()).collect();
    let program = allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| broken("subsetting failed", &e))?;

    Ok(SubsetFace { program, tag: subset_tag(key, chars), postscript_name })
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
    let mut hash = Sha256::new();
    for &c in chars {
        hash.update(u32::from(c).to_le_bytes());
    }
    let digest = hash.finalize();
    let mut n = digest.iter().take(8).fold(0u64, |n, &b| n << 8 | u64::from(b));
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
