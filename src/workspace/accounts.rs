//! One-page accounts: writing, laying out against the real page, and exporting the PDF.

use super::export::{Document, ExportJob, Format};
use super::signoff::PageFacts;
use super::{Result, SignoffState, Workspace, WorkspaceError, cannot_print, no_statement, today};
use crate::domain::account::{Account, AccountStatus, Revision, RevisionReason, check_text, word_count};
use crate::domain::fingerprint::short;
use crate::domain::names;
use crate::domain::signoff::Decision;
use crate::domain::standards::StatementKey;
use crate::export::pdf::PdfMeta;
use crate::layout::page::{Page, Style};
use crate::layout::{Fit, FontSet, Layouter, OnePager, SignoffLine};
use std::sync::Arc;

/// The app version printed in every page's footer.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Everything on a page that does not come from the account's own text; gathered once per
/// account so that re-laying out while typing touches no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageContext {
    /// Organisation name.
    pub org_name: String,
    /// Logo pixel size, when there is a logo.
    pub logo_px: Option<(u32, u32)>,
    /// Set title.
    pub set_title: String,
    /// Set version.
    pub set_version: String,
    /// Set id, for the fingerprint.
    pub set_id: String,
    /// The logo's SHA-256 (or empty), for the fingerprint.
    pub logo_sha256: String,
    /// Statement code.
    pub code: String,
    /// Statement title.
    pub statement_title: String,
    /// Sign-off lines to show.
    pub signoffs: Vec<SignoffLine>,
    /// Short fingerprint to show.
    pub fingerprint: Option<String>,
    /// Date printed in the footer.
    pub generated_on: String,
}

impl PageContext {
    /// The full fingerprint of the page this context makes with `title` (as it is stored)
    /// and `body`: the same one sign-offs are given to, worked out as the user types.
    pub fn fingerprint_of(&self, title: &str, body: &str) -> String {
        crate::domain::fingerprint::fingerprint(&crate::domain::fingerprint::PageContent {
            set_id: &self.set_id,
            set_version: &self.set_version,
            set_title: &self.set_title,
            code: &self.code,
            statement_title: &self.statement_title,
            title,
            body,
            organisation: &self.org_name,
            logo_sha256: &self.logo_sha256,
        })
    }

    /// The layout input for this context and an account's text.
    pub fn one_pager<'a>(&'a self, title: &'a str, body: &'a str, draft: bool) -> OnePager<'a> {
        OnePager {
            org_name: &self.org_name,
            logo_px: self.logo_px,
            set_title: &self.set_title,
            set_version: &self.set_version,
            statement_code: &self.code,
            statement_title: &self.statement_title,
            title,
            body,
            signoffs: &self.signoffs,
            fingerprint: self.fingerprint.as_deref(),
            generated_on: &self.generated_on,
            app_version: APP_VERSION,
            draft,
        }
    }
}

/// An account as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSummary {
    /// The account.
    pub account: Account,
    /// What people call it (see [`Account::name`]).
    pub name: String,
    /// Where it is on its way.
    pub status: AccountStatus,
    /// Words in the body.
    pub words: usize,
    /// How it fits the page.
    pub fit: Fit,
}

/// The font a one-pager's PDF is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageFont {
    /// Noto Sans: the page as everyone signs it and as the college lays it out.
    #[default]
    Standard,
    /// Andika, the reading font, for a copy someone finds easier to read.
    Reading,
}

impl PageFont {
    /// The reading font when `reading`, else the standard one.
    pub fn reading_if(reading: bool) -> Self {
        if reading { PageFont::Reading } else { PageFont::Standard }
    }
}

/// The characters `fonts` cannot print in each of `parts` (what it is, its text), said as
/// "😊 ☕ (in the text), ✈ (in the title)"; `None` when every one can be printed. Text is
/// checked in every style, since the body's headings are bold and its quotes italic.
pub fn unprintable(fonts: &FontSet, parts: &[(&str, &str)]) -> Option<String> {
    let said: Vec<String> = parts
        .iter()
        .filter_map(|(what, text)| {
            let mut missing: Vec<char> = Style::ALL.iter().flat_map(|s| fonts.missing(*s, text)).collect();
            missing.sort_unstable();
            missing.dedup();
            let shown: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", u32::from(*c))).collect();
            (!shown.is_empty()).then(|| format!("{} (in {what})", shown.join(" ")))
        })
        .collect();
    (!said.is_empty()).then(|| said.join(", "))
}

/// Roughly how many words make a line of body text, to turn "lines too long" into words.
const WORDS_PER_LINE: usize = 15;

impl Workspace {
    /// The embedded fonts, parsed once.
    pub fn fonts(&self) -> Arc<FontSet> {
        Arc::clone(&self.fonts)
    }

    /// Starts an account for a statement; returns its id.
    pub fn new_account(&self, key: &StatementKey, title: &str, body: &str) -> Result<i64> {
        let title = names::clean(title, "the account's title")?;
        check_text(&title, body).map_err(WorkspaceError::BadInput)?;
        if !self.store.has_statement(key)? {
            return no_statement(key);
        }
        Ok(self.store.add_account(key, &title, body)?)
    }

    /// What in an account's title and text the page cannot print, in words ("ع (U+0639) (in
    /// the text)"), or `None`: typing it is kept, but the page cannot be signed off until it is
    /// replaced.
    pub fn unprintable_in(&self, account: &Account) -> Option<String> {
        unprintable(&self.fonts, &[("the text", &account.body), ("the title", &account.title)])
    }

    /// Saves an account's text as it is typed. The title follows the one rule for names (a
    /// title saved unchanged keeps its stored form, so the page's fingerprint stays).
    pub fn save_account(&self, id: i64, title: &str, body: &str) -> Result<()> {
        let stored = self.store.account(id)?;
        let title = match names::clean(title, "the account's title") {
            Ok(title) => title,
            Err(refused) => {
                // The text is never lost for a title's sake: it is saved with the title as it
                // was, and the title's problem is said.
                let kept = stored.as_ref().map(|a| a.title.clone()).unwrap_or_default();
                check_text(&kept, body).map_err(WorkspaceError::BadInput)?;
                self.store.save_account_text(id, &kept, body)?;
                return Err(refused.into());
            }
        };
        check_text(&title, body).map_err(WorkspaceError::BadInput)?;
        let title = super::keep_stored(stored.as_ref().map(|a| a.title.as_str()), title);
        Ok(self.store.save_account_text(id, &title, body)?)
    }

    /// A statement as people name it: its code and title ("C1 Peer support and support
    /// groups"), or its code alone when its set is not in the workspace.
    pub fn statement_name(&self, key: &StatementKey) -> String {
        let title = self.statement_title(key);
        if title.is_empty() { key.code.clone() } else { format!("{} {title}", key.code) }
    }

    /// A statement's title, or empty when its set is not in the workspace.
    pub fn statement_title(&self, key: &StatementKey) -> String {
        self.store
            .shared_set(&key.set_id, &key.version)
            .ok()
            .and_then(|set| set.statement(&key.code).map(|s| s.title.clone()))
            .unwrap_or_default()
    }

    /// What people call an account: its title, or its statement's code and title.
    pub fn account_name(&self, account: &Account) -> String {
        account.name(&self.statement_title(&account.key))
    }

    /// An account's name in quotation marks, for sentences ("“Friday nights at the Hub”").
    pub fn page_name(&self, id: i64) -> Result<String> {
        Ok(format!("“{}”", self.account_name(&self.account(id)?)))
    }

    /// One account.
    pub fn account(&self, id: i64) -> Result<Account> {
        self.store.account(id)?.ok_or_else(|| {
            WorkspaceError::NotFound(format!(
                "There is no account {id}: run `account list` to see the accounts and their ids."
            ))
        })
    }

    /// Every account, newest change first.
    pub fn accounts(&self) -> Result<Vec<Account>> {
        Ok(self.store.accounts()?)
    }

    /// Removes an account and its revisions.
    pub fn remove_account(&self, id: i64) -> Result<()> {
        Ok(self.store.remove_account(id)?)
    }

    /// An account's kept revisions, oldest first.
    pub fn revisions(&self, id: i64) -> Result<Vec<Revision>> {
        Ok(self.store.revisions(id)?)
    }

    /// What an account's page shows besides its own text: with the sign-offs given on the
    /// page as it is now, and its fingerprint.
    pub fn account_context(&self, account: &Account) -> Result<PageContext> {
        let facts = self.page_facts()?;
        let state = self.state_with(&facts, account, self.store.signoffs(account.id)?)?;
        self.context_with(&facts, &account.key, Some(&state))
    }

    /// What a page for this statement shows besides the account's own text.
    pub fn page_context(&self, key: &StatementKey) -> Result<PageContext> {
        self.context_with(&self.page_facts()?, key, None)
    }

    /// A page's context from what every page shares and, for an account's page, where it
    /// stands with its sign-offs.
    fn context_with(&self, facts: &PageFacts, key: &StatementKey, state: Option<&SignoffState>) -> Result<PageContext> {
        let set = self.store.shared_set(&key.set_id, &key.version)?;
        let statement =
            set.statement(&key.code).ok_or_else(|| WorkspaceError::NoStatement { key: key.clone(), gone: false })?;
        Ok(PageContext {
            org_name: facts.org_name.clone(),
            logo_px: facts.logo_px,
            set_title: set.title.clone(),
            set_version: set.version.clone(),
            set_id: key.set_id.clone(),
            logo_sha256: facts.logo_sha.clone(),
            code: statement.code.clone(),
            statement_title: statement.title.clone(),
            signoffs: state.map_or_else(Vec::new, |state| {
                state
                    .current()
                    .filter(|s| s.decision == Decision::Approved)
                    .map(|s| SignoffLine::at(&s.name, &s.role, &s.at, s.lived_experience))
                    .collect()
            }),
            fingerprint: state.map(|s| short(&s.fingerprint)),
            generated_on: today(),
        })
    }

    /// Lays out an account's saved text on its page.
    pub fn lay_out(&mut self, account: &Account, draft: bool) -> Result<(Page, Fit)> {
        let ctx = self.account_context(account)?;
        Ok(self.layouter.one_pager(&ctx.one_pager(&account.title, &account.body, draft)))
    }

    /// Every account with its status, word count and page fit.
    pub fn account_summaries(&mut self) -> Result<Vec<AccountSummary>> {
        let facts = self.page_facts()?;
        let mut out = Vec::new();
        for (account, state) in self.signoff_states()? {
            let ctx = self.context_with(&facts, &account.key, Some(&state))?;
            let draft = state.status != AccountStatus::Signed;
            let (_, fit) = self.layouter.one_pager(&ctx.one_pager(&account.title, &account.body, draft));
            out.push(AccountSummary {
                words: word_count(&account.body),
                name: account.name(&ctx.statement_title),
                status: state.status,
                fit,
                account,
            });
        }
        Ok(out)
    }

    /// Checks an account can become a PDF, keeps the revision it shows, and returns the job.
    /// An overflowing account is always refused; an unsigned one unless `draft`.
    pub fn prepare_pdf(&mut self, id: i64, draft: bool) -> Result<ExportJob> {
        self.prepare_pdf_in(id, draft, PageFont::Standard)
    }

    /// As [`Workspace::prepare_pdf`], written in `font`. The reading font measures
    /// differently, so the page is laid out again in it and refused if it runs over there.
    pub fn prepare_pdf_in(&mut self, id: i64, draft: bool, font: PageFont) -> Result<ExportJob> {
        // The revision kept is exactly the text laid out and fingerprinted.
        self.in_one_transaction(|ws| ws.prepare_pdf_now(id, draft, font))
    }

    fn prepare_pdf_now(&mut self, id: i64, draft: bool, font: PageFont) -> Result<ExportJob> {
        let account = self.account(id)?;
        let name = format!("“{}”", self.account_name(&account));
        let status = self.account_status(id)?;
        if status != AccountStatus::Signed && !draft {
            self.require_signed(
                id,
                "it can only be exported as a draft",
                ", or export a draft with --draft (in the window, “Export a draft PDF” in the editor)",
            )?;
        }
        let draft = draft || status != AccountStatus::Signed;
        let (fonts, (page, fit)) = match font {
            PageFont::Standard => (self.fonts(), self.lay_out(&account, draft)?),
            PageFont::Reading => {
                let fonts = Arc::new(FontSet::reading().map_err(|e| WorkspaceError::Broken(e.to_string()))?);
                let ctx = self.account_context(&account)?;
                let laid_out =
                    Layouter::new(Arc::clone(&fonts)).one_pager(&ctx.one_pager(&account.title, &account.body, draft));
                (fonts, laid_out)
            }
        };
        if !fit.fits() {
            let lines = fit.overflow_lines;
            let words = (lines * WORDS_PER_LINE).max(5);
            if font == PageFont::Reading && self.lay_out(&account, draft)?.1.fits() {
                return cannot_print(format!(
                    "In the reading font, {name} does not fit on one page: it is {}. Export it in the standard font, where it fits, or shorten it by about {words} words.",
                    fit.describe()
                ));
            }
            return cannot_print(format!(
                "{name} does not fit on one page: it is {} ({} words). Shorten it by about {words} words, then export again.",
                fit.describe(),
                word_count(&account.body),
            ));
        }
        if let Some(missing) = unprintable(&fonts, &[("the text", &account.body), ("the title", &account.title)]) {
            return cannot_print(format!(
                "{name} has characters the page's font cannot print: {missing}. Replace or remove them, then export again."
            ));
        }
        let logos = self.logo()?.map(|(bytes, _)| vec![bytes]).unwrap_or_default();
        let org = self.organisation()?.unwrap_or_default();
        let facts = self.page_facts()?;
        let fp = self.fingerprint_with(&facts, &account)?;
        let revision =
            self.store.keep_revision(id, RevisionReason::Exported, &fp, (&facts.org_name, &facts.logo_sha))?;
        let ctx = self.account_context(&account)?;
        let meta = PdfMeta {
            title: format!("{} {} – {}", ctx.code, ctx.statement_title, org.name),
            author: org.name,
            subject: format!("{} version {}", ctx.set_title, ctx.set_version),
            created: time::OffsetDateTime::now_utc(),
        };
        let document = Document::Page { account: id, revision: revision.number };
        Ok(ExportJob::new(document, Format::Pdf { pages: vec![page], fonts, logos, meta }, draft, self.own_files()))
    }
}
