//! `lero-evidence`: opens the window, or runs one headless command. On Windows it is a
//! windowed program (no console window behind the app); `lero-evidence-cli` is the same
//! program for terminals.
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    lero_evidence::run_program(std::time::Instant::now())
}
