//! The body text as the writer typed it, read into blocks: paragraphs, bullet items and
//! members' quotes.
//!
//! The rules are the ones a person typing in a plain text box expects: a blank line starts a
//! new paragraph, a line starting "- " (or "• ") is a bullet item, a paragraph whose lines
//! start "> " is a member's quote. Everything else is kept exactly as typed (curly quotes,
//! dashes, accents); only runs of whitespace become one space, as on any printed page.

/// What kind of block, which decides its face and indents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum BlockKind {
    /// Plain text.
    Paragraph,
    /// One bullet item.
    Bullet,
    /// A member's quote: italic, indented, with an accent bar.
    Quote,
}

/// One block of body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Kind of block.
    pub kind: BlockKind,
    /// The block's words joined by single spaces (markers removed). May be empty for a bullet
    /// typed as "- " and nothing yet.
    pub text: String,
    /// Whether a blank line (or the start of the body) comes before it; decides the gap above.
    pub starts_paragraph: bool,
}

/// How a typed line begins.
enum LineStart<'a> {
    Bullet(&'a str),
    Quote(&'a str),
    Plain(&'a str),
}

fn classify(line: &str) -> LineStart<'_> {
    let trimmed = line.trim_start();
    // "- " needs its space (or to be the whole line, while it is being typed) so that a
    // hyphenated word or a dash starting a line is not taken for a bullet.
    for marker in ['-', '•'] {
        if let Some(rest) = trimmed.strip_prefix(marker)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            return LineStart::Bullet(rest);
        }
    }
    if let Some(rest) = trimmed.strip_prefix('>')
        && (rest.is_empty() || rest.starts_with(char::is_whitespace))
    {
        return LineStart::Quote(rest);
    }
    LineStart::Plain(line)
}

/// Appends the words of `line` to `text`, one space between words.
fn push_words(text: &mut String, line: &str) {
    for word in line.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
}

/// Replaces characters a page cannot show: control characters (other than line breaks) are
/// dropped; tabs, and the Unicode line and paragraph separators, become a space or a line
/// break. Returns the input untouched, without copying, when there is nothing to replace.
fn clean(body: &str) -> std::borrow::Cow<'_, str> {
    let needs_cleaning = body.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{2028}' || c == '\u{2029}');
    if !needs_cleaning {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.push(' '),
            // Windows and old Mac line endings.
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Reads body text into blocks, in order.
pub(crate) fn parse(body: &str) -> Vec<Block> {
    let body = clean(body);
    let mut blocks: Vec<Block> = Vec::new();
    // Whether the next block begins a new paragraph (after a blank line or at the start).
    let mut paragraph_start = true;
    // Whether the last block may take continuation lines (false right after a blank line).
    let mut open = false;
    for line in body.split('\n') {
        if line.trim().is_empty() {
            paragraph_start = true;
            open = false;
            continue;
        }
        let (kind, rest, new_block) = match classify(line) {
            LineStart::Bullet(rest) => (BlockKind::Bullet, rest, true),
            LineStart::Quote(rest) => {
                // Consecutive "> " lines are one quote.
                let continues = open && blocks.last().is_some_and(|b| b.kind == BlockKind::Quote);
                (BlockKind::Quote, rest, !continues)
            }
            // A plain line continues whatever block is open (a wrapped bullet or quote line).
            LineStart::Plain(rest) => (BlockKind::Paragraph, rest, !open),
        };
        match blocks.last_mut() {
            Some(last) if !new_block => push_words(&mut last.text, rest),
            _ => {
                let mut text = String::new();
                push_words(&mut text, rest);
                blocks.push(Block { kind, text, starts_paragraph: paragraph_start });
                paragraph_start = false;
                open = true;
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<(BlockKind, String, bool)> {
        parse(body).into_iter().map(|b| (b.kind, b.text, b.starts_paragraph)).collect()
    }

    use BlockKind::{Bullet, Paragraph, Quote};

    #[test]
    fn blank_lines_separate_paragraphs_and_lines_join_with_a_space() {
        assert_eq!(
            kinds("First line\nsecond  line.\n\n\n  Next   paragraph \n"),
            vec![(Paragraph, "First line second line.".into(), true), (Paragraph, "Next paragraph".into(), true)]
        );
    }

    #[test]
    fn bullets_are_items_and_continuation_lines_join_them() {
        assert_eq!(
            kinds("We offer:\n- peer mentoring\n  on Tuesdays\n• a café\n-no space is text"),
            vec![
                (Paragraph, "We offer:".into(), true),
                (Bullet, "peer mentoring on Tuesdays".into(), false),
                (Bullet, "a café -no space is text".into(), false),
            ]
        );
    }

    #[test]
    fn quotes_lose_their_marker_and_become_one_block() {
        assert_eq!(
            kinds("> “It gave me my life back,”\n> said one member.\nand went on\n\nAfter."),
            vec![
                (Quote, "“It gave me my life back,” said one member. and went on".into(), true),
                (Paragraph, "After.".into(), true),
            ]
        );
    }

    #[test]
    fn text_is_kept_exactly_apart_from_whitespace() {
        let body = "Zoë, Siobhán, Łukasz, Dafydd and Ó Súilleabháin — ‘quoted’ – “twice”.";
        assert_eq!(kinds(body), vec![(Paragraph, body.into(), true)]);
    }

    #[test]
    fn tabs_controls_and_line_endings_are_cleaned() {
        assert_eq!(
            kinds("a\tb\u{0}c\u{7}\r\nd\re\u{2029}f"),
            vec![(Paragraph, "a bc d e".into(), true), (Paragraph, "f".into(), true)]
        );
    }

    #[test]
    fn odd_input_gives_sensible_blocks() {
        assert!(parse("").is_empty());
        assert!(parse("\n\n\n \n\t\n").is_empty());
        assert_eq!(kinds("- "), vec![(Bullet, String::new(), true)]);
        assert_eq!(kinds(">"), vec![(Quote, String::new(), true)]);
        assert_eq!(kinds("-\n-"), vec![(Bullet, String::new(), true), (Bullet, String::new(), false)]);
        assert_eq!(kinds("— a dash opens this"), vec![(Paragraph, "— a dash opens this".into(), true)]);
    }
}
