//! The collective report as a PDF (laid out from the report's contributions, DRAFT on every
//! page until every contributor has signed off the report as it is now) and as a web page
//! made from the same input.

use super::accounts::APP_VERSION;
use super::export::{Document, ExportJob, Exported, Format};
use super::{Result, ReviewPackWritten, Workspace, WorkspaceError, bad_input, today};
use crate::domain::bundle::{APPROVED, Contribution};
use crate::domain::fingerprint::short;
use crate::domain::report::ReportSignoff;
use crate::export::html::write_report_html;
use crate::export::pdf::PdfMeta;
use crate::layout::report::{ContributorLine, LogoRef, ReportContribution, ReportInput, ReportNumbers, ReportSection};
use crate::layout::{Page, SignoffLine};
use base64::Engine;
use std::path::Path;

/// The distinct logos of a report, each stored once however many pages show it.
#[derive(Default)]
struct Logos(Vec<Vec<u8>>);

impl Logos {
    /// The logo of a contribution, if it has one that can be read (otherwise it is left out).
    fn add(&mut self, contribution: &Contribution) -> Option<LogoRef> {
        let logo = contribution_logo(contribution)?;
        let px = (logo.width, logo.height);
        let index = self.0.iter().position(|l| *l == logo.bytes).unwrap_or_else(|| {
            self.0.push(logo.bytes);
            self.0.len() - 1
        });
        Some(LogoRef { index, px })
    }
}

/// A contribution's logo, read from its bundle, if it has one that can be read.
pub(super) fn contribution_logo(contribution: &Contribution) -> Option<crate::domain::organisation::Logo> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(&contribution.logo.as_ref()?.base64).ok()?;
    crate::domain::organisation::Logo::check(bytes).ok()
}

/// The approvals a contribution's page prints in its sign-off block.
pub(super) fn approved_lines(contribution: &Contribution) -> Vec<SignoffLine> {
    contribution
        .signoffs
        .iter()
        .filter(|s| s.decision == APPROVED)
        .map(|s| SignoffLine::at(&s.name, &s.role, &s.at, s.lived_experience))
        .collect()
}

/// One contribution's printed parts, owned so the layout can borrow them.
struct Printed {
    org: String,
    area: String,
    logo: Option<LogoRef>,
    title: String,
    body: String,
    signoffs: Vec<SignoffLine>,
    fingerprint: String,
}

impl Printed {
    fn new(org: &str, c: &Contribution, logos: &mut Logos) -> Printed {
        Printed {
            org: org.to_owned(),
            area: c.organisation.area.clone(),
            logo: logos.add(c),
            title: c.revision.title.clone(),
            body: c.revision.body.clone(),
            signoffs: approved_lines(c),
            fingerprint: short(&c.fingerprint),
        }
    }

    fn borrowed(&self) -> ReportContribution<'_> {
        ReportContribution {
            org_name: &self.org,
            area: &self.area,
            logo: self.logo,
            title: &self.title,
            body: &self.body,
            signoffs: &self.signoffs,
            fingerprint: &self.fingerprint,
        }
    }
}

/// What a report is laid out from: its text, its contributions in order (each with its
/// organisation as the report names it) and its contributors' lines.
struct ReportParts<'a> {
    title: &'a str,
    year: &'a str,
    introduction: &'a str,
    fingerprint: &'a str,
    draft: bool,
    items: Vec<(&'a str, &'a Contribution)>,
    contributors: Vec<ContributorLine>,
}

/// One statement's section, owned.
struct Section {
    set_title: String,
    set_version: String,
    code: String,
    statement_title: String,
    statement_text: String,
    items: Vec<Printed>,
}

impl Workspace {
    /// Lays out the current report; returns its pages, the logos they use (each once) and
    /// whether it is final.
    pub fn report_pages(&mut self, force_draft: bool) -> Result<(Vec<Page>, Vec<Vec<u8>>, bool)> {
        let ((pages, logos), final_report) = self.with_current_report(force_draft, Self::lay_out_report)?;
        Ok((pages, logos, final_report))
    }

    /// Gathers the current report's parts (final when every contributor has signed off the
    /// report as it is now and `force_draft` is false) and hands them to `f`; returns what `f`
    /// made and whether the report is final. Every edition of the report is made from here.
    fn with_current_report<R>(
        &mut self,
        force_draft: bool,
        f: impl FnOnce(&mut Self, &ReportParts<'_>) -> R,
    ) -> Result<(R, bool)> {
        let status = self.report_status()?;
        let final_report = status.ready() && !force_draft;
        let contributions = self.report_contributions()?;
        let contributors: Vec<ContributorLine> = status
            .contributors
            .iter()
            .map(|c| ContributorLine {
                org: c.org.clone(),
                area: c.area.clone(),
                contributions: c.contributions,
                signoff: match c.signoff {
                    ReportSignoff::Valid => {
                        format!("Signed off {}", c.signed_at.as_deref().and_then(|a| a.get(..10)).unwrap_or(""))
                    }
                    ReportSignoff::Stale => "Signed off an earlier draft".to_owned(),
                    ReportSignoff::None => "Not yet".to_owned(),
                },
                note: reader_note(c),
            })
            .collect();
        let made = f(
            self,
            &ReportParts {
                title: &status.report.title,
                year: &status.report.year,
                introduction: &status.report.introduction,
                fingerprint: &status.fingerprint,
                draft: !final_report,
                items: contributions.iter().map(|(row, c)| (row.org_name.as_str(), c)).collect(),
                contributors,
            },
        );
        Ok((made, final_report))
    }

    /// (Contributor side.) The report a complete review manifest carries, laid out here with
    /// the same layout as the college's, marked DRAFT: exactly what signing it approves.
    pub fn prepare_manifest_pdf(&mut self, manifest: &Path) -> Result<ExportJob> {
        let review = self.review_manifest(manifest)?;
        let m = &review.manifest;
        if !m.is_complete() {
            return bad_input(format!(
                "This review manifest was made by an earlier version of LERO Evidence and lists the report's pages by fingerprint only, so the report cannot be laid out from it: read the draft PDF that came with it, or ask the college for a new review pack. ({})",
                manifest.display()
            ));
        }
        let pages = m.pages_whole();
        let mut contributors: Vec<ContributorLine> = Vec::new();
        for (entry, page) in m.contributions.iter().zip(&pages) {
            match contributors.iter_mut().find(|c| c.org == entry.org) {
                Some(c) => c.contributions += 1,
                None => contributors.push(ContributorLine {
                    org: entry.org.clone(),
                    area: page.organisation.area.clone(),
                    contributions: 1,
                    signoff: "Under review".to_owned(),
                    note: None,
                }),
            }
        }
        contributors.sort_by_key(|c| c.org.to_lowercase());
        let (pages, logos) = self.lay_out_report(&ReportParts {
            title: &m.title,
            year: &m.year,
            introduction: &m.introduction,
            fingerprint: &m.report_fingerprint,
            draft: true,
            items: m.contributions.iter().zip(&pages).map(|(e, c)| (e.org.as_str(), c)).collect(),
            contributors,
        });
        let subject = format!("Collective report {} (for review)", m.year);
        Ok(self.report_job(Document::ReviewDraft, &m.title, subject, (pages, logos), true))
    }

    /// The job that writes a report's pages (and the logos they use) as a PDF titled `title`
    /// and described by `subject`, marked as a draft when `draft`.
    fn report_job(
        &self,
        document: Document,
        title: &str,
        subject: String,
        (pages, logos): (Vec<Page>, Vec<Vec<u8>>),
        draft: bool,
    ) -> ExportJob {
        let meta = PdfMeta {
            title: title.to_owned(),
            author: "College of Lived Experience Recovery Organisations (CLERO)".to_owned(),
            subject,
            created: time::OffsetDateTime::now_utc(),
        };
        ExportJob::new(document, Format::Pdf { pages, fonts: self.fonts(), logos, meta }, draft, self.own_files())
    }

    /// Lays a report out from its parts; returns its pages and the logos they use, each once.
    fn lay_out_report(&mut self, parts: &ReportParts<'_>) -> (Vec<Page>, Vec<Vec<u8>>) {
        self.with_report_input(parts, |layouter, input, logos| (layouter.report(input), logos))
    }

    /// Builds what the layout takes from a report's parts and hands it to `f`, with the
    /// layouter and the logos the input's contributions index (each once): the PDF's pages
    /// and the web page are both made from this one input.
    fn with_report_input<R>(
        &mut self,
        parts: &ReportParts<'_>,
        f: impl FnOnce(&mut crate::layout::Layouter, &ReportInput<'_>, Vec<Vec<u8>>) -> R,
    ) -> R {
        let mut logos = Logos::default();
        let mut sections: Vec<Section> = Vec::new();
        for (org, c) in &parts.items {
            let item = Printed::new(org, c, &mut logos);
            match sections.last_mut() {
                Some(s) if s.code == c.statement.code && s.set_title == c.statement.set_title => s.items.push(item),
                _ => sections.push(Section {
                    set_title: c.statement.set_title.clone(),
                    set_version: c.statement.set_version.clone(),
                    code: c.statement.code.clone(),
                    statement_title: c.statement.title.clone(),
                    statement_text: c.statement.text.clone(),
                    items: vec![item],
                }),
            }
        }
        let contributions_by_section: Vec<Vec<ReportContribution<'_>>> =
            sections.iter().map(|s| s.items.iter().map(Printed::borrowed).collect()).collect();
        let report_sections: Vec<ReportSection<'_>> = sections
            .iter()
            .zip(&contributions_by_section)
            .map(|(s, c)| ReportSection {
                set_title: &s.set_title,
                set_version: &s.set_version,
                code: &s.code,
                statement_title: &s.statement_title,
                statement_text: &s.statement_text,
                contributions: c,
            })
            .collect();
        let fp = short(parts.fingerprint);
        let generated = today();
        let numbers = report_numbers(parts);
        let input = ReportInput {
            title: parts.title,
            year: parts.year,
            introduction: parts.introduction,
            generated_on: &generated,
            app_version: APP_VERSION,
            fingerprint: Some(&fp),
            draft: parts.draft,
            sections: &report_sections,
            contributors: &parts.contributors,
            numbers: numbers.as_ref(),
        };
        f(&mut self.layouter, &input, logos.0)
    }

    /// The current report's PDF, ready to be written (on another thread if need be): final
    /// when every contributor has signed off the report as it is now and `force_draft` is
    /// false, otherwise marked DRAFT on every page.
    pub fn prepare_report_pdf(&mut self, force_draft: bool) -> Result<ExportJob> {
        let (pages, logos, final_report) = self.report_pages(force_draft)?;
        let report = self.current_report()?;
        let subject = format!("Collective report {}", report.year);
        Ok(self.report_job(Document::Report, &report.title, subject, (pages, logos), !final_report))
    }

    /// The current report as one self-contained web page, ready to be written: made from
    /// the same input as the PDF (see [`Workspace::prepare_report_pdf`]), so it carries the
    /// same words, and says it is a draft at the top until it is final.
    pub fn prepare_report_html(&mut self, force_draft: bool) -> Result<ExportJob> {
        let (html, final_report) = self.with_current_report(force_draft, |ws, parts| {
            ws.with_report_input(parts, |_, input, logos| write_report_html(input, &logos))
        })?;
        Ok(ExportJob::new(Document::Report, Format::Html { html }, !final_report, self.own_files()))
    }

    /// Writes the current report as a web page (see [`Workspace::prepare_report_html`]).
    pub fn export_report_html(&mut self, out: &Path, force_draft: bool) -> Result<Exported> {
        self.prepare_report_html(force_draft)?.write(out)
    }

    /// Writes the current report's PDF (see [`Workspace::prepare_report_pdf`]).
    pub fn export_report_pdf(&mut self, out: &Path, force_draft: bool) -> Result<Exported> {
        self.prepare_report_pdf(force_draft)?.write(out)
    }

    /// The review pack: the draft report PDF and the signed manifest, written into `dir`.
    pub fn write_review_pack(&mut self, dir: &Path) -> Result<ReviewPackWritten> {
        let pdf = dir.join("report-draft.pdf");
        let manifest = dir.join("report.lero-manifest");
        // Both names are checked before anything is made, so a refused folder stays as it was.
        let own = self.own_files();
        own.check(&pdf)?;
        own.check(&manifest)?;
        std::fs::create_dir_all(dir).map_err(|e| {
            WorkspaceError::Unwritable(format!(
                "The folder for the review pack could not be made ({e}). ({})",
                dir.display()
            ))
        })?;
        // The manifest is made first: one that cannot be made leaves no half-written pack.
        let sealed = self.sealed_manifest()?;
        self.export_report_pdf(&pdf, true)?;
        own.write(&manifest, &sealed)?;
        Ok(ReviewPackWritten { pdf, manifest, fingerprint: self.report_fingerprint()? })
    }
}

/// What the coordinator is told about a contributor whose name looks like another's: which
/// letters differ, and its key to compare by phone.
pub fn look_alike_note(c: &super::ContributorStatus) -> Option<String> {
    reader_note(c).map(|note| format!("{}; key {}.", note.trim_end_matches('.'), c.key))
}

/// What a reader of the report is told about such a contributor (one line of the PDF).
fn reader_note(c: &super::ContributorStatus) -> Option<String> {
    let other = c.looks_like.first()?;
    let differs = crate::domain::names::letters_not_in(&c.org, other);
    let first = differs.split(", ").next().unwrap_or_default();
    Some(if first.is_empty() {
        format!("Not to be confused with {}: another organisation.", c.looks_like.join(" or "))
    } else {
        format!("Not to be confused with {}: another organisation; {first}.", c.looks_like.join(" or "))
    })
}

/// The part "LEROs in numbers" of a report made of `parts`: each contributor's figures (from
/// the newest of its bundles that carries any) and their totals, written as they read; `None`
/// when no contributor sent figures, so a report of first-format bundles looks as it did.
fn report_numbers(parts: &ReportParts<'_>) -> Option<ReportNumbers> {
    use crate::domain::report::{Totals, newest_figures};
    use crate::domain::text::thousands;
    let mut orgs: Vec<&str> = parts.items.iter().map(|(org, _)| *org).collect();
    orgs.sort_by_key(|o| o.to_lowercase());
    orgs.dedup();
    let figures: Vec<(&str, Option<&crate::domain::bundle::FiguresData>)> = orgs
        .iter()
        .map(|org| (*org, newest_figures(parts.items.iter().filter(|(o, _)| o == org).map(|(_, c)| *c))))
        .collect();
    let totals = Totals::of(figures.iter().filter_map(|(_, f)| *f));
    let statements = stage_spread(parts);
    if totals.contributors_reporting == 0 && statements.is_empty() {
        return None;
    }
    let shown = |v: Option<u32>| v.map(|v| thousands(u64::from(v))).unwrap_or_default();
    let rows = figures
        .iter()
        .map(|(org, f)| match f {
            Some(f) => [
                (*org).to_owned(),
                f.year.clone(),
                shown(f.people_supported),
                shown(f.support_hours),
                shown(f.volunteers),
                shown(f.volunteer_hours),
                shown(f.lived_experience_roles),
            ],
            None => [
                (*org).to_owned(),
                "no figures sent".to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        })
        .collect();
    let mut people: Vec<(String, u64)> = figures
        .iter()
        .filter_map(|(org, f)| f.and_then(|f| f.people_supported).map(|n| ((*org).to_owned(), u64::from(n))))
        .collect();
    people.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
    let reporting = if totals.contributors_reporting == 0 {
        "No contributor has sent figures yet (bundles from before figures were added carry none).".to_owned()
    } else {
        totals.reporting(orgs.len())
    };
    let (totals, rows) =
        if totals.contributors_reporting == 0 { (Vec::new(), Vec::new()) } else { (totals.rows(), rows) };
    // Accounts per statement, in report order (the items come grouped by statement).
    let mut accounts: Vec<(String, u64)> = Vec::new();
    let mut last: Option<(&str, &str)> = None;
    for (_, c) in &parts.items {
        let key = (c.statement.set_id.as_str(), c.statement.code.as_str());
        match accounts.last_mut() {
            Some((_, n)) if last == Some(key) => *n += 1,
            _ => accounts.push((format!("{} {}", c.statement.code, c.statement.title), 1)),
        }
        last = Some(key);
    }
    Some(ReportNumbers { reporting, totals, rows, people, accounts, statements })
}

/// For each statement with at least one account whose bundle says where its sender stands,
/// in report order, one sentence: how many accounts, how many at each stage, and the rungs
/// of involvement given. Empty when no bundle carries a self-assessment.
fn stage_spread(parts: &ReportParts<'_>) -> Vec<String> {
    use crate::domain::assessment::Stage;
    use crate::domain::text::one_line;
    use std::fmt::Write as _;
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.items.len() {
        let statement = &parts.items[i].1.statement;
        let same = |c: &Contribution| c.statement.set_id == statement.set_id && c.statement.code == statement.code;
        let group: Vec<&Contribution> = parts.items[i..].iter().map(|(_, c)| *c).take_while(|c| same(c)).collect();
        i += group.len().max(1);
        let stages: Vec<Stage> =
            group.iter().filter_map(|c| c.assessment.as_ref().and_then(|a| Stage::parse(&a.stage))).collect();
        if stages.is_empty() {
            continue;
        }
        let counted: Vec<String> = Stage::ALL
            .iter()
            .filter_map(|stage| {
                let n = stages.iter().filter(|s| *s == stage).count();
                (n > 0).then(|| format!("{n} {}", stage.label().to_lowercase()))
            })
            .collect();
        let mut sentence = format!(
            "{} {} ({}): {}",
            one_line(&statement.code),
            one_line(&statement.title),
            crate::domain::text::plural(group.len(), "account", "accounts"),
            counted.join(", ")
        );
        let unsaid = group.len() - stages.len();
        if unsaid > 0 {
            let _ = write!(sentence, ", {unsaid} not said");
        }
        let mut rungs: Vec<u8> = group.iter().filter_map(|c| c.assessment.as_ref().and_then(|a| a.rung)).collect();
        rungs.sort_unstable();
        if !rungs.is_empty() {
            let listed: Vec<String> = rungs.iter().map(u8::to_string).collect();
            let _ = write!(sentence, "; rungs of involvement {}", listed.join(", "));
        }
        sentence.push('.');
        out.push(sentence);
    }
    out
}
