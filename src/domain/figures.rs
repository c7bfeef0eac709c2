//! A year in figures: how much an organisation did in a calendar or financial year (people
//! supported, hours of recovery support, volunteers and their hours, paid roles held by people
//! with lived experience), each figure optional, with a note on how they were counted.
//!
//! Everything typed is read here, so the sentence that refuses it is the same in the window
//! and on the command line.

use super::limits;
use super::text::one_line;
use serde::{Deserialize, Serialize};

/// The earliest year figures are kept for.
pub const FIRST_YEAR: u16 = 2000;
/// The latest year figures are kept for.
pub const LAST_YEAR: u16 = 2100;
/// The largest figure accepted: more than any one organisation's year could hold.
pub const MAX_FIGURE: u32 = 10_000_000;

/// The year a set of figures is for: a calendar year (`2025`) or a financial year
/// (`2025-26`, from the year it starts to the last two digits of the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Year {
    /// The year it starts in.
    start: u16,
    /// A financial year, running into the next calendar year.
    financial: bool,
}

impl Year {
    /// A calendar year, if it is within the years kept.
    pub fn calendar(start: u16) -> Option<Self> {
        (FIRST_YEAR..=LAST_YEAR).contains(&start).then_some(Self { start, financial: false })
    }

    /// A financial year starting in `start`, if it is within the years kept.
    pub fn financial(start: u16) -> Option<Self> {
        (FIRST_YEAR..=LAST_YEAR).contains(&start).then_some(Self { start, financial: true })
    }

    /// Reads a year as typed: `2025`, `2025-26`, `2025/26`, `2025–26` or `2025-2026`.
    pub fn parse(text: &str) -> Result<Self, FiguresError> {
        let typed = text.trim();
        if typed.is_empty() {
            return Err(FiguresError::NoYear);
        }
        let not_a_year = || FiguresError::NotAYear(quoted(typed));
        let (first, second) = match typed.find(['-', '/', '–']) {
            Some(at) => {
                let sep = typed[at..].chars().next().map_or(1, char::len_utf8);
                (typed[..at].trim(), Some(typed[at + sep..].trim()))
            }
            None => (typed, None),
        };
        let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(first, 4) {
            return Err(not_a_year());
        }
        let start: u16 = first.parse().map_err(|_| not_a_year())?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&start) {
            return Err(FiguresError::OutOfRange(start));
        }
        let Some(second) = second else { return Ok(Self { start, financial: false }) };
        let next = start + 1;
        let matches = if digits(second, 2) {
            second.parse::<u16>().ok() == Some(next % 100)
        } else if digits(second, 4) {
            second.parse::<u16>().ok() == Some(next)
        } else {
            return Err(not_a_year());
        };
        if !matches {
            return Err(FiguresError::NotTheNextYear { typed: quoted(typed), start });
        }
        Ok(Self { start, financial: true })
    }

    /// The year it starts in.
    pub fn start(self) -> u16 {
        self.start
    }

    /// True for a financial year (`2025-26`).
    pub fn is_financial(self) -> bool {
        self.financial
    }
}

impl std::fmt::Display for Year {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.financial {
            write!(f, "{}-{:02}", self.start, (self.start + 1) % 100)
        } else {
            write!(f, "{}", self.start)
        }
    }
}

impl TryFrom<String> for Year {
    type Error = FiguresError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<Year> for String {
    fn from(year: Year) -> Self {
        year.to_string()
    }
}

/// One of the five figures of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// People supported.
    PeopleSupported,
    /// Hours of recovery support given, by staff and volunteers together.
    SupportHours,
    /// Volunteers.
    Volunteers,
    /// Hours given by volunteers.
    VolunteerHours,
    /// Paid roles held by people with lived experience of recovery.
    LivedExperienceRoles,
}

impl Field {
    /// Every figure, in the order they are shown.
    pub const ALL: [Field; 5] = [
        Field::PeopleSupported,
        Field::SupportHours,
        Field::Volunteers,
        Field::VolunteerHours,
        Field::LivedExperienceRoles,
    ];

    /// The key in JSON and in files (`people_supported`).
    pub fn key(self) -> &'static str {
        match self {
            Field::PeopleSupported => "people_supported",
            Field::SupportHours => "support_hours",
            Field::Volunteers => "volunteers",
            Field::VolunteerHours => "volunteer_hours",
            Field::LivedExperienceRoles => "lived_experience_roles",
        }
    }

    /// Its name for a person, as a label ("People supported").
    pub fn label(self) -> &'static str {
        match self {
            Field::PeopleSupported => "People supported",
            Field::SupportHours => "Hours of recovery support",
            Field::Volunteers => "Volunteers",
            Field::VolunteerHours => "Volunteer hours",
            Field::LivedExperienceRoles => "Paid roles held by people with lived experience",
        }
    }

    /// What to count, in a few words (short enough to sit inside the box it is about).
    pub fn help(self) -> &'static str {
        match self {
            Field::PeopleSupported => "Each person counted once",
            Field::SupportHours => "Staff and volunteers together",
            Field::Volunteers => "Everyone who volunteered in the year",
            Field::VolunteerHours => "Hours your volunteers gave",
            Field::LivedExperienceRoles => "Each paid post counted once",
        }
    }

    /// The figure with its noun, for a sentence: "1,200 people supported".
    pub fn counted(self, n: u32) -> String {
        let (one, many) = match self {
            Field::PeopleSupported => ("person supported", "people supported"),
            Field::SupportHours => ("hour of recovery support", "hours of recovery support"),
            Field::Volunteers => ("volunteer", "volunteers"),
            Field::VolunteerHours => ("volunteer hour", "volunteer hours"),
            Field::LivedExperienceRoles => {
                ("paid role held by someone with lived experience", "paid roles held by people with lived experience")
            }
        };
        format!("{} {}", grouped(n), if n == 1 { one } else { many })
    }
}

/// What an organisation did in one year. A figure not given is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ReceivedFigures")]
pub struct YearFigures {
    /// The year.
    pub year: Year,
    /// People supported.
    pub people_supported: Option<u32>,
    /// Hours of recovery support, staff and volunteers together.
    pub support_hours: Option<u32>,
    /// Volunteers.
    pub volunteers: Option<u32>,
    /// Volunteer hours.
    pub volunteer_hours: Option<u32>,
    /// Paid roles held by people with lived experience.
    pub lived_experience_roles: Option<u32>,
    /// How the figures were counted.
    pub note: String,
}

/// Figures as a file carries them, checked before they become [`YearFigures`].
#[derive(Deserialize)]
struct ReceivedFigures {
    year: Year,
    people_supported: Option<u32>,
    support_hours: Option<u32>,
    volunteers: Option<u32>,
    volunteer_hours: Option<u32>,
    lived_experience_roles: Option<u32>,
    #[serde(default)]
    note: String,
}

impl TryFrom<ReceivedFigures> for YearFigures {
    type Error = FiguresError;
    fn try_from(r: ReceivedFigures) -> Result<Self, Self::Error> {
        let figures = Self {
            year: r.year,
            people_supported: r.people_supported,
            support_hours: r.support_hours,
            volunteers: r.volunteers,
            volunteer_hours: r.volunteer_hours,
            lived_experience_roles: r.lived_experience_roles,
            note: r.note,
        };
        figures.check(limits::RECEIVED_NOTE)?;
        Ok(figures)
    }
}

impl YearFigures {
    /// A year with no figures yet.
    pub fn empty(year: Year) -> Self {
        Self {
            year,
            people_supported: None,
            support_hours: None,
            volunteers: None,
            volunteer_hours: None,
            lived_experience_roles: None,
            note: String::new(),
        }
    }

    /// One figure.
    pub fn get(&self, field: Field) -> Option<u32> {
        match field {
            Field::PeopleSupported => self.people_supported,
            Field::SupportHours => self.support_hours,
            Field::Volunteers => self.volunteers,
            Field::VolunteerHours => self.volunteer_hours,
            Field::LivedExperienceRoles => self.lived_experience_roles,
        }
    }

    /// Sets one figure.
    pub fn set(&mut self, field: Field, value: Option<u32>) {
        let slot = match field {
            Field::PeopleSupported => &mut self.people_supported,
            Field::SupportHours => &mut self.support_hours,
            Field::Volunteers => &mut self.volunteers,
            Field::VolunteerHours => &mut self.volunteer_hours,
            Field::LivedExperienceRoles => &mut self.lived_experience_roles,
        };
        *slot = value;
    }

    /// Every figure with what it is, in the order they are shown: what totals add up.
    pub fn fields(&self) -> [(Field, Option<u32>); 5] {
        Field::ALL.map(|f| (f, self.get(f)))
    }

    /// How many of the five figures are given.
    pub fn given(&self) -> usize {
        self.fields().iter().filter(|(_, v)| v.is_some()).count()
    }

    /// The figures given, in words: "1,200 people supported, 25 volunteers", or "no figures
    /// given".
    pub fn summary(&self) -> String {
        let given: Vec<String> = self.fields().iter().filter_map(|(f, v)| v.map(|n| f.counted(n))).collect();
        if given.is_empty() { "no figures given".to_owned() } else { given.join(", ") }
    }

    /// Checks every figure is within range and the note within `note_limit` letters.
    pub fn check(&self, note_limit: usize) -> Result<(), FiguresError> {
        for (field, value) in self.fields() {
            if let Some(n) = value
                && n > MAX_FIGURE
            {
                return Err(FiguresError::TooLarge { field, typed: grouped(n) });
            }
        }
        if !limits::within(&self.note, note_limit) {
            return Err(FiguresError::NoteTooLong(note_limit));
        }
        Ok(())
    }
}

/// A change to one year's figures, as typed: what is `None` keeps its stored value, an empty
/// text takes a figure away.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FiguresChange {
    /// The year, as typed.
    pub year: String,
    /// People supported, as typed.
    pub people_supported: Option<String>,
    /// Hours of recovery support, as typed.
    pub support_hours: Option<String>,
    /// Volunteers, as typed.
    pub volunteers: Option<String>,
    /// Volunteer hours, as typed.
    pub volunteer_hours: Option<String>,
    /// Paid roles held by people with lived experience, as typed.
    pub lived_experience_roles: Option<String>,
    /// The note on how they were counted.
    pub note: Option<String>,
}

impl FiguresChange {
    /// The text given for one figure, if any.
    pub fn given(&self, field: Field) -> Option<&str> {
        match field {
            Field::PeopleSupported => self.people_supported.as_deref(),
            Field::SupportHours => self.support_hours.as_deref(),
            Field::Volunteers => self.volunteers.as_deref(),
            Field::VolunteerHours => self.volunteer_hours.as_deref(),
            Field::LivedExperienceRoles => self.lived_experience_roles.as_deref(),
        }
    }

    /// Gives the text typed for one figure.
    pub fn give(&mut self, field: Field, text: impl Into<String>) {
        let slot = match field {
            Field::PeopleSupported => &mut self.people_supported,
            Field::SupportHours => &mut self.support_hours,
            Field::Volunteers => &mut self.volunteers,
            Field::VolunteerHours => &mut self.volunteer_hours,
            Field::LivedExperienceRoles => &mut self.lived_experience_roles,
        };
        *slot = Some(text.into());
    }

    /// True when no figure and no note is given.
    pub fn changes_nothing(&self) -> bool {
        self.note.is_none() && Field::ALL.iter().all(|f| self.given(*f).is_none())
    }

    /// The year's figures after the change, over what is stored for it (if anything). Every
    /// text is read before anything changes, so one bad figure changes nothing.
    pub fn apply(&self, stored: Option<&YearFigures>) -> Result<YearFigures, FiguresError> {
        let year = Year::parse(&self.year)?;
        let mut figures = stored.filter(|s| s.year == year).cloned().unwrap_or_else(|| YearFigures::empty(year));
        for field in Field::ALL {
            if let Some(text) = self.given(field) {
                figures.set(field, parse_figure(field, text)?);
            }
        }
        if let Some(note) = &self.note {
            note.trim().clone_into(&mut figures.note);
        }
        figures.check(limits::NOTE)?;
        Ok(figures)
    }
}

/// Reads one figure as typed: digits, with commas between thousands if wanted ("1,200");
/// nothing typed is no figure.
pub fn parse_figure(field: Field, text: &str) -> Result<Option<u32>, FiguresError> {
    let typed = text.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let said = || quoted(typed);
    let (negative, unsigned) = match typed.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, typed.strip_prefix('+').unwrap_or(typed)),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let Some(digits) = thousands(whole) else {
        return Err(FiguresError::NotANumber { field, typed: said() });
    };
    if let Some(f) = fraction {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FiguresError::NotANumber { field, typed: said() });
        }
        if f.bytes().any(|b| b != b'0') {
            return Err(FiguresError::NotWhole { field, typed: said() });
        }
    }
    if negative && digits.bytes().any(|b| b != b'0') {
        return Err(FiguresError::Negative { field, typed: said() });
    }
    match digits.parse::<u64>() {
        Ok(n) if n <= u64::from(MAX_FIGURE) => Ok(u32::try_from(n).ok()),
        _ => Err(FiguresError::TooLarge { field, typed: said() }),
    }
}

/// The digits of `text` when it is digits, with commas (if any) between every three from the
/// right: "1,200" and "1200" are 1200; "12,00" is not a number.
fn thousands(text: &str) -> Option<String> {
    let groups: Vec<&str> = text.split(',').collect();
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| all_digits(g)) {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    Some(groups.concat())
}

/// A figure as people write it: "1,200".
pub fn grouped(n: u32) -> String {
    crate::domain::text::thousands(u64::from(n))
}

/// What was typed, on one line and cut short if it is long, to quote in a sentence.
fn quoted(typed: &str) -> String {
    let line = one_line(typed);
    if line.chars().count() > 40 { format!("{}…", line.chars().take(40).collect::<String>()) } else { line }
}

/// Why a year or a figure cannot be used, as a sentence saying what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiguresError {
    /// No year was given.
    #[error("Say which year these figures are for: a calendar year such as 2025, or a financial year such as 2025-26.")]
    NoYear,
    /// The text is not a year at all.
    #[error(
        "“{0}” is not a year: write a calendar year such as 2025, or a financial year such as 2025-26 (the year it starts, then the last two digits of the next)."
    )]
    NotAYear(String),
    /// A financial year whose second part is not the next year.
    #[error(
        "“{typed}” is not a financial year: the second part is the last two digits of the year after {start}, so write {start}-{:02}.",
        (start + 1) % 100
    )]
    NotTheNextYear {
        /// What was typed.
        typed: String,
        /// The year it starts in.
        start: u16,
    },
    /// A year before 2000 or after 2100.
    #[error("{0} is outside the years figures are kept for (2000 to 2100): check the year.")]
    OutOfRange(u16),
    /// A figure below zero.
    #[error(
        "{} cannot be below zero (you wrote “{typed}”): write a whole number from 0 to 10,000,000, or leave it empty.",
        field.label()
    )]
    Negative {
        /// The figure.
        field: Field,
        /// What was typed.
        typed: String,
    },
    /// A figure with a fraction.
    #[error(
        "{} must be a whole number, not “{typed}”: write a whole number from 0 to 10,000,000, or leave it empty.",
        field.label()
    )]
    NotWhole {
        /// The figure.
        field: Field,
        /// What was typed.
        typed: String,
    },
    /// A figure in words, or not a number at all.
    #[error(
        "{} must be written in digits, such as 1,200, not “{typed}”: write a whole number from 0 to 10,000,000, or leave it empty.",
        field.label()
    )]
    NotANumber {
        /// The figure.
        field: Field,
        /// What was typed.
        typed: String,
    },
    /// A figure over 10,000,000.
    #[error(
        "{} cannot be more than 10,000,000 (you wrote “{typed}”): check the number, or leave it empty.",
        field.label()
    )]
    TooLarge {
        /// The figure.
        field: Field,
        /// What was typed.
        typed: String,
    },
    /// The note is too long.
    #[error("The note on how the figures were counted is longer than {0} letters: shorten it.")]
    NoteTooLong(usize),
}

#[cfg(test)]
mod tests;
