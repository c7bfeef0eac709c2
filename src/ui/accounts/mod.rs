//! The Accounts screen: the list of one-page accounts, and the editor with the live page
//! preview drawn from the same layout the PDF uses.

mod export;
mod writing;

use super::widgets::{AskBeforeReplacing, LogoTexture, diff_ui, field, hint, page_preview_ui};
use super::{Command, Cx, theme};
use crate::domain::account::{Account, AccountStatus, word_count};
use crate::domain::readability::Readability;
use crate::domain::spelling::{KnownWords, Misspelling, Speller};
use crate::domain::standards::{Statement, StatementKey};
use crate::layout::Page;
use crate::layout::{Fit, Layouter};
use crate::workspace::{AccountSummary, PageContext};
use egui::{RichText, Ui};
use export::{EmailPlace, bundle_ui, default_pdf_path, email_ui, export_ui};
use std::sync::Arc;
use std::time::{Duration, Instant};
use writing::writing_help_ui;

/// How long typing may pause before the text is saved.
const SAVE_AFTER: Duration = Duration::from_millis(400);

/// The Accounts screen's view state.
#[derive(Default)]
pub struct AccountsView {
    list: Vec<AccountSummary>,
    new_statement: Option<StatementKey>,
    new_title: String,
    statements: Vec<(StatementKey, String)>,
    editor: Option<Editor>,
    logo: LogoTexture,
}

/// One account being written.
struct Editor {
    account: Account,
    title: String,
    body: String,
    edited_at: Option<Instant>,
    context: PageContext,
    statement: Option<Statement>,
    layouter: Layouter,
    laid_out: Option<(String, String, Page, Fit)>,
    status: AccountStatus,
    export_path: String,
    bundle_path: String,
    /// What in the text the page cannot print, in words, as of the last layout.
    unprintable: Option<String>,
    /// Asks before a PDF or bundle replaces a file that is there.
    ask_pdf: AskBeforeReplacing,
    ask_bundle: AskBeforeReplacing,
    /// Where the email to the college is saved.
    email: EmailPlace,
    exporting: bool,
    /// Write the PDF in the reading font.
    reading_pdf: bool,
    /// How easy the text is to read, and the text it was worked out for.
    readability: (String, Readability),
    /// The spelling check (none if the dictionary could not be read).
    speller: Option<Arc<Speller>>,
    /// The workspace's word list and names.
    known: KnownWords,
    /// The misspelt words, and the text they were found in.
    spelling: (String, Vec<Misspelling>),
    /// Suggestions found so far.
    suggestions: writing::Suggestions,
    /// Any sign-off was ever given (so an edit makes the page "changed since sign-off").
    ever_signed: bool,
    /// What changed since the page was signed, refreshed when the text is saved.
    changes: Option<(i64, Vec<crate::domain::diff::Part>)>,
    /// Who approved the page as it was when the editor opened.
    approvers: Vec<String>,
    /// The fingerprint of the page as stored when the editor opened, and the sign-off lines
    /// printed on it.
    signed: (String, Vec<crate::layout::SignoffLine>),
    /// The title and text as they were signed, while "Undo my changes" can bring them back.
    signed_text: Option<(String, String)>,
    /// Whether the text may be changed: a page signed as it is stays read-only until the
    /// user chooses to edit it.
    guard: Guard,
    /// Where the app last put the bundle: while the box still says that, the bundle follows
    /// the PDF's folder; once the user types or chooses another place, it stays there.
    bundle_auto: String,
    /// What the last action in the editor's sign-off bar did, said beside it.
    said: Option<(String, super::Tone)>,
}

/// Whether the editor's text may be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    /// Anything may be typed.
    Open,
    /// The page is signed as it is: shown read-only, with "Edit this page".
    Locked,
    /// Just opened for writing, or "Edit this page" was chosen: the text box gets the
    /// keyboard once the click is over.
    Unlocking,
}

impl Editor {
    fn unsaved(&self) -> bool {
        self.title != self.account.title || self.body != self.account.body
    }

    /// The text differs from the signed text that "Undo my changes" would bring back.
    fn undoable(&self) -> bool {
        self.signed_text.as_ref().is_some_and(|(t, b)| *t != self.title || *b != self.body)
    }

    /// The text box's id: fixed, so that nothing drawn above it can take its focus away.
    fn body_id(&self) -> egui::Id {
        egui::Id::unique(("account-body", self.account.id))
    }

    /// The title box's id, fixed like the text's.
    fn title_id(&self) -> egui::Id {
        egui::Id::unique(("account-title", self.account.id))
    }

    /// Typing has paused long enough for the text to be saved and checked.
    fn settled(&self) -> bool {
        self.edited_at.is_none_or(|t| t.elapsed() >= SAVE_AFTER)
    }

    /// The status as the user types: an edit to a page anyone signed makes it "changed".
    fn live_status(&self) -> AccountStatus {
        if self.unsaved() && self.ever_signed { AccountStatus::Changed } else { self.status }
    }

    /// Lays the page out again if the text changed since the last time.
    fn relayout(&mut self) {
        let stale = self.laid_out.as_ref().is_none_or(|(t, b, _, _)| *t != self.title || *b != self.body);
        if stale {
            let draft = self.status != AccountStatus::Signed;
            // The title as it is stored (the one rule for names), so the preview is the page.
            let title = crate::domain::names::tidy(&self.title);
            // The fingerprint follows the text, and the sign-offs show only on the page they
            // were given to.
            let fingerprint = self.context.fingerprint_of(&title, &self.body);
            self.context.signoffs = if fingerprint == self.signed.0 { self.signed.1.clone() } else { Vec::new() };
            self.context.fingerprint = Some(crate::domain::fingerprint::short(&fingerprint));
            let (page, fit) = self.layouter.one_pager(&self.context.one_pager(&title, &self.body, draft));
            self.unprintable = crate::workspace::unprintable(
                self.layouter.fonts(),
                &[("the text", &self.body), ("the title", &self.title)],
            );
            self.laid_out = Some((self.title.clone(), self.body.clone(), page, fit));
        }
    }
}

fn fit_text(ui: &Ui, fit: &Fit) -> RichText {
    let t = RichText::new(fit.describe());
    if fit.fits() { t.color(theme::good(ui)) } else { t.color(theme::warning(ui)).strong() }
}

impl AccountsView {
    /// Reloads the list (and the statement choices for a new account).
    pub fn refresh(&mut self, cx: &mut Cx<'_>) {
        match cx.ws.account_summaries() {
            Ok(l) => self.list = l,
            Err(e) => cx.problem(e),
        }
        match cx.ws.current_sets() {
            Ok(sets) => {
                self.statements = sets
                    .iter()
                    .flat_map(|set| {
                        set.statements().map(move |(_, _, s)| {
                            (StatementKey::new(&set.id, &set.version, &s.code), format!("{}  {}", s.code, s.title))
                        })
                    })
                    .collect();
            }
            Err(e) => cx.problem(e),
        }
        // The open account may have been signed off, or the organisation changed, elsewhere:
        // open it again so its status and page are those of now.
        self.flush(cx);
        // Text that could not be saved (a read-only workspace, a full disk) stays on screen.
        if self.has_unsaved() {
            return;
        }
        if let Some(e) = self.editor.take() {
            let (id, export_path, bundle, exporting, reading_pdf, said, locked) = (
                e.account.id,
                e.export_path,
                (e.bundle_path, e.bundle_auto, e.email),
                e.exporting,
                e.reading_pdf,
                e.said,
                e.guard,
            );
            self.open(cx, id);
            if let Some(e) = &mut self.editor {
                e.export_path = export_path;
                (e.bundle_path, e.bundle_auto, e.email) = bundle;
                e.exporting = exporting;
                e.reading_pdf = reading_pdf;
                e.said = said;
                // A page the user chose to edit stays open for editing, and one still waiting
                // to give its text the keyboard (just opened, or "Edit this page" just
                // chosen) still gives it at the next frame.
                if locked != Guard::Locked {
                    e.guard = locked;
                }
            }
        }
    }

    /// The account open in the editor.
    pub fn open_id(&self) -> Option<i64> {
        self.editor.as_ref().map(|e| e.account.id)
    }

    /// True while typed text waits to be saved.
    pub fn has_unsaved(&self) -> bool {
        self.editor.as_ref().is_some_and(Editor::unsaved)
    }

    /// Saves the text now, if it changed.
    pub fn flush(&mut self, cx: &mut Cx<'_>) {
        let Some(e) = &mut self.editor else { return };
        if !e.unsaved() {
            return;
        }
        match cx.quietly(|ws| ws.save_account(e.account.id, &e.title, &e.body)) {
            Ok(()) => {
                e.account.title.clone_from(&e.title);
                e.account.body.clone_from(&e.body);
                e.edited_at = None;
                if e.ever_signed {
                    e.status = cx.ws.account_status(e.account.id).unwrap_or(e.status);
                    e.changes = cx.ws.changes_since_signoff(e.account.id).ok().flatten().map(|(r, p)| (r.number, p));
                    if let Ok(c) = cx.ws.account_context(&e.account) {
                        e.context = c;
                        e.laid_out = None;
                    }
                }
            }
            Err(err) => {
                // A title refused for a hidden character: the text itself was saved.
                if matches!(err, crate::workspace::WorkspaceError::Name(_)) {
                    e.account.body.clone_from(&e.body);
                    e.edited_at = None;
                }
                cx.problem(err);
            }
        }
    }

    /// Opens an account in the editor (saving the one open before).
    pub fn open(&mut self, cx: &mut Cx<'_>, id: i64) {
        self.flush(cx);
        let opened = (|| -> crate::workspace::Result<Editor> {
            let account = cx.ws.account(id)?;
            let context = cx.ws.account_context(&account)?;
            let statement =
                cx.ws.load_set(&account.key.set_id, &account.key.version)?.statement(&account.key.code).cloned();
            let state = cx.ws.signoff_state(id)?;
            let signed = (state.fingerprint.clone(), context.signoffs.clone());
            let status = state.status;
            let export_path = default_pdf_path(&context);
            let bundle_path = export_path.trim_end_matches(".pdf").to_owned() + ".lero-bundle";
            let changes = cx.ws.changes_since_signoff(id)?;
            let approvers: Vec<String> = state
                .current()
                .filter(|s| s.decision == crate::domain::signoff::Decision::Approved)
                .map(|s| s.name.clone())
                .collect();
            let signed_text = if approvers.is_empty() {
                changes.as_ref().map(|(r, _)| (r.title.clone(), r.body.clone()))
            } else {
                Some((account.title.clone(), account.body.clone()))
            };
            // A page open for writing gives its text box the keyboard as soon as it is shown.
            let guard = if !approvers.is_empty() && !cx.ws.is_read_only() { Guard::Locked } else { Guard::Unlocking };
            let changes = changes.map(|(r, p)| (r.number, p));
            Ok(Editor {
                title: account.title.clone(),
                body: account.body.clone(),
                account,
                edited_at: None,
                context,
                statement,
                layouter: Layouter::new(cx.ws.fonts()),
                laid_out: None,
                status,
                export_path,
                bundle_path: bundle_path.clone(),
                unprintable: None,
                ask_pdf: AskBeforeReplacing::default(),
                ask_bundle: AskBeforeReplacing::default(),
                email: EmailPlace::default(),
                exporting: false,
                reading_pdf: false,
                readability: (String::new(), Readability::of("")),
                speller: match cx.ws.speller() {
                    Ok(s) => Some(s),
                    Err(e) => {
                        cx.problem(e);
                        None
                    }
                },
                known: cx.ws.known_words()?,
                spelling: (String::new(), Vec::new()),
                suggestions: writing::Suggestions::default(),
                ever_signed: !state.signoffs.is_empty(),
                changes,
                approvers,
                signed,
                signed_text,
                guard,
                said: None,
                bundle_auto: bundle_path.clone(),
            })
        })();
        match opened {
            Ok(e) => self.editor = Some(e),
            Err(e) => cx.problem(e),
        }
    }

    /// Brings back the text as it was signed, and with it the sign-offs, then opens the page
    /// again as signed.
    fn undo_changes(&mut self, cx: &mut Cx<'_>) {
        self.flush(cx);
        let Some(id) = self.editor.as_ref().map(|e| e.account.id) else { return };
        let undone = if self.has_unsaved() {
            // The change could not be saved (a read-only workspace): the signed text is put
            // back on screen, where nothing was changed in the file.
            Ok(None)
        } else {
            cx.ws.undo_changes_since_signoff(id).map(Some)
        };
        match undone {
            Ok(status) => {
                self.editor = None;
                self.open(cx, id);
                let sentence = match status {
                    None | Some(AccountStatus::Signed) => {
                        "Your changes were undone: the page is back as it was signed off, with its sign-offs.".to_owned()
                    }
                    Some(AccountStatus::Awaiting) => "Your changes were undone: the page is back as it was, with the sign-offs it had.".to_owned(),
                    Some(_) => "The text is back as it was signed, but the organisation's name or logo changed since, so the page needs signing off again.".to_owned(),
                };
                if let Some(e) = &mut self.editor {
                    e.said = Some((sentence, super::Tone::Good));
                }
            }
            Err(err) => {
                if let Some(e) = &mut self.editor {
                    e.said = Some((err.to_string(), super::Tone::Problem));
                }
            }
        }
    }

    /// Back to the list.
    pub fn close(&mut self, cx: &mut Cx<'_>) {
        self.flush(cx);
        self.editor = None;
        self.refresh(cx);
    }

    /// Marks the export under way as finished.
    pub fn export_finished(&mut self) {
        if let Some(e) = &mut self.editor {
            e.exporting = false;
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if self.editor.as_ref().is_some_and(|e| e.unsaved() && e.edited_at.is_some() && e.settled()) {
            self.flush(cx);
        }
        if self.editor.is_some() {
            self.editor_ui(ui, cx);
        } else {
            self.list_ui(ui, cx);
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading("One-page accounts");
            hint(ui, "Pick a standard and write a page on how you live it day to day. The page shows as you type, and tells you when it is full.");
            theme::subheading(ui, "Your accounts");
            if self.list.is_empty() {
                hint(ui, "No accounts yet. Start one below.");
            } else if self.list.len() > 10 {
                hint(
                    ui,
                    &format!(
                        "{} accounts, the most recently changed first. Scroll the list to see them all.",
                        self.list.len()
                    ),
                );
            }
            let mut open = None;
            // Only the rows in view are drawn, so a list of thousands costs no more than a page.
            let gap = 8.0;
            let line = ui.text_style_height(&egui::TextStyle::Body);
            // A narrow window (large text) gives each account two lines instead of five columns.
            let narrow = super::widgets::narrow(ui);
            let row_height = if narrow { 2.0 * line + gap } else { line + gap - ui.spacing().item_spacing.y };
            let list_height = (ui.available_height() * 0.6).max(240.0);
            let rows = super::widgets::scroll_area().id_salt("account-rows").max_height(list_height).auto_shrink([false, true]);
            rows.show_rows(ui, row_height, self.list.len(), |ui, range| {
                if narrow {
                    for s in &self.list[range] {
                        if ui.link(RichText::new(&s.name).strong()).on_hover_text("Open in the editor").clicked() {
                            open = Some(s.account.id);
                        }
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(&s.account.key.code).color(theme::quiet(ui)));
                            ui.label(format!("· {} · {} words ·", s.status.label(), s.words));
                            ui.label(fit_text(ui, &s.fit));
                        });
                        ui.add_space(gap - ui.spacing().item_spacing.y);
                    }
                    return;
                }
                egui::Grid::new("accounts").num_columns(5).spacing([18.0, gap]).striped(true).min_col_width(60.0).show(ui, |ui| {
                    for s in &self.list[range] {
                        if ui.link(RichText::new(&s.name).strong()).on_hover_text("Open in the editor").clicked() {
                            open = Some(s.account.id);
                        }
                        ui.label(RichText::new(&s.account.key.code).color(theme::quiet(ui)));
                        ui.label(s.status.label());
                        ui.label(format!("{} words", s.words));
                        ui.label(fit_text(ui, &s.fit));
                        ui.end_row();
                    }
                });
            });
            if let Some(id) = open {
                cx.commands.push(Command::OpenAccount(id));
            }
            theme::subheading(ui, "Start a new account");
            let l = ui.label("Which statement is it about?");
            let selected =
                self.new_statement.as_ref().and_then(|k| self.statements.iter().find(|(s, _)| s == k)).map_or_else(
                    || "Choose a statement".to_owned(),
                    |(_, label)| label.clone(),
                );
            egui::ComboBox::from_id_salt("new-account-statement")
                .selected_text(selected)
                .width(ui.available_width().min(420.0))
                .height(400.0)
                .show_ui(ui, |ui| {
                    for (key, label) in &self.statements {
                        ui.selectable_value(&mut self.new_statement, Some(key.clone()), label);
                    }
                })
                .response
                .labelled_by(l.id);
            field(ui, "Title of the account (optional)", &mut self.new_title, "For example: Friday nights at the Hub");
            if ui.add(theme::primary_button(ui, "Start writing")).clicked() {
                match &self.new_statement {
                    None => cx.problem("Choose the statement the account is about first."),
                    Some(key) => match cx.ws.new_account(key, &self.new_title, "") {
                        Ok(id) => {
                            self.new_title.clear();
                            self.new_statement = None;
                            cx.commands.push(Command::OpenAccount(id));
                        }
                        Err(e) => cx.problem(e),
                    },
                }
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let logo = self.logo.get(ui, cx).map(|(id, _)| id);
        let Some(e) = &mut self.editor else { return };
        let mut back = false;
        ui.horizontal_wrapped(|ui| {
            if ui.button("Back to all accounts").clicked() {
                back = true;
            }
            ui.label(RichText::new(format!("{} · {}", e.context.code, e.context.statement_title)).strong());
        });
        // Everything above the text box keeps its size while the user types: the status is on
        // a line of its own, and the sign-off bar says the same before and after a change.
        let status = e.live_status();
        ui.label(RichText::new(format!("Status: {}", status.label())).color(theme::status_colour(ui, status)));
        let undo = signed_page_bar_ui(ui, e);
        ui.separator();
        if undo {
            self.undo_changes(cx);
            return;
        }
        let Some(e) = &mut self.editor else { return };
        e.relayout();
        // A narrow window (large text) shows the page below the writing instead of beside it.
        if super::widgets::narrow(ui) {
            // Each account's own scroll position, from its top: a new page opens at its first
            // field, not where the list was scrolled.
            super::widgets::scroll_area().id_salt(("editor", e.account.id)).auto_shrink([false, false]).show(
                ui,
                |ui| {
                    writing_ui(ui, cx, e);
                    ui.separator();
                    preview_ui(ui, e, logo, true);
                },
            );
        } else {
            let preview_width = (ui.available_width() * 0.42).clamp(280.0, 560.0);
            egui::Panel::right("page-preview").resizable(false).exact_size(preview_width).show(ui, |ui| {
                preview_ui(ui, e, logo, false);
            });
            egui::CentralPanel::default().show(ui, |ui| {
                super::widgets::scroll_area()
                    .id_salt(("editor", e.account.id))
                    .auto_shrink([false, false])
                    .show(ui, |ui| writing_ui(ui, cx, e));
            });
        }
        if back {
            self.close(cx);
        }
    }
}

/// Above a page anyone approved: read-only with "Edit this page" until the user chooses to
/// change it, then "Undo my changes" while the text differs from the signed text. Returns
/// true when the user asked to undo.
fn signed_page_bar_ui(ui: &mut Ui, e: &mut Editor) -> bool {
    let mut undo = false;
    // The button first and one sentence of about the same length in either state, so that
    // choosing to edit moves nothing either.
    if e.guard == Guard::Locked {
        let who = crate::domain::names::and_list(&e.approvers);
        ui.horizontal_wrapped(|ui| {
            if ui.add(theme::primary_button(ui, "Edit this page")).clicked() {
                e.guard = Guard::Unlocking;
                e.said = None;
            }
            ui.label(format!("{who} signed this page off as it is; editing it needs new sign-offs."));
        });
    } else if e.signed_text.is_some() {
        ui.horizontal_wrapped(|ui| {
            let button = egui::Button::new(RichText::new("Undo my changes").size(17.0));
            if ui.add_enabled(e.undoable(), button).on_disabled_hover_text("Nothing has changed yet.").clicked() {
                undo = true;
            }
            ui.label("A change that stays needs new sign-offs; undo brings back the signed text and its sign-offs.");
        });
    }
    if let Some((text, tone)) = &e.said {
        let colour = if *tone == super::Tone::Problem { theme::warning(ui) } else { theme::good(ui) };
        ui.label(RichText::new(text).color(colour));
    }
    undo
}

/// The page as it will be printed, with how full it is and its fingerprint as typed. Beside
/// the writing it scrolls on its own; below it (`inline`, large text) it takes the whole
/// width at its full height, inside the editor's own scrolling.
fn preview_ui(ui: &mut Ui, e: &Editor, logo: Option<egui::TextureId>, inline: bool) {
    if let Some((_, _, page, fit)) = &e.laid_out {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("The page").strong());
            ui.label(fit_text(ui, fit));
        });
        if let Some(fp) = &e.context.fingerprint {
            ui.label(RichText::new(format!("Fingerprint of the page as typed: {fp}")).small().color(theme::quiet(ui)));
        }
        if inline {
            page_preview_ui(ui, page, logo, fit);
        } else {
            super::widgets::scroll_area().id_salt("preview-scroll").show(ui, |ui| page_preview_ui(ui, page, logo, fit));
        }
    }
}

/// The title, the text and everything that helps write it.
fn writing_ui(ui: &mut Ui, cx: &mut Cx<'_>, e: &mut Editor) {
    let before = (e.title.clone(), e.body.clone());
    // A signed page is shown read-only (selectable, so the cursor can be placed) until the
    // user chooses "Edit this page"; the boxes keep their ids either way.
    let l = ui.label("Title");
    let (title_id, body_id, locked) = (e.title_id(), e.body_id(), e.guard == Guard::Locked);
    let mut signed_title = e.title.as_str();
    let title_text: &mut dyn egui::TextBuffer = if locked { &mut signed_title } else { &mut e.title };
    ui.add(
        egui::TextEdit::singleline(title_text)
            .id(title_id)
            .hint_text("Optional: a short title for your page")
            .desired_width(f32::min(ui.available_width(), 460.0)),
    )
    .labelled_by(l.id);
    let l = ui.label("Your account");
    // Misspelt words are underlined once typing pauses, so a word is not marked while it is
    // still being written.
    if e.settled()
        && e.spelling.0 != e.body
        && let Some(speller) = &e.speller
    {
        e.spelling = (e.body.clone(), speller.check_text(&e.body, &e.known));
    }
    let (checked, misspelt) = (&e.spelling.0, e.spelling.1.iter().map(|m| m.range.clone()).collect::<Vec<_>>());
    let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
        let marks = if buf.as_str() == checked.as_str() { misspelt.as_slice() } else { &[] };
        writing::underlined(ui, buf.as_str(), marks, wrap)
    };
    let mut signed_body = e.body.as_str();
    let body_text: &mut dyn egui::TextBuffer = if locked { &mut signed_body } else { &mut e.body };
    let body = ui.add(
        egui::TextEdit::multiline(body_text)
            .id(body_id)
            .layouter(&mut layouter)
            .hint_text("How do you live this standard day to day? Leave a blank line between paragraphs. Start a line with “- ” for a list, or “> ” for a member's words.")
            .desired_rows(18)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    if e.guard == Guard::Unlocking && !ui.input(|i| i.pointer.any_click() || i.pointer.any_released()) {
        // Asked once the click on "Edit this page" is over, so the click does not take it
        // back; the cursor stays where the user put it in the read-only text.
        body.request_focus();
        e.guard = Guard::Open;
    }
    if (e.title.as_str(), e.body.as_str()) != (before.0.as_str(), before.1.as_str()) {
        e.edited_at = Some(Instant::now());
    }
    // What changes as the user types is said below the text, so the text box never moves.
    e.relayout();
    let words = word_count(&e.body);
    let gauge = e.laid_out.as_ref().map(|(_, _, _, fit)| fit_text(ui, fit)).unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{words} words"));
        ui.label("·");
        ui.label(gauge);
        let status = if e.unsaved() { "Saving…" } else { "Saved" };
        ui.label(RichText::new(status).small().color(theme::quiet(ui)));
    });
    if let Some(missing) = &e.unprintable {
        ui.label(
            RichText::new(format!(
                "The page cannot print {missing}: replace them before the page is signed off (your text is kept)."
            ))
            .color(theme::warning(ui)),
        );
    }
    if e.live_status() == AccountStatus::Changed
        && let Some((number, parts)) = &e.changes
    {
        egui::CollapsingHeader::new(format!("What changed since version {number} was signed off"))
            .id_salt("changes")
            .show(ui, |ui| diff_ui(ui, parts));
    }
    writing_help_ui(ui, cx, e);
    ui.add_space(6.0);
    export_ui(ui, cx, e);
    bundle_ui(ui, cx, e);
    email_ui(ui, cx, e);
    ui.add_space(6.0);
    if ui.button("Go to the self-assessment of this statement").clicked() {
        cx.commands.push(Command::OpenStatement(e.account.key.clone()));
    }
}
