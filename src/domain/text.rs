//! Small helpers for the words the app writes: counts said with their noun, and text put on
//! one line. Used by the layout, the window and the command line alike, so that the same
//! thing is always said the same way.

/// "1 account", "3 accounts".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` as one printable run: the words joined by single spaces, control characters
/// dropped (a writer would draw them as boxes), nothing at either end.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// `n` with commas between thousands, as a British reader writes it: 12,345.
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_their_noun() {
        assert_eq!(plural(0, "account", "accounts"), "0 accounts");
        assert_eq!(plural(1, "account", "accounts"), "1 account");
        assert_eq!(plural(12, "page", "pages"), "12 pages");
    }

    #[test]
    fn one_line_joins_words_and_drops_controls() {
        assert_eq!(one_line("  Bright\u{0}er\u{7}  Futures\r\n"), "Brighter Futures");
        assert_eq!(one_line("a \u{1b} b"), "a b");
        assert_eq!(one_line("\u{0}\u{7}"), "");
        assert_eq!(one_line("Zoë   Łukasz\tSiobhán"), "Zoë Łukasz Siobhán");
    }
}
