//! The Report screen, with two sides. The college's coordinator builds the collective report:
//! its details, adding contribution bundles (dialog, typed path or dropped onto the window),
//! who has signed off the report as it is now, recording sign-offs, the review pack and the
//! export. A LERO opens the review manifest the college sent, sees its own pages as they
//! appear in the report, and signs the report off with a receipt.

mod lero;
mod numbers;
mod table;

use super::picker::Purpose;
use super::widgets::{
    AskBeforeReplacing, FileField, area, asked_path, documents_folder, field, hint, path_field, safe_file_name,
    with_extension, yes_or_no,
};
use super::{Command, Cx, Screen, theme};
use crate::domain::fingerprint::short;
use crate::domain::organisation::Person;
use crate::domain::report::ReportSignoff;
use crate::domain::text::plural;
use crate::workspace::{ManifestReview, ReportStatus, StatementCoverage};
use egui::{RichText, Ui};
use std::path::{Path, PathBuf};

/// Which side of the review the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The college builds the collective report.
    College,
    /// A LERO signs off the report the college sent.
    Lero,
}

/// A sign-off given another way, being typed in.
#[derive(Default)]
struct OtherWay {
    org: Option<String>,
    person: String,
    how: String,
    by: String,
}

/// The Report screen's view state.
#[derive(Default)]
pub struct ReportView {
    side: Option<Side>,
    /// The report as it is now; `None` when this workspace has no report.
    status: Option<ReportStatus>,
    coverage: Vec<StatementCoverage>,
    // The report's details as typed.
    title: String,
    year: String,
    introduction: String,
    // Starting a report.
    new_title: String,
    new_year: String,
    bundle_path: String,
    /// What the last import did, one sentence per file.
    last_import: Vec<(bool, String)>,
    /// Bundles refused because their organisation's name looks like a known one's, waiting
    /// for the coordinator to say they are from a different organisation.
    look_alikes: Vec<PathBuf>,
    receipt_path: String,
    other: OtherWay,
    pack_dir: String,
    pdf_path: String,
    /// Where the web page was asked to be saved.
    web_page_path: String,
    /// Asks before the pack, the PDF, the web page or a receipt replaces files that are there.
    ask_pack: AskBeforeReplacing,
    ask_pdf: AskBeforeReplacing,
    ask_web_page: AskBeforeReplacing,
    /// Where the table for analysts was asked to be saved, and the question before it
    /// replaces a file.
    table_path: String,
    ask_table: AskBeforeReplacing,
    ask_receipt: AskBeforeReplacing,
    /// An export started here is running.
    pub(super) exporting: bool,
    // The LERO's side.
    manifest_path: String,
    review: Option<(PathBuf, ManifestReview)>,
    people: Vec<Person>,
    signer: Option<String>,
    receipt_out: String,
    /// Where to save the report a manifest carries, as this app lays it out.
    review_pdf: String,
    ask_review_pdf: AskBeforeReplacing,
}

impl ReportView {
    /// Reloads the report, its status and coverage.
    pub fn refresh(&mut self, cx: &mut Cx<'_>) {
        match cx.ws.people() {
            Ok(p) => self.people = p,
            Err(e) => cx.problem(e),
        }
        if !cx.ws.has_report().unwrap_or(false) {
            self.status = None;
            self.coverage.clear();
            self.side.get_or_insert(Side::Lero);
            return;
        }
        match cx.ws.report_status().and_then(|s| Ok((s, cx.ws.report_coverage()?))) {
            Ok((status, coverage)) => {
                self.title.clone_from(&status.report.title);
                self.year.clone_from(&status.report.year);
                self.introduction.clone_from(&status.report.introduction);
                self.status = Some(status);
                self.coverage = coverage;
                self.side.get_or_insert(Side::College);
            }
            Err(e) => cx.problem(e),
        }
    }

    /// The export running off the frame has finished.
    pub fn export_finished(&mut self) {
        self.exporting = false;
    }

    /// Files dropped onto the window: bundles are added to the report, a receipt is recorded,
    /// a manifest is opened for review.
    pub fn dropped(&mut self, cx: &mut Cx<'_>, paths: &[PathBuf]) {
        let ext = |p: &Path| p.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default();
        let bundles: Vec<PathBuf> = paths.iter().filter(|p| ext(p) == "lero-bundle" || p.is_dir()).cloned().collect();
        if !bundles.is_empty() {
            self.side = Some(Side::College);
            self.add_bundles(cx, &bundles);
        }
        for p in paths.iter().filter(|p| ext(p) == "lero-receipt") {
            self.side = Some(Side::College);
            self.record_receipt(cx, p);
        }
        if let Some(p) = paths.iter().find(|p| ext(p) == "lero-manifest") {
            self.side = Some(Side::Lero);
            self.open_manifest(cx, p);
        }
        let other: Vec<String> = paths
            .iter()
            .filter(|p| !p.is_dir() && !["lero-bundle", "lero-receipt", "lero-manifest"].contains(&ext(p).as_str()))
            .map(|p| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()))
            .collect();
        if !other.is_empty() {
            let (is, it) = if other.len() == 1 { ("is", "it") } else { ("are", "them") };
            cx.problem(format!(
                "{} {is} not a bundle, receipt or manifest (their names end .lero-bundle, .lero-receipt or .lero-manifest), so nothing was done with {it}.",
                other.join(", ")
            ));
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        if self.side.is_none() {
            self.refresh(cx);
        }
        super::widgets::scroll_area().auto_shrink([false, false]).show(ui, |ui| {
            ui.add_space(8.0);
            ui.heading("Collective report");
            ui.horizontal_wrapped(|ui| {
                let side = self.side.unwrap_or(Side::Lero);
                if ui.selectable_label(side == Side::Lero, "Sign off a report from the college").clicked() {
                    self.side = Some(Side::Lero);
                }
                if ui.selectable_label(side == Side::College, "Build the collective report (college)").clicked() {
                    self.side = Some(Side::College);
                }
            });
            ui.separator();
            match self.side.unwrap_or(Side::Lero) {
                Side::Lero => self.lero_ui(ui, cx),
                Side::College => match self.status.take() {
                    None => self.start_ui(ui, cx),
                    Some(status) => {
                        self.college_ui(ui, cx, &status);
                        if self.status.is_none() {
                            self.status = Some(status);
                        }
                    }
                },
            }
        });
    }

    fn start_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Start the collective report");
        hint(
            ui,
            "The college collects one-page accounts from LEROs as signed bundles and puts them together in one report. It is published only when every contributor has signed it off.",
        );
        field(ui, "Report title", &mut self.new_title, "For example: How LEROs live the standards");
        if self.new_year.is_empty() {
            self.new_year = crate::workspace::today().chars().take(4).collect();
        }
        field(ui, "Year it covers", &mut self.new_year, "2026");
        ui.add_space(6.0);
        if ui.add(theme::primary_button(ui, "Start the report")).clicked() {
            match cx.ws.new_report(&self.new_title, Some(&self.new_year), "") {
                Ok(_) => {
                    cx.good(format!("Started the collective report “{}”.", self.new_title.trim()));
                    self.new_title.clear();
                    self.refresh(cx);
                }
                Err(e) => cx.problem(e),
            }
        }
    }

    fn college_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, status: &ReportStatus) {
        ui.label(RichText::new(format!("{} ({})", status.report.title, status.report.year)).size(20.0).strong());
        let (sentence, colour) = ready_sentence(ui, status);
        ui.label(RichText::new(sentence).strong().color(colour));
        hint(
            ui,
            &format!(
                "{} from {}. Report fingerprint {} (a short code worked out from everything in the report: any change gives a new one, and sign-offs of an earlier one go out of date).",
                plural(status.contributions, "account", "accounts"),
                plural(status.contributors.len(), "contributor", "contributors"),
                short(&status.fingerprint)
            ),
        );
        self.details_ui(ui, cx);
        ui.add_space(6.0);
        self.add_ui(ui, cx);
        Self::contributors_ui(ui, status);
        numbers::numbers_ui(ui, status, &self.coverage);
        self.record_ui(ui, cx, status);
        self.export_ui(ui, cx, status);
        self.coverage_ui(ui);
    }

    fn add_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Add contributions");
        hint(
            ui,
            "A bundle is the signed file a LERO sends with its page (its name ends .lero-bundle). Choose one or many, type a file or folder, or drop them onto this window.",
        );
        let added = FileField::new("Bundle file or folder", Purpose::Bundles)
            .button("Add to the report", "Type the bundle's file or folder, or choose the bundles.")
            .open_ui(ui, cx, &mut self.bundle_path);
        if !added.is_empty() {
            self.add_bundles(cx, &added);
            self.bundle_path.clear();
        }
        for (ok, line) in &self.last_import {
            ui.label(RichText::new(line).color(if *ok { theme::quiet(ui) } else { theme::warning(ui) }));
        }
        self.look_alike_ui(ui, cx);
    }

    /// For each bundle refused because its organisation's name looks like a known one's:
    /// add it as a different organisation (after a phone call), or leave it out.
    fn look_alike_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        let Some(path) = self.look_alikes.first().cloned() else { return };
        let answer = egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Is {} from a different organisation? Only say yes after phoning both and comparing their keys.",
                    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ))
                .strong(),
            );
            yes_or_no(ui, "Add it as a different organisation", "Do not add it")
        });
        match answer.inner {
            Some(true) => {
                self.look_alikes.remove(0);
                match cx.ws.import_bundle_from_new_org(&path) {
                    Ok(r) => {
                        cx.good(r.summary());
                        self.last_import.push((true, r.summary()));
                    }
                    Err(e) => cx.problem(e),
                }
                self.refresh(cx);
            }
            Some(false) => {
                self.look_alikes.remove(0);
                cx.good(format!("{} was not added.", path.display()));
            }
            None => {}
        }
    }

    /// Imports bundles (a folder stands for every bundle in it), each on its own so one bad
    /// file does not stop the rest.
    fn add_bundles(&mut self, cx: &mut Cx<'_>, paths: &[PathBuf]) {
        let mut files = Vec::new();
        for p in paths {
            if p.is_dir() {
                match bundles_in(p) {
                    Ok(found) if found.is_empty() => {
                        cx.problem(format!("There are no bundles (files ending .lero-bundle) in {}.", p.display()));
                    }
                    Ok(found) => files.extend(found),
                    Err(e) => cx.problem(format!("The folder {} could not be read ({e}).", p.display())),
                }
            } else {
                files.push(p.clone());
            }
        }
        if files.is_empty() {
            return;
        }
        self.last_import.clear();
        self.look_alikes.clear();
        let mut failed = 0;
        for f in &files {
            match cx.ws.import_bundle(f) {
                Ok(r) => self.last_import.push((true, r.summary())),
                Err(e) => {
                    if matches!(e, crate::workspace::WorkspaceError::LooksLike { .. }) {
                        self.look_alikes.push(f.clone());
                    }
                    failed += 1;
                    self.last_import.push((false, e.to_string()));
                }
            }
        }
        if failed == 0 {
            cx.good(format!(
                "Added {}; see what each did under “Add contributions”.",
                plural(files.len(), "bundle", "bundles")
            ));
        } else if files.len() == 1 {
            cx.problem(format!("The bundle was not added. {}", self.last_import[0].1));
        } else {
            cx.problem(format!(
                "{failed} of {} bundles were not added (see why under “Add contributions”); the others were. Check those files with their senders.",
                files.len()
            ));
        }
        self.refresh(cx);
    }

    fn contributors_ui(ui: &mut Ui, status: &ReportStatus) {
        theme::subheading(ui, "Contributors and their sign-off");
        if status.contributors.is_empty() {
            hint(ui, "No contributions yet: add the bundles LEROs sent you.");
            return;
        }
        egui::Grid::new("contributors").striped(true).num_columns(5).spacing([18.0, 6.0]).show(ui, |ui| {
            for h in ["Organisation", "Area and contact", "Accounts", "Sign-off of this version", "Signed by"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for c in &status.contributors {
                if c.looks_like.is_empty() {
                    ui.label(&c.org);
                } else {
                    ui.label(RichText::new(format!("{} (name like {})", c.org, c.looks_like.join(", "))).strong())
                        .on_hover_text(crate::workspace::look_alike_note(c).unwrap_or_default());
                }
                let contact: Vec<&str> =
                    [c.area.as_str(), c.email.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
                ui.label(contact.join(" · "));
                ui.label(c.contributions.to_string());
                let (text, colour) = match c.signoff {
                    ReportSignoff::Valid => (
                        format!("Signed off {}", c.signed_at.as_deref().and_then(|a| a.get(..10)).unwrap_or("")),
                        theme::good(ui),
                    ),
                    ReportSignoff::Stale => ("Out of date: signed an earlier version".to_owned(), theme::warning(ui)),
                    ReportSignoff::None => ("Not answered yet".to_owned(), theme::quiet(ui)),
                };
                ui.label(RichText::new(text).color(colour));
                ui.label(RichText::new(c.signed_by.as_deref().unwrap_or("")).color(theme::quiet(ui)));
                ui.end_row();
            }
        });
    }

    fn record_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, status: &ReportStatus) {
        theme::subheading(ui, "Record a sign-off");
        hint(
            ui,
            "A receipt is the signed file a LERO sends back when it signs off the report (its name ends .lero-receipt).",
        );
        let received = FileField::new("Receipt file", Purpose::Receipt)
            .button("Record the receipt", "Type the receipt's file, or choose it.")
            .open_ui(ui, cx, &mut self.receipt_path);
        if let Some(p) = received.first() {
            self.record_receipt(cx, p);
            self.receipt_path.clear();
        }
        ui.add_space(6.0);
        egui::CollapsingHeader::new("A sign-off given another way (phone, email)").id_salt("other-way").show(ui, |ui| {
            hint(ui, "Use this when a contributor signed off by phone or email instead of sending a receipt. It is marked as given that way, with your name and the date.");
            let l = ui.label("Contributor");
            let shown = self.other.org.clone().unwrap_or_else(|| "Choose a contributor".into());
            egui::ComboBox::from_id_salt("other-way-org")
                .selected_text(shown)
                .width(300.0)
                .show_ui(ui, |ui| {
                    for c in &status.contributors {
                        ui.selectable_value(&mut self.other.org, Some(c.org.clone()), &c.org);
                    }
                })
                .response
                .labelled_by(l.id);
            field(ui, "Who gave the sign-off", &mut self.other.person, "Their name and role");
            field(ui, "How it was given", &mut self.other.how, "For example: by phone on 20 November");
            field(ui, "Recorded by", &mut self.other.by, "Your name");
            if ui.button("Record this sign-off").clicked() {
                let Some(org) = self.other.org.clone() else {
                    cx.problem("Choose the contributor first.");
                    return;
                };
                match cx.ws.record_signoff_other_way(&org, &self.other.person, &self.other.how, &self.other.by) {
                    Ok(sentence) => {
                        cx.good(sentence);
                        self.other = OtherWay { by: std::mem::take(&mut self.other.by), ..OtherWay::default() };
                        self.refresh(cx);
                    }
                    Err(e) => cx.problem(e),
                }
            }
        });
    }

    fn record_receipt(&mut self, cx: &mut Cx<'_>, path: &Path) {
        match cx.ws.record_receipt(path) {
            Ok(r) if r.valid => cx.good(r.summary),
            Ok(r) => cx.problem(r.summary),
            Err(e) => cx.problem(e),
        }
        self.refresh(cx);
    }

    fn coverage_ui(&self, ui: &mut Ui) {
        theme::subheading(ui, "Statements and the accounts of them");
        if self.coverage.is_empty() {
            hint(
                ui,
                "Each statement the contributions are about will be listed here, with the LEROs that wrote about it.",
            );
            return;
        }
        let covered = self.coverage.iter().filter(|c| !c.orgs.is_empty()).count();
        hint(
            ui,
            &format!(
                "{covered} of {} statements have at least one account; the ones with none are shown too, so you can see the gaps.",
                self.coverage.len()
            ),
        );
        // One grid per standard set, its title above it.
        for (n, group) in self.coverage.chunk_by(|a, b| a.set_label == b.set_label).enumerate() {
            ui.label(RichText::new(&group[0].set_label).strong().color(theme::quiet(ui)));
            Self::coverage_grid_ui(ui, n, group);
        }
    }

    fn coverage_grid_ui(ui: &mut Ui, n: usize, group: &[StatementCoverage]) {
        egui::Grid::new(("coverage", n)).striped(true).num_columns(3).spacing([14.0, 4.0]).show(ui, |ui| {
            for c in group {
                ui.label(RichText::new(&c.code).strong().color(theme::accent(ui)));
                ui.label(&c.title);
                if c.orgs.is_empty() {
                    ui.label(RichText::new("no accounts yet").color(theme::quiet(ui)));
                } else {
                    ui.label(format!("{}: {}", plural(c.orgs.len(), "account", "accounts"), c.orgs.join(", ")));
                }
                ui.end_row();
            }
        });
    }

    fn details_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        egui::CollapsingHeader::new("Change the title, year or introduction").id_salt("report-details").show(ui, |ui| {
            field(ui, "Report title", &mut self.title, "How LEROs live the standards");
            field(ui, "Year it covers", &mut self.year, "2026");
            area(
                ui,
                "Introduction",
                &mut self.introduction,
                "A few paragraphs that open the report (blank line = new paragraph)",
                6,
            );
            hint(
                ui,
                "Changing these changes the report, so sign-offs already given go out of date and are asked for again.",
            );
            if ui.button("Save the details").clicked() {
                match cx.ws.set_report_text(&self.title, &self.year, &self.introduction) {
                    Ok(()) => {
                        cx.good("Saved the report's title, year and introduction.");
                        self.refresh(cx);
                    }
                    Err(e) => cx.problem(e),
                }
            }
        });
    }

    fn export_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, status: &ReportStatus) {
        theme::subheading(ui, "Send for review, and export");
        hint(
            ui,
            "The review pack is the draft report and a manifest (a signed list of what is in it). Send both to every contributor; each signs it off in LERO Evidence and sends back a receipt.",
        );
        let picked = cx.take_picked(Purpose::PackFolder);
        if self.pack_dir.is_empty() {
            self.pack_dir = documents_folder().join("Report review pack").display().to_string();
        }
        let typed = path_field(ui, cx, "Folder for the review pack", &mut self.pack_dir, Purpose::PackFolder);
        if let Some(p) = &picked {
            self.pack_dir = p.display().to_string();
        }
        let clicked = ui.button("Write the review pack").clicked() || typed || picked.is_some();
        let asked =
            asked_path(cx, clicked, &mut self.pack_dir, "Type the folder for the review pack, or choose it.", None);
        let pack_files = |dir: &Path| vec![dir.join("report-draft.pdf"), dir.join("report.lero-manifest")];
        if let Some(dir) = self.ask_pack.confirm(ui, cx, asked, &self.pack_dir, pack_files) {
            match cx.ws.write_review_pack(&dir) {
                Ok(pack) => cx.good(pack.to_string()),
                Err(e) => cx.problem(e),
            }
        }
        ui.add_space(8.0);
        let ready = status.ready();
        if !ready {
            hint(ui, "Until every contributor has signed off this version, every page is marked DRAFT.");
        }
        if self.pdf_path.is_empty() {
            self.pdf_path = documents_folder()
                .join(format!("{}.pdf", safe_file_name(&status.report.title, "Collective report")))
                .display()
                .to_string();
        }
        let typed = path_field(ui, cx, "Save the report PDF as", &mut self.pdf_path, Purpose::SavePdf);
        self.web_page_ui(ui, cx);
        self.table_ui(ui, cx);
        if self.exporting {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label("Exporting…");
            });
        } else {
            let (pdf, web_page) = ui
                .horizontal_wrapped(|ui| {
                    let pdf = ui.add(theme::primary_button(
                        ui,
                        if ready { "Export the final report" } else { "Export the draft report" },
                    ));
                    let web_page = if cx.picking == Some(Purpose::SaveWebPage) {
                        ui.spinner();
                        ui.label(RichText::new("Waiting for the file dialog…").color(theme::quiet(ui)));
                        false
                    } else {
                        ui.button("Export as a web page…")
                            .on_hover_text(
                                "The report as one web page, for a website or a phone: the same words, readable with a screen reader.",
                            )
                            .clicked()
                    };
                    if table::table_button_ui(ui, cx) {
                        cx.commands.push(Command::PickFile(Purpose::SaveTable));
                    }
                    (pdf.clicked(), web_page)
                })
                .inner;
            if web_page {
                cx.commands.push(Command::PickFile(Purpose::SaveWebPage));
            }
            let clicked = pdf || typed;
            let asked = asked_path(
                cx,
                clicked,
                &mut self.pdf_path,
                "Type where to save the report, or choose it.",
                Some("pdf"),
            );
            let Some(path) = self.ask_pdf.confirm(ui, cx, asked, &self.pdf_path, |p| vec![p.to_path_buf()]) else {
                return;
            };
            let job = cx.ws.prepare_report_pdf(false);
            self.start_export(cx, job, path);
        }
    }
}

impl ReportView {
    /// The web page's export: the file chosen in the save dialog (ending in .html unless it
    /// ends in .htm), asked about before replacing a file, then written off the frame.
    fn web_page_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        // One export at a time: a file chosen meanwhile waits for the one running.
        if self.exporting {
            return;
        }
        let asked = cx.take_picked(Purpose::SaveWebPage).map(|path| {
            let htm = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("htm"));
            let path = if htm { path } else { with_extension(path, "html") };
            self.web_page_path = path.display().to_string();
            path
        });
        let Some(path) = self.ask_web_page.confirm(ui, cx, asked, &self.web_page_path, |p| vec![p.to_path_buf()])
        else {
            return;
        };
        let job = cx.ws.prepare_report_html(false);
        self.start_export(cx, job, path);
    }

    /// Runs a prepared export off the frame (the spinner shows until it ends), or says why
    /// it could not be prepared.
    fn start_export(
        &mut self,
        cx: &mut Cx<'_>,
        job: crate::workspace::Result<crate::workspace::ExportJob>,
        path: PathBuf,
    ) {
        match job {
            Ok(job) => {
                self.exporting = true;
                cx.commands.push(Command::RunExport(std::sync::Arc::new(job), path, Screen::Report));
            }
            Err(e) => cx.problem(e),
        }
    }
}

/// The bundles in a folder, by name.
fn bundles_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("lero-bundle")))
        .collect();
    found.sort();
    Ok(found)
}

/// Whether the report may be published, as a sentence and its colour.
fn ready_sentence(ui: &egui::Ui, status: &ReportStatus) -> (String, egui::Color32) {
    if status.ready() {
        return ("Ready to publish: every contributor has signed off this version.".to_owned(), theme::good(ui));
    }
    let waiting: Vec<&str> =
        status.contributors.iter().filter(|c| c.signoff != ReportSignoff::Valid).map(|c| c.org.as_str()).collect();
    let text = if waiting.is_empty() {
        "Not ready to publish: the report has no contributions yet.".to_owned()
    } else {
        let names = if waiting.len() <= 4 {
            waiting.join(", ")
        } else {
            format!("{} and {} more", waiting[..3].join(", "), waiting.len() - 3)
        };
        format!(
            "Not ready to publish: waiting for {} of {} contributors to sign off this version ({names}).",
            waiting.len(),
            status.contributors.len()
        )
    };
    (text, theme::warning(ui))
}
