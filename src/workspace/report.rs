//! The coordinator's side: the collective report, importing contributions from bundles with
//! each contributor's key pinned the first time it is seen, and the report's status.

use super::{Result, Workspace, WorkspaceError, bad_input, cannot_print, conflict, foreign, read_user_file, too_long};
use crate::domain::bundle::{Contribution, FiguresData, open_bundle};
use crate::domain::envelope::{MAX_FILE_BYTES, PublicKey};
use crate::domain::report::{
    FingerprintedContribution, ReportSignoff, Totals, fingerprint, newest_figures, signoff_state,
};
use crate::domain::{limits, names};
use crate::layout::{Layouter, OnePager};
use crate::store::{ContributionRow, ContributorRow, ReportRow};
use std::path::Path;

/// What importing one bundle did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// A new contribution.
    Added,
    /// A newer revision replaced the one in the report.
    Replaced {
        /// The revision that was in the report.
        old: i64,
        /// The revision now in it.
        new: i64,
    },
    /// This exact page was already in the report.
    Unchanged,
}

/// The outcome of importing one bundle, with a sentence for the coordinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// What happened.
    pub imported: Imported,
    /// Organisation.
    pub org: String,
    /// Statement reference.
    pub reference: String,
    /// True when this organisation was seen for the first time, so its key was pinned now.
    pub newly_pinned: bool,
    /// The short form of the key, to compare by phone.
    pub key_short: String,
}

impl ImportReport {
    /// A sentence for the coordinator.
    pub fn summary(&self) -> String {
        let what = match &self.imported {
            Imported::Added => format!("Added {}’s account of {}.", self.org, self.reference),
            Imported::Replaced { old, new } => {
                format!(
                    "Replaced {}’s account of {} (revision {old}) with its newer revision {new}.",
                    self.org, self.reference
                )
            }
            Imported::Unchanged => {
                format!("{}’s account of {} is already in the report; nothing changed.", self.org, self.reference)
            }
        };
        if self.newly_pinned {
            format!(
                "{what} First bundle from {}: their key {} is now remembered; you may phone them to compare it.",
                self.org, self.key_short
            )
        } else {
            what
        }
    }
}

/// A report's year as typed ("2025", "2025-26"), within what a manifest carries.
fn check_year(year: String) -> Result<String> {
    if limits::within(&year, limits::YEAR) {
        Ok(year)
    } else {
        bad_input(format!("The year is longer than {} characters: write it like 2025 or 2025-26.", limits::YEAR))
    }
}

/// Who a bundle or receipt is from, among the organisations pinned so far.
#[derive(Debug)]
pub(super) enum Pinned {
    /// An organisation seen before (by a name that looks the same), sealing with the key
    /// first seen for it.
    Known(ContributorRow),
    /// The same name (ignoring case) as a pinned organisation, sealed with another key.
    SameNameOtherKey(ContributorRow),
    /// A name that looks like a pinned organisation's, sealed with another key.
    LooksLike(ContributorRow),
    /// Nobody pinned so far has this name or one like it.
    New,
}

/// One contributor's line in the report's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributorStatus {
    /// Organisation.
    pub org: String,
    /// Area.
    pub area: String,
    /// Contact email.
    pub email: String,
    /// Contributions in the report.
    pub contributions: usize,
    /// Their sign-off of the report as it is now.
    pub signoff: ReportSignoff,
    /// When they signed (the newest sign-off), if they did.
    pub signed_at: Option<String>,
    /// Who signed and how, for the newest sign-off: "Dafydd Evans, signed receipt" or
    /// "Zoë Adebayo, by phone (recorded by Sam)".
    pub signed_by: Option<String>,
    /// The short form of its pinned key, to compare by phone.
    pub key: String,
    /// Other contributors whose names look like this one's (different organisations, each
    /// with its own key), so a reader can tell them apart.
    pub looks_like: Vec<String>,
    /// Their figures, from the newest of their bundles that carries any; `None`: no figures
    /// sent (every bundle of the first format).
    pub figures: Option<FiguresData>,
}

/// One statement as the report covers it: which organisations wrote about it (none, one or
/// many), so the coordinator sees the variety of practice and the gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementCoverage {
    /// Set title and version ("CLERO recovery framework (CHIME) · version 2021-22").
    pub set_label: String,
    /// Statement code.
    pub code: String,
    /// Statement title.
    pub title: String,
    /// The organisations with an account of it in the report, in report order.
    pub orgs: Vec<String>,
}

/// The report at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStatus {
    /// The report.
    pub report: ReportRow,
    /// Its fingerprint now.
    pub fingerprint: String,
    /// Every contributor, by name.
    pub contributors: Vec<ContributorStatus>,
    /// Contributions in the report.
    pub contributions: usize,
    /// The contributors' figures added up.
    pub totals: Totals,
}

impl ReportStatus {
    /// Ready to publish: there are contributors and every one has a valid sign-off.
    pub fn ready(&self) -> bool {
        !self.contributors.is_empty() && self.contributors.iter().all(|c| c.signoff == ReportSignoff::Valid)
    }
}

impl Workspace {
    /// Starts a collective report; returns its id.
    pub fn new_report(&self, title: &str, year: Option<&str>, introduction: &str) -> Result<i64> {
        let title = &names::clean(title, "the report's title")?;
        if title.is_empty() {
            return bad_input("The report needs a title, like “How LEROs live the standards”.");
        }
        if !limits::within(title, limits::TITLE) {
            return too_long("report's title", limits::TITLE, "letters");
        }
        let year = match year {
            Some(y) => check_year(names::clean(y, "the report's year")?)?,
            None => super::today().chars().take(4).collect(),
        };
        Ok(self.store.add_report(title, &year, introduction)?)
    }

    /// Whether this workspace has a collective report (the college's side).
    pub fn has_report(&self) -> Result<bool> {
        Ok(self.store.current_report()?.is_some())
    }

    /// The report being built (the newest).
    pub fn current_report(&self) -> Result<ReportRow> {
        self.store.current_report()?.ok_or_else(|| {
            WorkspaceError::NotFound(
                "There is no collective report yet: start one with `report new TITLE` (or Report in the window)."
                    .into(),
            )
        })
    }

    /// Changes the report's title, year and introduction.
    pub fn set_report_text(&self, title: &str, year: &str, introduction: &str) -> Result<()> {
        let report = self.current_report()?;
        let title = names::clean(title, "the report's title")?;
        if title.is_empty() {
            return bad_input("The report needs a title.");
        }
        if !limits::within(&title, limits::TITLE) {
            return too_long("report's title", limits::TITLE, "letters");
        }
        let title = super::keep_stored(Some(&report.title), title);
        let year = super::keep_stored(Some(&report.year), check_year(names::clean(year, "the report's year")?)?);
        Ok(self.store.set_report_text(report.id, &title, &year, introduction)?)
    }

    /// The contributions in the current report, each with its opened bundle, in report order.
    pub fn report_contributions(&self) -> Result<Vec<(ContributionRow, Contribution)>> {
        let report = self.current_report()?;
        let mut out = Vec::new();
        for row in self.store.contributions(report.id)? {
            let (c, _) = open_bundle(&row.bundle).map_err(|e| {
                WorkspaceError::Broken(format!(
                    "A stored contribution from {} no longer opens ({e}): run `check`.",
                    row.org_name
                ))
            })?;
            out.push((row, c));
        }
        Ok(out)
    }

    /// The current report's fingerprint over its content in order.
    pub fn report_fingerprint(&self) -> Result<String> {
        Ok(fingerprint_of(&self.current_report()?, &self.report_contributions()?))
    }

    /// Verifies a bundle file and adds its contribution to the current report, pinning the
    /// sender's key the first time their organisation is seen. A bundle for a known
    /// organisation sealed with another key is refused, and so is one whose organisation's
    /// name only looks like a known one's (see [`WorkspaceError::LooksLike`]).
    pub fn import_bundle(&self, path: &Path) -> Result<ImportReport> {
        self.import(path, false)
    }

    /// As [`Workspace::import_bundle`], but accepting a bundle whose organisation's name
    /// looks like a known organisation's, sealed with its own key: the coordinator has checked
    /// that it is a different organisation. A bundle with exactly the name of a known
    /// organisation and another key is still refused.
    pub fn import_bundle_from_new_org(&self, path: &Path) -> Result<ImportReport> {
        self.import(path, true)
    }

    fn import(&self, path: &Path, new_org: bool) -> Result<ImportReport> {
        let bytes = read_user_file(path, MAX_FILE_BYTES as u64, "bundle")?;
        let (c, key) = open_bundle(&bytes).map_err(|e| WorkspaceError::in_file(e, path))?;
        c.check_names().map_err(|e| WorkspaceError::in_file(e, path))?;
        self.refuse_unprintable_contribution(&c, path)?;
        // Who it is from and what it replaces are decided and stored in one transaction, so
        // two imports of one bundle at once end in one contribution.
        let started = self.store.begin_immediate()?;
        let done = self.import_opened(path, &bytes, &c, &key, new_org);
        self.store.finish(started, done)
    }

    fn import_opened(
        &self,
        path: &Path,
        bytes: &[u8],
        c: &Contribution,
        key: &PublicKey,
        new_org: bool,
    ) -> Result<ImportReport> {
        let report = self.current_report()?;
        let org = names::tidy(&c.organisation.name);
        let reference = format!("{} {}", c.statement.code, c.statement.title);
        let (contributor_id, newly_pinned, org) = match self.pinned(&org, key)? {
            Pinned::Known(known) => {
                self.store.update_contributor_details(known.id, &c.organisation.email, &c.organisation.area)?;
                // Named as it was first pinned, however this bundle spells it.
                (known.id, false, known.org_name)
            }
            Pinned::SameNameOtherKey(known) => {
                let pinned = PublicKey::from_base64(&known.public_key).map(|k| k.short()).unwrap_or_default();
                let org = known.org_name;
                return foreign(format!(
                    "This bundle says it is from {org}, but it was sealed with a different key ({}) from the one first seen for {org} ({pinned}), so it was not imported. Phone {org} and ask them to read out the key in their Settings: if it is {}, they have a new computer or workspace and you should check with them before going further; if not, this file did not come from them. ({})",
                    key.short(),
                    key.short(),
                    path.display()
                ));
            }
            Pinned::LooksLike(known) if !new_org => {
                return Err(WorkspaceError::LooksLike {
                    org,
                    resembles: known.org_name.clone(),
                    key: key.short(),
                    pinned_key: PublicKey::from_base64(&known.public_key).map(|k| k.short()).unwrap_or_default(),
                    path: path.to_path_buf(),
                });
            }
            Pinned::LooksLike(_) | Pinned::New => {
                let id =
                    self.store.add_contributor(&org, &key.to_base64(), &c.organisation.email, &c.organisation.area)?;
                (id, true, org)
            }
        };
        let existing = self.store.contributions(report.id)?.into_iter().find(|r| {
            r.contributor_id == contributor_id && r.set_id == c.statement.set_id && r.code == c.statement.code
        });
        let imported = match existing {
            Some(e) if e.fingerprint == c.fingerprint => Imported::Unchanged,
            Some(e) if e.revision_number > c.revision.number => {
                return conflict(format!(
                    "The report already has a newer revision ({}) of {org}’s account of {reference} than this bundle ({}), so it was not imported. ({})",
                    e.revision_number,
                    c.revision.number,
                    path.display()
                ));
            }
            Some(e) => Imported::Replaced { old: e.revision_number, new: c.revision.number },
            None => Imported::Added,
        };
        if imported != Imported::Unchanged {
            self.store.put_contribution(
                report.id,
                contributor_id,
                &c.statement.set_id,
                &c.statement.code,
                c.revision.number,
                &c.fingerprint,
                bytes,
            )?;
        }
        Ok(ImportReport { imported, org, reference, newly_pinned, key_short: key.short() })
    }

    /// A contribution the report could not print is refused now, naming its organisation,
    /// rather than stopping the report's export for everyone later: its page must fit one page
    /// as this app lays it out, every character must be in the page's font, and its logo must
    /// decode.
    fn refuse_unprintable_contribution(&self, c: &Contribution, path: &Path) -> Result<()> {
        let org = names::tidy(&c.organisation.name);
        let what = format!("The page {org} sent about {} {}", c.statement.code, c.statement.title);
        let advice = format!("ask {org} to correct it, sign it off again and send a new bundle");
        let logo = match &c.logo {
            Some(_) => {
                let decoded = super::report_pdf::contribution_logo(c).filter(|logo| logo.decode_fully().is_ok());
                let Some(logo) = decoded else {
                    return cannot_print(format!(
                        "{what} has a logo that cannot be read, so it was not imported: {advice}. ({})",
                        path.display()
                    ));
                };
                Some((logo.width, logo.height))
            }
            None => None,
        };
        let mut printed: Vec<(&str, &str)> = vec![
            ("the text", c.revision.body.as_str()),
            ("the title", &c.revision.title),
            ("the organisation's name", &c.organisation.name),
            ("the area", &c.organisation.area),
        ];
        for s in &c.signoffs {
            printed.push(("a signer's name", &s.name));
            printed.push(("a signer's role", &s.role));
        }
        if let Some(missing) = super::accounts::unprintable(&self.fonts, &printed) {
            return cannot_print(format!(
                "{what} has characters the report's font cannot print: {missing}, so it was not imported: {advice}. ({})",
                path.display()
            ));
        }
        let signoffs = super::report_pdf::approved_lines(c);
        let short = crate::domain::fingerprint::short(&c.fingerprint);
        // The page as the bundle's fingerprint covers it.
        let page = c.page_content();
        let (_, fit) = Layouter::new(self.fonts()).one_pager(&OnePager {
            org_name: &org,
            logo_px: logo,
            set_title: page.set_title,
            set_version: page.set_version,
            statement_code: page.code,
            statement_title: page.statement_title,
            title: page.title,
            body: page.body,
            signoffs: &signoffs,
            fingerprint: Some(&short),
            generated_on: &super::today(),
            app_version: super::APP_VERSION,
            draft: false,
        });
        if !fit.fits() {
            return cannot_print(format!(
                "{what} does not fit on one page ({}), so it was not imported: {advice}. ({})",
                fit.describe(),
                path.display()
            ));
        }
        Ok(())
    }

    /// Who a bundle or receipt from `org` sealed with `key` is, among the organisations
    /// pinned so far: names are compared by what they look like (Unicode's confusable
    /// skeleton, ignoring case), never by spelling alone.
    pub(super) fn pinned(&self, org: &str, key: &PublicKey) -> Result<Pinned> {
        let key = key.to_base64();
        let alike: Vec<ContributorRow> =
            self.store.contributors()?.into_iter().filter(|k| names::looks_alike(&k.org_name, org)).collect();
        // Exactly the name of an organisation pinned with another key is refused first, even
        // when the key is that of a look-alike accepted as different: it is not theirs to use.
        let folded = |name: &str| names::tidy(name).to_lowercase();
        if let Some(k) = alike.iter().find(|k| folded(&k.org_name) == folded(org) && k.public_key != key) {
            return Ok(Pinned::SameNameOtherKey(k.clone()));
        }
        if let Some(k) = alike.iter().find(|k| k.public_key == key) {
            return Ok(Pinned::Known(k.clone()));
        }
        Ok(alike.into_iter().next().map_or(Pinned::New, Pinned::LooksLike))
    }

    /// The current report at a glance.
    pub fn report_status(&self) -> Result<ReportStatus> {
        let report = self.current_report()?;
        // Each stored bundle is opened (and its signature checked) once, for the fingerprint
        // and the figures both.
        let opened = self.report_contributions()?;
        let fp = fingerprint_of(&report, &opened);
        let rows: Vec<&ContributionRow> = opened.iter().map(|(row, _)| row).collect();
        let signoffs = self.store.report_signoffs(report.id)?;
        let pinned = self.store.report_contributors(report.id)?;
        let identities: Vec<[String; 3]> = pinned.iter().map(|k| names::identity(&k.org_name)).collect();
        let contributors = pinned
            .iter()
            .zip(&identities)
            .map(|(k, me)| {
                let mine: Vec<_> = signoffs.iter().filter(|s| s.contributor_id == k.id).collect();
                // Who signed, and when: the newest sign-off of the report as it is now, if
                // any; an older receipt recorded later never shows beside "valid".
                let shown = mine.iter().rfind(|s| s.report_fingerprint == fp).or(mine.last()).copied();
                let looks_like = pinned
                    .iter()
                    .zip(&identities)
                    .filter(|(o, id)| o.id != k.id && id.iter().zip(me.iter()).any(|(p, q)| p == q))
                    .map(|(o, _)| o.org_name.clone())
                    .collect();
                let theirs = opened.iter().filter(|(r, _)| r.contributor_id == k.id).map(|(_, c)| c);
                ContributorStatus {
                    figures: newest_figures(theirs).cloned(),
                    contributions: rows.iter().filter(|r| r.contributor_id == k.id).count(),
                    signoff: signoff_state(&fp, mine.iter().map(|s| s.report_fingerprint.as_str())),
                    signed_at: shown.map(|s| s.at.clone()),
                    signed_by: shown.map(|s| {
                        if s.how == "receipt" {
                            format!("{}, signed receipt", s.person)
                        } else {
                            format!("{}, {} (recorded by {})", s.person, s.note, s.recorded_by)
                        }
                    }),
                    key: PublicKey::from_base64(&k.public_key).map(|p| p.short()).unwrap_or_default(),
                    looks_like,
                    org: k.org_name.clone(),
                    area: k.area.clone(),
                    email: k.email.clone(),
                }
            })
            .collect::<Vec<ContributorStatus>>();
        let totals = Totals::of(contributors.iter().filter_map(|c| c.figures.as_ref()));
        Ok(ReportStatus { report, fingerprint: fp, contributors, contributions: rows.len(), totals })
    }

    /// Every statement of the standard sets the report draws on, with the organisations that
    /// wrote about it: statements nobody covered are listed too (when the set is in this
    /// workspace), in the set's own order.
    pub fn report_coverage(&self) -> Result<Vec<StatementCoverage>> {
        let contributions = self.report_contributions()?;
        let mut out: Vec<StatementCoverage> = Vec::new();
        let mut sets_done: Vec<&str> = Vec::new();
        for (_, c) in &contributions {
            let s = &c.statement;
            if sets_done.contains(&s.set_id.as_str()) {
                continue;
            }
            sets_done.push(&s.set_id);
            let label = crate::layout::set_label(&s.set_title, &s.set_version);
            let mut rows: Vec<StatementCoverage> = match self.load_set(&s.set_id, &s.set_version) {
                Ok(set) => set
                    .statements()
                    .map(|(_, _, st)| StatementCoverage {
                        set_label: label.clone(),
                        code: st.code.clone(),
                        title: st.title.clone(),
                        orgs: Vec::new(),
                    })
                    .collect(),
                Err(_) => Vec::new(),
            };
            for (row, other) in contributions.iter().filter(|(_, o)| o.statement.set_id == s.set_id) {
                let code = &other.statement.code;
                match rows.iter_mut().find(|r| r.code == *code) {
                    Some(r) => r.orgs.push(row.org_name.clone()),
                    None => rows.push(StatementCoverage {
                        set_label: label.clone(),
                        code: code.clone(),
                        title: other.statement.title.clone(),
                        orgs: vec![row.org_name.clone()],
                    }),
                }
            }
            out.extend(rows);
        }
        Ok(out)
    }
}

/// The fingerprint of `report` made of the contributions `opened` (in report order).
fn fingerprint_of(report: &ReportRow, opened: &[(ContributionRow, Contribution)]) -> String {
    let parts: Vec<FingerprintedContribution<'_>> = opened
        .iter()
        .map(|(r, c)| FingerprintedContribution {
            org: &r.org_name,
            set_id: &r.set_id,
            code: &r.code,
            fingerprint: &r.fingerprint,
            assessment: c.assessment.as_ref(),
            figures: c.figures.as_ref(),
        })
        .collect();
    fingerprint(&report.title, &report.year, &report.introduction, &parts)
}
