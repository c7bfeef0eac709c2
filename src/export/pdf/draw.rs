//! Turns one laid-out page into printpdf ops.

use std::collections::BTreeMap;

use printpdf::{
    Color, DictItem, ExtendedGraphicsStateId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem,
    TextMatrix, XObjectId, XObjectTransform,
};

use super::subset::Face;
use super::tag::{Mark, utf16be};
use super::{WATERMARK_GS, WATERMARK_STYLE};
use crate::layout::fonts::{FaceKey, FontSet};
use crate::layout::page::{Item, Page, Rgb, Style};

/// Turns one laid-out page into printpdf ops, tracking the graphics state so that font and
/// colour are only set when they change.
pub(super) struct PageDrawer<'a> {
    page: &'a Page,
    marks: &'a [Mark],
    fonts: &'a FontSet,
    faces: &'a BTreeMap<FaceKey, Face>,
    images: &'a BTreeMap<usize, XObjectId>,
    ops: Vec<Op>,
    in_text: bool,
    font: Option<(FaceKey, u32)>,
    fill: Option<Rgb>,
    /// The marked-content sequence open now, if any.
    mark: Option<Mark>,
}

impl<'a> PageDrawer<'a> {
    pub(super) fn new(
        page: &'a Page,
        marks: &'a [Mark],
        fonts: &'a FontSet,
        faces: &'a BTreeMap<FaceKey, Face>,
        images: &'a BTreeMap<usize, XObjectId>,
    ) -> Self {
        PageDrawer {
            page,
            marks,
            fonts,
            faces,
            images,
            ops: Vec::with_capacity(page.items.len() * 4 + 8),
            in_text: false,
            font: None,
            fill: None,
            mark: None,
        }
    }

    pub(super) fn draw(mut self) -> Vec<Op> {
        for (i, item) in self.page.items.iter().enumerate() {
            // An item the tags know nothing of is furniture: nothing unmarked is drawn.
            self.set_mark(self.marks.get(i).copied().unwrap_or(Mark::Artifact));
            match item {
                Item::Text { x, baseline, size, style, colour, text, .. } if self.runs_on(i) => {
                    // The next line of the same paragraph (or heading, or entry) follows: the
                    // space the line break stood for is kept, so the text reads as words.
                    self.text(*x, *baseline, *size, *style, *colour, &format!("{text} "));
                }
                Item::Text { x, baseline, size, style, colour, text, .. } => {
                    self.text(*x, *baseline, *size, *style, *colour, text);
                }
                Item::Line { x1, y1, x2, y2, width, colour, .. } => {
                    self.end_text();
                    self.ops.push(Op::SetOutlineColor { col: colour_of(*colour) });
                    self.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    self.ops.push(Op::DrawLine {
                        line: Line { points: vec![self.point(*x1, *y1), self.point(*x2, *y2)], is_closed: false },
                    });
                }
                Item::Rect { x, y, w, h, fill, .. } => {
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
                Item::Logo { image, x, y, w, h, .. } => self.logo(*image, *x, *y, *w, *h),
                Item::Watermark { text, size, colour, x, baseline, angle, .. } => {
                    self.watermark(text, *size, *colour, (*x, *baseline), *angle);
                }
            }
        }
        self.end_text();
        if self.mark.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
        self.ops
    }

    /// Whether item `i` is text whose content carries on in the next item (the next line of
    /// a paragraph, the title beside a statement's code).
    fn runs_on(&self, i: usize) -> bool {
        let content = |i: usize| match (self.page.items.get(i), self.marks.get(i)) {
            (Some(Item::Text { .. }), Some(Mark::Content(_, mcid))) => Some(*mcid),
            _ => None,
        };
        content(i).is_some() && content(i) == content(i + 1)
    }

    /// Ends the marked-content sequence open, if it is not `mark`, and begins `mark`'s.
    /// Sequences never straddle a text object: the text object is ended first.
    fn set_mark(&mut self, mark: Mark) {
        if self.mark == Some(mark) {
            return;
        }
        self.end_text();
        if self.mark.is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
        let artifact = "Artifact".to_owned();
        self.ops.push(match mark {
            Mark::Artifact => Op::BeginMarkedContent { tag: artifact },
            Mark::Watermark => Op::BeginMarkedContentWithProperties {
                tag: artifact,
                properties: DictItem::Dict {
                    map: BTreeMap::from([
                        ("Type".to_owned(), DictItem::Name(b"Pagination".to_vec())),
                        ("Subtype".to_owned(), DictItem::Name(b"Watermark".to_vec())),
                    ]),
                },
            },
            Mark::Content(tag, mcid) => Op::BeginMarkedContentWithProperties {
                tag: tag.to_owned(),
                properties: DictItem::Dict { map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(mcid))]) },
            },
        });
        self.mark = Some(mark);
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

    /// The watermark: the word where the layout put it, turned by its angle, in light
    /// see-through colour. It is real text, so searching the PDF finds it.
    fn watermark(&mut self, text: &str, size: f32, colour: Rgb, (x, baseline): (f32, f32), angle: f32) {
        let Some(face) = self.faces.get(&FaceKey::Own(WATERMARK_STYLE)) else {
            return;
        };
        self.end_text();
        let (sin, cos) = angle.to_radians().sin_cos();
        let y = self.page.height - baseline;
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::LoadGraphicsState { gs: ExtendedGraphicsStateId(WATERMARK_GS.to_owned()) });
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size) });
        self.ops.push(Op::SetFillColor { col: colour_of(colour) });
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, x, y]) });
        // Inside the artifact, so that text extraction reads the turned word as one word
        // rather than stray letters.
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
        self.ops.push(Op::EndMarkedContent);
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

pub(super) fn colour_of(c: Rgb) -> Color {
    let channel = |v: u8| f32::from(v) / 255.0;
    Color::Rgb(printpdf::Rgb { r: channel(c.0), g: channel(c.1), b: channel(c.2), icc_profile: None })
}
