//! LERO Evidence: self-assessment, evidence and one-page accounts for Lived Experience
//! Recovery Organisations, and the collective report for their college.
//!
//! The library is the product; the binary only parses the command line and opens the window.
//! Data flows one way: `ui`/`cli` -> `workspace` -> `domain` + `store` + `layout` + `export`.

pub mod cli;
pub mod domain;
pub mod export;
pub mod layout;
pub mod store;
pub mod ui;
pub mod workspace;

/// What the program does when started: one headless command, or the window. Shared by
/// `lero-evidence` (on Windows a windowed program, so no console opens behind the window)
/// and `lero-evidence-cli` (on Windows a console program, so commands print and return their
/// exit codes in a terminal).
pub fn run_program(started: std::time::Instant) -> std::process::ExitCode {
    use clap::Parser;
    // Before any other thread starts: the one moment the offset can be read safely.
    workspace::learn_local_offset();
    let parsed = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { cli::EXIT_USAGE } else { 0 };
            let _ = e.print();
            return std::process::ExitCode::from(code);
        }
    };
    if let Some(command) = &parsed.command {
        return cli::run(&parsed, command);
    }
    let path = if parsed.demo { None } else { cli::workspace_path(&parsed).ok() };
    let (ws, lock) = match cli::open_locked(&parsed, true) {
        Ok((ws, lock)) => (Ok(ws), lock),
        Err(e) => (Err(e.to_string()), None),
    };
    match ui::run(ws, path, lock, started) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            ui::cannot_open_window(&e);
            eprintln!("lero-evidence: {e}");
            std::process::ExitCode::from(cli::EXIT_FAILED)
        }
    }
}
