//! Sign-off inside the organisation: fingerprints of pages, the workspace rule, decisions,
//! statuses, and what changed since a page was signed.

use super::{Result, Workspace, WorkspaceError, bad_input, cannot_print, conflict, not_found};
use crate::domain::account::{Account, AccountStatus, Revision, RevisionReason};
use crate::domain::diff;
use crate::domain::fingerprint::{PageContent, fingerprint, hex};
use crate::domain::organisation::Logo;
use crate::domain::signoff::{Decision, Progress, Signoff, SignoffRule, progress, status};
use crate::domain::standards::StatementKey;
use sha2::{Digest, Sha256};

const RULE_APPROVALS: &str = "signoff.approvals";
const RULE_LIVED: &str = "signoff.lived_experience";

/// Where an account stands with its sign-offs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignoffState {
    /// Draft, awaiting, signed or changed.
    pub status: AccountStatus,
    /// The fingerprint of the page as it is now.
    pub fingerprint: String,
    /// Progress of the sign-offs on the page as it is now.
    pub progress: Progress,
    /// Every sign-off the account ever had, oldest first.
    pub signoffs: Vec<Signoff>,
}

/// What a decision on a page did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// The fingerprint of the page decided on.
    pub fingerprint: String,
    /// Who decided, as their name is kept.
    pub person: String,
    /// False when the person had already made the same decision on this page: nothing was
    /// added.
    pub recorded: bool,
}

/// What every page of the workspace shares, read once for any number of accounts.
#[derive(Debug, Clone)]
pub(super) struct PageFacts {
    /// The organisation's name.
    pub org_name: String,
    /// The SHA-256 of the logo, or empty.
    pub logo_sha: String,
    /// The logo's size in pixels, when there is a usable logo.
    pub logo_px: Option<(u32, u32)>,
    /// The rule for "signed off".
    pub rule: SignoffRule,
}

impl SignoffState {
    /// The sign-offs given on the page as it is now: each person's latest decision on it,
    /// once, in the order they were given (a second approval of the same page by the same
    /// person, recorded by an earlier version, is not listed twice).
    pub fn current(&self) -> impl Iterator<Item = &Signoff> {
        let on_page: Vec<&Signoff> = self.signoffs.iter().filter(|s| s.fingerprint == self.fingerprint).collect();
        let latest: Vec<&Signoff> = on_page
            .iter()
            .enumerate()
            .filter(|(i, s)| !on_page[i + 1..].iter().any(|later| later.name == s.name))
            .map(|(_, s)| *s)
            .collect();
        latest.into_iter()
    }
}

impl Workspace {
    /// The workspace's rule for "signed off".
    pub fn signoff_rule(&self) -> Result<SignoffRule> {
        let default = SignoffRule::default();
        let approvals = self.store.setting(RULE_APPROVALS)?.and_then(|v| v.parse().ok()).unwrap_or(default.approvals);
        let lived = self.store.setting(RULE_LIVED)?.map_or(default.lived_experience, |v| v == "yes");
        Ok(SignoffRule { approvals, lived_experience: lived })
    }

    /// Changes the rule. It applies to every account from now on.
    pub fn set_signoff_rule(&self, rule: SignoffRule) -> Result<()> {
        if !(1..=10).contains(&rule.approvals) {
            return bad_input(format!("A page needs between 1 and 10 approvals, not {}.", rule.approvals));
        }
        self.store.set_setting(RULE_APPROVALS, &rule.approvals.to_string())?;
        self.store.set_setting(RULE_LIVED, if rule.lived_experience { "yes" } else { "no" })?;
        Ok(())
    }

    /// What every page of the workspace shares.
    pub(super) fn page_facts(&self) -> Result<PageFacts> {
        let org = self.organisation()?.unwrap_or_default();
        let (logo_sha, logo_px) = match self.logo()? {
            Some((bytes, _)) => {
                let px = Logo::check(bytes.clone()).ok().map(|l| (l.width, l.height));
                (hex(&Sha256::digest(&bytes)), px)
            }
            None => (String::new(), None),
        };
        Ok(PageFacts { org_name: org.name, logo_sha, logo_px, rule: self.signoff_rule()? })
    }

    /// The fingerprint of the page an account's current text makes.
    pub fn page_fingerprint(&self, account: &Account) -> Result<String> {
        self.fingerprint_with(&self.page_facts()?, account)
    }

    /// The fingerprint of an account's page, given what every page shares.
    pub(super) fn fingerprint_with(&self, facts: &PageFacts, account: &Account) -> Result<String> {
        self.fingerprint_of(&account.key, (&account.title, &account.body), (&facts.org_name, &facts.logo_sha))
    }

    /// The fingerprint of the page a statement's account with `text` (title, body) makes
    /// beside `shown` (the organisation's name and the logo's SHA-256).
    pub(super) fn fingerprint_of(&self, key: &StatementKey, text: (&str, &str), shown: (&str, &str)) -> Result<String> {
        let set = self.store.shared_set(&key.set_id, &key.version)?;
        let statement_title = set.statement(&key.code).map(|s| s.title.as_str()).unwrap_or_default();
        Ok(fingerprint(&PageContent {
            set_id: &key.set_id,
            set_version: &key.version,
            set_title: &set.title,
            code: &key.code,
            statement_title,
            title: text.0,
            body: text.1,
            organisation: shown.0,
            logo_sha256: shown.1,
        }))
    }

    /// Where an account stands with its sign-offs, given what every page shares and the
    /// sign-offs it ever had.
    pub(super) fn state_with(
        &self,
        facts: &PageFacts,
        account: &Account,
        signoffs: Vec<Signoff>,
    ) -> Result<SignoffState> {
        let current = self.fingerprint_with(facts, account)?;
        Ok(SignoffState {
            status: status(facts.rule, &current, &signoffs),
            progress: progress(facts.rule, &current, &signoffs),
            fingerprint: current,
            signoffs,
        })
    }

    /// Where an account stands with its sign-offs.
    pub fn signoff_state(&self, id: i64) -> Result<SignoffState> {
        let account = self.account(id)?;
        self.state_with(&self.page_facts()?, &account, self.store.signoffs(id)?)
    }

    /// Every account with where it stands, reading each table once (for lists of many).
    pub fn signoff_states(&self) -> Result<Vec<(Account, SignoffState)>> {
        let facts = self.page_facts()?;
        let mut signoffs = self.store.all_signoffs()?;
        self.accounts()?
            .into_iter()
            .map(|a| {
                let state = self.state_with(&facts, &a, signoffs.remove(&a.id).unwrap_or_default())?;
                Ok((a, state))
            })
            .collect()
    }

    /// How many pages someone approved as they are now: the pages a change to what every page
    /// shows (the organisation's name, the logo) would send back for signing.
    pub fn signed_page_count(&self) -> Result<usize> {
        Ok(self
            .signoff_states()?
            .iter()
            .filter(|(_, s)| s.current().any(|d| d.decision == crate::domain::signoff::Decision::Approved))
            .count())
    }

    /// The newest revision of an account whose page met the rule for "signed off".
    pub fn signed_revision(&self, id: i64) -> Result<Option<Revision>> {
        let rule = self.signoff_rule()?;
        let signoffs = self.store.signoffs(id)?;
        Ok(self.store.revisions(id)?.into_iter().rev().find(|r| progress(rule, &r.fingerprint, &signoffs).met()))
    }

    /// Where an account is on its way to being sent.
    pub fn account_status(&self, id: i64) -> Result<AccountStatus> {
        Ok(self.signoff_state(id)?.status)
    }

    /// Records `person`'s decision on the account's page exactly as it is now; returns the
    /// fingerprint they signed. A page that does not fit cannot be signed off.
    pub fn sign_off(&mut self, id: i64, person: &str, decision: Decision, note: &str) -> Result<String> {
        Ok(self.decide(id, person, decision, note)?.fingerprint)
    }

    /// As [`Workspace::sign_off`], saying whether anything was recorded: a person's second
    /// identical decision on the same page changes nothing.
    pub fn decide(&mut self, id: i64, person: &str, decision: Decision, note: &str) -> Result<Decided> {
        // One decision, one transaction: the fingerprint stored is that of exactly the text
        // stored with it, whatever another command does meanwhile.
        self.in_one_transaction(|ws| ws.decide_now(id, person, decision, note))
    }

    fn decide_now(&mut self, id: i64, person: &str, decision: Decision, note: &str) -> Result<Decided> {
        let Some(person) = self.person_named(person)? else {
            let known: Vec<String> = self.people()?.into_iter().map(|p| p.name).collect();
            return not_found(if known.is_empty() {
                format!(
                    "Nobody called “{person}” is in this workspace: add them first (person add NAME --role ROLE, or Settings)."
                )
            } else {
                format!("Nobody called “{person}” is in this workspace: the people here are {}.", known.join(", "))
            });
        };
        if !crate::domain::limits::within(note, crate::domain::limits::NOTE) {
            return bad_input("The note is longer than 2,000 letters: shorten it.");
        }
        let account = self.account(id)?;
        let name = format!("“{}”", self.account_name(&account));
        let (_, fit) = self.lay_out(&account, true)?;
        if !fit.fits() {
            return cannot_print(format!(
                "{name} does not fit on one page ({}): shorten it before it is signed off.",
                fit.describe()
            ));
        }
        // What every page shares and the sign-offs so far, read once for the whole decision.
        let facts = self.page_facts()?;
        // Nothing is signed that cannot be printed.
        let printed = [
            ("the text", account.body.as_str()),
            ("the title", &account.title),
            ("the organisation's name", &facts.org_name),
            ("the signer's name", &person.name),
            ("the signer's role", &person.role),
        ];
        if let Some(missing) = super::accounts::unprintable(&self.fonts, &printed) {
            return cannot_print(format!(
                "{name} cannot be signed off: the page's font cannot print {missing}, so no PDF could be made of it. Replace or remove those characters, then sign it off."
            ));
        }
        let state = self.state_with(&facts, &account, self.store.signoffs(id)?)?;
        let fp = state.fingerprint.clone();
        if state.current().any(|s| s.name == person.name && s.decision == decision) {
            return Ok(Decided { fingerprint: fp, person: person.name, recorded: false });
        }
        let signers = state.current().filter(|s| s.name != person.name).count();
        if signers >= crate::domain::limits::SIGNOFFS_PER_PAGE {
            return Err(WorkspaceError::Overflow(format!(
                "{name} already has decisions from {signers} people, as many as one page can carry to the college, so {}'s was not added.",
                person.name
            )));
        }
        let revision = self.store.keep_revision(id, RevisionReason::Signed, &fp, (&facts.org_name, &facts.logo_sha))?;
        self.store.add_signoff(&revision, &person, decision, note.trim())?;
        Ok(Decided { fingerprint: fp, person: person.name, recorded: true })
    }

    /// What changed in the text since the newest signed-off revision, when it changed.
    pub fn changes_since_signoff(&self, id: i64) -> Result<Option<(Revision, Vec<diff::Part>)>> {
        let state = self.signoff_state(id)?;
        if state.status != AccountStatus::Changed {
            return Ok(None);
        }
        let Some(signed) = self.signed_revision(id)?.or_else(|| {
            // Partly signed then edited: compare with the newest page anyone signed.
            let last = state.signoffs.last()?;
            self.store.revisions(id).ok()?.into_iter().find(|r| r.id == last.revision_id)
        }) else {
            return Ok(None);
        };
        let account = self.account(id)?;
        let old = format!("{}\n\n{}", signed.title, signed.body);
        let new = format!("{}\n\n{}", account.title, account.body);
        Ok(Some((signed, diff::words(&old, &new))))
    }

    /// The newest revision anyone signed that the page has moved away from: what "Undo my
    /// changes" brings back. None unless the page changed since it was signed.
    pub fn revision_before_changes(&self, id: i64) -> Result<Option<Revision>> {
        Ok(self.changes_since_signoff(id)?.map(|(r, _)| r))
    }

    /// Puts back the title and text of the newest signed revision exactly as they were signed,
    /// so the page is again the one its sign-offs were given to; returns where the page then
    /// stands. When the organisation's name or logo changed since, the text comes back but
    /// the page still needs signing off again: the status says so.
    pub fn undo_changes_since_signoff(&mut self, id: i64) -> Result<AccountStatus> {
        let Some(signed) = self.revision_before_changes(id)? else {
            return conflict(format!(
                "{} has not changed since it was signed off, so there is nothing to undo.",
                self.page_name(id)?
            ));
        };
        // Stored as it was signed, bypassing the tidying a typed title gets: the signed form
        // is what makes the fingerprint match again.
        self.store.save_account_text(id, &signed.title, &signed.body)?;
        self.account_status(id)
    }

    /// The refusal for a page that is not signed off as it is now, or its state when it is.
    /// `what` says what cannot be done, `instead` what can.
    pub(super) fn require_signed(&self, id: i64, what: &str, instead: &str) -> Result<SignoffState> {
        let state = self.signoff_state(id)?;
        let name = self.page_name(id)?;
        let progress = state.progress.describe();
        match state.status {
            AccountStatus::Signed => Ok(state),
            AccountStatus::Changed => Err(WorkspaceError::NotSignedOff(format!(
                "{name} was changed after it was signed off ({progress}), so {what}: have the page as it is now signed off again{instead}."
            ))),
            AccountStatus::Draft | AccountStatus::Awaiting => Err(WorkspaceError::NotSignedOff(format!(
                "{name} is not signed off yet ({progress}), so {what}: have it signed off first{instead}."
            ))),
        }
    }
}
