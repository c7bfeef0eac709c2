//! File dialogs, kept behind a trait: the real one runs as a task on its own named thread (a
//! native dialog can block, or never appear on some desktops), tests use a fake.

use super::task::{Poll, Task};
use std::path::PathBuf;

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
    /// Where to write a contribution bundle.
    SaveBundle,
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
            Self::SavePdf => Some("pdf"),
            Self::SaveWebPage => Some("html"),
            Self::SaveBundle => Some("lero-bundle"),
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
            Purpose::SavePdf => dialog.set_title("Save the PDF").add_filter("PDF", &["pdf"]).save_file(),
            Purpose::SaveWebPage => dialog
                .set_title("Save the report as a web page")
                .set_file_name("Collective report.html")
                .add_filter("Web page", &["html", "htm"])
                .save_file(),
            Purpose::SaveBackup => dialog
                .set_title("Save a backup of the workspace")
                .set_file_name("lero-evidence-backup.lero")
                .save_file(),
        };
        one.into_iter().collect()
    }
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
    use std::path::PathBuf;

    /// A file dialog that answers at once: with the paths given for the purpose asked, else
    /// with the default path, else as if cancelled.
    #[derive(Debug, Default)]
    pub struct FakePicker {
        default: Option<PathBuf>,
        picks: Vec<(Purpose, Vec<PathBuf>)>,
    }

    impl FakePicker {
        /// A dialog nobody answers: every pick comes back empty.
        pub fn cancelled() -> Self {
            Self::default()
        }

        /// A dialog that answers `picks` for their purposes and `default` for the rest.
        pub fn answering(default: Option<PathBuf>, picks: Vec<(Purpose, Vec<PathBuf>)>) -> Self {
            Self { default, picks }
        }
    }

    impl FilePicker for FakePicker {
        fn pick(&self, purpose: Purpose) -> Vec<PathBuf> {
            match self.picks.iter().find(|(p, _)| *p == purpose) {
                Some((_, paths)) => paths.clone(),
                None => self.default.clone().into_iter().collect(),
            }
        }
    }
}
