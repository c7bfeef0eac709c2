//! Help with writing, beside the editor: how easy the page is to read, the sentences that
//! run long, and the statement's questions as a checklist. It guides without nagging: quiet
//! colours, no pop-ups, nothing that blocks saving or signing.

use super::{Editor, Guard};
use crate::domain::readability::{LONG_SENTENCE, Readability};
use crate::domain::spelling::{Misspelling, Speller};
use crate::ui::Cx;
use crate::ui::task::{Poll, Task};
use crate::ui::theme;
use crate::ui::widgets::hint;
use egui::{RichText, Ui};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

/// Below this many words there is too little to judge, so the hint waits.
const ENOUGH_WORDS: usize = 30;

/// How easy the text is to read, and which sentences are long, in plain words.
pub(super) fn plain_english_ui(ui: &mut Ui, body: &str, r: &Readability) {
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
pub(super) fn prompts_checklist_ui(ui: &mut Ui, key: impl std::hash::Hash + std::fmt::Debug, prompts: &[String]) {
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

/// The text laid out for the editor with each misspelt word underlined.
pub(super) fn underlined(ui: &Ui, text: &str, misspelt: &[Range<usize>], wrap_width: f32) -> Arc<egui::Galley> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = egui::TextFormat::simple(font, ui.visuals().text_color());
    let marked =
        egui::TextFormat { underline: egui::Stroke::new(2.0, theme::palette(ui.ctx()).misspelt), ..normal.clone() };
    let mut job = egui::text::LayoutJob::default();
    let mut at = 0;
    for r in misspelt {
        let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.clone())) else { continue };
        job.append(before, 0.0, normal.clone());
        job.append(word, 0.0, marked.clone());
        at = r.end;
    }
    job.append(text.get(at..).unwrap_or_default(), 0.0, normal);
    job.wrap.max_width = wrap_width;
    ui.fonts_mut(|f| f.layout_job(job))
}

/// Suggestions for misspelt words, worked out one word at a time on a thread of their own
/// (each takes tens of milliseconds, too long for a frame) and kept once found.
#[derive(Default)]
pub(super) struct Suggestions {
    found: HashMap<String, Vec<String>>,
    pending: Option<(String, Task<Vec<String>>)>,
}

impl Suggestions {
    /// The suggestions for `word`, once found; asks for them when nothing else is being
    /// worked out.
    pub(super) fn for_word(&mut self, ctx: &egui::Context, speller: &Arc<Speller>, word: &str) -> Option<&[String]> {
        if let Some((asked, task)) = &self.pending {
            match task.poll() {
                Poll::Running => {}
                Poll::Done(list) => {
                    self.found.insert(asked.clone(), list);
                    self.pending = None;
                }
                Poll::Lost => {
                    self.found.insert(asked.clone(), Vec::new());
                    self.pending = None;
                }
            }
        }
        if !self.found.contains_key(word) && self.pending.is_none() {
            let (speller, asked) = (Arc::clone(speller), word.to_owned());
            match Task::spawn(ctx, "spelling-suggestions", move || speller.suggest(&asked)) {
                Ok(task) => self.pending = Some((word.to_owned(), task)),
                Err(_) => {
                    self.found.insert(word.to_owned(), Vec::new());
                }
            }
        }
        self.found.get(word).map(Vec::as_slice)
    }
}

/// What the writer asked for in the spelling list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SpellingChoice {
    /// Change every occurrence of the word to the suggestion.
    Replace(String, String),
    /// Put the word on the workspace's word list.
    AddToList(String),
}

/// At most this many different misspelt words are listed at once.
const LISTED: usize = 8;

/// The misspelt words of the page, each with suggestions and a way to add it to the word
/// list; returns what the writer chose.
pub(super) fn spelling_list_ui(
    ui: &mut Ui,
    speller: &Arc<Speller>,
    misspelt: &[Misspelling],
    suggestions: &mut Suggestions,
    read_only: bool,
) -> Option<SpellingChoice> {
    if misspelt.is_empty() {
        ui.label(RichText::new("Spelling: no mistakes found.").color(theme::good(ui)));
        return None;
    }
    // Each different word once, in the order first met, with its first line and how often.
    let mut words: Vec<(&str, usize, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for m in misspelt {
        if let Some(&i) = index.get(m.word.as_str()) {
            words[i].2 += 1;
        } else {
            index.insert(&m.word, words.len());
            words.push((&m.word, m.line, 1));
        }
    }
    hint(
        ui,
        &format!(
            "Spelling: {} the British English check does not know, underlined in the text. A name or local word that is right can go on your word list.",
            if words.len() == 1 { "one word".to_owned() } else { format!("{} words", words.len()) }
        ),
    );
    let mut choice = None;
    for (word, line, times) in words.iter().take(LISTED) {
        ui.horizontal_wrapped(|ui| {
            let times = if *times > 1 { format!(", {times} times") } else { String::new() };
            ui.label(RichText::new(*word).strong().color(theme::palette(ui.ctx()).misspelt));
            ui.label(RichText::new(format!("(line {line}{times})")).color(theme::quiet(ui)));
            if read_only {
                return;
            }
            match suggestions.for_word(ui.ctx(), speller, word) {
                None => {
                    ui.label(RichText::new("looking for suggestions…").color(theme::quiet(ui)));
                }
                Some(list) => {
                    for s in list.iter().take(3) {
                        let r = ui.button(format!("Change to “{s}”"));
                        if r.clicked() {
                            choice = Some(SpellingChoice::Replace((*word).to_owned(), s.clone()));
                        }
                    }
                }
            }
            if ui.button(format!("Add “{word}” to the word list")).clicked() {
                choice = Some(SpellingChoice::AddToList((*word).to_owned()));
            }
        });
    }
    if words.len() > LISTED {
        hint(ui, &format!("…and {} more: correct these first.", words.len() - LISTED));
    }
    choice
}

/// `text` with every occurrence of the misspelt `word` (at the places found) changed to
/// `to`.
pub(super) fn replace_word(text: &str, misspelt: &[Misspelling], word: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in misspelt.iter().filter(|m| m.word == word) {
        let (Some(before), Some(found)) = (text.get(at..m.range.start), text.get(m.range.clone())) else { continue };
        if found != word {
            continue;
        }
        out.push_str(before);
        out.push_str(to);
        at = m.range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// How easy the page is to read, and the statement with its questions as a checklist.
pub(super) fn writing_help_ui(ui: &mut Ui, cx: &mut Cx<'_>, e: &mut Editor) {
    theme::subheading(ui, "Help with writing");
    // Worked out when typing pauses, like the spelling, so a keystroke costs nothing here.
    if e.settled() && e.readability.0 != e.body {
        e.readability = (e.body.clone(), Readability::of(&e.body));
    }
    plain_english_ui(ui, &e.readability.0, &e.readability.1);
    if let Some(speller) = &e.speller
        && e.spelling.0 == e.body
    {
        let read_only = cx.ws.is_read_only() || e.guard == Guard::Locked;
        match spelling_list_ui(ui, speller, &e.spelling.1, &mut e.suggestions, read_only) {
            Some(SpellingChoice::Replace(word, to)) => {
                e.body = replace_word(&e.body, &e.spelling.1, &word, &to);
                e.edited_at = Some(Instant::now());
            }
            Some(SpellingChoice::AddToList(word)) => match cx.ws.add_words(std::slice::from_ref(&word)) {
                Ok(_) => {
                    cx.good(format!("Added “{word}” to the word list: it is no longer marked."));
                    match cx.ws.known_words() {
                        Ok(known) => e.known = known,
                        Err(err) => cx.problem(err),
                    }
                    e.spelling.0.clear();
                }
                Err(err) => cx.problem(err),
            },
            None => {}
        }
    }
    if let Some(s) = &e.statement {
        egui::CollapsingHeader::new("The statement, and questions to help you write").default_open(true).show(
            ui,
            |ui| {
                ui.label(RichText::new(&s.text).italics());
                let key = (cx.ws.path().display().to_string(), e.account.id);
                prompts_checklist_ui(ui, key, &s.prompts);
            },
        );
        egui::CollapsingHeader::new("Evidence that often shows this").show(ui, |ui| {
            for ev in &s.evidence {
                ui.label(format!("• {ev}"));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_replaces_every_place_of_that_word_only() {
        let speller = Speller::british().expect("dictionary");
        let text = "We recieve food; they recieve help; Dridays stay.";
        let found = speller.check_text(text, &crate::domain::spelling::KnownWords::default());
        assert_eq!(
            replace_word(text, &found, "recieve", "receive"),
            "We receive food; they receive help; Dridays stay."
        );
        assert_eq!(replace_word(text, &found, "nothing", "x"), text);
    }

    #[test]
    fn a_long_sentence_is_shown_by_its_opening_words() {
        assert_eq!(opening("We run four groups.", 10), "We run four groups.");
        assert_eq!(
            opening("one two three four five six seven eight nine ten eleven twelve", 10),
            "one two three four five six seven eight nine ten …"
        );
    }
}
