//! `signoff` and `rule`: approving pages, and the rule for "signed off".

use super::{CliError, write_out};
use crate::domain::fingerprint::short;
use crate::domain::signoff::Decision;
use crate::workspace::Workspace;
use clap::Args;
use std::io::Write;

/// `signoff ID --person NAME …`
#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// The account id.
    pub id: i64,
    /// Who is signing (their name as added with `person add`).
    #[arg(long)]
    pub person: String,
    /// Ask for changes instead of approving.
    #[arg(long)]
    pub reject: bool,
    /// What they want to say.
    #[arg(long, default_value = "")]
    pub note: String,
}

/// `rule …`
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// How many different people must approve.
    #[arg(long)]
    pub approvals: Option<u32>,
    /// At least one approval must come from a person with lived experience.
    #[arg(long, conflicts_with = "any_person")]
    pub lived_experience: bool,
    /// Any person's approval counts towards the rule.
    #[arg(long)]
    pub any_person: bool,
}

impl SignoffArgs {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let Self { id, person, reject, note } = self;
        let decision = if *reject { Decision::ChangesRequested } else { Decision::Approved };
        let decided = ws.decide(*id, person, decision, note)?;
        let fp = decided.fingerprint;
        let state = ws.signoff_state(*id)?;
        let did = if *reject { "asked for changes to" } else { "approved" };
        let said = if decided.recorded {
            format!("{} {did} account {id} (fingerprint {}).", decided.person, short(&fp))
        } else {
            format!(
                "{} had already {did} this version of account {id} (fingerprint {}), so nothing changed.",
                decided.person,
                short(&fp)
            )
        };
        write_out(out, &format!("{said} {}.", state.progress.describe()))?;
        write_out(out, &fp)
    }
}

impl RuleArgs {
    /// Runs the command, printing to `out`.
    pub fn run(&self, ws: &mut Workspace, out: &mut dyn Write) -> Result<(), CliError> {
        let Self { approvals, lived_experience, any_person } = self;
        let mut rule = ws.signoff_rule()?;
        if let Some(n) = approvals {
            rule.approvals = *n;
        }
        if *lived_experience {
            rule.lived_experience = true;
        }
        if *any_person {
            rule.lived_experience = false;
        }
        if approvals.is_some() || *lived_experience || *any_person {
            ws.set_signoff_rule(rule)?;
        }
        write_out(out, &format!("A page is signed off with {}.", rule.describe()))
    }
}
