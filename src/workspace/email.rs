//! A draft email to the college carrying a signed-off page: its PDF and its bundle, exactly
//! as `export pdf` and `export bundle` write them; and the college's address it goes to.

use super::export::{Document, ExportJob, Format};
use super::{Result, Workspace, WorkspaceError, bad_input, too_long};
use crate::domain::fingerprint::short;
use crate::domain::limits;
use crate::export::email::{Attachment, Message, address_problem};

/// Setting that holds the college's email address (empty: none given).
const COLLEGE_EMAIL: &str = "college.email";

impl Workspace {
    /// The college's email address, where pages are sent; empty when none was given.
    pub fn college_email(&self) -> Result<String> {
        Ok(self.store.setting(COLLEGE_EMAIL)?.unwrap_or_default())
    }

    /// Sets the college's email address (one address; empty to forget it); returns it as
    /// kept. A bad address is refused with a sentence and changes nothing.
    pub fn set_college_email(&self, address: &str) -> Result<String> {
        check_college_email(address)?;
        let address = address.trim();
        self.store.set_setting(COLLEGE_EMAIL, address)?;
        Ok(address.to_owned())
    }

    /// Prepares a draft email to the college for a signed-off account: addressed to `to`,
    /// else to the college's address in the settings, else to nobody (the sender types it);
    /// from the organisation's contact email when it has one; with the page's PDF and its
    /// signed bundle attached. Refused, with nothing kept, for an account not signed off as
    /// it is now, for a bad address, or when `out` is one of the workspace's own files.
    pub fn prepare_email(&mut self, id: i64, to: Option<&str>, out: &std::path::Path) -> Result<ExportJob> {
        if let Some(to) = to {
            check_address(to)?;
        }
        self.own_files().check(out)?;
        let (bundle, contribution, key) = self.sealed_bundle(id)?;
        let to = match to {
            Some(to) => Some(to.to_owned()),
            None => Some(self.college_email()?).filter(|a| !a.is_empty() && address_problem(a).is_none()),
        };
        let pdf = self.prepare_pdf(id, false)?;
        let revision = match pdf.document() {
            Document::Page { revision, .. } => *revision,
            _ => contribution.revision.number,
        };
        let org = &contribution.organisation;
        let statement = format!("{} {}", contribution.statement.code, contribution.statement.title);
        let file = file_name(&format!("{} {}", contribution.statement.code, org.name));
        let (pdf_name, bundle_name) = (format!("{file}.pdf"), format!("{file}.lero-bundle"));
        let who = if org.area.is_empty() { org.name.clone() } else { format!("{} ({})", org.name, org.area) };
        let body = format!(
            "Hello,\n\n\
             We are {who}, a lived experience recovery organisation. Attached is our page for {statement} ({} version {}), signed off by our organisation.\n\n\
             Page fingerprint: {}\n\
             Our signing key: {}\n\n\
             Attached:\n\
             - {pdf_name}: the signed page, to read.\n\
             - {bundle_name}: the same page as a signed bundle, for your copy of LERO Evidence.\n\n\
             To add it to the collective report, save {bundle_name}, then in LERO Evidence open Report and choose it under \u{201c}Add to the report\u{201d} (or drop it onto the window), or run: lero-evidence report add \"{bundle_name}\"\n\
             The app checks the signature and that nothing on the page was changed.\n\n\
             With thanks,\n{}\n",
            contribution.statement.set_title,
            contribution.statement.set_version,
            short(&contribution.fingerprint),
            key.public().short(),
            org.name,
        );
        let from = Some((org.name.clone(), org.email.clone())).filter(|(_, e)| address_problem(e).is_none());
        let message = Message {
            from,
            to: to.clone(),
            subject: format!("{}: {statement} \u{2014} our signed page", org.name),
            date: rfc5322_now(),
            unsent: true,
            body,
            attachments: vec![Attachment {
                filename: bundle_name,
                content_type: "application/octet-stream".into(),
                bytes: bundle,
            }],
        };
        let document = Document::Email { account: id, revision, to, fingerprint: contribution.fingerprint };
        let Some(pdf) = pdf.into_format() else {
            return Err(WorkspaceError::Broken("The page's PDF was not prepared as a PDF.".into()));
        };
        let format = Format::Email { pdf: Box::new(pdf), pdf_name, message };
        Ok(ExportJob::new(document, format, false, self.own_files()))
    }
}

/// Refuses, with a sentence, anything [`Workspace::set_college_email`] would refuse: an
/// address given must be one plain email address (empty forgets it).
pub fn check_college_email(address: &str) -> Result<()> {
    let address = address.trim();
    if address.is_empty() { Ok(()) } else { check_address(address) }
}

/// Refuses anything but one plain email address, with a sentence saying what is wrong.
fn check_address(address: &str) -> Result<()> {
    if let Some(problem) = address_problem(address) {
        return bad_input(problem);
    }
    if !limits::within(address, limits::EMAIL) {
        return too_long("email address", limits::EMAIL, "characters");
    }
    Ok(())
}

/// A name safe for a file on every system: characters Windows forbids taken out, spaces
/// collapsed.
fn file_name(text: &str) -> String {
    let name = text
        .chars()
        .map(|c| if c.is_control() || "<>:\"/\\|?*".contains(c) { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name = name.trim_matches(|c: char| c == '.' || c == ' ');
    if name.is_empty() { "Account".to_owned() } else { name.to_owned() }
}

/// Now, as an email's Date header writes it (UTC).
fn rfc5322_now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 +0000".to_owned())
}
