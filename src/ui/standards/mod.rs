//! The Standards screen: a searchable list of statements, and for the one selected its text,
//! prompts, the self-assessment form (saved as the user types), evidence and actions.

mod import;

pub use import::ImportView;

use super::picker::Purpose;
use super::widgets::{Pane, area, field, hint, list_and_detail_ui, path_field, typed_path};
use super::{Command, Cx, theme};
use crate::domain::assessment::{ActionStatus, Assessment, EVIDENCE_KINDS, RUNGS, Stage};
use crate::domain::standards::{AppliesTo, StandardSet, Statement, StatementKey, StatementSearch};
use crate::store::{Action, EvidenceItem, NewEvidence};
use egui::{RichText, Ui};
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// How long typing may pause before the draft is saved.
const SAVE_AFTER: Duration = Duration::from_millis(400);

/// The Standards screen's view state.
#[derive(Debug, Default)]
pub struct StandardsView {
    search: String,
    sets: Vec<StandardSet>,
    /// The sets' statements prepared for searching.
    index: StatementSearch,
    /// The search last run and the statements it found (none while the search is empty).
    found: Option<(String, HashSet<StatementKey>)>,
    stages: HashMap<StatementKey, Option<Stage>>,
    hide_formal: bool,
    show_formal_anyway: bool,
    open: Option<OpenStatement>,
}

/// The statement being looked at, with the user's draft of its self-assessment.
#[derive(Debug)]
struct OpenStatement {
    key: StatementKey,
    set: StandardSet,
    versions: Vec<String>,
    section: String,
    statement: Statement,
    draft: Assessment,
    saved: Assessment,
    edited_at: Option<Instant>,
    changed_since: Option<(String, Assessment)>,
    evidence: Vec<EvidenceItem>,
    actions: Vec<Action>,
    /// The one-page accounts written about this statement: id and what to call it.
    accounts: Vec<(i64, String)>,
    new_evidence: NewEvidence,
    new_evidence_date: String,
    new_evidence_file: String,
    new_action_what: String,
    new_action_who: String,
    new_action_due: String,
    confirm_remove: Option<Removal>,
    form_error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Removal {
    Evidence(i64),
    Action(i64),
}

impl StandardsView {
    /// Reloads the sets and the stage of every statement.
    pub fn refresh(&mut self, cx: &mut Cx<'_>) {
        match cx.ws.current_sets() {
            Ok(sets) => {
                self.index = StatementSearch::new(&sets);
                self.sets = sets;
                self.found = None;
            }
            Err(e) => cx.problem(e),
        }
        match cx.ws.assessments() {
            Ok(all) => self.stages = all.into_iter().map(|(k, a)| (k, a.stage)).collect(),
            Err(e) => cx.problem(e),
        }
        self.hide_formal = cx.ws.hides_formal().unwrap_or(false);
        if let Some(o) = &mut self.open {
            // What was half typed into the forms below the statement stays.
            let key = o.key.clone();
            let forms = (
                std::mem::take(&mut o.new_evidence),
                std::mem::take(&mut o.new_evidence_date),
                std::mem::take(&mut o.new_evidence_file),
                std::mem::take(&mut o.new_action_what),
                std::mem::take(&mut o.new_action_who),
                std::mem::take(&mut o.new_action_due),
            );
            self.open(cx, &key);
            if let Some(o) = &mut self.open {
                (
                    o.new_evidence,
                    o.new_evidence_date,
                    o.new_evidence_file,
                    o.new_action_what,
                    o.new_action_who,
                    o.new_action_due,
                ) = forms;
            }
        }
    }

    /// True while typed text waits to be saved.
    pub fn has_unsaved(&self) -> bool {
        self.open.as_ref().is_some_and(|o| o.draft != o.saved)
    }

    /// Saves the draft now, if it changed.
    pub fn flush(&mut self, cx: &mut Cx<'_>) {
        let Some(o) = &mut self.open else { return };
        if o.draft == o.saved {
            return;
        }
        match cx.quietly(|ws| ws.save_assessment(&o.key, &o.draft)) {
            Ok(()) => {
                o.saved = o.draft.clone();
                o.edited_at = None;
                self.stages.insert(o.key.clone(), o.draft.stage);
            }
            Err(e) => cx.problem(e),
        }
    }

    /// Opens a statement (saving the one open before).
    pub fn open(&mut self, cx: &mut Cx<'_>, key: &StatementKey) {
        self.flush(cx);
        let loaded = (|| -> crate::workspace::Result<OpenStatement> {
            let set = cx.ws.load_set(&key.set_id, &key.version)?;
            let (section, statement) = set
                .statements()
                .find(|(_, _, s)| s.code == key.code)
                .map(|(_, sec, s)| (sec.title.clone(), s.clone()))
                .ok_or_else(|| crate::workspace::WorkspaceError::NoStatement { key: key.clone(), gone: true })?;
            let versions = cx.ws.sets()?.into_iter().filter(|s| s.id == key.set_id).map(|s| s.version).collect();
            let saved = cx.ws.assessment(key)?;
            Ok(OpenStatement {
                key: key.clone(),
                versions,
                section,
                statement,
                draft: saved.clone(),
                saved,
                edited_at: None,
                changed_since: cx.ws.changed_since(key)?,
                evidence: cx.ws.evidence(Some(key))?,
                actions: cx.ws.actions(Some(key))?,
                accounts: cx
                    .ws
                    .accounts()?
                    .into_iter()
                    .filter(|a| a.key == *key)
                    .map(|a| (a.id, if a.title.is_empty() { "Untitled".to_owned() } else { a.title }))
                    .collect(),
                set,
                new_evidence: NewEvidence::default(),
                new_evidence_date: String::new(),
                new_evidence_file: String::new(),
                new_action_what: String::new(),
                new_action_who: String::new(),
                new_action_due: String::new(),
                confirm_remove: None,
                form_error: None,
            })
        })();
        match loaded {
            Ok(o) => self.open = Some(o),
            // A statement remembered from another workspace is simply not opened.
            Err(_) if self.open.is_none() => {}
            Err(e) => cx.problem(e),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, import: &mut ImportView) {
        if let Some(o) = &self.open
            && o.draft != o.saved
            && o.edited_at.is_some_and(|t| t.elapsed() >= SAVE_AFTER)
        {
            self.flush(cx);
        }
        let list = egui::Panel::left("statement-list").resizable(true).default_size(360.0).size_range(260.0..=480.0);
        let back = list_and_detail_ui(ui, list, self.open.is_some(), "Back to the list of statements", |ui, pane| {
            match pane {
                Pane::List => self.list_ui(ui, cx, import),
                // Only a wide window shows the detail with no statement open.
                Pane::Detail if self.open.is_none() => {
                    ui.add_space(30.0);
                    ui.heading("Choose a statement");
                    hint(
                        ui,
                        "Pick a statement on the left to say where you are with it, and to keep its evidence and actions.",
                    );
                }
                Pane::Detail => {
                    super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| self.detail_ui(ui, cx));
                }
            }
        });
        if back {
            self.flush(cx);
            self.open = None;
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, import: &mut ImportView) {
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            ui.heading("Standards");
            if ui.button("Import standards…").clicked() {
                import.open_dialog();
            }
        });
        let l = ui.label("Search standards");
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("A word, a code or a tag")
                .desired_width(ui.available_width() - 8.0),
        )
        .labelled_by(l.id);
        if self.hide_formal {
            ui.checkbox(&mut self.show_formal_anyway, "Show statements for formal organisations");
        }
        ui.separator();
        let selected = self.open.as_ref().map(|o| o.key.clone());
        let mut clicked = None;
        if self.search.trim().is_empty() {
            self.found = None;
        } else if self.found.as_ref().is_none_or(|(q, _)| *q != self.search) {
            self.found = Some((self.search.clone(), self.index.find(&self.search)));
        }
        let found = self.found.as_ref().map(|(_, keys)| keys);
        super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| {
            let mut shown = 0;
            for set in &self.sets {
                // A set's title can be long: it wraps rather than running off the side.
                let id = ui.make_persistent_id(("set", &set.id));
                let collapsing = egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, true);
                let title = format!("{} ({})", set.title, set.version);
                collapsing.show_header(ui, |ui| ui.add(egui::Label::new(RichText::new(title).strong()).wrap())).body(
                    |ui| {
                        for section in &set.sections {
                            let visible: Vec<&Statement> = section
                                .statements
                                .iter()
                                .filter(|s| {
                                    found.is_none_or(|f| f.contains(&StatementKey::new(&set.id, &set.version, &s.code)))
                                })
                                .filter(|s| {
                                    !(self.hide_formal && !self.show_formal_anyway && s.applies_to == AppliesTo::Formal)
                                })
                                .collect();
                            if visible.is_empty() {
                                continue;
                            }
                            ui.label(RichText::new(&section.title).color(theme::quiet(ui)));
                            for s in visible {
                                shown += 1;
                                let key = StatementKey::new(&set.id, &set.version, &s.code);
                                let stage = self.stages.get(&key).copied().flatten();
                                let is_selected = selected.as_ref() == Some(&key);
                                ui.horizontal(|ui| {
                                    let (dot, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                                    theme::stage_mark(ui.painter(), dot.center(), 6.0, stage);
                                    let mut text = RichText::new(format!("{}  {}", s.code, s.title));
                                    if s.applies_to == AppliesTo::Formal && self.hide_formal {
                                        text = text.color(theme::quiet(ui)).italics();
                                    }
                                    let r = ui
                                        .add(
                                            egui::Button::selectable(is_selected, text)
                                                .wrap_mode(egui::TextWrapMode::Wrap),
                                        )
                                        .on_hover_text(format!(
                                            "{}{}",
                                            stage.map_or("Not assessed yet", Stage::label),
                                            if s.applies_to == AppliesTo::Formal {
                                                " · formal organisations only"
                                            } else {
                                                ""
                                            }
                                        ));
                                    if r.clicked() {
                                        clicked = Some(key.clone());
                                    }
                                });
                            }
                        }
                    },
                );
            }
            if shown == 0 {
                hint(ui, "No statement matches this search. Try a shorter word.");
            }
        });
        if let Some(key) = clicked {
            cx.commands.push(Command::OpenStatement(key));
        }
    }

    fn detail_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let hide_formal = self.hide_formal;
        let Some(o) = &mut self.open else { return };
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} · version {}", o.set.title, o.key.version)).color(theme::quiet(ui)));
            if o.versions.len() > 1 {
                egui::ComboBox::from_label("Version").selected_text(&o.key.version).show_ui(ui, |ui| {
                    for v in &o.versions {
                        if ui.selectable_label(*v == o.key.version, v).clicked() && *v != o.key.version {
                            cx.commands.push(Command::OpenStatement(StatementKey::new(&o.key.set_id, v, &o.key.code)));
                        }
                    }
                });
            }
        });
        if o.versions.first().is_some_and(|newest| *newest != o.key.version) {
            ui.label(
                RichText::new(
                    "This is an older version of these standards, kept so that work written against it stays readable.",
                )
                .color(theme::warning(ui)),
            );
        }
        ui.heading(format!("{}  {}", o.statement.code, o.statement.title));
        ui.label(RichText::new(&o.section).color(theme::quiet(ui)));
        if o.statement.applies_to == AppliesTo::Formal {
            let note = if hide_formal {
                "Applies only to organisations with a formal structure; yours is set as informal, so you may leave it."
            } else {
                "Applies only to organisations with a formal structure."
            };
            ui.label(RichText::new(note).italics().color(theme::quiet(ui)));
        }
        ui.add_space(4.0);
        ui.label(RichText::new(&o.statement.text).size(17.0));
        ui.label(RichText::new(&o.set.status).small().color(theme::quiet(ui)));
        if let Some((version, old)) = &o.changed_since {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!(
                    "The wording of this statement changed since version {version}. There you said: {}{}. Read it again and record where you are now.",
                    old.stage.map_or("not assessed", Stage::label),
                    old.rung.map(|r| format!(", rung {r}")).unwrap_or_default()
                ))
                .color(theme::warning(ui)));
            });
        }
        if !o.statement.prompts.is_empty() || !o.statement.evidence.is_empty() {
            let prompts = |ui: &mut Ui| {
                egui::CollapsingHeader::new("Questions to help you write").default_open(true).show(ui, |ui| {
                    for p in &o.statement.prompts {
                        ui.label(format!("• {p}"));
                    }
                });
            };
            let evidence = |ui: &mut Ui| {
                egui::CollapsingHeader::new("Evidence that often shows this").default_open(true).show(ui, |ui| {
                    for e in &o.statement.evidence {
                        ui.label(format!("• {e}"));
                    }
                });
            };
            if ui.available_width() < 700.0 {
                prompts(ui);
                evidence(ui);
            } else {
                ui.columns(2, |cols| {
                    prompts(&mut cols[0]);
                    evidence(&mut cols[1]);
                });
            }
        }
        ui.separator();
        assessment_ui(ui, o);
        ui.separator();
        accounts_ui(ui, cx, o);
        ui.separator();
        evidence_ui(ui, cx, o);
        ui.separator();
        actions_ui(ui, cx, o);
        ui.add_space(30.0);
    }
}

/// The one-page accounts of this statement, and a way to start one from here.
fn accounts_ui(ui: &mut Ui, cx: &mut Cx<'_>, o: &mut OpenStatement) {
    theme::subheading(ui, "Your one-page account");
    if o.accounts.is_empty() {
        hint(ui, "A one-page account says how you live this statement day to day, in your own words.");
    }
    for (id, name) in &o.accounts {
        if ui.button(format!("Open the account “{name}”")).clicked() {
            cx.commands.push(Command::OpenAccount(*id));
        }
    }
    let label = if o.accounts.is_empty() { "Write an account of this statement" } else { "Write another account" };
    if ui.button(label).clicked() {
        match cx.ws.new_account(&o.key, "", "") {
            Ok(id) => {
                // Listed here at once, so coming back shows it rather than offering a second.
                o.accounts.push((id, "Untitled".to_owned()));
                cx.commands.push(Command::OpenAccount(id));
            }
            Err(e) => cx.problem(e),
        }
    }
}

fn assessment_ui(ui: &mut Ui, o: &mut OpenStatement) {
    let before = o.draft.clone();
    ui.horizontal_wrapped(|ui| {
        theme::subheading(ui, "Where are we?");
        let status = if o.draft == o.saved { "Saved" } else { "Saving…" };
        ui.label(RichText::new(status).small().color(theme::quiet(ui)));
    });
    if let Some(from) = &o.draft.carried_from {
        hint(ui, &format!("Carried over from version {from}, where the statement reads the same."));
    }
    ui.label("Stage");
    ui.horizontal_wrapped(|ui| {
        for stage in Stage::ALL {
            ui.radio_value(&mut o.draft.stage, Some(stage), stage.label()).on_hover_text(stage.help());
        }
    });
    // The explanation keeps one size whichever stage is chosen: the fields below stay put.
    let helps: Vec<&str> = Stage::ALL.iter().map(|s| s.help()).collect();
    let stage_help = o.draft.stage.map_or("Choose the stage that fits best: what it means is said here.", Stage::help);
    super::widgets::steady_hint(ui, stage_help, &helps);
    if o.draft.stage == Some(Stage::NotApplicable) {
        field(ui, "Why it does not apply", &mut o.draft.na_reason, "For example: we have no paid staff");
        if o.draft.na_reason.trim().is_empty() {
            ui.label(RichText::new("Say why this does not apply, so readers understand.").color(theme::warning(ui)));
        }
    }
    ui.add_space(4.0);
    let l = ui.label("How involved are members? (ladder of participation)");
    let selected = o
        .draft
        .rung
        .map_or_else(|| "Choose a rung".to_owned(), |r| format!("{r}. {}", RUNGS[usize::from(r.clamp(1, 7)) - 1].0));
    egui::ComboBox::from_id_salt("rung")
        .selected_text(selected)
        .width(320.0)
        // Tall enough for all seven rungs, at any text size.
        .height(ui.ctx().content_rect().height())
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut o.draft.rung, None, "Not chosen");
            for (i, (name, help)) in RUNGS.iter().enumerate() {
                let rung = u8::try_from(i + 1).unwrap_or(1);
                ui.selectable_value(&mut o.draft.rung, Some(rung), format!("{rung}. {name}")).on_hover_text(*help);
            }
        })
        .response
        .labelled_by(l.id);
    let rung_helps: Vec<&str> = RUNGS.iter().map(|(_, help)| *help).collect();
    let rung_help = o
        .draft
        .rung
        .and_then(crate::domain::assessment::rung_help)
        .unwrap_or("Choose the rung that fits best: what it means is said here.");
    super::widgets::steady_hint(ui, rung_help, &rung_helps);
    area(ui, "What we do well", &mut o.draft.well, "What happens day to day that shows this?", 3);
    area(ui, "What we want to develop", &mut o.draft.develop, "What would make this stronger?", 3);
    area(ui, "Note", &mut o.draft.note, "Anything else to remember", 2);
    if o.draft != before {
        o.edited_at = Some(Instant::now());
    }
}

fn evidence_ui(ui: &mut Ui, cx: &mut Cx<'_>, o: &mut OpenStatement) {
    theme::subheading(ui, "Evidence");
    if o.evidence.is_empty() {
        hint(ui, "No evidence yet. Add a document, a photo, minutes or a member's words below.");
    }
    let mut remove = None;
    for e in &o.evidence {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&e.details.title).strong());
            let mut bits = Vec::new();
            if let Some(d) = &e.details.date {
                bits.push(crate::domain::assessment::date_for_people(d));
            }
            if !e.details.kind.is_empty() {
                bits.push(e.details.kind.clone());
            }
            if let Some(f) = &e.file {
                bits.push(format!("{} ({} KB)", f.name, f.size.div_ceil(1024)));
            }
            ui.label(RichText::new(bits.join(" · ")).color(theme::quiet(ui)));
            if e.details.personal_data {
                ui.add(
                    egui::Label::new(RichText::new("personal data").small().color(theme::warning(ui)))
                        .wrap_mode(egui::TextWrapMode::Extend),
                )
                .on_hover_text("Holds personal data about members: share it only with consent.");
            }
            if o.confirm_remove == Some(Removal::Evidence(e.id)) {
                ui.label("Remove this evidence?");
                if ui.button("Yes, remove").clicked() {
                    remove = Some(Removal::Evidence(e.id));
                }
                if ui.button("Keep it").clicked() {
                    o.confirm_remove = None;
                }
            } else if ui.small_button("Remove…").clicked() {
                o.confirm_remove = Some(Removal::Evidence(e.id));
            }
        });
        if !e.details.note.is_empty() {
            ui.label(RichText::new(&e.details.note).color(theme::quiet(ui)));
        }
    }
    if let Some(Removal::Evidence(id)) = remove {
        match cx.ws.remove_evidence(id) {
            Ok(()) => {
                cx.good("Evidence removed.");
            }
            Err(e) => cx.problem(e),
        }
        o.confirm_remove = None;
    }
    egui::CollapsingHeader::new("Add evidence").id_salt("add-evidence").show(ui, |ui| {
        field(ui, "Evidence title", &mut o.new_evidence.title, "For example: Minutes of the members' meeting");
        // One below the other: side by side, a narrow window broke "Document" mid-word.
        super::widgets::date_field(ui, "Date of the evidence", &mut o.new_evidence_date);
        let l = ui.label("Kind");
        egui::ComboBox::from_id_salt("evidence-kind")
            .selected_text(if o.new_evidence.kind.is_empty() { "Choose…" } else { o.new_evidence.kind.as_str() })
            .wrap_mode(egui::TextWrapMode::Extend)
            .show_ui(ui, |ui| {
                for k in EVIDENCE_KINDS {
                    ui.selectable_value(&mut o.new_evidence.kind, k.to_owned(), k);
                }
            })
            .response
            .labelled_by(l.id);
        area(ui, "Evidence note", &mut o.new_evidence.note, "Where it is kept, who made it", 2);
        ui.checkbox(&mut o.new_evidence.personal_data, "Holds personal data about members");
        path_field(ui, cx, "Attach a file (optional)", &mut o.new_evidence_file, Purpose::Evidence);
        if let Some(err) = &o.form_error {
            ui.label(RichText::new(err).color(theme::warning(ui)));
        }
        if ui.button("Save this evidence").clicked() {
            let details = NewEvidence { date: Some(o.new_evidence_date.clone()), ..o.new_evidence.clone() };
            let file = typed_path(&o.new_evidence_file);
            match cx.ws.add_evidence(&o.key, &details, file.as_deref()) {
                Ok(_) => {
                    cx.good(format!("Evidence “{}” added.", details.title.trim()));
                    o.new_evidence = NewEvidence::default();
                    o.new_evidence_date.clear();
                    o.new_evidence_file.clear();
                    o.form_error = None;
                }
                Err(e) => o.form_error = Some(e.to_string()),
            }
        }
    });
}

fn actions_ui(ui: &mut Ui, cx: &mut Cx<'_>, o: &mut OpenStatement) {
    theme::subheading(ui, "What we will do next");
    if o.actions.is_empty() {
        hint(ui, "No actions yet. Note what you will do, who will do it and by when.");
    }
    let mut changed = None;
    let mut remove = None;
    for a in &o.actions {
        ui.horizontal_wrapped(|ui| {
            let mut status = a.status;
            let l = ui.label("Status");
            egui::ComboBox::from_id_salt(("action-status", a.id))
                .selected_text(status.label())
                .width(120.0)
                .show_ui(ui, |ui| {
                    for s in ActionStatus::ALL {
                        ui.selectable_value(&mut status, s, s.label());
                    }
                })
                .response
                .labelled_by(l.id);
            if status != a.status {
                changed = Some(Action { status, ..a.clone() });
            }
            let text = RichText::new(&a.what);
            ui.label(if a.status == ActionStatus::Done { text.strikethrough() } else { text });
            let mut bits = Vec::new();
            if !a.who.is_empty() {
                bits.push(a.who.clone());
            }
            if let Some(d) = &a.due {
                bits.push(format!("by {}", crate::domain::assessment::date_for_people(d)));
            }
            ui.label(RichText::new(bits.join(" · ")).color(theme::quiet(ui)));
            if o.confirm_remove == Some(Removal::Action(a.id)) {
                ui.label("Remove this action?");
                if ui.button("Yes, remove").clicked() {
                    remove = Some(a.id);
                }
                if ui.button("Keep it").clicked() {
                    o.confirm_remove = None;
                }
            } else if ui.small_button("Remove…").clicked() {
                o.confirm_remove = Some(Removal::Action(a.id));
            }
        });
    }
    if let Some(a) = changed
        && let Err(e) = cx.ws.update_action(&a)
    {
        cx.problem(e);
    }
    if let Some(id) = remove {
        if let Err(e) = cx.ws.remove_action(id) {
            cx.problem(e);
        }
        o.confirm_remove = None;
    }
    egui::CollapsingHeader::new("Add an action").id_salt("add-action").show(ui, |ui| {
        field(
            ui,
            "What will you do?",
            &mut o.new_action_what,
            "For example: ask members to review the welcome leaflet",
        );
        field(ui, "Who", &mut o.new_action_who, "A name");
        super::widgets::date_field(ui, "By when", &mut o.new_action_due);
        if ui.button("Save this action").clicked() {
            match cx.ws.add_action(&o.key, &o.new_action_what, &o.new_action_who, Some(&o.new_action_due)) {
                Ok(_) => {
                    cx.good("Action added.");
                    o.new_action_what.clear();
                    o.new_action_who.clear();
                    o.new_action_due.clear();
                }
                Err(e) => cx.problem(e),
            }
        }
    });
}
