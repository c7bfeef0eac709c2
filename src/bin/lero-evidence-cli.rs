//! `lero-evidence-cli`: the same program as `lero-evidence`, built as a console program so
//! that on Windows the headless commands print in the terminal that ran them and return
//! their exit codes (the windowed `lero-evidence.exe` has no console). Elsewhere the two
//! are the same.

fn main() -> std::process::ExitCode {
    lero_evidence::run_program(std::time::Instant::now())
}
