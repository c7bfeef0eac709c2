//! Help with writing, beside the editor: how easy the page is to read, the sentences that
//! run long, and the statement's questions as a checklist. It guides without nagging: quiet
//! colours, no pop-ups, nothing that blocks saving or signing.

use super::theme;
use super::widgets::hint;
use crate::domain::readability::{LONG_SENTENCE, Readability};
use egui::{RichText, Ui};

/// Below this many words there is too little to judge, so the hint waits.
const ENOUGH_WORDS: usize = 30;

/// How easy the text is to read, and which sentences are long, in plain words.
pub(super) fn plain_english(ui: &mut Ui, body: &str, r: &Readability) {
    if r.words < ENOUGH_WORDS {
        hint(ui, "Tips on how easy your page is to read appear here once it has a few sentences.");
        return;
    }
    let easy = r.reading_ease().is_some_and(|s| s >= 60.0);
    let colour = if easy { theme::good(ui) } else { theme::quiet(ui) };
    ui.label(RichText::new(r.describe()).color(colour));
    if let Some(per) = r.words_per_sentence() {
        hint(ui, &format!("Sentences have {per:.0} words on average; 15 to 20 reads easily."));
    }
    if r.long_sentences.is_empty() {
        return;
    }
    let n = r.long_sentences.len();
    hint(
        ui,
        &format!(
            "{} longer than {LONG_SENTENCE} words. Splitting {} in two often makes it clearer:",
            if n == 1 { "One sentence is".to_owned() } else { format!("{n} sentences are") },
            if n == 1 { "it" } else { "them" }
        ),
    );
    for range in r.long_sentences.iter().take(5) {
        let sentence = body.get(range.clone()).unwrap_or_default().trim();
        ui.label(RichText::new(format!("“{}”", opening(sentence, 10))).italics().color(theme::quiet(ui)));
    }
    if n > 5 {
        hint(ui, &format!("…and {} more.", n - 5));
    }
}

/// The first `words` words of a sentence, with an ellipsis when there are more.
fn opening(sentence: &str, words: usize) -> String {
    let all: Vec<&str> = sentence.split_whitespace().collect();
    if all.len() <= words { all.join(" ") } else { format!("{} …", all[..words].join(" ")) }
}

/// The statement's questions with a tick box each, to mark those the page answers. The ticks
/// are the writer's own notes, kept on this computer with the window's state.
pub(super) fn prompts_checklist(ui: &mut Ui, key: impl std::hash::Hash + std::fmt::Debug, prompts: &[String]) {
    if prompts.is_empty() {
        return;
    }
    let id = egui::Id::unique(("answered-prompts", key));
    let mut ticked: Vec<bool> = ui.data_mut(|d| d.get_persisted::<Vec<bool>>(id)).unwrap_or_default();
    ticked.resize(prompts.len(), false);
    let before = ticked.clone();
    hint(ui, "Questions to help you write. Tick those your page answers; you need not answer them all.");
    for (prompt, done) in prompts.iter().zip(ticked.iter_mut()) {
        ui.checkbox(done, prompt.as_str());
    }
    let answered = ticked.iter().filter(|t| **t).count();
    hint(ui, &format!("{answered} of {} answered.", prompts.len()));
    if ticked != before {
        ui.data_mut(|d| d.insert_persisted(id, ticked));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_is_shown_by_its_opening_words() {
        assert_eq!(opening("We run four groups.", 10), "We run four groups.");
        assert_eq!(
            opening("one two three four five six seven eight nine ten eleven twelve", 10),
            "one two three four five six seven eight nine ten …"
        );
    }
}
