//! `words …`: the workspace's word list for the spelling check.

use super::{CliError, refuse, write_out};
use crate::workspace::Workspace;
use clap::Subcommand;
use std::io::Write;

/// `words …`
#[derive(Debug, Subcommand)]
pub enum WordsCommand {
    /// Add words the spelling check should accept (local names, your own words); the names
    /// of the organisation and its people are known already.
    Add {
        /// The words, each on its own.
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// The workspace's word list.
    List,
    /// Take a word off the list.
    Remove {
        /// The word.
        word: String,
    },
}

impl WordsCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::Add { words } => {
                let added = ws.add_words(words)?;
                let already = words.len() - added;
                write_out(
                    out,
                    &format!(
                        "Added {added} {} to the word list{}.",
                        if added == 1 { "word" } else { "words" },
                        if already > 0 { format!(" ({already} already there)") } else { String::new() }
                    ),
                )
            }
            Self::List => {
                for w in ws.words()? {
                    write_out(out, &w)?;
                }
                Ok(())
            }
            Self::Remove { word } => {
                if ws.remove_word(word)? {
                    write_out(out, &format!("Took “{}” off the word list.", word.trim()))
                } else {
                    refuse(format!("“{}” is not on the word list: see words list.", word.trim()))
                }
            }
        }
    }
}
