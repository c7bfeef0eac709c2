//! Building a standard set from text pasted out of a standards PDF.
//!
//! Text copied from a PDF arrives as numbered statements under section headings, broken into
//! short lines, with page numbers mixed in. We rebuild the statements line by line: a heading
//! starts a section, a number at the start of a line starts a statement, and every other line
//! continues whatever came before. The wording is kept exactly as pasted (curly quotes,
//! dashes, accents); only line breaks and runs of spaces are tidied.

use crate::domain::standards::{AppliesTo, Section, StandardSet, Statement};
use crate::domain::standards_file::{LoadError, MAX_STATEMENTS, check_size, slug, validate};
use std::collections::{HashMap, HashSet};

/// What the user tells us about pasted text; anything None is worked out from the text.
///
/// A value that is empty or only spaces counts as None, so an empty box in a form can be
/// passed straight through.
#[derive(Debug, Clone, Default)]
pub struct PasteMeta {
    /// Set id (lowercase letters, digits and `-`); otherwise made from the title.
    pub id: Option<String>,
    /// Set title; otherwise the first line before the statements, or the file name.
    pub title: Option<String>,
    /// Version label; otherwise a year in the title, or today's date.
    pub version: Option<String>,
    /// Publisher; otherwise "Unknown publisher".
    pub publisher: Option<String>,
}

/// Words that start a section heading such as "Section 2: Support offer".
const HEADING_WORDS: &[&str] = &["section", "part", "domain", "theme", "chapter"];
/// Characters that may separate a heading's number from its title.
const HEADING_SEPARATORS: &[char] = &[':', '.', '-', '–', '—', ')'];
/// Longest line taken as a heading's title when the heading line has only a number.
const MAX_HEADING_TITLE_CHARS: usize = 80;
/// A first sentence up to this long is used whole as the statement title.
const MAX_SENTENCE_TITLE_CHARS: usize = 80;
/// Otherwise the title is cut at a word boundary near this length.
const CUT_TITLE_CHARS: usize = 60;
/// A bracketed note longer than this is wording, not an "applies to" marker.
const MAX_MARKER_CHARS: usize = 80;

/// Builds a standard set from pasted text and checks it.
///
/// `file` names the source in messages and in the set's `source` (for example the name of
/// the file the text was saved in, or "pasted text"). `today` is the date as `YYYY-MM-DD`,
/// used in the status line and as the version when nothing better is known.
///
/// # Errors
///
/// A [`LoadError`] when the text is empty or too large, when no numbered statements are found,
/// when a statement number has no wording after it, or when the result breaks a rule checked
/// by [`validate`] (for example a statement longer than 5,000 characters).
pub fn parse_pasted(file: &str, text: &str, meta: &PasteMeta, today: &str) -> Result<StandardSet, LoadError> {
    check_size(file, text, "pasted text", "Paste only the numbered statements and their section headings.")?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::in_file(
            file,
            "Nothing was pasted. Copy the numbered statements from the standards document, \
             with their section headings, and paste them here.",
        ));
    }

    let mut lines = classify(text);
    promote_numbered_headings(&mut lines);
    let (preamble_title, drafts) = assemble(lines);
    let drafts: Vec<DraftSection> = drafts.into_iter().filter(|d| !d.statements.is_empty()).collect();
    if drafts.is_empty() {
        return Err(LoadError::in_file(
            file,
            "No numbered statements were found in the pasted text. Each statement should start \
             with its number, like “1.” or “2.3”, at the start of a line. Check that you copied \
             the statements themselves, not only the headings or the introduction.",
        ));
    }
    let count: usize = drafts.iter().map(|d| d.statements.len()).sum();
    if count > MAX_STATEMENTS {
        return Err(LoadError::in_file(
            file,
            format!(
                "The pasted text has {count} numbered statements, but a set can have at most \
                 {MAX_STATEMENTS}. Check that you copied only the standards, not a whole \
                 document or a list of numbers."
            ),
        ));
    }
    let sections = finish_sections(file, drafts)?;

    let title = given(meta.title.as_ref()).or(preamble_title).unwrap_or_else(|| file_stem(file));
    let version = given(meta.version.as_ref())
        .or_else(|| first_year(&title).map(str::to_owned))
        .unwrap_or_else(|| today.to_owned());
    let id = given(meta.id.as_ref()).unwrap_or_else(|| id_from_title(&title, &version));
    let publisher = given(meta.publisher.as_ref()).unwrap_or_else(|| "Unknown publisher".to_owned());
    let set = StandardSet {
        id,
        version,
        title,
        publisher,
        published: String::new(),
        source: format!("Pasted text ({file})"),
        status: format!(
            "Imported by the user from pasted text on {today}; the wording is as pasted and has \
             not been checked against the publisher's document."
        ),
        sections,
    };
    validate(file, &set)?;
    Ok(set)
}

/// One meaningful line of the paste. Blank lines and page furniture are already gone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    /// Starts a section.
    Heading(Heading),
    /// Starts a statement: its code and the rest of the line.
    Statement { code: String, text: String },
    /// Anything else: continues what came before.
    Text(String),
}

/// A section heading as found on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    /// The heading's number or letter ("2", "A"), if it has one.
    label: Option<String>,
    /// The word before the number ("Part"), used for a heading with no title.
    word: String,
    /// The title after the number, if any.
    title: Option<String>,
    /// The heading carried a marker saying its statements are for formal LEROs only.
    formal: bool,
    /// A markdown "# Title" line: the document's own title when it comes first.
    top_level: bool,
}

/// A section being built.
#[derive(Debug)]
struct DraftSection {
    /// Used to make codes unique when numbering restarts in each section.
    label: String,
    title: String,
    summary: String,
    formal: bool,
    statements: Vec<DraftStatement>,
}

/// A statement being built.
#[derive(Debug)]
struct DraftStatement {
    code: String,
    text: String,
}

/// Splits the text into lines, tidies them and says what each one is.
fn classify(text: &str) -> Vec<Line> {
    // Splitting on each of these alone also covers "\r\n": the empty line it leaves between
    // them is dropped like any other blank line. Form feeds are pdftotext's page breaks.
    let lines: Vec<String> = text
        .split(['\n', '\r', '\x0c'])
        .map(tidy)
        .filter(|line| !line.is_empty() && !is_page_furniture(line))
        .collect();
    let footers = running_footers(&lines);
    lines
        .into_iter()
        .filter(|line| starts_something(line) || !footers.contains(&mask_digits(line)))
        .map(|line| {
            let (without_marker, formal) = take_formal_marker(&line);
            if let Some(mut heading) = parse_heading(&without_marker) {
                heading.formal |= formal;
                return Line::Heading(heading);
            }
            match statement_start(&line) {
                Some((code, rest)) => Line::Statement { code: code.to_owned(), text: rest.to_owned() },
                None => Line::Text(line),
            }
        })
        .collect()
}

/// Running headers and footers with a page number in them ("CLERO standards | 3"): the same
/// words with a different number on three or more lines. Left in, they would be glued into
/// the middle of statements. Lines that repeat with no changing number are kept, because
/// real wording (such as "Evidence might include:") can repeat too.
fn running_footers(lines: &[String]) -> HashSet<String> {
    let mut seen: HashMap<String, (usize, HashSet<&str>)> = HashMap::new();
    for line in lines {
        // Statement and heading lines legitimately share a shape ("1. We…", "2. We…").
        if starts_something(line) || !line.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let entry = seen.entry(mask_digits(line)).or_default();
        entry.0 += 1;
        entry.1.insert(line.as_str());
    }
    seen.into_iter().filter(|(_, (count, forms))| *count >= 3 && forms.len() >= 2).map(|(masked, _)| masked).collect()
}

/// Whether a line starts a statement or a section.
fn starts_something(line: &str) -> bool {
    statement_start(line).is_some() || parse_heading(&take_formal_marker(line).0).is_some()
}

/// The line with each run of digits replaced by "#", so that page numbers compare equal.
fn mask_digits(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

/// Trims a line and turns each run of spaces and tabs inside it into one space.
fn tidy(line: &str) -> String {
    let joined = line.split([' ', '\t']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ");
    joined.trim().to_owned()
}

/// Page numbers and similar lines a PDF repeats on every page.
fn is_page_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    let is_number = |word: &str| !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
    let words: Vec<&str> = lower.split_whitespace().collect();
    let dashes: &[char] = &['-', '–', '—'];
    match words.as_slice() {
        [n] | ["page", n] => {
            is_number(n) || is_number(n.trim_matches(dashes)) && n.starts_with(dashes) && n.ends_with(dashes)
        }
        ["page", n, "of", m] | [n, "of", m] => is_number(n) && is_number(m),
        [a, n, b] => a.chars().all(|c| dashes.contains(&c)) && is_number(n) && b.chars().all(|c| dashes.contains(&c)),
        _ => false,
    }
}

/// Reads a section heading: "Section 2: Title", "PART B – Title", "## Title" and the like.
fn parse_heading(line: &str) -> Option<Heading> {
    if let Some(rest) = line.strip_prefix('#') {
        let top_level = !rest.starts_with('#');
        let rest = rest.trim_start_matches('#');
        // "#1 priority" is wording, not a heading: markdown needs a space after the hashes.
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let rest = rest.trim();
        if let Some(heading) = word_heading(rest) {
            return Some(heading);
        }
        if let Some((code, title)) = statement_start(rest)
            && !code.contains('.')
        {
            return Some(Heading {
                label: Some(code.to_owned()),
                word: "Section".to_owned(),
                title: non_empty(title),
                formal: false,
                top_level: false,
            });
        }
        return Some(Heading {
            label: None,
            word: "Section".to_owned(),
            title: non_empty(rest),
            formal: false,
            top_level,
        });
    }
    word_heading(line)
}

/// Reads a heading that starts with a word such as "Section" followed by a number or letter.
fn word_heading(line: &str) -> Option<Heading> {
    let (word, rest) = line.split_once(char::is_whitespace)?;
    let lower = word.to_ascii_lowercase();
    if !HEADING_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let rest = rest.trim_start();
    let run = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(rest.len());
    let label = rest.get(..run)?.trim_end_matches('.');
    if !is_heading_label(label) {
        return None;
    }
    let after = rest.get(label.len()..)?.trim_start();
    let title = if after.is_empty() {
        None
    } else {
        // Without a separator this is wording such as "Section 2 of the Act says…".
        let title = after.strip_prefix(HEADING_SEPARATORS)?;
        non_empty(title.trim())
    };
    let mut display_word: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
    display_word.push_str(lower.get(1..).unwrap_or_default());
    Some(Heading { label: Some(label.to_owned()), word: display_word, title, formal: false, top_level: false })
}

/// A heading number: "2", "1.2", a single letter, or a Roman numeral.
fn is_heading_label(label: &str) -> bool {
    let numeric = !label.is_empty()
        && label.split('.').all(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let letter = label.len() == 1 && label.chars().all(|c| c.is_ascii_alphabetic());
    let roman = (1..=7).contains(&label.len()) && label.chars().all(|c| "IVXLC".contains(c));
    numeric || letter || roman
}

/// Reads the number that starts a statement line: "1.", "1)", "12.", "1.1", "1.1.", "1.1)",
/// "2a." or "2a)". Returns the code without its punctuation, and the rest of the line.
///
/// A plain number needs its "." or ")" so that a wrapped line starting "2024 was…" is not
/// taken for a statement; a dotted number may go without, if the wording after it starts
/// with a capital (so that "3.5 million people" is not a statement either).
fn statement_start(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let digits_at =
        |from: usize| bytes.get(from..).map_or(0, |tail| tail.iter().take_while(|b| b.is_ascii_digit()).count());
    let first = digits_at(0);
    // More than three digits is a year or an amount, never a statement number.
    if first == 0 || first > 3 {
        return None;
    }
    let mut end = first;
    let mut dotted = false;
    while bytes.get(end) == Some(&b'.') {
        let group = digits_at(end + 1);
        if group == 0 {
            break;
        }
        if group > 3 {
            return None;
        }
        end += 1 + group;
        dotted = true;
    }
    if bytes.get(end).is_some_and(u8::is_ascii_alphabetic) && !bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
    {
        end += 1;
    }
    let code_end = end;
    let punctuated = matches!(bytes.get(end), Some(b'.' | b')'));
    if punctuated {
        end += 1;
    }
    // Everything up to `end` is ASCII, so these are character boundaries.
    let code = line.get(..code_end)?;
    let rest = line.get(end..)?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    if !punctuated {
        let starts_like_a_sentence = rest.chars().next().is_none_or(|c| !c.is_lowercase() && !c.is_ascii_digit());
        if !dotted || !starts_like_a_sentence {
            return None;
        }
    }
    Some((code, rest))
}

/// Some documents number sections "1." and their statements "1.1", "1.2". When the paste has
/// no other headings, a plain number directly followed by its own dotted statements is taken
/// as a section heading.
fn promote_numbered_headings(lines: &mut [Line]) {
    if lines.iter().any(|l| matches!(l, Line::Heading(_))) {
        return;
    }
    let mut promote = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Line::Statement { code, .. } = line else { continue };
        if !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let prefix = format!("{code}.");
        let next = lines.iter().skip(index + 1).find(|l| matches!(l, Line::Statement { .. }));
        if let Some(Line::Statement { code: next_code, .. }) = next
            && next_code.starts_with(&prefix)
        {
            promote.push(index);
        }
    }
    for index in promote {
        if let Some(line) = lines.get_mut(index)
            && let Line::Statement { code, text } = line
        {
            let (title, formal) = take_formal_marker(text);
            *line = Line::Heading(Heading {
                label: Some(std::mem::take(code)),
                word: "Section".to_owned(),
                title: non_empty(&title),
                formal,
                top_level: false,
            });
        }
    }
}

/// Puts the lines together into sections and statements; also returns the preamble's title.
fn assemble(lines: Vec<Line>) -> (Option<String>, Vec<DraftSection>) {
    let mut preamble_title = None;
    let mut sections: Vec<DraftSection> = Vec::new();
    let mut started = false;
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        match line {
            Line::Heading(heading) if heading.top_level && !started && heading.title.is_some() => {
                // A markdown "# Title" before anything else names the document.
                if preamble_title.is_none() {
                    preamble_title = heading.title;
                }
            }
            Line::Heading(heading) => {
                started = true;
                let mut formal = heading.formal;
                let mut title = heading.title;
                // PDFs often put "Section 2" and its title on separate lines.
                if title.is_none()
                    && let Some(Line::Text(next)) = lines.peek()
                    && looks_like_title(next)
                {
                    let (text, next_formal) = take_formal_marker(next);
                    formal |= next_formal;
                    title = non_empty(&text);
                    lines.next();
                }
                let ordinal = (sections.len() + 1).to_string();
                let title = title
                    .unwrap_or_else(|| format!("{} {}", heading.word, heading.label.as_deref().unwrap_or(&ordinal)));
                sections.push(DraftSection {
                    label: heading.label.unwrap_or(ordinal),
                    title,
                    summary: String::new(),
                    formal,
                    statements: Vec::new(),
                });
            }
            Line::Statement { code, text } => {
                started = true;
                if sections.is_empty() {
                    sections.push(DraftSection {
                        label: "1".to_owned(),
                        title: "Statements".to_owned(),
                        summary: String::new(),
                        formal: false,
                        statements: Vec::new(),
                    });
                }
                if let Some(section) = sections.last_mut() {
                    section.statements.push(DraftStatement { code, text });
                }
            }
            Line::Text(text) => {
                if !started {
                    // Only the first line of the preamble is used; the rest is introduction.
                    preamble_title.get_or_insert(text);
                } else if preamble_title.as_ref() == Some(&text) {
                    // The document's title again, inside the body: a running page header.
                } else if let Some(section) = sections.last_mut() {
                    match section.statements.last_mut() {
                        Some(statement) => join_line(&mut statement.text, &text),
                        None => join_line(&mut section.summary, &text),
                    }
                }
            }
        }
    }
    (preamble_title, sections)
}

/// A short line with no closing punctuation, as a heading's title would be.
fn looks_like_title(line: &str) -> bool {
    line.chars().count() <= MAX_HEADING_TITLE_CHARS && !line.ends_with(['.', '!', '?', ':', ';', ','])
}

/// Adds a wrapped line to the text before it.
fn join_line(buf: &mut String, line: &str) {
    if !buf.is_empty() {
        // A word broken with a hyphen at the end of a line ("self-" / "assessment") is
        // joined without a space; the hyphen stays because we cannot tell a soft break from
        // a real compound, and keeping it never loses a letter.
        let mut tail = buf.chars().rev();
        let broken_word = tail.next() == Some('-') && tail.next().is_some_and(char::is_alphabetic);
        if !broken_word {
            buf.push(' ');
        }
    }
    buf.push_str(line);
}

/// Turns drafts into sections: markers, titles and unique codes.
fn finish_sections(file: &str, mut drafts: Vec<DraftSection>) -> Result<Vec<Section>, LoadError> {
    make_codes_unique(&mut drafts);
    let mut sections = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let mut statements = Vec::with_capacity(draft.statements.len());
        for statement in draft.statements {
            let (text, formal) = take_formal_marker(&statement.text);
            if text.is_empty() {
                return Err(LoadError::in_statement(
                    file,
                    &statement.code,
                    "There is no wording after the statement's number. Check that its text \
                     was copied along with the number.",
                ));
            }
            let mut title = title_from_text(&text);
            if title.trim().is_empty() {
                // Wording that is only punctuation leaves no title; the number still works.
                title = format!("Statement {}", statement.code);
            }
            statements.push(Statement {
                title,
                text,
                code: statement.code,
                applies_to: if formal || draft.formal { AppliesTo::Formal } else { AppliesTo::All },
                prompts: Vec::new(),
                evidence: Vec::new(),
                tags: Vec::new(),
            });
        }
        sections.push(Section { title: draft.title, summary: draft.summary, statements });
    }
    Ok(sections)
}

/// When numbering restarts in each section, puts the section number in front of every code
/// ("1" under Section 2 becomes "2.1"); any code still repeated gets "-2", "-3" and so on.
fn make_codes_unique(drafts: &mut [DraftSection]) {
    let mut first_section: HashMap<&str, usize> = HashMap::new();
    let mut restarts = false;
    for (index, draft) in drafts.iter().enumerate() {
        for statement in &draft.statements {
            let owner = *first_section.entry(statement.code.as_str()).or_insert(index);
            restarts |= owner != index;
        }
    }
    if restarts {
        // Prefix every code, not just the repeated ones, so the numbering stays consistent.
        for draft in drafts.iter_mut() {
            for statement in &mut draft.statements {
                statement.code = format!("{}.{}", draft.label, statement.code);
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    // Where to resume counting for each repeated code, so a paste with thousands of repeats
    // does not try "-2", "-3", … from the start every time.
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for statement in drafts.iter_mut().flat_map(|d| d.statements.iter_mut()) {
        if seen.insert(statement.code.clone()) {
            continue;
        }
        let n = next_suffix.entry(statement.code.clone()).or_insert(2);
        let unique = loop {
            let candidate = format!("{}-{n}", statement.code);
            *n += 1;
            if !seen.contains(&candidate) {
                break candidate;
            }
        };
        seen.insert(unique.clone());
        statement.code = unique;
    }
}

/// Finds a bracketed note at the end saying the text is for formal LEROs only, such as
/// "(formal)" or "[applies to formal organisations]"; returns the text without it and whether
/// one was found.
fn take_formal_marker(text: &str) -> (String, bool) {
    let trimmed = text.trim_end();
    let not_found = || (trimmed.to_owned(), false);
    // "… (formal)." keeps its full stop once the marker is gone.
    let (body, full_stop) = match trimmed.strip_suffix('.') {
        Some(body) if body.ends_with([')', ']']) => (body, true),
        _ => (trimmed, false),
    };
    let open = match body.chars().next_back() {
        Some(')') => '(',
        Some(']') => '[',
        _ => return not_found(),
    };
    let Some(start) = body.rfind(open) else { return not_found() };
    // The brackets are one byte each, so these are character boundaries.
    let Some(inner) = body.get(start + 1..body.len() - 1) else { return not_found() };
    if inner.chars().count() > MAX_MARKER_CHARS {
        return not_found();
    }
    let words: Vec<String> =
        inner.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let says_formal = words.iter().any(|w| w == "formal");
    // "(formal and informal)" or "(not only formal LEROs)" mean everyone.
    let negated = words.iter().any(|w| matches!(w.as_str(), "informal" | "not" | "non" | "except" | "excluding"));
    if !says_formal || negated {
        return not_found();
    }
    let mut kept = body.get(..start).unwrap_or_default().trim_end().to_owned();
    if full_stop && !kept.is_empty() && !kept.ends_with(['.', '!', '?']) {
        kept.push('.');
    }
    (kept, true)
}

/// A short title: the first sentence if it is short, otherwise the first few words and "…".
fn title_from_text(text: &str) -> String {
    let sentence = first_sentence(text);
    if sentence.chars().count() <= MAX_SENTENCE_TITLE_CHARS {
        return sentence.strip_suffix('.').unwrap_or(sentence).trim_end().to_owned();
    }
    let mut title = String::new();
    for word in sentence.split_whitespace() {
        let needed = title.chars().count() + usize::from(!title.is_empty()) + word.chars().count();
        if needed > CUT_TITLE_CHARS {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        // One enormous "word" (a web address, say): cut it by characters instead.
        title = sentence.chars().take(CUT_TITLE_CHARS).collect();
    }
    let title = title.trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c));
    format!("{title}…")
}

/// The text up to the end of its first sentence. A full stop followed by a lowercase word
/// ("e.g. peer support") does not end a sentence.
fn first_sentence(text: &str) -> &str {
    for (index, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let end = index + c.len_utf8();
        let after = text.get(end..).unwrap_or_default();
        let next_word = after.trim_start();
        let ends_here = after.is_empty()
            || (after.starts_with(char::is_whitespace) && next_word.chars().next().is_none_or(|n| !n.is_lowercase()));
        if ends_here {
            return text.get(..end).unwrap_or(text);
        }
    }
    text
}

/// The first year (19xx or 20xx, standing alone) in a text.
fn first_year(text: &str) -> Option<&str> {
    year_spans(text).next().and_then(|(start, end)| text.get(start..end))
}

/// Where each stand-alone 19xx or 20xx year is in a text, as byte ranges.
fn year_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter_map(move |start| {
        let end = start + 4;
        let candidate = bytes.get(start..end)?;
        let is_year =
            candidate.iter().all(u8::is_ascii_digit) && (candidate.starts_with(b"19") || candidate.starts_with(b"20"));
        let alone = (start == 0 || !bytes.get(start - 1).is_some_and(u8::is_ascii_digit))
            && !bytes.get(end).is_some_and(u8::is_ascii_digit);
        (is_year && alone).then_some((start, end))
    })
}

/// An id from the title. The version is left out (with a tail like "-25" in "2024-25") so
/// that the next version of the same standards gets the same id.
fn id_from_title(title: &str, version: &str) -> String {
    let mut without_version = title.to_owned();
    if let Some(start) = find_alone(title, version) {
        let mut end = start + version.len();
        // Step over "-25", "–25" or "/25" after a year.
        let tail = title.get(end..).unwrap_or_default();
        if let Some(sep) = tail.chars().next()
            && matches!(sep, '-' | '–' | '/')
        {
            let digits = tail.get(sep.len_utf8()..).unwrap_or_default().bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                end += sep.len_utf8() + digits;
            }
        }
        let before = title.get(..start).unwrap_or_default();
        let after = title.get(end..).unwrap_or_default();
        without_version = format!("{before} {after}");
    }
    [slug(&without_version), slug(title)].into_iter().find(|s| !s.is_empty()).unwrap_or_else(|| "imported".to_owned())
}

/// Where `needle` occurs in `text` with no letter or digit right before or after it.
fn find_alone(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    text.match_indices(needle).map(|(start, _)| start).find(|&start| {
        let before = text.get(..start).and_then(|b| b.chars().next_back());
        let after = text.get(start + needle.len()..).and_then(|a| a.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The file name without folders or extension, for a title of last resort.
fn file_stem(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    non_empty(stem).unwrap_or_else(|| "Imported standards".to_owned())
}

/// A trimmed copy, or None when nothing is left.
fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// A value the user gave, if it has anything in it.
fn given(value: Option<&String>) -> Option<String> {
    value.and_then(|v| non_empty(v))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "in tests a failed unwrap is a failed test")]
mod tests {
    use super::*;
    use crate::domain::standards_file::MAX_FILE_BYTES;

    const TODAY: &str = "2025-03-04";

    fn parse(text: &str) -> StandardSet {
        match parse_pasted("standards.txt", text, &PasteMeta::default(), TODAY) {
            Ok(set) => set,
            Err(e) => panic!("{e}"),
        }
    }

    fn refuse(text: &str) -> LoadError {
        match parse_pasted("standards.txt", text, &PasteMeta::default(), TODAY) {
            Ok(set) => panic!("expected an error, got {set:#?}"),
            Err(e) => e,
        }
    }

    fn codes(set: &StandardSet) -> Vec<&str> {
        set.statements().map(|(_, _, s)| s.code.as_str()).collect()
    }

    fn statement<'a>(set: &'a StandardSet, code: &str) -> &'a Statement {
        match set.statement(code) {
            Some(s) => s,
            None => panic!("no statement {code} in {:?}", codes(set)),
        }
    }

    /// Shaped like text copied out of a standards PDF with pdftotext: a title page, page
    /// numbers, a form feed, wrapped lines, hyphenated breaks and typographic punctuation.
    const REALISTIC: &str = "National LERO Standards 2024\n\
        A framework for Lived Experience Recovery Organisations\n\
        \n\
        Section 1: Culture and values\n\
        These statements describe how a LERO feels from the inside.\n\
        1.  People with lived experience of addiction lead the organisation and\n\
        shape every decision it makes.\n\
        2. We treat everyone with dignity – whatever their “journey” looks like – and\n\
        we act on what people tell us.\n\
        \n\
        3. Our self-\n\
        assessment is honest and shared with members; it is reviewed each year.\n\
        Page 1 of 4\n\
        \x0c\
        SECTION 2 – Support offer\n\
        4. We offer peer support that is open to anyone affected by addiction, including\n\
        \n\
        family members and friends, without a referral.\n\
        5. We work with local services so that people can move between them easily; 2024\n\
        2024 was a good year for partnerships, and we keep building them.\n\
        - 2 -\n\
        6. Zoë’s group meets on ‘open’ evenings — every Tuesday. (formal)\n\
        Domain 3 - Staff and volunteers\n\
        7. Volunteers are trained, supervised and supported to look after their own\n\
        recovery.\n\
        3\n\
        8. Staff and volunteers are recruited safely [formal LEROs only]\n\
        Part 4: Operations and management (formal)\n\
        9. The organisation has a governing document and a board that includes people\n\
        with lived experience of recovery.\n\
        10. Finances are managed openly and reported to members at least once a year.\n";

    #[test]
    fn realistic_paste() {
        let set = parse(REALISTIC);
        assert_eq!(set.title, "National LERO Standards 2024");
        assert_eq!(set.version, "2024");
        assert_eq!(set.id, "national-lero-standards");
        assert_eq!(set.publisher, "Unknown publisher");
        assert_eq!(set.source, "Pasted text (standards.txt)");
        assert!(set.status.contains(TODAY) && set.status.contains("not been checked"));
        let titles: Vec<&str> = set.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Culture and values", "Support offer", "Staff and volunteers", "Operations and management"]
        );
        assert_eq!(set.sections[0].summary, "These statements describe how a LERO feels from the inside.");
        assert_eq!(codes(&set), ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);

        assert_eq!(
            statement(&set, "1").text,
            "People with lived experience of addiction lead the organisation and shape every \
             decision it makes."
        );
        assert_eq!(
            statement(&set, "2").text,
            "We treat everyone with dignity – whatever their “journey” looks like – and we act \
             on what people tell us."
        );
        assert_eq!(
            statement(&set, "3").text,
            "Our self-assessment is honest and shared with members; it is reviewed each year."
        );
        assert_eq!(
            statement(&set, "3").title,
            "Our self-assessment is honest and shared with members; it is reviewed each year"
        );
        // A blank line inside a statement does not end it.
        assert!(statement(&set, "4").text.ends_with("including family members and friends, without a referral."));
        // "2024 was…" and "Page 1 of 4", "- 2 -", "3" are not statements.
        assert!(statement(&set, "5").text.contains("easily; 2024 2024 was a good year"));
        assert!(!statement(&set, "3").text.contains("Page"));
        assert!(!statement(&set, "6").text.contains("2 -"));
        assert_eq!(
            statement(&set, "7").text,
            "Volunteers are trained, supervised and supported to look after their own recovery."
        );

        // Markers: on a statement (both bracket shapes) and on a heading.
        let six = statement(&set, "6");
        assert_eq!(six.text, "Zoë’s group meets on ‘open’ evenings — every Tuesday.");
        assert_eq!(six.applies_to, AppliesTo::Formal);
        assert_eq!(statement(&set, "8").text, "Staff and volunteers are recruited safely");
        assert_eq!(statement(&set, "8").applies_to, AppliesTo::Formal);
        assert_eq!(statement(&set, "7").applies_to, AppliesTo::All);
        assert_eq!(statement(&set, "1").applies_to, AppliesTo::All);
        assert_eq!(statement(&set, "9").applies_to, AppliesTo::Formal);
        assert_eq!(statement(&set, "10").applies_to, AppliesTo::Formal);
    }

    #[test]
    fn running_footers_with_page_numbers_are_dropped() {
        let set = parse(
            "1. One starts\nNational LERO Standards | 3\nand ends.\n2. Two\n\
             National LERO Standards | 4\nends.\nEvidence might include:\n3. Three\n\
             National LERO Standards | 5\nEvidence might include:\n4. Four\n\
             Evidence might include:\n5. Five 2024\n6. Five 2025\n7. Five 2026\n",
        );
        assert_eq!(statement(&set, "1").text, "One starts and ends.");
        assert_eq!(statement(&set, "2").text, "Two ends. Evidence might include:");
        assert_eq!(statement(&set, "4").text, "Four Evidence might include:");
        assert_eq!(statement(&set, "7").text, "Five 2026");
    }

    #[test]
    fn title_repeated_as_page_header_is_dropped() {
        let set = parse("My Standards\n1. One starts\nMy Standards\nand ends.\n");
        assert_eq!(statement(&set, "1").text, "One starts and ends.");
        assert_eq!(set.title, "My Standards");
    }

    #[test]
    fn long_first_sentence_is_cut_for_title() {
        let set = parse(REALISTIC);
        let title = &statement(&set, "4").title;
        assert!(title.ends_with('…'), "{title}");
        assert!(title.chars().count() <= 61, "{title}");
        assert!(title.starts_with("We offer peer support that is open to anyone"), "{title}");
        assert!(!title.contains("  "));
    }

    #[test]
    fn numbering_restarts_per_section() {
        let set = parse("Section 1: One\n1. Alpha.\n2. Beta.\nSection 2: Two\n1. Gamma.\n2. Delta.\n3. Eps.\n");
        assert_eq!(codes(&set), ["1.1", "1.2", "2.1", "2.2", "2.3"]);
        assert_eq!(statement(&set, "2.1").text, "Gamma.");
        // And again gives the same answer.
        assert_eq!(set, parse("Section 1: One\n1. Alpha.\n2. Beta.\nSection 2: Two\n1. Gamma.\n2. Delta.\n3. Eps.\n"));
    }

    #[test]
    fn repeated_code_in_one_section_is_made_unique() {
        let set = parse("1. Alpha.\n2. Beta.\n2. Gamma.\n");
        assert_eq!(codes(&set), ["1", "2", "2-2"]);
    }

    #[test]
    fn other_numbering_styles() {
        let set = parse(
            "1) First one.\n2a. Second a.\n2a) Not again.\n1.1 Dotted with no stop.\n1.2. Dotted with a stop.\n1.3) Bracketed.\n",
        );
        assert_eq!(codes(&set), ["1", "2a", "2a-2", "1.1", "1.2", "1.3"]);
        assert_eq!(statement(&set, "1.1").text, "Dotted with no stop.");
        assert_eq!(statement(&set, "1").title, "First one");
    }

    #[test]
    fn things_that_are_not_statement_numbers() {
        let set = parse(
            "1. We count:\n3.5 million people\n2(a) is skipped\n1st of all\n12.30pm meetings\n\
             2024. The year.\n#1 priority\nSection 2 of the Act applies.\n",
        );
        assert_eq!(codes(&set), ["1"]);
        assert_eq!(
            statement(&set, "1").text,
            "We count: 3.5 million people 2(a) is skipped 1st of all 12.30pm meetings 2024. The \
             year. #1 priority Section 2 of the Act applies."
        );
    }

    #[test]
    fn heading_shapes() {
        let set = parse(
            "Section 2. Dot\n1. a\nPart 1: Colon\n2. b\nTheme A: Lettered\n3. c\n\
             ## Markdown\n4. d\nChapter IV — Roman\n5. e\nSection 6\n6. f\n\
             Section 7\nOn its own line\n7. g\n## 8. Numbered markdown\n8. h\n",
        );
        let titles: Vec<&str> = set.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Dot", "Colon", "Lettered", "Markdown", "Roman", "Section 6", "On its own line", "Numbered markdown"]
        );
    }

    #[test]
    fn markdown_document_title() {
        let set = parse("# National LERO Standards 2024\n\n## Culture\n1. One.\n# Support\n2. Two.\n");
        assert_eq!(set.title, "National LERO Standards 2024");
        let titles: Vec<&str> = set.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Culture", "Support"]);
    }

    #[test]
    fn empty_headings_are_dropped() {
        let set = parse("Section 1: Empty\nSection 2: Full\n1. Text.\nSection 3: Also empty\n");
        assert_eq!(set.sections.len(), 1);
        assert_eq!(set.sections[0].title, "Full");
    }

    #[test]
    fn statements_before_any_heading() {
        let set = parse("1. Alone.\n2. Together.\n");
        assert_eq!(set.sections.len(), 1);
        assert_eq!(set.sections[0].title, "Statements");
    }

    #[test]
    fn numbered_sections_with_dotted_statements() {
        let set =
            parse("1. Culture and values\n1.1 We lead.\n1.2 We listen.\n2. Support offer (formal)\n2.1 We support.\n");
        let titles: Vec<&str> = set.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Culture and values", "Support offer"]);
        assert_eq!(codes(&set), ["1.1", "1.2", "2.1"]);
        assert_eq!(statement(&set, "2.1").applies_to, AppliesTo::Formal);
        assert_eq!(statement(&set, "1.1").applies_to, AppliesTo::All);
    }

    #[test]
    fn informal_brackets_are_not_markers() {
        let set = parse(
            "1. We meet (formal and informal).\n2. Groups (informal)\n3. Kept (not formal)\n\
             4. Noted. (Applies to formal organisations)\n",
        );
        assert_eq!(statement(&set, "1").applies_to, AppliesTo::All);
        assert_eq!(statement(&set, "1").text, "We meet (formal and informal).");
        assert_eq!(statement(&set, "2").applies_to, AppliesTo::All);
        assert_eq!(statement(&set, "3").applies_to, AppliesTo::All);
        assert_eq!(statement(&set, "4").applies_to, AppliesTo::Formal);
        assert_eq!(statement(&set, "4").text, "Noted.");
    }

    #[test]
    fn crlf_and_lone_cr_input() {
        let set = parse("Title 2019\r\n\r\nSection 1: One\r\n1. First\r\nline.\r2. Second.\r\n");
        assert_eq!(set.version, "2019");
        assert_eq!(statement(&set, "1").text, "First line.");
        assert!(set.statements().all(|(_, _, s)| !s.text.contains('\r')));
    }

    #[test]
    fn bom_is_stripped() {
        let set = parse("\u{feff}My Standards\n1. First.\n");
        assert_eq!(set.title, "My Standards");
    }

    #[test]
    fn spaces_and_tabs_are_collapsed_but_other_characters_kept() {
        let set = parse("1.\tWe   say\t\t“hi”\u{a0}—  Siobhán’s  way.\n");
        assert_eq!(statement(&set, "1").text, "We say “hi”\u{a0}— Siobhán’s way.");
    }

    #[test]
    fn number_alone_on_its_line() {
        let set = parse("1.\nThe wording is on the next line.\n");
        assert_eq!(statement(&set, "1").text, "The wording is on the next line.");
        let e = refuse("1.\n2. Second.\n");
        assert_eq!(e.statement.as_deref(), Some("1"));
        assert!(e.problem.contains("no wording"), "{e}");
    }

    #[test]
    fn punctuation_only_wording_gets_a_numbered_title() {
        let set = parse("1. .\n");
        assert_eq!(statement(&set, "1").title, "Statement 1");
    }

    #[test]
    fn titles() {
        assert_eq!(title_from_text("We lead. Then more."), "We lead");
        assert_eq!(title_from_text("Do we lead? Yes."), "Do we lead?");
        assert_eq!(title_from_text("We offer help, e.g. peer support. More."), "We offer help, e.g. peer support");
        let long = "Supercalifragilisticexpialidocious".repeat(3);
        let t = title_from_text(&long);
        assert_eq!(t.chars().count(), 61);
        let accented = format!("{} end.", "é ".repeat(50));
        assert!(title_from_text(&accented).ends_with('…'));
    }

    #[test]
    fn meta_wins_and_blank_meta_is_ignored() {
        let meta = PasteMeta {
            id: Some("clero-national".into()),
            title: Some("National LERO Standards".into()),
            version: Some("2024.1".into()),
            publisher: Some("CLERO".into()),
        };
        let set = parse_pasted("x.txt", REALISTIC, &meta, TODAY).unwrap();
        assert_eq!(
            (set.id.as_str(), set.title.as_str(), set.version.as_str(), set.publisher.as_str()),
            ("clero-national", "National LERO Standards", "2024.1", "CLERO")
        );
        let blank = PasteMeta { title: Some("  ".into()), ..PasteMeta::default() };
        let set = parse_pasted("x.txt", REALISTIC, &blank, TODAY).unwrap();
        assert_eq!(set.title, "National LERO Standards 2024");
    }

    #[test]
    fn bad_meta_id_is_reported() {
        let meta = PasteMeta { id: Some("My Set".into()), ..PasteMeta::default() };
        let e = parse_pasted("x.txt", REALISTIC, &meta, TODAY).unwrap_err();
        assert!(e.problem.contains("my-set"), "{e}");
    }

    #[test]
    fn defaults_without_preamble() {
        let set =
            parse_pasted("C:\\Users\\me\\Ñandú standards.txt", "1. One.\n", &PasteMeta::default(), TODAY).unwrap();
        assert_eq!(set.title, "Ñandú standards");
        assert_eq!(set.id, "nandu-standards");
        assert_eq!(set.version, TODAY);
        let set = parse_pasted("", "1. One.\n", &PasteMeta::default(), TODAY).unwrap();
        assert_eq!(set.title, "Imported standards");
    }

    #[test]
    fn ids_leave_out_the_version() {
        assert_eq!(id_from_title("CLERO Framework 2021-22", "2021"), "clero-framework");
        assert_eq!(id_from_title("Standards 2024 edition", "2024"), "standards-edition");
        assert_eq!(id_from_title("2024", "2024"), "2024");
        assert_eq!(id_from_title("日本", "2024"), "imported");
        assert_eq!(id_from_title("Plan 12024", "2024"), "plan-12024");
    }

    #[test]
    fn years() {
        assert_eq!(first_year("Standards 2021-22"), Some("2021"));
        assert_eq!(first_year("12024 and 1850"), None);
        assert_eq!(first_year("Édition 1999"), Some("1999"));
    }

    #[test]
    fn page_furniture() {
        for line in ["3", "Page 3", "PAGE 3 OF 12", "3 of 12", "- 3 -", "– 3 –", "-3-"] {
            assert!(is_page_furniture(line), "{line}");
        }
        for line in ["3 people", "Page three", "1.", "- a -"] {
            assert!(!is_page_furniture(line), "{line}");
        }
    }

    #[test]
    fn empty_input() {
        for text in ["", "  \n\r\n\t", "\u{feff}"] {
            let e = refuse(text);
            assert!(e.problem.contains("Nothing was pasted"), "{e}");
        }
    }

    #[test]
    fn no_statements() {
        let e = refuse("National LERO Standards\nSection 1: Culture\nSome words only.\n");
        assert!(e.problem.contains("“1.” or “2.3”"), "{e}");
        assert_eq!(e.to_string().split(':').next(), Some("In standards.txt"));
    }

    #[test]
    fn huge_input_is_refused() {
        let text = "1. Word.\n".repeat(MAX_FILE_BYTES / 9 + 1);
        let e = refuse(&text);
        assert!(e.problem.contains("too large"), "{e}");
    }

    #[test]
    fn largest_allowed_input_is_refused_before_codes_are_made_unique() {
        // Just under the size limit, every statement numbered "1": the worst case for making
        // codes unique, which is why too many statements are refused before that step.
        let text = "1. W.\n".repeat(MAX_FILE_BYTES / 6);
        let e = refuse(&text);
        assert!(e.problem.contains("at most 1000"), "{e}");

        let many = (0..MAX_STATEMENTS).map(|_| "1. W.\n").collect::<String>();
        let set = parse(&many);
        assert_eq!(set.statement_count(), MAX_STATEMENTS);
        assert_eq!(codes(&set).last().copied(), Some("1-1000"));
    }

    #[test]
    fn overlong_statement_is_reported() {
        let text = format!("1. {}\n", "word ".repeat(1100));
        let e = refuse(&text);
        assert_eq!(e.statement.as_deref(), Some("1"));
        assert!(e.problem.contains("5,000"), "{e}");
    }

    #[test]
    fn result_round_trips_through_toml() {
        let set = parse(REALISTIC);
        let text = crate::domain::standards_file::to_toml(&set).unwrap();
        assert_eq!(crate::domain::standards_file::parse_toml("x.toml", &text).unwrap(), set);
    }
}
