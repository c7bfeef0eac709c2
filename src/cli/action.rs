//! `action add`, `action update` and `action list`: what the organisation means to do about a
//! statement, who does it and by when.

use super::{CliError, print_list, refuse, write_out};
use crate::domain::assessment::{ActionStatus, date_for_people};
use crate::store::Action;
use crate::workspace::Workspace;
use clap::Subcommand;
use serde::Serialize;
use std::io::Write;

/// `action …`
#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action to a statement; prints its id.
    Add {
        /// The statement, `SET_ID/CODE`.
        #[arg(value_name = "REF")]
        reference: String,
        /// What will be done.
        #[arg(long)]
        what: String,
        /// Who does it.
        #[arg(long, default_value = "")]
        who: String,
        /// By when: day/month/year (31/03/2026) or 2026-03-31.
        #[arg(long, value_name = "DATE")]
        by: Option<String>,
    },
    /// Change an action: only what is given changes (`--by ""` takes the date away).
    Update {
        /// The action's id (see `action list`).
        id: i64,
        /// What will be done.
        #[arg(long)]
        what: Option<String>,
        /// Who does it.
        #[arg(long)]
        who: Option<String>,
        /// By when: day/month/year (31/03/2026) or 2026-03-31; "" for no date.
        #[arg(long, value_name = "DATE")]
        by: Option<String>,
        /// open (not started), doing (in progress) or done.
        #[arg(long)]
        status: Option<String>,
    },
    /// List the actions, those to do first, soonest first.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// An action as `action list --json` prints it.
#[derive(Debug, Serialize)]
struct ActionJson<'a> {
    id: i64,
    #[serde(rename = "ref")]
    reference: String,
    version: &'a str,
    what: &'a str,
    who: &'a str,
    by: Option<&'a str>,
    status: &'static str,
    overdue: bool,
}

/// The status a command-line word names: open, doing or done, or their words in the window.
fn parse_status(word: &str) -> Option<ActionStatus> {
    match word.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
        "open" | "not-started" | "todo" | "to-do" => Some(ActionStatus::Open),
        "doing" | "in-progress" | "started" => Some(ActionStatus::Doing),
        "done" | "finished" => Some(ActionStatus::Done),
        _ => None,
    }
}

/// "Ring the council · Sam · by 31/03/2026 · In progress".
fn describe(a: &Action) -> String {
    let mut parts = vec![format!("“{}”", a.what)];
    if !a.who.is_empty() {
        parts.push(a.who.clone());
    }
    if let Some(d) = &a.due {
        parts.push(format!("by {}", date_for_people(d)));
    }
    parts.push(a.status.label().to_lowercase());
    parts.join(", ")
}

impl ActionCommand {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        match self {
            Self::Add { reference, what, who, by } => {
                let key = ws.resolve(reference)?;
                let id = ws.add_action(&key, what, who, by.as_deref())?;
                let added = ws.action(id)?;
                write_out(out, &format!("Added action {id} to {}: {}.", key.short_ref(), describe(&added)))?;
                write_out(out, &id.to_string())
            }
            Self::Update { id, what, who, by, status } => {
                // Every word is checked before anything is stored.
                let status = match status {
                    Some(word) => match parse_status(word) {
                        Some(s) => Some(s),
                        None => {
                            return refuse(format!("“{word}” is not a status of an action: use open, doing or done."));
                        }
                    },
                    None => None,
                };
                let mut a = ws.action(*id)?;
                if let Some(w) = what {
                    a.what.clone_from(w);
                }
                if let Some(w) = who {
                    a.who.clone_from(w);
                }
                if let Some(d) = by {
                    a.due = Some(d.clone()).filter(|d| !d.trim().is_empty());
                }
                if let Some(s) = status {
                    a.status = s;
                }
                ws.update_action(&a)?;
                let saved = ws.action(*id)?;
                write_out(out, &format!("Saved action {id} for {}: {}.", saved.key.short_ref(), describe(&saved)))?;
                write_out(out, &id.to_string())
            }
            Self::List { json } => {
                let today = crate::workspace::today();
                print_list(
                    out,
                    *json,
                    &ws.actions(None)?,
                    |a| ActionJson {
                        id: a.id,
                        reference: a.key.short_ref(),
                        version: &a.key.version,
                        what: &a.what,
                        who: &a.who,
                        by: a.due.as_deref(),
                        status: a.status.as_str(),
                        overdue: a.is_overdue(&today),
                    },
                    |a| {
                        format!(
                            "{}\t{}\t{}\t{}{}\t{}\t{}",
                            a.id,
                            a.key.short_ref(),
                            a.due.as_deref().unwrap_or("-"),
                            a.status.as_str(),
                            if a.is_overdue(&today) { " (overdue)" } else { "" },
                            if a.who.is_empty() { "-" } else { &a.who },
                            a.what
                        )
                    },
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_read_from_the_words_of_the_command_line_and_of_the_window() {
        for (word, status) in [
            ("open", ActionStatus::Open),
            ("Not started", ActionStatus::Open),
            ("doing", ActionStatus::Doing),
            ("in-progress", ActionStatus::Doing),
            ("In progress", ActionStatus::Doing),
            (" DONE ", ActionStatus::Done),
        ] {
            assert_eq!(parse_status(word), Some(status), "{word}");
        }
        for status in ActionStatus::ALL {
            assert_eq!(parse_status(status.as_str()), Some(status));
            assert_eq!(parse_status(status.label()), Some(status));
        }
        assert_eq!(parse_status("closed"), None);
        assert_eq!(parse_status(""), None);
    }
}
