//! `assess REF --stage STAGE …` and `assess list`: where you stand with each statement.

use super::{CliError, print_list, refuse, write_out};
use crate::domain::assessment::{Stage, rung_name};
use crate::workspace::Workspace;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;

/// `assess REF --stage STAGE …` or `assess list`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AssessArgs {
    /// `list`.
    #[command(subcommand)]
    pub list: Option<AssessList>,
    /// The statement, `SET_ID/CODE`.
    #[arg(value_name = "REF")]
    pub reference: Option<String>,
    /// not-yet, starting, developing, embedded or n/a.
    #[arg(long)]
    pub stage: Option<String>,
    /// Involvement rung on the ladder of participation, 1-7.
    #[arg(long)]
    pub rung: Option<u8>,
    /// A note; for n/a, the reason it does not apply.
    #[arg(long)]
    pub note: Option<String>,
    /// What you do well.
    #[arg(long)]
    pub well: Option<String>,
    /// What you want to develop.
    #[arg(long)]
    pub develop: Option<String>,
}

/// `assess list`.
#[derive(Debug, Subcommand)]
pub enum AssessList {
    /// What you recorded.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A self-assessment as `assess list --json` prints it.
#[derive(Debug, Serialize)]
struct AssessmentJson<'a> {
    #[serde(rename = "ref")]
    reference: String,
    version: &'a str,
    stage: Option<&'static str>,
    rung: Option<u8>,
    note: &'a str,
    well: &'a str,
    develop: &'a str,
    carried_from: Option<&'a str>,
}

impl AssessArgs {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        if let Some(AssessList::List { json }) = &self.list {
            return list(ws, *json, out);
        }
        let Some(reference) = &self.reference else {
            return refuse("Name a statement, like: assess clero-chime/C1 --stage developing (or use `assess list`).");
        };
        let key = ws.resolve(reference)?;
        let Some(stage_word) = &self.stage else {
            return refuse(format!(
                "Say where you are with {reference}: add --stage not-yet, starting, developing, embedded or n/a."
            ));
        };
        let Some(stage) = Stage::parse(stage_word) else {
            return refuse(format!(
                "“{stage_word}” is not a stage: use not-yet, starting, developing, embedded or n/a."
            ));
        };
        let mut a = ws.assess(&key, stage, self.rung, self.note.as_deref())?;
        if self.well.is_some() || self.develop.is_some() {
            if let Some(w) = &self.well {
                w.trim().clone_into(&mut a.well);
            }
            if let Some(d) = &self.develop {
                d.trim().clone_into(&mut a.develop);
            }
            ws.save_assessment(&key, &a)?;
        }
        write_out(out, &format!("{} is now “{}”.", key.short_ref(), stage.label()))?;
        write_out(out, &key.to_string())
    }
}

fn list(ws: &Workspace, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    print_list(
        out,
        json,
        &ws.assessments()?,
        |(k, a)| AssessmentJson {
            reference: k.short_ref(),
            version: &k.version,
            stage: a.stage.map(Stage::as_str),
            rung: a.rung,
            note: if a.stage == Some(Stage::NotApplicable) { &a.na_reason } else { &a.note },
            well: &a.well,
            develop: &a.develop,
            carried_from: a.carried_from.as_deref(),
        },
        |(k, a)| {
            let rung = a.rung.map(|r| format!("rung {r} ({})", rung_name(r).unwrap_or(""))).unwrap_or_default();
            format!("{:<28} {:<15} {rung}", k.to_string(), a.stage.map_or("not assessed", Stage::label))
        },
    )
}
