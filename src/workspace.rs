//! The operations both faces call: open, profile, people, standards, self-assessment,
//! evidence, actions, checks and backups. The workspace is the single owner of the store.

mod accounts;
mod assess;
mod bundle;
mod check;
mod demo;
mod email;
mod error;
mod export;
mod figures;
mod outcome;
mod output;
mod report;
mod report_pdf;
mod report_table;
mod review;
mod safety;
mod signoff;
mod standards;
mod statements;
mod summary;
mod workbook;
mod writing;

pub use accounts::{APP_VERSION, AccountSummary, PageContext, PageFont, unprintable};
pub use assess::{AccountLine, Dashboard, SectionProgress, StageCounts};
pub use bundle::check_bundle_file;
pub use demo::{demo_logo_png, sample_bundles, sample_large_workspace};
pub use email::check_college_email;
pub use error::{Result, Unreadable, WorkspaceError};
pub use export::{Document, ExportJob, Exported, Progress, TableKind};
pub use outcome::{BackedUp, BundleExported, ReceiptWritten, ReviewPackWritten};
pub use output::{OwnFiles, Target};
pub use report::{ContributorStatus, ImportReport, Imported, ReportStatus, StatementCoverage};
pub use report_pdf::look_alike_note;
pub use report_table::ReportTableRow;
pub use review::{ManifestReview, Recorded};
pub use signoff::{Decided, SignoffState};
pub use standards::{ImportOutcome, PreviousVersion};
pub use writing::{AccountCheck, Suggested};

use crate::domain::limits;
use crate::domain::names;
use crate::domain::organisation::{Logo, Organisation, Person, check_person};
use crate::layout::{FontSet, Layouter};
use crate::store::Store;
use error::{bad_input, cannot_print, conflict, foreign, no_statement, not_found, too_long};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Largest file accepted as evidence, in bytes.
pub const MAX_EVIDENCE_FILE: u64 = 50 * 1024 * 1024;

/// `cleaned` (a name by the one rule for names), or what is stored when that is the same
/// name written another way (decomposed accents, doubled spaces from an earlier version):
/// re-saving a name unchanged never changes a page's fingerprint.
fn keep_stored(stored: Option<&str>, cleaned: String) -> String {
    match stored {
        Some(s) if names::tidy(s) == cleaned => s.to_owned(),
        _ => cleaned,
    }
}

/// A size in words a person reads: "300 KB", "5 MB".
pub fn size_in_words(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB { format!("{} KB", bytes.div_ceil(1024)) } else { format!("{} MB", bytes.div_ceil(MB)) }
}

/// Reads a user's file with a size limit, turning failures into sentences. Only an ordinary
/// file is read (a folder, a pipe or a device is refused at once, before it is opened), and
/// never more than the limit and one byte, whatever size the file says it has.
pub fn read_user_file(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let unreadable = |why: Unreadable| WorkspaceError::FileUnreadable { path: path.to_path_buf(), why };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.into()))?;
    if meta.is_dir() {
        return Err(unreadable(Unreadable::Folder(what.to_owned())));
    }
    if !meta.is_file() {
        return Err(unreadable(Unreadable::NotOrdinary(what.to_owned())));
    }
    let too_large = |size| WorkspaceError::TooLarge { what: what.to_owned(), size, limit, path: path.to_path_buf() };
    if meta.len() > limit {
        return Err(too_large(Some(meta.len())));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| unreadable(e.into()))?;
    if bytes.len() as u64 > limit {
        // The file said it was smaller than it is (a special file, or one still growing).
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// A change to the organisation profile: what is `None` keeps its value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    /// The name as it appears on the pages.
    pub name: Option<String>,
    /// The contact email.
    pub email: Option<String>,
    /// The area served.
    pub area: Option<String>,
    /// Whether the organisation has a formal structure.
    pub formal: Option<bool>,
    /// A new logo picture (PNG or JPEG).
    pub logo: Option<PathBuf>,
}

/// An open workspace.
pub struct Workspace {
    store: Store,
    /// Delete the file when closed (the demo).
    throwaway: bool,
    /// The page's fonts, parsed once.
    fonts: Arc<FontSet>,
    /// Lays out pages, caching wrapped paragraphs.
    layouter: Layouter,
    /// Opened only for reading.
    read_only: bool,
    /// The demo's lock, held while it is open, so that another start can tell its files from
    /// those a stopped demo left.
    demo_lock: Option<std::fs::File>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("store", &self.store)
            .field("throwaway", &self.throwaway)
            .finish_non_exhaustive()
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        if self.throwaway {
            let path = self.store.path().to_path_buf();
            for suffix in ["", "-wal", "-shm", demo::LOCK_SUFFIX] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
        }
    }
}

/// The setting holding where the window was last left.
const WINDOW_PLACE: &str = "window.place";

impl Workspace {
    /// Opens (or makes) the workspace at `path`, with the built-in standards ready.
    pub fn open(path: &Path) -> Result<Self> {
        let mut ws = Self::over(Store::open(path)?, false)?;
        ws.ensure_builtin_sets()?;
        Ok(ws)
    }

    /// Wraps an open store, loading the fonts the pages use.
    fn over(store: Store, throwaway: bool) -> Result<Self> {
        let fonts = Arc::new(FontSet::embedded().map_err(|e| {
            WorkspaceError::Broken(format!(
                "The app's built-in fonts could not be read ({e}): reinstall LERO Evidence."
            ))
        })?);
        Ok(Self {
            store,
            throwaway,
            layouter: Layouter::new(Arc::clone(&fonts)),
            fonts,
            read_only: false,
            demo_lock: None,
        })
    }

    /// The default workspace file in the platform's data folder, creating the folder.
    pub fn default_path() -> Result<PathBuf> {
        let dirs = directories::ProjectDirs::from("org", "CLERO", "lero-evidence").ok_or_else(|| {
            WorkspaceError::Unwritable(
                "This computer has no home folder to keep the workspace in: choose a file with --db.".into(),
            )
        })?;
        let dir = dirs.data_dir();
        std::fs::create_dir_all(dir).map_err(|e| {
            WorkspaceError::Unwritable(format!(
                "The folder for the workspace could not be made ({e}): choose a file with --db. ({})",
                dir.display()
            ))
        })?;
        Ok(dir.join("workspace.lero"))
    }

    /// The workspace file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// True for the throwaway demo workspace.
    pub fn is_demo(&self) -> bool {
        self.throwaway
    }

    /// Where the window was last left in this workspace, as the window wrote it.
    pub fn window_place(&self) -> Result<Option<String>> {
        Ok(self.store.setting(WINDOW_PLACE)?)
    }

    /// Remembers where the window is, so that it reopens there. Kept in the workspace, not
    /// beside the app, because a place (an account, a statement) only means something in its
    /// own workspace. Nothing is written when it is unchanged or the file is read-only.
    pub fn remember_window_place(&self, place: &str) -> Result<()> {
        if self.read_only || self.store.setting(WINDOW_PLACE)?.as_deref() == Some(place) {
            return Ok(());
        }
        Ok(self.store.set_setting(WINDOW_PLACE, place)?)
    }

    /// The organisation profile, once set.
    pub fn organisation(&self) -> Result<Option<Organisation>> {
        Ok(self.store.organisation()?)
    }

    /// Saves the organisation profile after checking it.
    pub fn set_organisation(&self, org: &Organisation) -> Result<()> {
        let name = names::clean(&org.name, "the organisation's name")?;
        if name.is_empty() {
            return bad_input("The organisation needs a name: type it as it should appear on your pages.");
        }
        if !limits::within(&name, limits::ORGANISATION_NAME) {
            return too_long("organisation's name", limits::ORGANISATION_NAME, "letters");
        }
        let stored = self.store.organisation()?;
        let name = keep_stored(stored.as_ref().map(|o| o.name.as_str()), name);
        let email = names::clean(&org.email, "the email address")?;
        if !email.is_empty() && (!email.contains('@') || email.contains(' ') || email.len() <= 2) {
            return bad_input(format!("“{email}” does not look like an email address: check it, or leave it empty."));
        }
        if !limits::within(&email, limits::EMAIL) {
            return too_long("email address", limits::EMAIL, "characters");
        }
        let area = names::clean(&org.area, "the area")?;
        if !limits::within(&area, limits::AREA) {
            return too_long("area", limits::AREA, "letters");
        }
        self.refuse_unprintable(&[("the organisation's name", &name), ("the area", &area)])?;
        let clean = Organisation { name, email, area, formal: org.formal };
        Ok(self.store.set_organisation(&clean)?)
    }

    /// Changes the organisation profile as one decision: the fields given replace theirs,
    /// the others keep their value (a new profile is formal unless said otherwise). A logo
    /// file is read and checked before anything is saved, so a bad picture changes nothing.
    /// Returns the profile as saved.
    pub fn update_profile(&self, change: &ProfileChange) -> Result<Organisation> {
        let current = self.store.organisation()?;
        if current.is_none() && change.name.is_none() {
            return bad_input("Give the organisation's name first: org set --name \"Your LERO\".");
        }
        let mut org = current.unwrap_or(Organisation { formal: true, ..Organisation::default() });
        for (field, given) in
            [(&mut org.name, &change.name), (&mut org.email, &change.email), (&mut org.area, &change.area)]
        {
            if let Some(value) = given {
                field.clone_from(value);
            }
        }
        if let Some(formal) = change.formal {
            org.formal = formal;
        }
        let logo = match &change.logo {
            Some(p) => {
                let bytes = read_user_file(p, crate::domain::organisation::MAX_LOGO_BYTES as u64, "picture")?;
                Logo::check(bytes.clone()).map_err(|e| WorkspaceError::in_file(e, p))?;
                Some(bytes)
            }
            None => None,
        };
        self.set_organisation(&org)?;
        if let Some(bytes) = logo {
            self.set_logo(bytes)?;
        }
        Ok(self.store.organisation()?.unwrap_or_default())
    }

    /// Sets the logo from picture bytes, after checking they are a sensible PNG or JPEG.
    pub fn set_logo(&self, bytes: Vec<u8>) -> Result<Logo> {
        let logo = Logo::check(bytes)?;
        logo.decode_fully()?;
        self.store.set_logo(Some(&logo))?;
        Ok(logo)
    }

    /// Sets the logo from a picture file.
    pub fn set_logo_file(&self, path: &Path) -> Result<Logo> {
        let bytes = read_user_file(path, crate::domain::organisation::MAX_LOGO_BYTES as u64, "picture")?;
        self.set_logo(bytes).map_err(|e| WorkspaceError::in_file(e, path))
    }

    /// Removes the logo.
    pub fn clear_logo(&self) -> Result<()> {
        Ok(self.store.set_logo(None)?)
    }

    /// The logo bytes and type.
    pub fn logo(&self) -> Result<Option<(Vec<u8>, String)>> {
        Ok(self.store.logo()?)
    }

    /// Everyone in the organisation.
    pub fn people(&self) -> Result<Vec<Person>> {
        Ok(self.store.people()?)
    }

    /// Adds a person after checking name and role.
    pub fn add_person(&self, name: &str, role: &str, lived_experience: bool) -> Result<i64> {
        let (name, role) = clean_person(name, role)?;
        self.refuse_look_alike_person(&name, None)?;
        Ok(self.store.add_person(&name, &role, lived_experience)?)
    }

    /// Saves a person's changed details.
    pub fn update_person(&self, person: &Person) -> Result<()> {
        let (name, role) = clean_person(&person.name, &person.role)?;
        if let Some(other) = self.store.person_by_name(&name)?
            && other.id != person.id
        {
            return conflict(format!("There is already a person called {}: use a different name.", other.name));
        }
        self.refuse_look_alike_person(&name, Some(person.id))?;
        Ok(self.store.update_person(&Person { name, role, ..person.clone() })?)
    }

    /// A name printed on every page must be one the page's font can print: otherwise no PDF
    /// of the workspace could be made. (A person's name is checked when they sign, so that
    /// people whose names the font cannot print yet can still be listed.)
    fn refuse_unprintable(&self, parts: &[(&str, &str)]) -> Result<()> {
        match accounts::unprintable(&self.fonts, parts) {
            Some(missing) => cannot_print(format!(
                "The page's font cannot print {missing}, so no PDF could be made with it: replace or remove those characters."
            )),
            None => Ok(()),
        }
    }

    /// Two people whose names look the same on a page could sign for each other: a name that
    /// looks like someone else's is refused.
    fn refuse_look_alike_person(&self, name: &str, except: Option<i64>) -> Result<()> {
        if let Some(other) =
            self.store.people()?.into_iter().find(|p| Some(p.id) != except && names::looks_alike(&p.name, name))
        {
            return conflict(format!(
                "“{name}” looks the same on a page as {}, who is already here, so a sign-off by one could pass for the other. If they are the same person, use their entry; if not, add something that tells them apart (a middle initial, say).",
                other.name
            ));
        }
        Ok(())
    }

    /// The person called `name` (as typed: tidied, ignoring case), if there is one.
    pub fn person_named(&self, name: &str) -> Result<Option<Person>> {
        let name = names::tidy(name);
        if let Some(p) = self.store.person_by_name(&name)? {
            return Ok(Some(p));
        }
        // SQLite ignores the case of ASCII letters only: "łukasz" is Łukasz too.
        let folded = name.to_lowercase();
        Ok(self.store.people()?.into_iter().find(|p| names::tidy(&p.name).to_lowercase() == folded))
    }

    /// Removes a person.
    pub fn remove_person(&self, id: i64) -> Result<()> {
        Ok(self.store.remove_person(id)?)
    }

    /// Writes a consistent copy of the workspace to `out` (never over the workspace, its own
    /// files or another workspace; see [`OwnFiles`]).
    pub fn backup(&self, out: &Path) -> Result<BackedUp> {
        self.own_files().check(out)?;
        self.store.backup_to(out)?;
        Ok(BackedUp { path: out.to_path_buf() })
    }

    /// Runs `f` as one decision: one write transaction whose lock is taken up front, so what
    /// `f` reads is what it writes (no other command can change the workspace in between),
    /// a second writer waits its turn, and a failure leaves nothing half-done.
    pub fn in_one_transaction<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        // Opened read-only, nothing can be written, by this or by `f`: no lock to take.
        if self.read_only {
            return f(self);
        }
        let started = self.store.begin_immediate()?;
        let done = f(self);
        self.store.finish(started, done)
    }

    /// The workspace's own files, which nothing exported may replace.
    pub fn own_files(&self) -> OwnFiles {
        OwnFiles::of(self.path())
    }

    /// Whether a file may be written at `out`, and whether that replaces one (see
    /// [`OwnFiles::check`]): the window asks before replacing.
    pub fn check_output(&self, out: &Path) -> Result<Target> {
        self.own_files().check(out)
    }
}

/// A person's name and role by the one rule for names, then checked.
fn clean_person(name: &str, role: &str) -> Result<(String, String)> {
    let name = names::clean(name, "the person's name")?;
    let role = names::clean(role, &format!("{}'s role", if name.is_empty() { "the person" } else { &name }))?;
    check_person(&name, &role).map_err(WorkspaceError::BadInput)?;
    Ok((name, role))
}

/// This computer's offset from UTC, learnt once when the program starts (reading it later,
/// with other threads running, is refused by `time` on Unix).
static LOCAL_OFFSET: std::sync::OnceLock<time::UtcOffset> = std::sync::OnceLock::new();

/// Learns this computer's offset from UTC; call before any other thread starts. Where it
/// cannot be learnt, dates are UTC's.
pub fn learn_local_offset() {
    if let Ok(offset) = time::UtcOffset::current_local_offset() {
        let _ = LOCAL_OFFSET.set(offset);
    }
}

/// Now, in this computer's time zone as learnt at start (else UTC): a date a user reads is
/// the date on their calendar, also in the hour after midnight in summer.
pub fn now() -> time::OffsetDateTime {
    let now = time::OffsetDateTime::now_utc();
    LOCAL_OFFSET.get().map_or(now, |offset| now.to_offset(*offset))
}

/// Today's date, `YYYY-MM-DD`, as this computer's calendar has it.
pub fn today() -> String {
    crate::domain::assessment::iso_date(now().date())
}
