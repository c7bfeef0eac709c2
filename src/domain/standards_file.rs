//! Reading, checking and writing standard sets as TOML files.
//!
//! The TOML is first read into a plain table and walked by hand rather than handed straight to
//! serde: that way every problem (a missing line, a number where text was expected, a misspelt
//! setting, an unknown `applies_to` word) becomes a sentence that names the statement and says
//! what to do, instead of a parser message a volunteer cannot act on.

use crate::domain::standards::{AppliesTo, Section, StandardSet, Statement};
use std::collections::HashSet;
use toml::{Table, Value};

/// Largest standards file (or pasted text) we accept, in bytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Most statements a set may hold.
pub const MAX_STATEMENTS: usize = 1000;

/// Longest id a set may have, in characters.
const MAX_ID_CHARS: usize = 64;
/// Longest version label, in characters.
const MAX_VERSION_CHARS: usize = 32;
/// Longest statement code, in characters.
const MAX_CODE_CHARS: usize = 16;
/// Longest statement text, in characters.
const MAX_TEXT_CHARS: usize = 5000;

/// A problem found in a standards file, naming the file, the statement (if any) and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.sentence())]
pub struct LoadError {
    /// The file (or other source) the set came from, as shown to the user.
    pub file: String,
    /// The code of the statement the problem is in, if it is in one.
    pub statement: Option<String>,
    /// What is wrong and what to do, as full sentences.
    pub problem: String,
}

impl LoadError {
    /// Builds an error about the file as a whole.
    pub(crate) fn in_file(file: &str, problem: impl Into<String>) -> Self {
        Self { file: file.to_owned(), statement: None, problem: problem.into() }
    }

    /// Builds an error about one statement.
    pub(crate) fn in_statement(file: &str, code: &str, problem: impl Into<String>) -> Self {
        Self { file: file.to_owned(), statement: Some(code.to_owned()), problem: problem.into() }
    }

    /// The whole message: "In FILE, statement CODE: PROBLEM" or "In FILE: PROBLEM".
    #[must_use]
    pub fn sentence(&self) -> String {
        match &self.statement {
            Some(code) => format!("In {}, statement {}: {}", self.file, code, self.problem),
            None => format!("In {}: {}", self.file, self.problem),
        }
    }
}

/// Reads a standard set from the text of a TOML file and checks it with [`validate`].
///
/// `file` is the name shown to the user in any error.
///
/// # Errors
///
/// A [`LoadError`] when the text is too large or empty, is not valid TOML (the sentence gives
/// the line), lacks a required setting, has a setting of the wrong kind or an unknown one, or
/// breaks a rule checked by [`validate`].
pub fn parse_toml(file: &str, text: &str) -> Result<StandardSet, LoadError> {
    check_size(file, text, "file", "Check that you chose the right file.")?;
    // Notepad and some other Windows editors put a byte-order mark at the start.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::in_file(
            file,
            "The file is empty. Choose the standards file again, or check that it was saved \
             with its statements in it.",
        ));
    }
    let table: Table = toml::from_str(text).map_err(|e| syntax_error(file, text, &e))?;
    let set = read_set(file, table)?;
    validate(file, &set)?;
    Ok(set)
}

/// Checks a set against the rules every set must follow.
///
/// # Errors
///
/// A [`LoadError`] for the first problem found: a bad id or version, a missing title,
/// publisher or status, an empty section, a statement with a bad or repeated code, a missing
/// title or text, text over 5,000 characters, or more than [`MAX_STATEMENTS`] statements.
pub fn validate(file: &str, set: &StandardSet) -> Result<(), LoadError> {
    validate_header(file, set)?;
    let count = set.statement_count();
    if count > MAX_STATEMENTS {
        return Err(LoadError::in_file(
            file,
            format!(
                "The set has {count} statements, but a set can have at most {MAX_STATEMENTS}. \
                 Check that this is the right file, or split it into smaller sets."
            ),
        ));
    }
    if set.sections.is_empty() {
        return Err(LoadError::in_file(file, "The set has no sections. Add at least one section with its statements."));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (index, section) in set.sections.iter().enumerate() {
        let number = index + 1;
        if section.title.trim().is_empty() {
            return Err(LoadError::in_file(
                file,
                format!(
                    "Section {number} has no title. Give it the title the publisher uses, \
                     like “Support offer”."
                ),
            ));
        }
        if section.statements.is_empty() {
            return Err(LoadError::in_file(
                file,
                format!(
                    "Section {number} (“{}”) has no statements. Add its statements, or remove \
                     the section.",
                    section.title.trim()
                ),
            ));
        }
        for (position, statement) in section.statements.iter().enumerate() {
            validate_statement(file, section, number, position + 1, statement)?;
            if !seen.insert(statement.code.as_str()) {
                return Err(LoadError::in_statement(
                    file,
                    &statement.code,
                    format!(
                        "The code “{}” is used by more than one statement. Give each statement \
                         its own code.",
                        statement.code
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Writes a set as TOML that [`parse_toml`] reads back to the same set.
///
/// The set is checked with [`validate`] first, so a file written here always loads again.
///
/// # Errors
///
/// A [`LoadError`] when the set breaks a rule checked by [`validate`].
pub fn to_toml(set: &StandardSet) -> Result<String, LoadError> {
    let name = if set.id.trim().is_empty() {
        "the standards set being saved".to_owned()
    } else {
        format!("the standards set “{}”", set.id)
    };
    validate(&name, set)?;
    toml::to_string_pretty(set).map_err(|e| {
        LoadError::in_file(
            &name,
            format!(
                "The set could not be written as a file ({}). Please report this problem.",
                plain_reason(&e.to_string())
            ),
        )
    })
}

/// Turns text into an id: lowercase ASCII letters and digits, other runs become `-`.
///
/// Common accented letters are written without their accents; anything else that is not
/// ASCII is treated as a separator. The result is at most 64 characters and may be empty.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mut ascii = [0u8; 4];
        let piece: &str =
            if c.is_ascii_lowercase() || c.is_ascii_digit() { c.encode_utf8(&mut ascii) } else { transliterate(c) };
        if piece.is_empty() {
            pending_dash = true;
            continue;
        }
        if pending_dash && !out.is_empty() {
            out.push('-');
        }
        pending_dash = false;
        out.push_str(piece);
    }
    if out.len() > MAX_ID_CHARS {
        // Everything in `out` is ASCII, so any byte length is a character boundary.
        out.truncate(MAX_ID_CHARS);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// The ASCII spelling of a lowercase accented letter, or "" when it separates words.
fn transliterate(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ŵ' | 'ẁ' | 'ẃ' | 'ẅ' => "w",
        'ý' | 'ÿ' | 'ŷ' | 'ỳ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

/// Refuses text over [`MAX_FILE_BYTES`] before any work is done on it.
///
/// `what` names the input ("file", "pasted text") and `advice` says what to do instead.
pub(crate) fn check_size(file: &str, text: &str, what: &str, advice: &str) -> Result<(), LoadError> {
    if text.len() <= MAX_FILE_BYTES {
        return Ok(());
    }
    // Tenths of a megabyte, rounded up so that anything over the limit never reads "2.0 MB".
    let mebibyte = 1024 * 1024;
    let tenths = text.len().saturating_mul(10).div_ceil(mebibyte);
    Err(LoadError::in_file(
        file,
        format!(
            "The {what} is too large ({}.{} MB); the limit is 2 MB, and a set of standards is \
             far smaller than that. {advice}",
            tenths / 10,
            tenths % 10
        ),
    ))
}

/// Makes a TOML syntax error into a sentence with the line number.
fn syntax_error(file: &str, text: &str, error: &toml::de::Error) -> LoadError {
    let reason = plain_reason(error.message());
    let advice = if reason.starts_with("duplicate key") {
        "A setting is written twice there, perhaps because a [[sections.statements]] line is \
         missing between two statements. Remove the extra setting or add the missing line."
    } else {
        "Check that line for a missing quote, bracket or equals sign."
    };
    let problem = match error.span() {
        Some(span) => {
            // Counting bytes is safe here: a newline is one byte and never part of another
            // character, so no string slicing is needed.
            let line = text.as_bytes().get(..span.start).map_or(1, |before| before.split(|&b| b == b'\n').count());
            format!("The file is not in the expected format at line {line} ({reason}). {advice}")
        }
        None => format!("The file is not in the expected format ({reason}). {advice}"),
    };
    LoadError::in_file(file, problem)
}

/// The first line of a library message, without a trailing full stop, so it sits in brackets.
fn plain_reason(message: &str) -> String {
    let first = message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("unknown problem");
    first.trim_end_matches('.').to_owned()
}

/// Where in the file a value was found, for sentences.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// The top of the file.
    Set,
    /// A section, by number and title (if it has one yet).
    Section(usize, Option<&'a str>),
    /// A statement, by code.
    Statement(&'a str),
    /// A statement with no code yet, by its position.
    Unnamed { section: usize, position: usize },
}

impl Place<'_> {
    /// Builds the error for a problem at this place.
    fn error(self, file: &str, problem: &str) -> LoadError {
        match self {
            Place::Set => LoadError::in_file(file, problem),
            Place::Statement(code) => LoadError::in_statement(file, code, problem),
            Place::Section(number, Some(title)) => {
                LoadError::in_file(file, format!("Section {number} (“{title}”): {problem}"))
            }
            Place::Section(number, None) => LoadError::in_file(file, format!("Section {number}: {problem}")),
            Place::Unnamed { section, position } => {
                LoadError::in_file(file, format!("Section {section}, statement number {position}: {problem}"))
            }
        }
    }

    /// How a line for this place starts, to show in examples.
    fn table_line(self) -> &'static str {
        match self {
            Place::Set => "near the top of the file, before the first [[sections]] line",
            Place::Section(..) => "under its [[sections]] line",
            Place::Statement(_) | Place::Unnamed { .. } => "under its [[sections.statements]] line",
        }
    }
}

/// Settings allowed at the top of the file.
const SET_KEYS: &[&str] = &["id", "version", "title", "publisher", "published", "source", "status", "sections"];
/// Settings allowed in a section.
const SECTION_KEYS: &[&str] = &["title", "summary", "statements"];
/// Settings allowed in a statement.
const STATEMENT_KEYS: &[&str] = &["code", "title", "text", "applies_to", "prompts", "evidence", "tags"];

/// Turns the top-level table into a set, with a clear sentence for anything missing or odd.
fn read_set(file: &str, mut table: Table) -> Result<StandardSet, LoadError> {
    check_keys(file, &table, SET_KEYS, Place::Set)?;
    let id = required_text(file, &mut table, "id", Place::Set, "national-lero-standards")?;
    let version = required_label(file, &mut table, "version", Place::Set, "2024")?;
    let title = required_text(file, &mut table, "title", Place::Set, "National LERO Standards")?;
    let publisher = required_text(file, &mut table, "publisher", Place::Set, "CLERO")?;
    let publication_date = match table.remove("published") {
        None => String::new(),
        // An unquoted date is valid TOML and its meaning is clear, so accept it.
        Some(Value::Datetime(date)) => date.to_string(),
        Some(value) => as_text(file, value, "published", Place::Set, "2024-05")?,
    };
    let source = optional_text(file, &mut table, "source", Place::Set)?;
    let status = required_text(file, &mut table, "status", Place::Set, "Wording as published by CLERO.")?;
    let Some(sections_value) = table.remove("sections") else {
        return Err(LoadError::in_file(
            file,
            "The file has no sections. Add each section with a [[sections]] line followed by \
             its title, then each of its statements with a [[sections.statements]] line.",
        ));
    };
    let Value::Array(raw_sections) = sections_value else {
        return Err(LoadError::in_file(
            file,
            "“sections” must be a list of sections, each starting with a [[sections]] line.",
        ));
    };
    let mut sections = Vec::with_capacity(raw_sections.len());
    for (index, raw) in raw_sections.into_iter().enumerate() {
        sections.push(read_section(file, index + 1, raw)?);
    }
    Ok(StandardSet { id, version, title, publisher, published: publication_date, source, status, sections })
}

/// Turns one `[[sections]]` table into a section.
fn read_section(file: &str, number: usize, value: Value) -> Result<Section, LoadError> {
    let Value::Table(mut table) = value else {
        return Err(Place::Section(number, None).error(
            file,
            "A section must be a table starting with a [[sections]] line. Check that \
             “sections” is not written as a list in square brackets.",
        ));
    };
    check_keys(file, &table, SECTION_KEYS, Place::Section(number, None))?;
    let title = required_text(file, &mut table, "title", Place::Section(number, None), "Support offer")?;
    let place = Place::Section(number, Some(&title));
    let summary = optional_text(file, &mut table, "summary", place)?;
    let raw_statements = match table.remove("statements") {
        None => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(place.error(
                file,
                "“statements” must be a list of statements, each starting with a \
                 [[sections.statements]] line.",
            ));
        }
    };
    let mut statements = Vec::with_capacity(raw_statements.len());
    for (index, raw) in raw_statements.into_iter().enumerate() {
        statements.push(read_statement(file, number, index + 1, raw)?);
    }
    Ok(Section { title, summary, statements })
}

/// Turns one `[[sections.statements]]` table into a statement.
fn read_statement(file: &str, section: usize, position: usize, value: Value) -> Result<Statement, LoadError> {
    let unnamed = Place::Unnamed { section, position };
    let Value::Table(mut table) = value else {
        return Err(unnamed.error(file, "A statement must be a table starting with a [[sections.statements]] line."));
    };
    // A misspelt "code" is better reported as misspelt than as missing.
    if !table.contains_key("code") {
        check_keys(file, &table, STATEMENT_KEYS, unnamed)?;
    }
    // Read the code first so that every later problem can name the statement.
    let code = required_label(file, &mut table, "code", unnamed, "2.3")?;
    let place = Place::Statement(&code);
    check_keys(file, &table, STATEMENT_KEYS, place)?;
    let title = required_text(file, &mut table, "title", place, "Peer support")?;
    let text = required_text(file, &mut table, "text", place, "We offer…")?;
    let applies_to = match table.remove("applies_to") {
        None => AppliesTo::default(),
        Some(value) => {
            let word = as_text(file, value, "applies_to", place, "formal")?;
            AppliesTo::parse(word.trim()).ok_or_else(|| {
                place.error(
                    file,
                    &format!(
                        "“applies_to” is “{word}”, but it can only be “all” (every LERO) or \
                         “formal” (only LEROs with a formal organisational structure). Change \
                         it to one of those two words."
                    ),
                )
            })?
        }
    };
    let prompts = text_list(file, &mut table, "prompts", place)?;
    let evidence = text_list(file, &mut table, "evidence", place)?;
    let tags = text_list(file, &mut table, "tags", place)?;
    Ok(Statement { code: code.clone(), title, text, applies_to, prompts, evidence, tags })
}

/// Refuses settings we do not know, because a misspelt one would otherwise be silently lost.
fn check_keys(file: &str, table: &Table, allowed: &[&str], place: Place) -> Result<(), LoadError> {
    let Some(unknown) = table.keys().find(|k| !allowed.contains(&k.as_str())) else {
        return Ok(());
    };
    let list = word_list(allowed);
    let mut problem = format!(
        "There is a setting called “{unknown}” that is not recognised. Check its spelling; the \
         settings allowed here are {list}."
    );
    if !matches!(place, Place::Set) && SET_KEYS.contains(&unknown.as_str()) {
        problem.push_str(
            " If it is meant for the whole set, move it near the top of the file, before the \
             first [[sections]] line.",
        );
    }
    Err(place.error(file, &problem))
}

/// "a, b and c".
fn word_list(words: &[&str]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Takes a text setting that must be present.
fn required_text(file: &str, table: &mut Table, key: &str, place: Place, example: &str) -> Result<String, LoadError> {
    match table.remove(key) {
        Some(value) => as_text(file, value, key, place, example),
        None => Err(missing(file, key, place, example)),
    }
}

/// Takes a text setting that may be left out (then it is empty).
fn optional_text(file: &str, table: &mut Table, key: &str, place: Place) -> Result<String, LoadError> {
    match table.remove(key) {
        Some(value) => as_text(file, value, key, place, "…"),
        None => Ok(String::new()),
    }
}

/// Takes a version or code, which people often write as a bare number.
fn required_label(file: &str, table: &mut Table, key: &str, place: Place, example: &str) -> Result<String, LoadError> {
    match table.remove(key) {
        // A whole number means the same with or without quotes, so accept it.
        Some(Value::Integer(n)) => Ok(n.to_string()),
        Some(Value::Float(_)) => Err(place.error(
            file,
            &format!(
                "The “{key}” is written as a number without quotes, which can change it \
                 (1.10 would be read as 1.1). Put it in quotes, like {key} = \"{example}\"."
            ),
        )),
        Some(value) => as_text(file, value, key, place, example),
        None => Err(missing(file, key, place, example)),
    }
}

/// The sentence for a required setting that is not there.
fn missing(file: &str, key: &str, place: Place, example: &str) -> LoadError {
    let whose = match place {
        Place::Set => "The file",
        Place::Section(..) => "The section",
        Place::Statement(_) | Place::Unnamed { .. } => "The statement",
    };
    place.error(file, &format!("{whose} has no “{key}”. Add a line like {key} = \"{example}\" {}.", place.table_line()))
}

/// A value that must be text.
fn as_text(file: &str, value: Value, key: &str, place: Place, example: &str) -> Result<String, LoadError> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(place.error(
            file,
            &format!("The “{key}” is {}, but it must be text in quotes, like {key} = \"{example}\".", describe(&other)),
        )),
    }
}

/// A list of texts that may be left out (then it is empty).
fn text_list(file: &str, table: &mut Table, key: &str, place: Place) -> Result<Vec<String>, LoadError> {
    let wrong = |what: &str| {
        place.error(
            file,
            &format!(
                "The “{key}” {what}, but it must be a list of texts in quotes, like \
                 {key} = [\"First\", \"Second\"]."
            ),
        )
    };
    match table.remove(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|item| match item {
                Value::String(s) => Ok(s),
                other => Err(wrong(&format!("list has {} in it", describe(&other)))),
            })
            .collect(),
        Some(other) => Err(wrong(&format!("is {}", describe(&other)))),
    }
}

/// A plain description of a TOML value's kind.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "text",
        Value::Integer(_) | Value::Float(_) => "a number",
        Value::Boolean(_) => "true or false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list",
        Value::Table(_) => "a table",
    }
}

/// Checks the set's own fields.
fn validate_header(file: &str, set: &StandardSet) -> Result<(), LoadError> {
    let err = |problem: String| Err(LoadError::in_file(file, problem));
    let id = set.id.as_str();
    if id.is_empty() {
        return err("The set has no id. Give it a short id made of lowercase letters, digits and \
             dashes, like “national-lero-standards”."
            .to_owned());
    }
    if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        let suggestion = slug(id);
        let example = if suggestion.is_empty() { "national-lero-standards" } else { &suggestion };
        return err(format!(
            "The set id “{id}” can only use lowercase letters a to z, digits and dashes (-). \
             Change it to something like “{example}”."
        ));
    }
    let id_chars = id.chars().count();
    if id_chars > MAX_ID_CHARS {
        return err(format!(
            "The set id is {id_chars} characters long, but it can be at most {MAX_ID_CHARS}. \
             Use a shorter id."
        ));
    }
    let version = set.version.as_str();
    if version.trim().is_empty() {
        return err("The set has no version. Give it one, like “2024” or “1.1”.".to_owned());
    }
    if version.contains(['/', '@']) {
        return err(format!(
            "The version “{version}” contains “/” or “@”, which cannot be used because they \
             separate the parts of a statement reference. Use something like “2024” or “1.1”."
        ));
    }
    if version.trim() != version {
        return err(format!(
            "The version “{version}” starts or ends with a space. Remove the space, so that \
             references to it always match."
        ));
    }
    let version_chars = version.chars().count();
    if version_chars > MAX_VERSION_CHARS {
        return err(format!(
            "The version is {version_chars} characters long, but it can be at most \
             {MAX_VERSION_CHARS}. Use a short label like “2024” or “1.1”."
        ));
    }
    if set.title.trim().is_empty() {
        return err("The set has no title. Add the title the publisher gives it.".to_owned());
    }
    if set.publisher.trim().is_empty() {
        return err("The set has no publisher. Add who published the standards, like “CLERO”.".to_owned());
    }
    if set.status.trim().is_empty() {
        return err("The set has no status line. Add a sentence saying whose wording the statements \
             are in, like “Wording as published by CLERO.”"
            .to_owned());
    }
    Ok(())
}

/// Checks one statement's own fields (uniqueness of its code is checked by the caller).
fn validate_statement(
    file: &str,
    section: &Section,
    section_number: usize,
    position: usize,
    statement: &Statement,
) -> Result<(), LoadError> {
    let code = statement.code.as_str();
    if code.trim().is_empty() {
        return Err(LoadError::in_file(
            file,
            format!(
                "Statement number {position} in section {section_number} (“{}”) has no code. \
                 Give it the number the publisher uses, like “{section_number}.{position}”.",
                section.title.trim()
            ),
        ));
    }
    let err = |problem: String| Err(LoadError::in_statement(file, code, problem));
    let code_chars = code.chars().count();
    if code_chars > MAX_CODE_CHARS {
        return err(format!(
            "The code is {code_chars} characters long, but a code can be at most \
             {MAX_CODE_CHARS}. Use the publisher's short number, like “2.3”."
        ));
    }
    if code.chars().any(char::is_whitespace) {
        return err(format!(
            "The code “{code}” has a space in it. Codes cannot have spaces; use something \
             like “2.3”."
        ));
    }
    if code.contains(['/', '@']) {
        return err(format!(
            "The code “{code}” contains “/” or “@”, which cannot be used because they separate \
             the parts of a statement reference. Use something like “2.3”."
        ));
    }
    if statement.title.trim().is_empty() {
        return err("The statement has no title. Add a short title.".to_owned());
    }
    if statement.text.trim().is_empty() {
        return err("The statement has no text. Add its wording.".to_owned());
    }
    let text_chars = statement.text.chars().count();
    if text_chars > MAX_TEXT_CHARS {
        return err(format!(
            "The statement text is {text_chars} characters long, but the limit is 5,000. Check \
             that other text (such as the next statement or a page footer) has not been joined \
             on to it, or shorten it."
        ));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "in tests a failed unwrap is a failed test")]
mod tests {
    use super::*;

    /// A change to a set that should make it fail validation.
    type SetChange = fn(&mut StandardSet);
    /// A change to a statement that should make the set fail validation.
    type StatementChange = fn(&mut Statement);

    fn sample() -> StandardSet {
        StandardSet {
            id: "national-lero-standards".into(),
            version: "2024".into(),
            title: "National LERO Standards".into(),
            publisher: "CLERO".into(),
            published: "2024".into(),
            source: "Typed in by hand".into(),
            status: "Test wording, not the publisher’s.".into(),
            sections: vec![
                Section {
                    title: "Culture and values".into(),
                    summary: "How we are.".into(),
                    statements: vec![
                        Statement {
                            code: "1".into(),
                            title: "Lived experience leads".into(),
                            text: "People with “lived experience” lead – always.\nSecond line \
                                   with a \"quote\", a back\\slash and a tab\there."
                                .into(),
                            applies_to: AppliesTo::All,
                            prompts: vec!["Who decides?".into()],
                            evidence: vec!["Minutes".into(), "Zoë’s notes".into()],
                            tags: vec!["culture".into()],
                        },
                        Statement {
                            code: "2".into(),
                            title: "Board".into(),
                            text: "We have a board.".into(),
                            applies_to: AppliesTo::Formal,
                            prompts: vec![],
                            evidence: vec![],
                            tags: vec![],
                        },
                    ],
                },
                Section {
                    title: "Support offer".into(),
                    summary: String::new(),
                    statements: vec![Statement {
                        code: "3".into(),
                        title: "Peer support".into(),
                        text: "We offer peer support.".into(),
                        applies_to: AppliesTo::All,
                        prompts: vec![],
                        evidence: vec![],
                        tags: vec![],
                    }],
                },
            ],
        }
    }

    const MINIMAL: &str = r#"
id = "demo"
version = "1"
title = "Demo"
publisher = "Us"
status = "Our wording."

[[sections]]
title = "One"

[[sections.statements]]
code = "1"
title = "First"
text = "The first statement."
"#;

    fn problem(result: Result<StandardSet, LoadError>) -> LoadError {
        match result {
            Ok(set) => panic!("expected an error, got {set:?}"),
            Err(e) => e,
        }
    }

    fn invalid(set: &StandardSet) -> LoadError {
        match validate("t.toml", set) {
            Ok(()) => panic!("expected a validation error"),
            Err(e) => e,
        }
    }

    #[test]
    fn round_trip() {
        let set = sample();
        let text = to_toml(&set).unwrap();
        assert!(text.contains("[[sections.statements]]"), "{text}");
        assert_eq!(parse_toml("x.toml", &text).unwrap(), set);
    }

    #[test]
    fn round_trip_keeps_carriage_returns_and_unicode() {
        let mut set = sample();
        set.sections[0].statements[0].text = "Line one\r\nŁukasz — Siobhán ‘x’ \u{a0}end".into();
        let text = to_toml(&set).unwrap();
        assert_eq!(parse_toml("x.toml", &text).unwrap(), set);
    }

    #[test]
    fn minimal_file_loads_with_defaults() {
        let set = parse_toml("demo.toml", MINIMAL).unwrap();
        assert_eq!(set.statement_count(), 1);
        let st = &set.sections[0].statements[0];
        assert_eq!(st.applies_to, AppliesTo::All);
        assert!(st.prompts.is_empty());
        assert_eq!(set.published, "");
    }

    #[test]
    fn leading_bom_is_accepted() {
        let text = format!("\u{feff}{MINIMAL}");
        assert!(parse_toml("demo.toml", &text).is_ok());
    }

    #[test]
    fn bare_numbers_and_dates_are_accepted_where_clear() {
        let text = MINIMAL
            .replace("version = \"1\"", "version = 2024\npublished = 2024-05-01")
            .replace("code = \"1\"", "code = 7");
        let set = parse_toml("demo.toml", &text).unwrap();
        assert_eq!(set.version, "2024");
        assert_eq!(set.published, "2024-05-01");
        assert_eq!(set.sections[0].statements[0].code, "7");
    }

    #[test]
    fn float_version_asks_for_quotes() {
        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("\"1\"\ntitle = \"Demo\"", "1.10\ntitle = \"Demo\"")));
        assert!(e.problem.contains("in quotes"), "{e}");
    }

    #[test]
    fn syntax_error_mentions_line() {
        let text = MINIMAL.replace("title = \"First\"", "title = \"First");
        let e = problem(parse_toml("demo.toml", &text));
        assert_eq!(e.statement, None);
        assert!(e.to_string().starts_with("In demo.toml: "), "{e}");
        assert!(e.problem.contains("line 13"), "{e}");
        assert!(e.problem.ends_with('.'), "{e}");
    }

    #[test]
    fn duplicate_setting_is_explained() {
        let text = MINIMAL.replace("title = \"First\"", "title = \"First\"\ntitle = \"Again\"");
        let e = problem(parse_toml("demo.toml", &text));
        assert!(e.problem.contains("line 14") && e.problem.contains("written twice"), "{e}");
    }

    #[test]
    fn empty_file_is_refused() {
        let e = problem(parse_toml("demo.toml", "  \n"));
        assert!(e.problem.contains("empty"), "{e}");
    }

    #[test]
    fn size_limit() {
        let big = format!("{MINIMAL}#{}", "x".repeat(MAX_FILE_BYTES));
        let e = problem(parse_toml("big.toml", &big));
        assert!(e.problem.contains("too large"), "{e}");
    }

    #[test]
    fn missing_fields_are_named() {
        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("publisher = \"Us\"\n", "")));
        assert!(e.problem.contains("“publisher”"), "{e}");
        assert!(e.problem.contains("before the first [[sections]]"), "{e}");

        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("title = \"First\"\n", "")));
        assert_eq!(e.statement.as_deref(), Some("1"));
        assert!(e.problem.contains("no “title”"), "{e}");

        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("code = \"1\"\n", "cod = \"1\"\n")));
        assert!(e.problem.contains("“cod”"), "{e}");
        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("code = \"1\"\n", "")));
        assert!(e.problem.contains("no “code”"), "{e}");
        assert!(e.problem.starts_with("Section 1, statement number 1: "), "{e}");

        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("[[sections]]\ntitle = \"One\"\n", "")));
        assert!(e.problem.contains("sections"), "{e}");
    }

    #[test]
    fn bad_applies_to_names_statement_and_words() {
        let text = MINIMAL.replace("text = \"The", "applies_to = \"Formal LEROs\"\ntext = \"The");
        let e = problem(parse_toml("demo.toml", &text));
        assert_eq!(e.statement.as_deref(), Some("1"));
        let s = e.to_string();
        assert!(s.starts_with("In demo.toml, statement 1: "), "{s}");
        assert!(s.contains("“all”") && s.contains("“formal”") && s.contains("Formal LEROs"), "{s}");
    }

    #[test]
    fn applies_to_formal_is_read() {
        let text = MINIMAL.replace("text = \"The", "applies_to = \"formal\"\ntext = \"The");
        let set = parse_toml("demo.toml", &text).unwrap();
        assert_eq!(set.sections[0].statements[0].applies_to, AppliesTo::Formal);
    }

    #[test]
    fn misspelt_setting_is_refused() {
        let text = MINIMAL.replace("text = \"The", "aplies_to = \"formal\"\ntext = \"The");
        let e = problem(parse_toml("demo.toml", &text));
        assert_eq!(e.statement.as_deref(), Some("1"));
        assert!(e.problem.contains("“aplies_to”") && e.problem.contains("applies_to"), "{e}");

        let text = format!("{MINIMAL}publisher = \"late\"\n");
        let e = problem(parse_toml("demo.toml", &text));
        assert!(e.problem.contains("move it near the top"), "{e}");
    }

    #[test]
    fn wrong_types_are_explained() {
        let e = problem(parse_toml("demo.toml", &MINIMAL.replace("\"First\"", "true")));
        assert!(e.problem.contains("true or false") && e.problem.contains("in quotes"), "{e}");
        let text = MINIMAL.replace("text = \"The", "tags = \"one\"\ntext = \"The");
        let e = problem(parse_toml("demo.toml", &text));
        assert!(e.problem.contains("list of texts"), "{e}");
        let text = MINIMAL.replace("text = \"The", "tags = [\"a\", 2]\ntext = \"The");
        let e = problem(parse_toml("demo.toml", &text));
        assert!(e.problem.contains("a number"), "{e}");
    }

    #[test]
    fn duplicate_code_names_the_code() {
        let mut set = sample();
        set.sections[1].statements[0].code = "2".into();
        let e = invalid(&set);
        assert_eq!(e.statement.as_deref(), Some("2"));
        assert!(e.problem.contains("“2”") && e.problem.contains("more than one"), "{e}");
        // And the same through a file.
        let text = to_toml(&sample()).unwrap().replace("code = \"3\"", "code = \"2\"");
        let e = problem(parse_toml("dup.toml", &text));
        assert_eq!(e.to_string().split(':').next(), Some("In dup.toml, statement 2"));
    }

    #[test]
    fn set_field_rules() {
        let cases: Vec<(SetChange, &str)> = vec![
            (|s| s.id = String::new(), "no id"),
            (|s| s.id = "National LERO".into(), "national-lero"),
            (|s| s.id = "a".repeat(65), "at most 64"),
            (|s| s.version = String::new(), "no version"),
            (|s| s.version = "   ".into(), "no version"),
            (|s| s.version = "2024/5".into(), "“/” or “@”"),
            (|s| s.version = "v@1".into(), "“/” or “@”"),
            (|s| s.version = " 2024".into(), "space"),
            (|s| s.version = "1".repeat(33), "at most 32"),
            (|s| s.title = " ".into(), "no title"),
            (|s| s.publisher = String::new(), "no publisher"),
            (|s| s.status = String::new(), "no status"),
            (|s| s.sections.clear(), "no sections"),
            (|s| s.sections[1].title = String::new(), "Section 2 has no title"),
            (|s| s.sections[1].statements.clear(), "“Support offer”) has no statements"),
        ];
        for (change, expected) in cases {
            let mut set = sample();
            change(&mut set);
            let e = invalid(&set);
            assert_eq!(e.statement, None);
            assert!(e.problem.contains(expected), "{expected}: {e}");
            assert!(e.problem.ends_with('.') || e.problem.ends_with(".”"), "{e}");
        }
    }

    #[test]
    fn statement_field_rules() {
        let cases: Vec<(StatementChange, &str)> = vec![
            (|s| s.code = "12345678901234567".into(), "at most 16"),
            (|s| s.code = "1 2".into(), "space"),
            (|s| s.code = "1/2".into(), "“/” or “@”"),
            (|s| s.code = "1@2".into(), "“/” or “@”"),
            (|s| s.title = "  ".into(), "no title"),
            (|s| s.text = String::new(), "no text"),
            (|s| s.text = "é".repeat(5001), "5,000"),
        ];
        for (change, expected) in cases {
            let mut set = sample();
            change(&mut set.sections[0].statements[1]);
            let e = invalid(&set);
            assert_eq!(e.statement.as_deref(), Some(set.sections[0].statements[1].code.as_str()));
            assert!(e.problem.contains(expected), "{expected}: {e}");
        }
        // 5,000 characters (not bytes) is fine.
        let mut set = sample();
        set.sections[0].statements[1].text = "é".repeat(5000);
        assert!(validate("t.toml", &set).is_ok());
    }

    #[test]
    fn empty_code_names_its_place() {
        let mut set = sample();
        set.sections[1].statements[0].code = String::new();
        let e = invalid(&set);
        assert_eq!(e.statement, None);
        assert!(e.problem.contains("section 2") && e.problem.contains("no code"), "{e}");
    }

    #[test]
    fn too_many_statements() {
        let mut set = sample();
        let template = set.sections[1].statements[0].clone();
        set.sections[1].statements =
            (0..MAX_STATEMENTS).map(|i| Statement { code: format!("x{i}"), ..template.clone() }).collect();
        let e = invalid(&set);
        assert!(e.problem.contains("at most 1000"), "{e}");
    }

    #[test]
    fn sentence_shapes() {
        let e = LoadError::in_statement("a.toml", "1.2", "It is wrong. Fix it.");
        assert_eq!(e.to_string(), "In a.toml, statement 1.2: It is wrong. Fix it.");
        let e = LoadError::in_file("a.toml", "It is wrong. Fix it.");
        assert_eq!(e.to_string(), "In a.toml: It is wrong. Fix it.");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("National LERO Standards"), "national-lero-standards");
        assert_eq!(slug("  Safonau Cymru — Ŵyl Siân!  "), "safonau-cymru-wyl-sian");
        assert_eq!(slug("Straße"), "strasse");
        assert_eq!(slug("日本"), "");
        let long = slug(&"ab ".repeat(40));
        assert!(long.len() <= 64 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn to_toml_refuses_invalid_set() {
        let mut set = sample();
        set.title = String::new();
        let e = to_toml(&set).unwrap_err();
        assert!(e.to_string().contains("national-lero-standards"), "{e}");
    }
}
