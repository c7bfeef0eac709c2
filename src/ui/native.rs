//! The native window: eframe's glue, the renderers tried in turn, the startup report, and
//! the system's stop signals.

use super::picker::NativePicker;
use super::{App, UiState};
use crate::workspace::Workspace;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// eframe glue: persistence and the frame loop.
struct EframeApp(App, StartupReport);

/// With `LERO_EVIDENCE_STARTUP_REPORT` set, the window says on standard error when its first
/// frame was on screen (as Unix time, so a script can subtract the moment it launched the
/// app), how long after `main` began, and the memory it holds then; set to `exit`, it then
/// closes. This is how BENCHMARKS.md measures startup (`scripts/startup.sh`).
struct StartupReport {
    /// When `main` began.
    started: Instant,
    /// Frames drawn so far.
    frames: u32,
    /// Whether to report, and whether to close after.
    mode: Option<String>,
}

impl StartupReport {
    fn from_env(started: Instant) -> Self {
        Self { started, frames: 0, mode: std::env::var("LERO_EVIDENCE_STARTUP_REPORT").ok() }
    }

    /// Called at the start of each frame: the first frame has been painted when the second
    /// begins.
    fn frame(&mut self, ctx: &egui::Context, renderer: &str) {
        let Some(mode) = &self.mode else { return };
        self.frames += 1;
        if self.frames == 1 {
            ctx.request_repaint();
            return;
        }
        if self.frames == 2 {
            let unix_ns =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            let rss_kib = resident_kib().map_or_else(|| "unknown".to_owned(), |k| k.to_string());
            eprintln!(
                "startup: first-frame-unix-ns={unix_ns} since-main-ms={:.1} rss-kib={rss_kib} renderer={renderer}",
                self.started.elapsed().as_secs_f64() * 1000.0
            );
            if mode == "exit" {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

/// The memory the process holds in RAM (its resident set), where the system says.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let renderer = if frame.gl().is_some() { "opengl" } else { "wgpu" };
        self.1.frame(ui.ctx(), renderer);
        self.0.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.0.flush();
        eframe::set_value(storage, eframe::APP_KEY, self.0.ui_state());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.0.flush();
    }

    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }
}

/// Asks the window to save and close when the system asks the app to stop: SIGTERM (logout,
/// shutdown, `kill`), SIGINT (Ctrl+C in the terminal that started it) and SIGHUP (the
/// terminal or session went away). A second signal while the first is being answered stops
/// the app at once, as the signal would have without this.
#[cfg(unix)]
fn stop_on_signals(ctx: &egui::Context, stop: Arc<std::sync::atomic::AtomicBool>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
        // Without the handler the signals keep their usual meaning; typing is still saved
        // within half a second.
        return;
    };
    let ctx = ctx.clone();
    let _ = std::thread::Builder::new().name("stop-signals".into()).spawn(move || {
        for signal in signals.forever() {
            if stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
                signal_hook::low_level::emulate_default_handler(signal).ok();
                std::process::exit(128 + signal);
            }
            ctx.request_repaint();
        }
    });
}

#[cfg(not(unix))]
fn stop_on_signals(_: &egui::Context, _: Arc<std::sync::atomic::AtomicBool>) {}

/// The app's icon for the window's title bar and task bar (`assets/icon`).
fn app_icon() -> Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icon/lero-evidence-64.png");
    let icon = image::load_from_memory(png).map(|i| i.to_rgba8()).map_or_else(
        |_| egui::IconData::default(),
        |i| egui::IconData { width: i.width(), height: i.height(), rgba: i.into_raw() },
    );
    Arc::new(icon)
}

/// Says why the window could not be opened where a windowed program has no terminal to say
/// it in (Windows): in a message box. Elsewhere standard error says it.
pub fn cannot_open_window(sentence: &str) {
    #[cfg(windows)]
    {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("LERO Evidence")
            .set_description(format!(
                "{sentence}\n\nThe headless commands still work: run lero-evidence-cli.exe --help in a terminal."
            ))
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    #[cfg(not(windows))]
    let _ = sentence;
}

/// Opens the window over `ws` (the workspace at `path`, or the sentence saying why it could
/// not be opened), holding its `lock`; returns when it is closed. Takes a backup as it
/// opens.
pub fn run(
    ws: Result<Workspace, String>,
    path: Option<PathBuf>,
    lock: Option<crate::store::WorkspaceLock>,
    started: Instant,
) -> Result<(), String> {
    // The backup taken on opening runs beside the window, which never waits for it.
    let backup = ws.as_ref().ok().and_then(|w| w.auto_backup_in_background("opened"));
    let title = match &ws {
        Ok(w) => match w.organisation() {
            Ok(Some(o)) => format!("LERO Evidence – {}", o.name),
            _ => "LERO Evidence".to_owned(),
        },
        Err(_) => "LERO Evidence".to_owned(),
    };
    // What the window is made from, kept until a renderer starts: one that fails to start
    // leaves it for the next.
    let parts = std::rc::Rc::new(std::cell::RefCell::new(Some((ws, path, lock, backup))));
    let mut failures = Vec::new();
    for (renderer, name) in renderers() {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title(title.clone())
                .with_app_id("org.clero.LeroEvidence")
                .with_inner_size([1180.0, 780.0])
                .with_min_inner_size([760.0, 520.0])
                .with_icon(app_icon()),
            renderer,
            ..Default::default()
        };
        let taken = std::rc::Rc::clone(&parts);
        let result = eframe::run_native(
            "LERO Evidence",
            options,
            Box::new(move |cc| {
                let Some((ws, path, lock, backup)) = taken.borrow_mut().take() else {
                    return Err("the window was already started".into());
                };
                let state: UiState = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
                let mut app = App::new(ws, state, Arc::new(NativePicker)).with_path(path);
                app.lock = lock;
                app.backup = backup.and_then(|rx| super::task::Task::wait_on(&cc.egui_ctx, "backup-wait", rx).ok());
                stop_on_signals(&cc.egui_ctx, app.stop_flag());
                Ok(Box::new(EframeApp(app, StartupReport::from_env(started))))
            }),
        );
        match result {
            Ok(()) => return Ok(()),
            // The app ran and then failed: trying another renderer would open it twice.
            Err(e) if parts.borrow().is_none() => return Err(cannot_open(&e.to_string())),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    Err(cannot_open(&failures.join("; ")))
}

fn cannot_open(why: &str) -> String {
    format!(
        "The window could not be opened ({why}): check that a desktop session is running, or use the headless commands (see --help)."
    )
}

/// The renderers to try, in order. On Windows, OpenGL first and then wgpu (Direct3D 12,
/// which falls back to Microsoft's software adapter over Remote Desktop, in virtual machines
/// and on the basic display driver, where OpenGL 2 is often missing). OpenGL goes first
/// because its failure comes back as an error the next renderer can follow, while a
/// Direct3D 12 driver that fails can end the process outright (seen under Wine, whose
/// Direct3D 12 stopped on an assertion), leaving nothing to fall back from. Elsewhere OpenGL
/// alone (several times cheaper on software rendering). `LERO_EVIDENCE_RENDERER=glow` or
/// `wgpu` chooses one.
fn renderers() -> Vec<(eframe::Renderer, &'static str)> {
    let forced = std::env::var("LERO_EVIDENCE_RENDERER").unwrap_or_default();
    let glow = (eframe::Renderer::Glow, "OpenGL");
    #[cfg(windows)]
    {
        let wgpu = (eframe::Renderer::Wgpu, "Direct3D");
        match forced.as_str() {
            "glow" => vec![glow],
            "wgpu" => vec![wgpu],
            _ => vec![glow, wgpu],
        }
    }
    #[cfg(not(windows))]
    {
        let _ = forced;
        vec![glow]
    }
}
