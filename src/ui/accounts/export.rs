//! Exporting the open account: its PDF, and the bundle sent to the college.

use super::Editor;
use crate::domain::account::AccountStatus;
use crate::ui::picker::Purpose;
use crate::ui::widgets::{
    AskBeforeReplacing, FileField, asked_path, documents_folder, hint, path_field, safe_file_name,
};
use crate::ui::{Command, Cx, Screen};
use crate::workspace::PageContext;
use egui::Ui;

pub(super) fn bundle_ui(ui: &mut Ui, cx: &mut Cx<'_>, e: &mut Editor) {
    egui::CollapsingHeader::new("Send it to CLERO: export a bundle").id_salt("bundle").show(ui, |ui| {
        if e.live_status() != AccountStatus::Signed {
            hint(ui, "A bundle can only be made of a page that is signed off as it is now. Sign it off first (Sign-off screen).");
            return;
        }
        hint(ui, "A bundle is one file holding this signed page, your organisation's details and logo, and who signed it off, sealed with your organisation's key so the college can check nothing was changed. Email it to the college.");
        let asked = FileField::new("Save the bundle as", Purpose::SaveBundle)
            .button("Export bundle", "Type where to save the bundle, or choose it.")
            .save_ui(ui, cx, &mut e.bundle_path);
        if let Some(path) = e.ask_bundle.confirm(ui, cx, asked, &e.bundle_path, |p| vec![p.to_path_buf()]) {
            match cx.ws.export_bundle(e.account.id, &path) {
                Ok(exported) => cx.good(exported.to_string()),
                Err(err) => cx.problem(err),
            }
        }
    });
}

/// The draft email to the college, with the signed PDF and the bundle attached, written beside
/// the bundle and opened in the system's mail program.
pub(super) fn email_ui(ui: &mut Ui, cx: &mut Cx<'_>, e: &mut Editor) {
    egui::CollapsingHeader::new("Email it to the college").id_salt("email").show(ui, |ui| {
        if e.live_status() != AccountStatus::Signed {
            hint(ui, "The email carries the signed page and its bundle, so it can only be written once the page is signed off as it is now.");
            return;
        }
        let to = cx.ws.college_email().unwrap_or_default();
        hint(ui, &if to.is_empty() {
            "Writes an email with the signed PDF and the bundle attached and opens it in your mail program, ready to send. Type the college's address there, or give it once in Settings.".to_owned()
        } else {
            format!("Writes an email to {to} with the signed PDF and the bundle attached and opens it in your mail program, ready to send.")
        });
        // The email goes beside the bundle, unless the user already chose a place.
        if e.email.path == e.email.auto {
            e.email.path = std::path::Path::new(&e.bundle_path).with_extension("eml").display().to_string();
            e.email.auto.clone_from(&e.email.path);
        }
        if e.exporting {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label("Writing…");
            });
            return;
        }
        let asked = FileField::new("Save the email as", Purpose::SaveEmail)
            .button("Write the email", "Type where to save the email, or choose it.")
            .save_ui(ui, cx, &mut e.email.path);
        if let Some(path) = e.email.ask.confirm(ui, cx, asked, &e.email.path, |p| vec![p.to_path_buf()]) {
            match cx.ws.prepare_email(e.account.id, None, &path) {
                Ok(job) => {
                    e.exporting = true;
                    cx.commands.push(Command::WriteEmail(std::sync::Arc::new(job), path, Screen::Accounts));
                }
                Err(err) => cx.problem(err),
            }
        }
    });
}

/// Where the email is saved, kept while the editor is open.
#[derive(Debug, Default)]
pub(super) struct EmailPlace {
    /// The path in the box.
    pub(super) path: String,
    /// Where the app last put it: while the box still says that, it follows the bundle.
    pub(super) auto: String,
    /// Asks before the email replaces a file that is there.
    pub(super) ask: AskBeforeReplacing,
}

pub(super) fn export_ui(ui: &mut Ui, cx: &mut Cx<'_>, e: &mut Editor) {
    let label = if e.live_status() == AccountStatus::Signed { "Export a PDF" } else { "Export a draft PDF" };
    egui::CollapsingHeader::new(label).id_salt("export").show(ui, |ui| {
        if e.status != AccountStatus::Signed {
            hint(ui, "Until it is signed off, the page is marked DRAFT.");
        }
        let confirmed = path_field(ui, cx, "Save the PDF as", &mut e.export_path, Purpose::SavePdf);
        ui.checkbox(&mut e.reading_pdf, "Write it in the reading font (Andika)");
        if e.reading_pdf {
            hint(ui, "A copy for reading: the page you sign and send to the college stays in the standard font.");
        }
        if e.exporting {
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label("Exporting…");
            });
        } else {
            let clicked = ui.button("Export").clicked() || confirmed;
            let asked =
                asked_path(cx, clicked, &mut e.export_path, "Type where to save the PDF, or choose it.", Some("pdf"));
            let Some(path) = e.ask_pdf.confirm(ui, cx, asked, &e.export_path, |p| vec![p.to_path_buf()]) else {
                return;
            };
            // A page signed off as it is now is exported as final; anything else as a draft.
            let signed = e.live_status() == AccountStatus::Signed;
            // Save first, so the PDF shows exactly the text on screen.
            if let Err(err) = cx.ws.save_account(e.account.id, &e.title, &e.body) {
                cx.problem(err);
                return;
            }
            e.account.title.clone_from(&e.title);
            e.account.body.clone_from(&e.body);
            let font = crate::workspace::PageFont::reading_if(e.reading_pdf);
            match cx.ws.prepare_pdf_in(e.account.id, !signed, font) {
                Ok(job) => {
                    e.exporting = true;
                    // The bundle goes where the PDF went, unless the user already chose a place.
                    if e.bundle_path == e.bundle_auto
                        && let (Some(folder), Some(name)) =
                            (path.parent(), std::path::Path::new(&e.bundle_path).file_name())
                    {
                        e.bundle_path = folder.join(name).display().to_string();
                        e.bundle_auto.clone_from(&e.bundle_path);
                    }
                    cx.commands.push(Command::RunExport(std::sync::Arc::new(job), path, Screen::Accounts));
                }
                Err(err) => cx.problem(err),
            }
        }
    });
}

/// A sensible place for the PDF: the documents folder, named after the statement.
pub(super) fn default_pdf_path(c: &PageContext) -> String {
    let name = safe_file_name(&format!("{} {}", c.code, c.org_name), "Account");
    documents_folder().join(format!("{name}.pdf")).display().to_string()
}
