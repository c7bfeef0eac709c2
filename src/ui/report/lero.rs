//! The LERO's side of the collective report: the college's manifest, reviewed and signed.

use super::ReportView;
use crate::domain::fingerprint::short;
use crate::domain::text::plural;
use crate::ui::picker::Purpose;
use crate::ui::widgets::{FileField, asked_path, hint, path_field};
use crate::ui::{Command, Cx, Screen, theme};
use egui::{RichText, Ui};
use std::path::Path;

impl ReportView {
    pub(super) fn lero_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>) {
        theme::subheading(ui, "Sign off the college's report");
        hint(
            ui,
            "When the college has put the report together, it sends you the draft (a PDF) and a manifest (a signed list of what is in the report; its name ends .lero-manifest). Open the manifest here to check your pages and sign the report off.",
        );
        let opened = FileField::new("Manifest file", Purpose::Manifest)
            .button("Open the manifest", "Type the manifest's file, or choose it.")
            .open_ui(ui, cx, &mut self.manifest_path);
        if let Some(p) = opened.first() {
            self.open_manifest(cx, p);
        }
        let Some((path, review)) = &self.review else { return };
        let path = path.clone();
        ui.add_space(8.0);
        let m = &review.manifest;
        ui.label(RichText::new(format!("{} ({})", m.title, m.year)).size(18.0).strong());
        hint(
            ui,
            &format!(
                "{} in the report. Report fingerprint {} (a short code worked out from everything in the report: if anything changes, so does the code). Sent by the college's key {}: if in doubt, phone the college and compare it.",
                plural(m.contributions.len(), "account", "accounts"),
                short(&m.report_fingerprint),
                review.sender_key
            ),
        );
        if review.complete {
            ui.label(RichText::new(format!(
                "Checked: the report fingerprint is that of the {} this manifest carries, each worked out again on this computer.",
                plural(m.pages.len(), "page", "pages")
            )).color(theme::good(ui)));
        } else {
            hint(
                ui,
                "This manifest was made by an earlier version of LERO Evidence: only your own pages can be checked in it.",
            );
        }
        if review.key_first_seen {
            hint(
                ui,
                &format!(
                    "This is the first manifest this workspace has seen: the college's key {} is now remembered. Phone the college to compare it; later manifests must carry the same key.",
                    review.sender_key
                ),
            );
        }
        theme::subheading(ui, "Your pages in the report");
        if review.own.is_empty() {
            ui.label(RichText::new("This report has no page from your organisation, so there is nothing for you to sign off. Check you opened the right file, or ask the college.").color(theme::warning(ui)));
            return;
        }
        for (e, signed) in &review.own {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&e.code).strong().color(theme::accent(ui)));
                ui.label(&e.statement_title);
                ui.label(RichText::new(format!("page fingerprint {}", short(&e.fingerprint))).color(theme::quiet(ui)));
                if *signed {
                    ui.label(RichText::new("This is the page you signed off.").color(theme::good(ui)));
                } else {
                    ui.label(RichText::new("Not a version you signed off.").color(theme::warning(ui)));
                }
            });
        }
        if !review.can_sign() {
            ui.label(
                RichText::new("The report shows a version of your page that your organisation did not sign off, so it cannot be approved: ask the college which version they have.")
                    .color(theme::warning(ui)),
            );
            return;
        }
        hint(
            ui,
            "Read the report before you sign it off. If you are happy with how your pages appear, sign the report off.",
        );
        if review.complete {
            self.review_pdf_ui(ui, cx, &path);
        }
        if self.people.is_empty() {
            hint(ui, "Add the people who sign off in Settings first.");
            return;
        }
        let l = ui.label("Who is signing for your organisation?");
        let shown = self.signer.clone().unwrap_or_else(|| "Choose a person".into());
        egui::ComboBox::from_id_salt("report-signer")
            .selected_text(shown)
            .width(300.0)
            .show_ui(ui, |ui| {
                for p in &self.people {
                    ui.selectable_value(&mut self.signer, Some(p.name.clone()), format!("{} ({})", p.name, p.role));
                }
            })
            .response
            .labelled_by(l.id);
        if self.receipt_out.is_empty() {
            self.receipt_out = path.with_file_name("report-signoff.lero-receipt").display().to_string();
        }
        if let Some(p) = cx.take_picked(Purpose::SaveReceipt) {
            self.receipt_out = p.display().to_string();
        }
        path_field(ui, cx, "Save the receipt as", &mut self.receipt_out, Purpose::SaveReceipt);
        let clicked = ui.add(theme::primary_button(ui, "Sign off the report")).clicked();
        if clicked && self.signer.is_none() {
            cx.problem("Choose who is signing first.");
            return;
        }
        let asked = asked_path(
            cx,
            clicked,
            &mut self.receipt_out,
            "Type where to save the receipt, or choose it.",
            Some("lero-receipt"),
        );
        if let Some(out) = self.ask_receipt.confirm(ui, cx, asked, &self.receipt_out, |p| vec![p.to_path_buf()]) {
            let Some(person) = self.signer.clone() else {
                cx.problem("Choose who is signing first.");
                return;
            };
            match cx.ws.write_receipt(&path, &person, &out) {
                Ok(receipt) => cx.good(receipt.to_string()),
                Err(e) => cx.problem(e),
            }
        }
    }

    /// Saves the report a complete manifest carries, laid out here: what signing approves.
    pub(super) fn review_pdf_ui(&mut self, ui: &mut Ui, cx: &mut Cx<'_>, manifest: &Path) {
        if self.review_pdf.is_empty() {
            self.review_pdf = manifest.with_file_name("report-as-signed.pdf").display().to_string();
        }
        let asked = FileField::new("Save the report you are signing as", Purpose::SavePdf)
            .button("Save the report as a PDF", "Type where to save the report, or choose it.")
            .save_ui(ui, cx, &mut self.review_pdf);
        if let Some(out) = self.ask_review_pdf.confirm(ui, cx, asked, &self.review_pdf, |p| vec![p.to_path_buf()]) {
            match cx.ws.prepare_manifest_pdf(manifest) {
                Ok(job) => cx.commands.push(Command::RunExport(std::sync::Arc::new(job), out, Screen::Report)),
                Err(e) => cx.problem(e),
            }
        }
    }

    pub(super) fn open_manifest(&mut self, cx: &mut Cx<'_>, path: &Path) {
        match cx.ws.review_manifest(path) {
            Ok(review) => {
                self.manifest_path = path.display().to_string();
                self.receipt_out.clear();
                self.review = Some((path.to_path_buf(), review));
            }
            Err(e) => {
                self.review = None;
                cx.problem(e);
            }
        }
    }
}
