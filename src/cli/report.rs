//! `report …`: the coordinator's collective report, and a contributor's review of it.

use super::{CliError, json_out, read_body, refuse, write_out};
use crate::domain::bundle::FiguresData;
use crate::domain::fingerprint::short;
use crate::domain::report::{ReportSignoff, Totals};
use crate::workspace::{ManifestReview, ReportStatus, Workspace, look_alike_note};
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// `report …`
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Start a collective report; prints its id.
    New {
        /// Its title.
        title: String,
        /// The year it covers (default: this year).
        #[arg(long)]
        year: Option<String>,
        /// A plain text file with the introduction.
        #[arg(long, value_name = "FILE")]
        introduction_file: Option<PathBuf>,
    },
    /// Import contribution bundles into the report.
    Add {
        /// One or more bundle files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Accept a bundle whose organisation's name looks like one already pinned, sealed
        /// with its own key, after checking by phone that it is a different organisation.
        #[arg(long)]
        new_org: bool,
    },
    /// Contributors, their contributions and sign-off state.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the review pack for contributors: the draft PDF and a signed manifest.
    Pack {
        /// The folder to write them into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// (Contributor) Sign off a report draft from its manifest; writes a signed receipt.
    Receipt {
        /// The manifest from the review pack.
        manifest: PathBuf,
        /// Who is signing for your organisation.
        #[arg(long)]
        person: String,
        /// The receipt file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// (Contributor) Lay out the report a review manifest carries, as signing it approves.
    Review {
        /// The manifest from the review pack.
        manifest: PathBuf,
        /// The PDF to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// (Coordinator) Record a contributor's signed receipt.
    Record {
        /// The receipt file.
        file: PathBuf,
    },
    /// (Coordinator) Record a sign-off given another way (phone, email).
    RecordOther {
        /// The contributing organisation.
        #[arg(long)]
        org: String,
        /// Who gave the sign-off.
        #[arg(long)]
        person: String,
        /// How it was given, for example "by phone".
        #[arg(long)]
        how: String,
        /// Who is recording it.
        #[arg(long)]
        by: String,
    },
    /// Export the report: final if every contributor has signed it off, else marked DRAFT.
    /// A file ending in .html or .htm gets the report as one self-contained web page; any
    /// other name gets the PDF.
    Export {
        /// The file to write: FILE.pdf for the PDF, FILE.html for the web page.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the report as a table for analysts: a row for each contribution (organisation,
    /// area, statement, account title, words, stage, rung, signed-off date, fingerprint and
    /// the figures sent), as CSV or as an Excel workbook.
    Table {
        /// The file to write: FILE.csv (UTF-8, for any spreadsheet or analysis program) or
        /// FILE.xlsx (an Excel workbook).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// What `report status --json` prints.
#[derive(Debug, Serialize)]
struct StatusJson<'a> {
    title: &'a str,
    year: &'a str,
    fingerprint: &'a str,
    ready: bool,
    contributions: usize,
    contributors: Vec<ContributorJson<'a>>,
    totals: &'a Totals,
}

/// A contributor as `report status --json` prints them.
#[derive(Debug, Serialize)]
struct ContributorJson<'a> {
    org: &'a str,
    area: &'a str,
    email: &'a str,
    contributions: usize,
    signoff: &'static str,
    signed_at: Option<&'a str>,
    signed_by: Option<&'a str>,
    key: &'a str,
    looks_like: &'a [String],
    /// `null` when no figures were sent.
    figures: Option<&'a FiguresData>,
}

impl ReportCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::New { title, year, introduction_file } => {
                let introduction = match introduction_file {
                    Some(f) => read_body(f)?,
                    None => String::new(),
                };
                let id = ws.new_report(title, year.as_deref(), &introduction)?;
                write_out(out, &format!("Started the collective report “{}”.", title.trim()))?;
                write_out(out, &id.to_string())
            }
            Self::Add { files, new_org } => {
                // Each file is verified and imported on its own, so one bad file does not stop the rest.
                let mut failed = Vec::new();
                for f in files {
                    let imported = if *new_org { ws.import_bundle_from_new_org(f) } else { ws.import_bundle(f) };
                    match imported {
                        Ok(r) => write_out(out, &r.summary())?,
                        Err(e) => {
                            eprintln!("lero-evidence: {e}");
                            failed.push(f.display().to_string());
                        }
                    }
                }
                let status = ws.report_status()?;
                write_out(
                    out,
                    &format!(
                        "The report has {} contributions from {} contributors.",
                        status.contributions,
                        status.contributors.len()
                    ),
                )?;
                if failed.is_empty() {
                    write_out(out, &status.fingerprint)
                } else {
                    refuse(format!(
                        "{} of {} bundles were not imported (see above); the others were: check those files with the senders.",
                        failed.len(),
                        files.len()
                    ))
                }
            }
            Self::Pack { out: dir } => {
                let pack = ws.write_review_pack(dir)?;
                write_out(out, &pack.to_string())?;
                write_out(out, &pack.fingerprint)
            }
            Self::Review { manifest, out: file } => {
                ws.check_output(file)?;
                let review = ws.review_manifest(manifest)?;
                write_out(out, &manifest_sentence(&review))?;
                let written = ws.prepare_manifest_pdf(manifest)?.write(file)?;
                write_out(out, &written.to_string())?;
                write_out(out, &file.display().to_string())
            }
            Self::Receipt { manifest, person, out: file } => {
                // A refused place to save is refused before anything else happens.
                ws.check_output(file)?;
                // Show the organisation's own pages as the report has them before signing.
                let review = ws.review_manifest(manifest)?;
                write_out(out, &manifest_sentence(&review))?;
                for (e, signed) in &review.own {
                    write_out(
                        out,
                        &format!(
                            "Your page in the report: {}/{} {} (page fingerprint {}): {}.",
                            e.set_id,
                            e.code,
                            e.statement_title,
                            short(&e.fingerprint),
                            if *signed { "the page you signed off" } else { "NOT a version you signed off" }
                        ),
                    )?;
                }
                let receipt = ws.write_receipt(manifest, person, file)?;
                write_out(out, &receipt.to_string())?;
                write_out(out, &receipt.fingerprint)
            }
            Self::Record { file } => {
                let r = ws.record_receipt(file)?;
                write_out(out, &r.summary)?;
                let status = ws.report_status()?;
                write_out(out, &ready_sentence(&status))?;
                write_out(out, &status.fingerprint)
            }
            Self::RecordOther { org, person, how, by } => {
                let fp = ws.record_signoff_other_way(org, person, how, by)?;
                write_out(out, &format!("Recorded {org}’s sign-off given {how} by {person}, recorded by {by}."))?;
                let status = ws.report_status()?;
                write_out(out, &ready_sentence(&status))?;
                write_out(out, &fp)
            }
            Self::Export { out: file } => {
                ws.check_output(file)?;
                let written = if is_web_page(file) {
                    ws.export_report_html(file, false)?
                } else {
                    ws.export_report_pdf(file, false)?
                };
                if written.is_final_report() {
                    // Scripts that publish the report look for these words on the command line.
                    let what = if written.web_page {
                        "as a web page".to_owned()
                    } else {
                        format!("({} pages)", written.pages)
                    };
                    write_out(out, &format!("Exported the final report {what} to {}.", file.display()))?;
                } else {
                    write_out(out, &written.to_string())?;
                }
                write_out(out, &file.display().to_string())
            }
            Self::Table { out: file } => {
                let written = ws.export_report_table(file)?;
                write_out(out, &written.to_string())?;
                write_out(out, &file.display().to_string())
            }
            Self::Status { json } => status(ws, *json, out),
        }
    }
}

/// Whether `file` names a web page (.html or .htm, in any case) rather than a PDF.
fn is_web_page(file: &std::path::Path) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// `report status`: contributors, their contributions and sign-off state.
fn status(ws: &Workspace, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let status = ws.report_status()?;
    if json {
        let contributors = status
            .contributors
            .iter()
            .map(|c| ContributorJson {
                org: &c.org,
                area: &c.area,
                email: &c.email,
                contributions: c.contributions,
                signoff: c.signoff.as_str(),
                signed_at: c.signed_at.as_deref(),
                signed_by: c.signed_by.as_deref(),
                key: &c.key,
                looks_like: &c.looks_like,
                figures: c.figures.as_ref(),
            })
            .collect();
        return json_out(
            out,
            &StatusJson {
                title: &status.report.title,
                year: &status.report.year,
                fingerprint: &status.fingerprint,
                ready: status.ready(),
                contributions: status.contributions,
                contributors,
                totals: &status.totals,
            },
        );
    }
    write_out(
        out,
        &format!(
            "{} ({}): {} contributions from {} contributors; fingerprint {}.",
            status.report.title,
            status.report.year,
            status.contributions,
            status.contributors.len(),
            short(&status.fingerprint)
        ),
    )?;
    for c in &status.contributors {
        write_out(
            out,
            &format!(
                "  {:<40} {:>3} {}\tsign-off: {}",
                c.org,
                c.contributions,
                if c.contributions == 1 { "account " } else { "accounts" },
                c.signoff.words()
            ),
        )?;
        if let Some(note) = look_alike_note(c) {
            write_out(out, &format!("    {note}"))?;
        }
    }
    write_out(out, &status.totals.describe(status.contributors.len()))?;
    write_out(out, &ready_sentence(&status))
}

/// What opening a review manifest proved, and the college's key when it was seen first.
fn manifest_sentence(review: &ManifestReview) -> String {
    let checked = if review.complete {
        format!(
            "The review manifest checks out: its report fingerprint {} is that of the {} it carries, each recomputed here.",
            short(&review.manifest.report_fingerprint),
            if review.manifest.pages.len() == 1 {
                "1 page".to_owned()
            } else {
                format!("{} pages", review.manifest.pages.len())
            }
        )
    } else {
        "This review manifest was made by an earlier version: it lists the report's pages by fingerprint only, so only your own pages can be checked.".to_owned()
    };
    if review.key_first_seen {
        format!(
            "{checked} The college's key {} is now remembered; phone the college to compare it, as later manifests must carry the same.",
            review.sender_key
        )
    } else {
        checked
    }
}

fn ready_sentence(status: &ReportStatus) -> String {
    let waiting: Vec<&str> =
        status.contributors.iter().filter(|c| c.signoff != ReportSignoff::Valid).map(|c| c.org.as_str()).collect();
    if status.ready() {
        "Ready to publish: every contributor has signed off this report.".to_owned()
    } else if waiting.is_empty() {
        "Not ready to publish: the report has no contributions yet.".to_owned()
    } else {
        format!("Not ready to publish: still waiting for {}.", waiting.join(", "))
    }
}
