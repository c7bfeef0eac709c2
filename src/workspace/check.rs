//! `check`: the database's own checks, then everything the app can recompute: each signed
//! revision's fingerprint from its text, each stored contribution's seal and page, each
//! recorded receipt's seal and report, and names stored by an earlier version.

use super::{Result, Workspace};
use crate::domain::bundle::open_bundle;
use crate::domain::envelope::PublicKey;
use crate::domain::fingerprint::short;
use crate::domain::names;
use crate::domain::review::open_receipt;
use crate::store::Problem;

impl Workspace {
    /// Checks the whole workspace; an empty list means all is well. Each problem is a sentence.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut problems = self.store.check()?;
        problems.extend(self.check_names()?);
        problems.extend(self.check_signed_revisions()?);
        problems.extend(self.check_contributions()?);
        problems.extend(self.check_receipts()?);
        Ok(problems)
    }

    /// Names written by an earlier version, before the one rule for names.
    fn check_names(&self) -> Result<Vec<Problem>> {
        let mut shown: Vec<(String, String)> = Vec::new();
        if let Some(org) = self.store.organisation()? {
            shown.push(("the organisation's name".into(), org.name));
        }
        for p in self.store.people()? {
            shown.push((format!("{}'s role", names::tidy(&p.name)), p.role));
            shown.push(("the name of a person".into(), p.name));
        }
        Ok(shown
            .into_iter()
            .filter_map(|(what, value)| names::check(&value, &what).err())
            .map(|e| Problem(format!("{e} (Settings)")))
            .collect())
    }

    /// Every revision someone signed must still make the fingerprint they signed: its text
    /// changed in the file would otherwise keep a sign-off it never had.
    fn check_signed_revisions(&self) -> Result<Vec<Problem>> {
        let facts = self.page_facts()?;
        let mut out = Vec::new();
        for signed in self.store.signed_revisions()? {
            let r = &signed.revision;
            // Revisions kept by an earlier version did not record the name and logo their
            // page showed; they are checked against today's, and only a match is proof.
            let (organisation, logo, recorded) = match &signed.shown {
                Some((o, l)) => (o.as_str(), l.as_str(), true),
                None => (facts.org_name.as_str(), facts.logo_sha.as_str(), false),
            };
            let Ok(now) = self.fingerprint_of(&signed.key, (&r.title, &r.body), (organisation, logo)) else {
                out.push(Problem(format!(
                    "Account {} is about {}, whose standard set is no longer in the workspace: restore a backup.",
                    r.account_id, signed.key
                )));
                continue;
            };
            if now != r.fingerprint && recorded {
                out.push(Problem(format!(
                    "Version {} of account {} no longer makes the page that was signed (fingerprint {}, now {}): its text has been changed in the file, so its sign-offs prove nothing. Restore a backup from before the change.",
                    r.number,
                    r.account_id,
                    short(&r.fingerprint),
                    short(&now)
                )));
            }
        }
        Ok(out)
    }

    /// Every stored contribution must still open, be sealed with its contributor's pinned
    /// key, and carry the page the report lists.
    fn check_contributions(&self) -> Result<Vec<Problem>> {
        let mut out = Vec::new();
        for (row, pinned) in self.store.stored_contributions()? {
            let what = format!("The contribution from {} about {}/{}", row.org_name, row.set_id, row.code);
            match open_bundle(&row.bundle) {
                Err(e) => out.push(Problem(format!(
                    "{what} no longer opens ({e}): it has been changed or damaged. Import their bundle again, or restore a backup."
                ))),
                Ok((_, key)) if key.to_base64() != *pinned => out.push(Problem(format!(
                    "{what} is sealed with a key ({}) that is not {}’s ({}): it has been changed. Import their bundle again, or restore a backup.",
                    key.short(),
                    row.org_name,
                    PublicKey::from_base64(&pinned).map(|k| k.short()).unwrap_or_default()
                ))),
                Ok((c, _)) if c.fingerprint != row.fingerprint => out.push(Problem(format!(
                    "{what} carries a page (fingerprint {}) other than the one the report lists ({}): it has been changed. Import their bundle again, or restore a backup.",
                    short(&c.fingerprint),
                    short(&row.fingerprint)
                ))),
                Ok(_) => {}
            }
        }
        Ok(out)
    }

    /// Every recorded receipt must still open, be sealed with its contributor's pinned key,
    /// and approve the report fingerprint it was recorded as approving.
    fn check_receipts(&self) -> Result<Vec<Problem>> {
        let mut out = Vec::new();
        for receipt in self.store.recorded_receipts()? {
            let (org, pinned, recorded) = (&receipt.org, &receipt.pinned_key, &receipt.report_fingerprint);
            let problem = match open_receipt(&receipt.bytes) {
                Err(e) => Some(format!("no longer opens ({e})")),
                Ok((_, key)) if key.to_base64() != *pinned => {
                    Some(format!("is sealed with another key ({})", key.short()))
                }
                Ok((r, _)) if r.report_fingerprint != *recorded => Some(format!(
                    "approves report {}, not {} as recorded",
                    short(&r.report_fingerprint),
                    short(recorded)
                )),
                Ok(_) => None,
            };
            if let Some(p) = problem {
                out.push(Problem(format!(
                    "The sign-off receipt recorded for {org} {p}: it has been changed or damaged. Ask {org} to send it again, or restore a backup."
                )));
            }
        }
        Ok(out)
    }
}
