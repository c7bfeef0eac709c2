//! Self-assessment: where a LERO says it stands with one statement.

use serde::{Deserialize, Serialize};

/// How far a statement is lived in the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    /// Not started.
    NotYet,
    /// First steps taken.
    Starting,
    /// Happening, not yet everywhere or every time.
    Developing,
    /// Part of how the organisation works every day.
    Embedded,
    /// Does not apply here, with a reason.
    NotApplicable,
}

impl Stage {
    /// Every stage in display order.
    pub const ALL: [Stage; 5] =
        [Stage::NotYet, Stage::Starting, Stage::Developing, Stage::Embedded, Stage::NotApplicable];

    /// The word used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NotYet => "not-yet",
            Stage::Starting => "starting",
            Stage::Developing => "developing",
            Stage::Embedded => "embedded",
            Stage::NotApplicable => "n/a",
        }
    }

    /// Reads a command-line word; accepts a few friendly spellings.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().replace(['_', ' '], "-").as_str() {
            "not-yet" | "notyet" => Some(Stage::NotYet),
            "starting" => Some(Stage::Starting),
            "developing" => Some(Stage::Developing),
            "embedded" => Some(Stage::Embedded),
            "n/a" | "na" | "not-applicable" => Some(Stage::NotApplicable),
            _ => None,
        }
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Stage::NotYet => "Not yet",
            Stage::Starting => "Starting",
            Stage::Developing => "Developing",
            Stage::Embedded => "Embedded",
            Stage::NotApplicable => "Not applicable",
        }
    }

    /// One line explaining the stage to a volunteer.
    pub fn help(self) -> &'static str {
        match self {
            Stage::NotYet => "We don't do this yet.",
            Stage::Starting => "We have taken the first steps.",
            Stage::Developing => "We do this, but not everywhere or every time.",
            Stage::Embedded => "This is part of how we work every day.",
            Stage::NotApplicable => "This does not apply to us (say why).",
        }
    }
}

/// The seven rungs of the ladder of participation (Susan Lawrence, adapted from Hear by
/// Right, Roger Hart and Arnstein), as quoted in PHE's 2015 guidance on service user
/// involvement.
pub const RUNGS: [(&str, &str); 7] = [
    ("Information", "People are given information; staff decide what, when and how."),
    (
        "Positive contributions",
        "People are asked for their views but have no say in the questions or what happens next.",
    ),
    ("Consultation", "Staff make the decisions but consult people, take their views into account and give feedback."),
    ("Representation", "People represent the views of their peers, for example through forums."),
    ("Decision sharing", "People share responsibility for decisions with staff, for example in recruiting."),
    ("Implementing", "People are given responsibility for a project and its outcomes."),
    ("Initiating", "People generate ideas and make the major decisions; staff are there to consult."),
];

/// The name of a rung (1-7), or `None` outside the ladder.
pub fn rung_name(rung: u8) -> Option<&'static str> {
    RUNGS.get(usize::from(rung).checked_sub(1)?).map(|r| r.0)
}

/// The explanation of a rung (1-7), or `None` outside the ladder.
pub fn rung_help(rung: u8) -> Option<&'static str> {
    RUNGS.get(usize::from(rung).checked_sub(1)?).map(|r| r.1)
}

/// A self-assessment of one statement. Every field may be filled in any order, so all are
/// optional or may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Where we are, once chosen.
    pub stage: Option<Stage>,
    /// Why the statement does not apply (only meaningful for [`Stage::NotApplicable`]).
    pub na_reason: String,
    /// Rung on the ladder of participation, 1-7.
    pub rung: Option<u8>,
    /// What we do well.
    pub well: String,
    /// What we want to develop.
    pub develop: String,
    /// A general note.
    pub note: String,
    /// The version this was carried over from, if it was.
    pub carried_from: Option<String>,
}

impl Assessment {
    /// Problems a user should fix, as sentences; empty when the assessment is consistent.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.stage == Some(Stage::NotApplicable) && self.na_reason.trim().is_empty() {
            out.push("Say why this statement does not apply to you.".to_owned());
        }
        if let Some(r) = self.rung
            && !(1..=7).contains(&r)
        {
            out.push(format!("The involvement rung must be between 1 and 7, not {r}."));
        }
        out
    }

    /// True when nothing has been filled in.
    pub fn is_empty(&self) -> bool {
        self.stage.is_none()
            && self.rung.is_none()
            && self.na_reason.is_empty()
            && self.well.is_empty()
            && self.develop.is_empty()
            && self.note.is_empty()
    }
}

/// Status of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// Not started.
    Open,
    /// Under way.
    Doing,
    /// Finished.
    Done,
}

impl ActionStatus {
    /// Every status in order.
    pub const ALL: [ActionStatus; 3] = [ActionStatus::Open, ActionStatus::Doing, ActionStatus::Done];

    /// Stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
        }
    }

    /// Reads a stored word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(ActionStatus::Open),
            "doing" => Some(ActionStatus::Doing),
            "done" => Some(ActionStatus::Done),
            _ => None,
        }
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Not started",
            ActionStatus::Doing => "In progress",
            ActionStatus::Done => "Done",
        }
    }
}

/// Kinds of evidence offered in the form; any other word is allowed too.
pub const EVIDENCE_KINDS: [&str; 8] =
    ["Document", "Photo", "Member's story or quote", "Feedback", "Minutes", "Figures", "Policy", "Other"];

/// The earliest and latest years a date may have: what a spreadsheet can hold as a date,
/// and far beyond any evidence or plan.
pub const FIRST_YEAR: i32 = 1900;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2200;

/// A date as people in the UK write it (day/month/year: 31/03/2024, 31.3.2024, 31-03-2024)
/// or as ISO 8601 (2024-03-31), as `YYYY-MM-DD`; or a sentence saying what is wrong.
pub fn parse_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    let bad = || format!("“{s}” is not a date: write it as day/month/year, like 31/03/2024.");
    let parts: Vec<&str> = s.split(['/', '.', '-']).map(str::trim).collect();
    let [first, middle, last] = parts.as_slice() else { return Err(bad()) };
    let (y, m, d) = if first.len() == 4 { (*first, *middle, *last) } else { (*last, *middle, *first) };
    if y.len() == 2
        && y.chars().all(|ch| ch.is_ascii_digit())
        && (1..=2).contains(&m.len())
        && (1..=2).contains(&d.len())
    {
        return Err(format!("“{s}”: write the year in full, like {d}/{m}/20{y}."));
    }
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return Err(bad());
    }
    let date = calendar_date(y, m, d, s)?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(format!(
            "“{s}” is not a year this app can keep ({}): write a date from {FIRST_YEAR} to {LAST_YEAR}, like 31/03/2024.",
            date.year()
        ));
    }
    Ok(iso_date(date))
}

fn calendar_date(y: &str, m: &str, d: &str, s: &str) -> Result<time::Date, String> {
    let bad = || format!("“{s}” is not a date: write it as day/month/year, like 31/03/2024.");
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Err(bad());
    };
    let Ok(month) = time::Month::try_from(m) else {
        return Err(format!("“{s}” is not a real date: there is no month {m}. Write the day first, then the month."));
    };
    time::Date::from_calendar_date(y, month, d)
        .map_err(|_| format!("“{s}” is not a real date: {month} {y} has no day {d}."))
}

/// A date as it is stored and exchanged: `2026-12-07`.
#[must_use]
pub fn iso_date(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A stored `YYYY-MM-DD` date as people read it: "31/03/2024" (anything else as it is).
pub fn date_for_people(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_round_trip_through_words() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert_eq!(Stage::parse("Not yet"), Some(Stage::NotYet));
        assert_eq!(Stage::parse("sometimes"), None);
    }

    #[test]
    fn rungs_have_names_only_inside_the_ladder() {
        assert_eq!(rung_name(1), Some("Information"));
        assert_eq!(rung_name(7), Some("Initiating"));
        assert_eq!(rung_name(0), None);
        assert_eq!(rung_name(8), None);
    }

    #[test]
    fn not_applicable_needs_a_reason() {
        let mut a = Assessment { stage: Some(Stage::NotApplicable), ..Assessment::default() };
        assert_eq!(a.problems().len(), 1);
        a.na_reason = "We have no premises.".into();
        assert!(a.problems().is_empty());
    }

    #[test]
    fn dates_are_checked() {
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
        for (typed, stored) in [
            ("31/03/2024", "2024-03-31"),
            ("12/11/2025", "2025-11-12"),
            ("1/2/2026", "2026-02-01"),
            ("01.02.2026", "2026-02-01"),
            ("29-02-2024", "2024-02-29"),
            (" 2024-03-31 ", "2024-03-31"),
        ] {
            assert_eq!(parse_date(typed).as_deref(), Ok(stored), "{typed}");
        }
        assert!(parse_date("12/11/25").unwrap_err().contains("write the year in full, like 12/11/2025"));
        assert!(parse_date("11/31/2025").unwrap_err().contains("there is no month 31"));
        assert!(parse_date("30/02/2024").unwrap_err().contains("February 2024 has no day 30"));
        assert!(parse_date("next Friday").unwrap_err().contains("write it as day/month/year"));
        assert_eq!(date_for_people("2025-11-12"), "12/11/2025");
        assert!(parse_date("2024-13-01").is_err());
        // Years a spreadsheet cannot hold (a typo for this year, say) are refused.
        for typo in ["31/03/0202", "1899-12-31", "01/01/2201"] {
            assert!(parse_date(typo).unwrap_err().contains("write a date from 1900 to 2200"), "{typo}");
        }
        assert!(parse_date("01/01/1900").is_ok() && parse_date("31/12/2200").is_ok());
        assert!(parse_date("99999-01-01").unwrap_err().contains("write it as day/month/year"));
    }
}
