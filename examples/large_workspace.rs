//! Writes a made-up workspace as large as a LERO's after years of use, for trying the app and
//! for measuring it: `cargo run --release --example large_workspace -- FILE [EVIDENCE ACCOUNTS]`
//! (10,000 evidence items and 2,000 accounts unless told).

use lero_evidence::workspace::sample_large_workspace;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first().map(PathBuf::from) else {
        eprintln!("Say where to write it: large_workspace FILE [EVIDENCE ACCOUNTS]");
        return ExitCode::from(2);
    };
    if path.exists() {
        eprintln!("{} already exists: choose a new file name.", path.display());
        return ExitCode::from(2);
    }
    let number = |i: usize, default: usize| args.get(i).map_or(Some(default), |a| a.parse().ok());
    let (Some(evidence), Some(accounts)) = (number(1, 10_000), number(2, 2_000)) else {
        eprintln!("EVIDENCE and ACCOUNTS are whole numbers, for example 10000 2000.");
        return ExitCode::from(2);
    };
    match sample_large_workspace(&path, evidence, accounts) {
        Ok(_) => {
            println!("Wrote {} with {evidence} evidence items and {accounts} accounts.", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
