//! File dialogs, kept behind a trait: the real one runs as a task on its own named thread (a
//! native dialog can block, or never appear on some desktops), tests use a fake.

use super::task::{Poll, Task};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a file is being chosen for; decides the filters and the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A PNG or JPEG logo.
    Logo,
    /// A standards file (.toml or pasted .txt).
    Standards,
    /// Any evidence file.
    Evidence,
    /// Where to write a backup.
    SaveBackup,
    /// Where to write a PDF.
    SavePdf,
    /// Where to write the report as a web page.
    SaveWebPage,
    /// Where to write the report's table for analysts (.xlsx or .csv).
    SaveTable,
    /// Where to write the organisation's workbook of where it stands (.xlsx or .csv).
    SaveWorkbook,
    /// Where to write "Where we stand", the self-assessment pack (a PDF).
    SaveSummary,
    /// Where to write a contribution bundle.
    SaveBundle,
    /// Where to write a draft email to the college.
    SaveEmail,
    /// Contribution bundles to add to the report (one or many).
    Bundles,
    /// A contributor's sign-off receipt.
    Receipt,
    /// The college's review manifest.
    Manifest,
    /// Where to write a sign-off receipt.
    SaveReceipt,
    /// The folder to write the review pack into.
    PackFolder,
}

impl Purpose {
    /// The extension a file saved for this purpose ends in (added when the user leaves it off).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Self::SaveBackup => Some("lero"),
            Self::SavePdf | Self::SaveSummary => Some("pdf"),
            Self::SaveWebPage => Some("html"),
            Self::SaveTable | Self::SaveWorkbook => Some("xlsx"),
            Self::SaveBundle => Some("lero-bundle"),
            Self::SaveEmail => Some("eml"),
            Self::SaveReceipt => Some("lero-receipt"),
            Self::Logo
            | Self::Standards
            | Self::Evidence
            | Self::Bundles
            | Self::Receipt
            | Self::Manifest
            | Self::PackFolder => None,
        }
    }
}

/// Opens file dialogs. `pick` may block, so it is only ever called off the UI thread.
pub trait FilePicker: Send + Sync {
    /// Shows a dialog and returns the chosen paths (several only for [`Purpose::Bundles`]);
    /// none when cancelled or when no dialog could be shown.
    fn pick(&self, purpose: Purpose) -> Vec<PathBuf>;

    /// Opens `path` with the program the system uses for its kind (an `.eml` in the mail
    /// program); true when the system took it. May wait a little, so it is only ever called
    /// off the UI thread.
    fn open_with_system(&self, path: &Path) -> bool;
}

/// The desktop's own dialog, through rfd.
#[derive(Debug, Default)]
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick(&self, purpose: Purpose) -> Vec<PathBuf> {
        let dialog = rfd::FileDialog::new();
        let one = match purpose {
            Purpose::Bundles => {
                return dialog
                    .set_title("Choose the contribution bundles")
                    .add_filter("LERO Evidence bundles", &["lero-bundle"])
                    .pick_files()
                    .unwrap_or_default();
            }
            Purpose::Receipt => dialog
                .set_title("Choose the sign-off receipt")
                .add_filter("Sign-off receipts", &["lero-receipt"])
                .pick_file(),
            Purpose::Manifest => dialog
                .set_title("Choose the review manifest from the college")
                .add_filter("Review manifests", &["lero-manifest"])
                .pick_file(),
            Purpose::SaveReceipt => dialog
                .set_title("Save the sign-off receipt")
                .set_file_name("report-signoff.lero-receipt")
                .add_filter("Sign-off receipt", &["lero-receipt"])
                .save_file(),
            Purpose::PackFolder => dialog.set_title("Choose a folder for the review pack").pick_folder(),
            Purpose::Logo => {
                dialog.set_title("Choose your logo").add_filter("Pictures", &["png", "jpg", "jpeg"]).pick_file()
            }
            Purpose::Standards => dialog
                .set_title("Choose a standards file")
                .add_filter("Standards (.toml or text)", &["toml", "txt"])
                .pick_file(),
            Purpose::Evidence => dialog.set_title("Choose the evidence file").pick_file(),
            Purpose::SaveBundle => {
                dialog.set_title("Save the bundle").add_filter("LERO Evidence bundle", &["lero-bundle"]).save_file()
            }
            Purpose::SaveEmail => {
                dialog.set_title("Save the email to the college").add_filter("Email message", &["eml"]).save_file()
            }
            Purpose::SavePdf => dialog.set_title("Save the PDF").add_filter("PDF", &["pdf"]).save_file(),
            Purpose::SaveWebPage => dialog
                .set_title("Save the report as a web page")
                .set_file_name("Collective report.html")
                .add_filter("Web page", &["html", "htm"])
                .save_file(),
            Purpose::SaveTable => dialog
                .set_title("Save the table for analysts")
                .set_file_name("Contributions.xlsx")
                .add_filter("Excel workbook", &["xlsx"])
                .add_filter("CSV (comma-separated values)", &["csv"])
                .save_file(),
            Purpose::SaveWorkbook => dialog
                .set_title("Save the workbook of where you stand")
                .set_file_name("Where we stand.xlsx")
                .add_filter("Excel workbook", &["xlsx"])
                .add_filter("CSV (comma-separated values), the assessments alone", &["csv"])
                .save_file(),
            Purpose::SaveSummary => dialog
                .set_title("Save “Where we stand”")
                .set_file_name("Where we stand.pdf")
                .add_filter("PDF", &["pdf"])
                .save_file(),
            Purpose::SaveBackup => dialog
                .set_title("Save a backup of the workspace")
                .set_file_name("lero-evidence-backup.lero")
                .save_file(),
        };
        one.into_iter().collect()
    }

    fn open_with_system(&self, path: &Path) -> bool {
        open_with_system(path)
    }
}

/// Opens `path` with the system's program for it (`xdg-open` on Linux and the BSDs, `open`
/// on macOS, `start` on Windows), spawned. Waits up to a few seconds for the opener to say
/// whether anything took the file; one still running then is taken as having opened it.
pub fn open_with_system(path: &Path) -> bool {
    let spawned = opener(path).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    let Ok(mut child) = spawned else { return false };
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(5) {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(50)),
            Err(_) => return false,
        }
    }
    // Still running (some openers wait for the program they started): reaped when it ends.
    let _ = std::thread::Builder::new().name("opener".into()).spawn(move || child.wait());
    true
}

#[cfg(windows)]
fn opener(path: &Path) -> Command {
    use std::os::windows::process::CommandExt;
    /// No console window flashes up.
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    let mut command = Command::new("cmd");
    // `start` takes its first quoted argument as a window title, so an empty one comes first;
    // the path, which cannot hold a quotation mark on Windows, is quoted as it is.
    command.arg("/C").arg("start").raw_arg("\"\"").raw_arg(format!("\"{}\"", path.display()));
    command.creation_flags(CREATE_NO_WINDOW);
    command
}

#[cfg(target_os = "macos")]
fn opener(path: &Path) -> Command {
    let mut command = Command::new("open");
    command.arg(path);
    command
}

#[cfg(not(any(windows, target_os = "macos")))]
fn opener(path: &Path) -> Command {
    let mut command = Command::new("xdg-open");
    command.arg(path);
    command
}

/// A dialog under way on its own thread.
#[derive(Debug)]
pub struct PendingPick {
    /// What the file is for.
    pub purpose: Purpose,
    task: Task<Vec<PathBuf>>,
}

/// What polling a pending dialog found.
#[derive(Debug, PartialEq, Eq)]
pub enum PickState {
    /// Still open.
    Waiting,
    /// The user chose these paths (at least one).
    Chosen(Vec<PathBuf>),
    /// Cancelled, or no dialog could be shown.
    NothingChosen,
}

impl PendingPick {
    /// Starts a dialog on a named thread; `None` when no thread could be started.
    pub fn start(ctx: &egui::Context, picker: std::sync::Arc<dyn FilePicker>, purpose: Purpose) -> Option<Self> {
        let task = Task::spawn(ctx, "file-dialog", move || picker.pick(purpose)).ok()?;
        Some(Self { purpose, task })
    }

    /// Checks whether the dialog has answered.
    pub fn poll(&self) -> PickState {
        match self.task.poll() {
            Poll::Done(p) if !p.is_empty() => PickState::Chosen(p),
            Poll::Done(_) | Poll::Lost => PickState::NothingChosen,
            Poll::Running => PickState::Waiting,
        }
    }
}

/// File dialogs for tests and benchmarks, which have no desktop to show one on.
#[doc(hidden)]
pub mod testing {
    use super::{FilePicker, Purpose};
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    /// A file dialog that answers at once: with the paths given for the purpose asked, else
    /// with the default path, else as if cancelled.
    #[derive(Debug, Default)]
    pub struct FakePicker {
        default: Option<PathBuf>,
        picks: Vec<(Purpose, Vec<PathBuf>)>,
        /// Whether "opening" a file with the system's program succeeds (nothing is ever
        /// launched), and the files asked to be opened.
        opens: bool,
        opened: Mutex<Vec<PathBuf>>,
    }

    impl FakePicker {
        /// A dialog nobody answers: every pick comes back empty.
        pub fn cancelled() -> Self {
            Self::default()
        }

        /// A dialog that answers `picks` for their purposes and `default` for the rest.
        pub fn answering(default: Option<PathBuf>, picks: Vec<(Purpose, Vec<PathBuf>)>) -> Self {
            Self { default, picks, ..Self::default() }
        }

        /// The same, on a system where opening a file with its program works.
        #[must_use]
        pub fn opening_files(self) -> Self {
            Self { opens: true, ..self }
        }

        /// The files the app asked the system to open, in order.
        pub fn opened(&self) -> Vec<PathBuf> {
            self.opened.lock().map(|o| o.clone()).unwrap_or_default()
        }
    }

    impl FilePicker for FakePicker {
        fn pick(&self, purpose: Purpose) -> Vec<PathBuf> {
            match self.picks.iter().find(|(p, _)| *p == purpose) {
                Some((_, paths)) => paths.clone(),
                None => self.default.clone().into_iter().collect(),
            }
        }

        fn open_with_system(&self, path: &Path) -> bool {
            if let Ok(mut opened) = self.opened.lock() {
                opened.push(path.to_path_buf());
            }
            self.opens
        }
    }
}
