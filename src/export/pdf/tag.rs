//! Tagging: what makes the PDF a tagged PDF/UA-1 document rather than a picture of text.
//!
//! The layout has already said what every item is ([`Role`]) and how the page reads
//! ([`Page::structure`]); this module turns that into PDF terms, in two steps:
//! - before drawing, [`Tags::of`] walks every page's tree in reading order, gives each run of
//!   content a marked-content identifier (MCID) on its page and says, item by item, what the
//!   drawer wraps it in ([`Mark`]): tagged content, page furniture, or the watermark. Nodes a
//!   page carries on from the page before (a paragraph or table broken across pages) join
//!   the element they continue, so the document has one tree.
//! - after printpdf has assembled the document, [`Tags::write`] adds the structure tree (one
//!   `Document` element over everything), the parent tree that leads from each page's MCIDs
//!   back to their elements, the outline from the pages' bookmarks, and the catalog entries
//!   and XMP metadata that declare the language, the title and PDF/UA-1.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat, dictionary};

use super::PdfMeta;
use crate::export::escape_markup as escape;
use crate::layout::page::{Bookmark, Content, Item, Node, Page, Role};

/// The documents' language: every word the app prints is British English.
const LANG: &str = "en-GB";

/// What the drawer wraps an item in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// Page furniture: rules, bars, running headers and footers, page numbers.
    Artifact,
    /// The DRAFT watermark (furniture of its own kind).
    Watermark,
    /// Real content: its structure type and its marked-content identifier on the page.
    Content(&'static str, i64),
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy)]
enum Kid {
    /// Another element (its index).
    Element(usize),
    /// A run of content: page index and MCID.
    Content(usize, i64),
}

/// A structure element being built.
#[derive(Debug)]
struct Element {
    role: Role,
    parent: usize,
    kids: Vec<Kid>,
    /// A picture's box, in PDF coordinates (left, bottom, right, top), and its page.
    bbox: Option<(usize, [f32; 4])>,
}

/// The document's tags: the marks the drawer uses and the tree written afterwards.
#[derive(Debug)]
pub(super) struct Tags {
    /// Per page, per item, what it is wrapped in.
    marks: Vec<Vec<Mark>>,
    /// Element 0 is the `Document`.
    elements: Vec<Element>,
    /// Per page, the element each MCID belongs to (the parent tree).
    parents: Vec<Vec<usize>>,
    /// Per page, its bookmarks.
    bookmarks: Vec<Vec<Bookmark>>,
}

impl Tags {
    /// The tags of `pages`, read from their structure trees.
    pub(super) fn of(pages: &[Page]) -> Tags {
        let mut tags = Tags {
            marks: Vec::with_capacity(pages.len()),
            elements: vec![Element { role: Role::Section, parent: 0, kids: Vec::new(), bbox: None }],
            parents: Vec::with_capacity(pages.len()),
            bookmarks: pages.iter().map(|p| p.bookmarks.clone()).collect(),
        };
        for (index, page) in pages.iter().enumerate() {
            let mut marks: Vec<Mark> = page
                .items
                .iter()
                .map(|item| if matches!(item, Item::Watermark { .. }) { Mark::Watermark } else { Mark::Artifact })
                .collect();
            let mut parents = Vec::new();
            let mut walk = Walk { page, index, marks: &mut marks, parents: &mut parents };
            for node in &page.structure {
                walk.node(&mut tags.elements, 0, node);
            }
            tags.marks.push(marks);
            tags.parents.push(parents);
        }
        tags
    }

    /// What each item of page `index` is wrapped in.
    pub(super) fn marks(&self, index: usize) -> &[Mark] {
        self.marks.get(index).map_or(&[], Vec::as_slice)
    }

    /// Writes the structure tree, the outline and the catalog's accessibility entries into
    /// `pdf`, whose pages are the ones the tags were read from, in order.
    pub(super) fn write(&self, pdf: &mut lopdf::Document, meta: &PdfMeta, heights: &[f32]) -> lopdf::Result<()> {
        let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
        let ids: Vec<ObjectId> = self.elements.iter().map(|_| pdf.new_object_id()).collect();
        let root = pdf.new_object_id();

        for (i, element) in self.elements.iter().enumerate() {
            let parent = if i == 0 { root } else { ids[element.parent] };
            let dict = element_dict(element, i == 0, parent, &ids, &pages);
            pdf.set_object(ids[i], dict);
        }

        // The parent tree: for page i (its /StructParents), the element of each MCID.
        let mut nums = Vec::with_capacity(self.parents.len() * 2);
        for (i, parents) in self.parents.iter().enumerate() {
            let refs = parents.iter().map(|e| Object::Reference(ids[*e])).collect();
            nums.push(Object::Integer(count(i)));
            nums.push(Object::Array(refs));
        }
        let parent_tree = pdf.add_object(dictionary! { "Nums" => nums });
        pdf.set_object(
            root,
            dictionary! {
                "Type" => "StructTreeRoot",
                "K" => Object::Reference(ids[0]),
                "ParentTree" => parent_tree,
                "ParentTreeNextKey" => count(self.parents.len()),
            },
        );
        for (i, page) in pages.iter().enumerate() {
            let dict = pdf.get_dictionary_mut(*page)?;
            dict.set("StructParents", count(i));
            // Tab order follows the structure (needed for any page with annotations).
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }

        let metadata = pdf.add_object(xmp(meta));
        let outline = self.outline(pdf, &pages, heights);
        let catalog = pdf.catalog_mut()?;
        catalog.set("StructTreeRoot", root);
        catalog.set("MarkInfo", dictionary! { "Marked" => true });
        catalog.set("Lang", text(LANG));
        catalog.set("ViewerPreferences", dictionary! { "DisplayDocTitle" => true });
        catalog.set("Metadata", metadata);
        if let Some(outline) = outline {
            catalog.set("Outlines", outline);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        Ok(())
    }

    /// The outline (bookmarks), nested by level; `None` when no page has a bookmark.
    fn outline(&self, pdf: &mut lopdf::Document, pages: &[ObjectId], heights: &[f32]) -> Option<ObjectId> {
        let entries: Vec<(usize, &Bookmark)> =
            self.bookmarks.iter().enumerate().flat_map(|(i, marks)| marks.iter().map(move |b| (i, b))).collect();
        if entries.is_empty() {
            return None;
        }
        let root = pdf.new_object_id();
        let ids: Vec<ObjectId> = entries.iter().map(|_| pdf.new_object_id()).collect();
        // Each entry's parent is the nearest entry before it with a lower level, or the root.
        let mut parent_of: Vec<Option<usize>> = Vec::with_capacity(entries.len());
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
        let mut top = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for (i, (_, mark)) in entries.iter().enumerate() {
            while stack.last().is_some_and(|last| entries[*last].1.level >= mark.level) {
                stack.pop();
            }
            let parent = stack.last().copied();
            match parent {
                Some(p) => kids[p].push(i),
                None => top.push(i),
            }
            parent_of.push(parent);
            stack.push(i);
        }
        for (i, &(page, mark)) in entries.iter().enumerate() {
            let siblings = parent_of[i].map_or(&top, |p| &kids[p]);
            let at = siblings.iter().position(|s| *s == i).unwrap_or_default();
            let top_y = heights.get(page).copied().unwrap_or(0.0) - mark.y;
            let mut dict = dictionary! {
                "Title" => text(&mark.title),
                "Parent" => parent_of[i].map_or(root, |p| ids[p]),
                "Dest" => vec![
                    Object::Reference(pages[page]),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(top_y),
                    Object::Null,
                ],
            };
            if let Some(prev) = at.checked_sub(1).and_then(|k| siblings.get(k)) {
                dict.set("Prev", ids[*prev]);
            }
            if let Some(next) = siblings.get(at + 1) {
                dict.set("Next", ids[*next]);
            }
            if let (Some(first), Some(last)) = (kids[i].first(), kids[i].last()) {
                dict.set("First", ids[*first]);
                dict.set("Last", ids[*last]);
                // Negative: closed, so the outline opens on the parts, not on every account.
                dict.set("Count", -count(kids[i].len()));
            }
            pdf.set_object(ids[i], dict);
        }
        let mut dict = dictionary! { "Type" => "Outlines", "Count" => count(top.len()) };
        if let (Some(first), Some(last)) = (top.first(), top.last()) {
            dict.set("First", ids[*first]);
            dict.set("Last", ids[*last]);
        }
        pdf.set_object(root, dict);
        Some(root)
    }
}

/// Walks one page's structure tree, giving content its MCIDs.
struct Walk<'a> {
    page: &'a Page,
    index: usize,
    marks: &'a mut [Mark],
    parents: &'a mut Vec<usize>,
}

impl Walk<'_> {
    fn node(&mut self, elements: &mut Vec<Element>, parent: usize, node: &Node) {
        if node.role == Role::Artifact {
            return;
        }
        let element = match elements[parent].kids.last() {
            // A node carried on from the page before joins the element it continues.
            Some(Kid::Element(last)) if node.continued && elements[*last].role == node.role => *last,
            _ => {
                elements.push(Element { role: node.role.clone(), parent, kids: Vec::new(), bbox: None });
                let element = elements.len() - 1;
                elements[parent].kids.push(Kid::Element(element));
                element
            }
        };
        match &node.content {
            Content::Children(children) => {
                for child in children {
                    self.node(elements, element, child);
                }
            }
            Content::Items(range) => {
                let mut open: Option<i64> = None;
                for i in range.clone() {
                    let Some(item) = self.page.items.get(i) else { break };
                    if *item.role() == Role::Artifact || matches!(item, Item::Watermark { .. }) {
                        open = None;
                        continue;
                    }
                    let mcid = open.unwrap_or_else(|| {
                        let mcid = count(self.parents.len());
                        self.parents.push(element);
                        elements[element].kids.push(Kid::Content(self.index, mcid));
                        mcid
                    });
                    open = Some(mcid);
                    self.marks[i] = Mark::Content(tag_of(&node.role), mcid);
                    // A figure's box: its pictures and shapes (a logo, a chart's bars).
                    if let Item::Logo { x, y, w, h, .. } | Item::Rect { x, y, w, h, .. } = item {
                        let bottom = self.page.height - y - h;
                        let b = [*x, bottom, x + w, bottom + h];
                        let bbox = match elements[element].bbox {
                            Some((page, [l, lo, r, t])) if page == self.index => {
                                [l.min(b[0]), lo.min(b[1]), r.max(b[2]), t.max(b[3])]
                            }
                            _ => b,
                        };
                        elements[element].bbox = Some((self.index, bbox));
                    }
                }
            }
        }
    }
}

/// The dictionary of one structure element.
fn element_dict(
    element: &Element,
    is_document: bool,
    parent: ObjectId,
    ids: &[ObjectId],
    pages: &[ObjectId],
) -> Dictionary {
    let first_page = element.kids.iter().find_map(|k| match k {
        Kid::Content(page, _) => Some(*page),
        Kid::Element(_) => None,
    });
    let mut kids: Vec<Object> = element
        .kids
        .iter()
        .map(|kid| match *kid {
            Kid::Element(e) => Object::Reference(ids[e]),
            Kid::Content(page, mcid) if Some(page) == first_page => Object::Integer(mcid),
            Kid::Content(page, mcid) => Object::Dictionary(dictionary! {
                "Type" => "MCR",
                "Pg" => pages[page],
                "MCID" => mcid,
            }),
        })
        .collect();
    let tag = if is_document { "Document" } else { tag_of(&element.role) };
    let mut dict = dictionary! {
        "Type" => "StructElem",
        "S" => Object::Name(tag.as_bytes().to_vec()),
        "P" => parent,
    };
    // One kid is written on its own, as most writers do (and some checkers expect).
    match kids.len() {
        0 => {} // an empty table cell
        1 => dict.set("K", kids.remove(0)),
        _ => dict.set("K", Object::Array(kids)),
    }
    if let Some(page) = first_page {
        dict.set("Pg", pages[page]);
    }
    match &element.role {
        Role::Figure { alt } => {
            dict.set("Alt", text(alt));
            if let Some((_, [l, b, r, t])) = element.bbox {
                let bbox: Vec<Object> = [l, b, r, t].into_iter().map(Object::Real).collect();
                dict.set("A", dictionary! { "O" => "Layout", "BBox" => bbox, "Placement" => "Block" });
            }
        }
        Role::TableHeader => {
            dict.set("A", dictionary! { "O" => "Table", "Scope" => "Column" });
        }
        _ => {}
    }
    dict
}

/// The standard structure type for a role.
fn tag_of(role: &Role) -> &'static str {
    match role {
        Role::Heading(0 | 1) => "H1",
        Role::Heading(2) => "H2",
        Role::Heading(3) => "H3",
        Role::Heading(4) => "H4",
        Role::Heading(5) => "H5",
        Role::Heading(_) => "H6",
        Role::Paragraph => "P",
        Role::List => "L",
        Role::ListItem => "LI",
        Role::ListLabel => "Lbl",
        Role::ListBody => "LBody",
        Role::Quote => "BlockQuote",
        Role::Figure { .. } => "Figure",
        Role::Table => "Table",
        Role::TableRow => "TR",
        Role::TableHeader => "TH",
        Role::TableCell => "TD",
        Role::Toc => "TOC",
        Role::TocItem => "TOCI",
        Role::Section | Role::Artifact => "Sect",
    }
}

/// The XMP metadata packet: title, author, subject, language, dates, and the claim of
/// PDF/UA-1 conformance. Left uncompressed, as readers of metadata expect.
fn xmp(meta: &PdfMeta) -> Stream {
    let date = meta
        .created
        .to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let (title, author, subject) = (escape(&meta.title), escape(&meta.author), escape(&meta.subject));
    let producer = escape(super::PRODUCER);
    let packet = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>{LANG}</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Producer>{producer}</pdf:Producer>\n\
<xmp:CreatorTool>{producer}</xmp:CreatorTool>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>"
    );
    Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, packet.into_bytes()).with_compression(false)
}

/// A PDF text string (any language, any character).
fn text(value: &str) -> Object {
    Object::String(utf16be(value), StringFormat::Hexadecimal)
}

/// Text as PDF text strings carry it: UTF-16BE with a byte-order mark.
pub(super) fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// A count or index as a PDF integer.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
