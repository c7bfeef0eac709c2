//! Every PDF the app writes is a tagged PDF/UA-1 document. The files are made by the binary
//! as a user would make them, then read back three ways: with lopdf (the catalog, the parent
//! tree, every operator of every content stream), with poppler (`pdfinfo -struct-text`: the
//! structure tree with its text, in reading order), and with the outside checker `pdfua`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a failing test should stop at once")]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{college, ok, poppler_args, review_pack, sign_and_export, sign_pack, temp, write};
use lopdf::content::Content;
use lopdf::{Document, Object};

const ORG: &str = "Dear Albert";
const TITLE: &str = "Friday nights at the Hub";
const BODY: &str = include_str!("../src/workspace/demo/peer-support.txt");

/// The PDFs of one LERO and of the college that collects its page.
struct Pdfs {
    _dir: tempfile::TempDir,
    page_draft: PathBuf,
    page_final: PathBuf,
    page_reading: PathBuf,
    report_draft: PathBuf,
    pack_draft: PathBuf,
    report_final: PathBuf,
    summary: PathBuf,
}

fn out(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().expect("utf-8").to_owned()
}

/// Makes every kind of PDF the app writes, once for all tests in this file.
fn pdfs() -> &'static Pdfs {
    static PDFS: std::sync::OnceLock<Pdfs> = std::sync::OnceLock::new();
    PDFS.get_or_init(|| {
        let dir = temp();
        let d = dir.path();
        let lero = d.join("lero.lero");
        let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logo.png");
        ok(&lero, &["org", "set", "--name", ORG, "--area", "Wirral", "--logo", logo.to_str().expect("utf-8")]);
        ok(&lero, &["person", "add", "Dafydd Evans", "--role", "Director"]);
        ok(&lero, &["person", "add", "Zoë Adebayo", "--role", "Peer mentor", "--lived-experience"]);
        let body = write(d, "body.txt", BODY.as_bytes());
        let body = body.to_str().expect("utf-8");
        let made = ok(&lero, &["account", "new", "clero-chime/C1", "--body-file", body, "--title", TITLE]);
        let id = common::last_line(&made).to_owned();
        ok(&lero, &["export", "pdf", &id, "--draft", "--out", &out(d, "page-draft.pdf")]);
        let bundle = d.join("page.lero-bundle");
        sign_and_export(&lero, &id, &bundle);
        ok(&lero, &["export", "pdf", &id, "--out", &out(d, "page.pdf")]);
        ok(&lero, &["export", "pdf", &id, "--reading-font", "--out", &out(d, "page-reading.pdf")]);

        let clero = college(d, "How LEROs live the standards", &[&bundle]);
        ok(&clero, &["report", "export", "--out", &out(d, "report-draft.pdf")]);
        let pack = review_pack(&clero, d);
        let receipt = d.join("receipt.lero-receipt");
        sign_pack(&lero, &pack, "Dafydd Evans", &receipt);
        ok(&clero, &["report", "record", receipt.to_str().expect("utf-8")]);
        ok(&clero, &["report", "export", "--out", &out(d, "report.pdf")]);

        // The LERO's self-assessment pack, once its page has gone to the college.
        ok(&lero, &["assess", "clero-chime/C1", "--stage", "developing", "--rung", "4", "--well", "Members lead."]);
        ok(&lero, &["assess", "clero-chime/C2", "--stage", "n/a", "--note", "We have no premises."]);
        ok(&lero, &["evidence", "add", "clero-chime/C1", "--title", "Minutes", "--date", "31/03/2026"]);
        ok(&lero, &["export", "summary", "--out", &out(d, "summary.pdf")]);
        Pdfs {
            page_draft: d.join("page-draft.pdf"),
            page_final: d.join("page.pdf"),
            page_reading: d.join("page-reading.pdf"),
            report_draft: d.join("report-draft.pdf"),
            pack_draft: pack.join("report-draft.pdf"),
            report_final: d.join("report.pdf"),
            summary: d.join("summary.pdf"),
            _dir: dir,
        }
    })
}

fn all(p: &Pdfs) -> [(&'static str, &Path); 7] {
    [
        ("one-pager, draft", &p.page_draft),
        ("one-pager, signed", &p.page_final),
        ("one-pager, reading font", &p.page_reading),
        ("report, draft", &p.report_draft),
        ("review pack's draft", &p.pack_draft),
        ("report, final", &p.report_final),
        ("where we stand", &p.summary),
    ]
}

fn dict<'a>(doc: &'a Document, obj: &'a Object) -> &'a lopdf::Dictionary {
    match obj {
        Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// A PDF text string as Rust text (UTF-16BE with its byte-order mark, or plain bytes).
fn text(obj: &Object) -> String {
    let bytes = obj.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).expect("utf-16")
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn name(obj: &Object) -> String {
    String::from_utf8_lossy(obj.as_name().expect("a name")).into_owned()
}

#[test]
fn every_pdf_declares_its_language_its_title_and_pdf_ua() {
    for (what, pdf) in all(pdfs()) {
        let doc = Document::load(pdf).expect(what);
        let catalog = doc.catalog().expect("catalog");
        assert_eq!(text(catalog.get(b"Lang").expect("Lang")), "en-GB", "{what}");
        let mark_info = dict(&doc, catalog.get(b"MarkInfo").expect("MarkInfo"));
        assert_eq!(mark_info.get(b"Marked").and_then(Object::as_bool).ok(), Some(true), "{what}");
        let prefs = dict(&doc, catalog.get(b"ViewerPreferences").expect("ViewerPreferences"));
        assert_eq!(prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(), Some(true), "{what}");

        let info = dict(&doc, doc.trailer.get(b"Info").expect("Info"));
        let title = text(info.get(b"Title").expect("Title"));
        assert!(!title.is_empty(), "{what}");
        let metadata = doc.get_object(catalog.get(b"Metadata").and_then(Object::as_reference).expect("Metadata"));
        let stream = metadata.and_then(Object::as_stream).expect("a metadata stream");
        assert_eq!(stream.dict.get(b"Subtype").map(name).ok().as_deref(), Some("XML"));
        let xmp = String::from_utf8(stream.content.clone()).expect("the XMP packet is plain UTF-8");
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{what}: {xmp}");
        assert!(xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")), "{what}: {xmp}");
        assert!(doc.version.as_str() >= "1.7", "{what}: PDF {}", doc.version);
    }
}

/// What one content stream marks: the MCIDs of tagged content in order, and how many
/// painting operators lie outside every marked-content sequence.
#[derive(Debug, Default)]
struct Marked {
    mcids: Vec<i64>,
    unmarked: Vec<String>,
    misplaced: Vec<String>,
    artifacts: usize,
}

fn marked(doc: &Document, page: lopdf::ObjectId) -> Marked {
    let content = Content::decode(&doc.get_page_content(page)).expect("decodes");
    let mut stack: Vec<(String, Option<i64>)> = Vec::new();
    let mut found = Marked::default();
    for op in &content.operations {
        match op.operator.as_str() {
            "BMC" => {
                let tag = name(&op.operands[0]);
                if tag == "Artifact" {
                    found.artifacts += 1;
                }
                stack.push((tag, None));
            }
            "BDC" => {
                let tag = name(&op.operands[0]);
                let mcid = match &op.operands[1] {
                    Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                    _ => None,
                };
                if let Some(mcid) = mcid {
                    assert!(stack.iter().all(|(t, _)| t != "Artifact"), "tagged content inside an artifact");
                    found.mcids.push(mcid);
                }
                if tag == "Artifact" {
                    found.artifacts += 1;
                }
                stack.push((tag, mcid));
            }
            "EMC" => {
                stack.pop().expect("EMC closes a sequence that was opened");
            }
            "Tj" | "TJ" | "'" | "\"" | "Do" | "S" | "f" | "F" | "B" | "b" | "sh" if stack.is_empty() => {
                found.unmarked.push(op.operator.clone());
            }
            // Rules, bars and the like are furniture, or part of a tagged figure (a chart); the
            // only picture is a tagged figure.
            "S" | "f" | "F" | "B" | "b" | "sh"
                if stack.last().is_some_and(|(tag, _)| tag != "Artifact" && tag != "Figure") =>
            {
                found.misplaced.push(format!("{} inside {}", op.operator, stack.last().unwrap().0));
            }
            "Do" if stack.last().is_some_and(|(tag, _)| tag != "Figure") => {
                found.misplaced.push(format!("Do inside {}", stack.last().unwrap().0));
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "every marked-content sequence is closed");
    found
}

#[test]
fn everything_drawn_is_tagged_content_or_furniture_and_the_parent_tree_leads_back() {
    for (what, pdf) in all(pdfs()) {
        let doc = Document::load(pdf).expect(what);
        let catalog = doc.catalog().expect("catalog");
        let root = dict(&doc, catalog.get(b"StructTreeRoot").expect("a structure tree"));
        let document = dict(&doc, root.get(b"K").expect("K"));
        assert_eq!(name(document.get(b"S").expect("S")), "Document", "{what}");
        let nums = dict(&doc, root.get(b"ParentTree").expect("ParentTree")).get(b"Nums").expect("Nums");
        let nums = nums.as_array().expect("an array");
        let parents: BTreeMap<i64, &Vec<Object>> =
            nums.chunks(2).map(|kv| (kv[0].as_i64().expect("key"), kv[1].as_array().expect("array"))).collect();

        for (number, page) in doc.get_pages() {
            let marks = marked(&doc, page);
            assert!(marks.unmarked.is_empty(), "{what}, page {number}: {:?} drawn unmarked", marks.unmarked);
            assert!(marks.misplaced.is_empty(), "{what}, page {number}: {:?}", marks.misplaced);
            assert!(marks.artifacts > 0, "{what}, page {number}: its furniture is marked as such");
            let unique: BTreeSet<i64> = marks.mcids.iter().copied().collect();
            assert_eq!(unique.len(), marks.mcids.len(), "{what}, page {number}: an MCID used twice");
            assert!(!marks.mcids.is_empty(), "{what}, page {number}: nothing tagged");

            let key = doc.get_dictionary(page).unwrap().get(b"StructParents").and_then(Object::as_i64).expect(what);
            let elements = parents.get(&key).expect("the page's entry in the parent tree");
            assert_eq!(elements.len(), marks.mcids.len(), "{what}, page {number}");
            for mcid in &marks.mcids {
                let element = dict(&doc, &elements[usize::try_from(*mcid).unwrap()]);
                let kids = match element.get(b"K").expect("K") {
                    Object::Array(kids) => kids.clone(),
                    kid => vec![kid.clone()],
                };
                let points_back = kids.iter().any(|k| match k {
                    Object::Integer(m) => m == mcid,
                    Object::Dictionary(d) => {
                        d.get(b"MCID").and_then(Object::as_i64).ok() == Some(*mcid)
                            && d.get(b"Pg").and_then(Object::as_reference).ok() == Some(page)
                    }
                    _ => false,
                });
                assert!(points_back, "{what}, page {number}: MCID {mcid}'s element does not hold it");
            }
        }
    }
}

/// One element of `pdfinfo -struct-text`: its depth, its type and its text.
#[derive(Debug, Clone, PartialEq)]
struct Element {
    depth: usize,
    tag: String,
    text: String,
    attributes: String,
}

/// The structure tree in reading order, as poppler reads it.
fn structure(pdf: &Path) -> Vec<Element> {
    let listing = poppler_args("pdfinfo", &["-struct-text"], &[pdf.as_os_str()]);
    let mut out: Vec<Element> = Vec::new();
    for line in listing.lines() {
        let depth = (line.len() - line.trim_start().len()) / 2;
        let trimmed = line.trim();
        if let Some(quoted) = trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            let element = out.last_mut().expect("text inside an element");
            if !element.text.is_empty() {
                element.text.push(' ');
            }
            element.text.push_str(quoted);
        } else if trimmed.starts_with('/') {
            out.last_mut().expect("attributes of an element").attributes.push_str(trimmed);
        } else if !trimmed.is_empty() {
            let tag = trimmed.split([' ', ':']).next().unwrap_or_default().to_owned();
            out.push(Element { depth, tag, text: String::new(), attributes: String::new() });
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// The account's words as typed, without the markers that make bullets and quotes.
fn body_words() -> Vec<String> {
    BODY.lines()
        .map(|l| l.trim_start().trim_start_matches("- ").trim_start_matches("> "))
        .flat_map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

#[test]
fn a_one_pager_reads_in_order_with_its_headings_lists_quote_and_logo() {
    let p = pdfs();
    for (what, pdf) in [("draft", &p.page_draft), ("signed", &p.page_final), ("reading font", &p.page_reading)] {
        let tree = structure(pdf);
        let tags: Vec<&str> = tree.iter().map(|e| e.tag.as_str()).collect();
        assert_eq!(tags[..3], ["Document", "Sect", "Figure"], "{what}: {tags:?}");
        assert!(tree[2].attributes.contains("/BBox"), "{what}: the logo's box");
        let doc = Document::load(pdf).unwrap();
        let alts: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"S").map(name).ok().as_deref() == Some("Figure"))
            .map(|d| text(d.get(b"Alt").expect("a figure has its alternative text")))
            .collect();
        assert_eq!(alts, [format!("Logo of {ORG}")], "{what}");

        let find = |tag: &str| tree.iter().position(|e| e.tag == tag).unwrap_or_else(|| panic!("{what}: no {tag}"));
        assert_eq!(tree[find("H1")].text, "C1 Peer support and support groups", "{what}");
        assert_eq!(tree[find("H2")].text, "Friday nights at the Hub", "{what}");
        assert_eq!(tree[find("H3")].text, "Signed off", "{what}");
        assert_eq!(tree.iter().filter(|e| e.tag.starts_with('H') && e.tag.len() == 2).count(), 3, "{what}");

        // The body, between the title and "Signed off", reads as the account was typed.
        let body: Vec<String> =
            tree[find("H2") + 1..find("H3")].iter().flat_map(|e| words(&e.text)).filter(|w| w != "•").collect();
        assert_eq!(body, body_words(), "{what}: the tagged text is the account, in order");
        let in_body = &tree[find("H2")..find("H3")];
        assert_eq!(in_body.iter().filter(|e| e.tag == "BlockQuote").count(), 1, "{what}");
        assert_eq!(in_body.iter().filter(|e| e.tag == "LI").count(), 4, "{what}");
        assert_eq!(in_body.iter().filter(|e| e.tag == "Lbl").count(), 4, "{what}");
        assert_eq!(in_body.iter().filter(|e| e.tag == "LBody").count(), 4, "{what}");

        // Who signed it, as a list under its heading.
        let signed: Vec<&str> =
            tree[find("H3")..].iter().filter(|e| e.tag == "LBody").map(|e| e.text.as_str()).collect();
        if what == "draft" {
            assert_eq!(signed, ["Not yet signed off"]);
        } else {
            assert_eq!(signed.len(), 2, "{what}: {signed:?}");
            assert!(signed[1].starts_with("Zoë Adebayo, Peer mentor") && signed[1].ends_with("lived experience"));
        }

        // The draft is said once in words; the watermark and footer are furniture.
        let all_text: Vec<&str> = tree.iter().map(|e| e.text.as_str()).collect();
        let drafts = all_text.iter().filter(|t| t.contains("DRAFT")).count();
        assert_eq!(drafts, usize::from(what == "draft"), "{what}: {all_text:?}");
        assert!(!all_text.iter().any(|t| t.starts_with("Generated on")), "{what}: the footer is furniture");
        let printed = poppler_args("pdftotext", &[], &[pdf.as_os_str(), "-".as_ref()]);
        assert!(printed.contains("Generated on"), "{what}: the footer is still printed");
    }
}

/// The outline's entries, depth first: (depth, title).
fn outline(doc: &Document) -> Vec<(usize, String)> {
    fn walk(doc: &Document, first: Option<&Object>, depth: usize, out: &mut Vec<(usize, String)>) {
        let mut next = first.cloned();
        while let Some(entry) = next {
            let entry = dict(doc, &entry);
            out.push((depth, text(entry.get(b"Title").expect("a title"))));
            walk(doc, entry.get(b"First").ok(), depth + 1, out);
            next = entry.get(b"Next").ok().cloned();
        }
    }
    let mut out = Vec::new();
    let Ok(outlines) = doc.catalog().unwrap().get(b"Outlines") else { return out };
    walk(doc, dict(doc, outlines).get(b"First").ok(), 0, &mut out);
    out
}

#[test]
fn the_report_has_bookmarks_contents_headings_in_order_and_a_table_of_contributors() {
    let p = pdfs();
    for (what, pdf) in [("draft", &p.report_draft), ("pack", &p.pack_draft), ("final", &p.report_final)] {
        let doc = Document::load(pdf).unwrap();
        assert_eq!(
            outline(&doc),
            [
                (0, "Contents".to_owned()),
                (0, "C1 Peer support and support groups".to_owned()),
                (1, format!("{ORG}: Friday nights at the Hub")),
                (0, "Contributors".to_owned()),
            ],
            "{what}"
        );
        assert_eq!(
            doc.catalog().unwrap().get(b"PageMode").map(name).ok().as_deref(),
            Some("UseOutlines"),
            "{what}: opens with its bookmarks"
        );

        let tree = structure(pdf);
        // One H1, and no heading deeper than one level below the one before it.
        let levels: Vec<usize> =
            tree.iter().filter_map(|e| e.tag.strip_prefix('H').and_then(|l| l.parse().ok())).collect();
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "{what}: {levels:?}");
        assert_eq!(levels[0], 1);
        assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{what}: a level skipped in {levels:?}");
        let heading =
            |level: &str| -> Vec<&str> { tree.iter().filter(|e| e.tag == level).map(|e| e.text.as_str()).collect() };
        assert_eq!(heading("H1"), ["How LEROs live the standards"]);
        assert_eq!(heading("H2"), ["Contents", "C1 Peer support and support groups", "Contributors"]);
        assert_eq!(heading("H3"), [ORG], "{what}: the contributor heads its account");
        assert_eq!(heading("H4"), ["Friday nights at the Hub"]);

        let toc: Vec<&str> = tree.iter().filter(|e| e.tag == "TOCI").map(|e| e.text.as_str()).collect();
        assert_eq!(toc, ["C1 Peer support and support groups page 3", "Contributors page 5"], "{what}");

        let table = tree.iter().position(|e| e.tag == "Table").expect("the contributors' table");
        let cells: Vec<&Element> = tree[table..].iter().filter(|e| e.tag == "TH" || e.tag == "TD").collect();
        let header: Vec<&str> = cells.iter().filter(|e| e.tag == "TH").map(|e| e.text.as_str()).collect();
        assert_eq!(header, ["Organisation", "Area", "Accounts", "Sign-off"]);
        assert!(cells.iter().filter(|e| e.tag == "TH").all(|e| e.attributes.contains("/Scope /Column")));
        let row: Vec<&str> = cells.iter().filter(|e| e.tag == "TD").map(|e| e.text.as_str()).collect();
        assert_eq!(row[..3], [ORG, "Wirral", "1"], "{what}");

        // A draft says so once in words, on the cover; a final report not at all.
        let said = tree.iter().filter(|e| e.text.contains("DRAFT")).count();
        assert_eq!(said, usize::from(what != "final"), "{what}");
    }
}

/// Runs the outside checker on `pdf`: its exit code and what it printed.
fn pdfua(pdf: &Path) -> (i32, String) {
    let out = std::process::Command::new("pdfua").arg("check").arg(pdf).output().unwrap_or_else(|e| {
        panic!(
            "The PDF/UA checker `pdfua` could not be run ({e}): install it with `pip install pdfua` \
             (.ci/run installs it)."
        )
    });
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn the_outside_pdf_ua_checker_finds_nothing_and_skips_nothing() {
    for (what, pdf) in all(pdfs()) {
        let (code, said) = pdfua(pdf);
        assert_eq!(code, 0, "{what}:\n{said}");
        assert!(said.contains("PASS (no findings)"), "{what}:\n{said}");
        assert!(!said.contains("[skip"), "{what}: a check could not run:\n{said}");
    }
}
