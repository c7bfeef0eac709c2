use super::*;

#[test]
fn calendar_and_financial_years_are_read_and_written_back() {
    assert_eq!(Year::parse("2025").unwrap().to_string(), "2025");
    assert_eq!(Year::parse(" 2025-26 ").unwrap().to_string(), "2025-26");
    assert_eq!(Year::parse("2025/26").unwrap().to_string(), "2025-26");
    assert_eq!(Year::parse("2025–26").unwrap().to_string(), "2025-26");
    assert_eq!(Year::parse("2025 / 2026").unwrap().to_string(), "2025-26");
    assert_eq!(Year::parse("2099-00").unwrap().to_string(), "2099-00");
    assert_eq!(Year::parse("2000").unwrap().start(), 2000);
    assert_eq!(Year::parse("2100-01").unwrap().to_string(), "2100-01");
    assert!(Year::parse("2025-26").unwrap().is_financial());
    assert!(!Year::parse("2025").unwrap().is_financial());
}

#[test]
fn anything_else_is_refused_with_what_is_expected() {
    assert_eq!(Year::parse("  "), Err(FiguresError::NoYear));
    for typed in ["last year", "25", "20255", "2025-6", "2025-026", "2025-", "2025--26", "year 2025", "2025.5"] {
        let e = Year::parse(typed).unwrap_err();
        assert!(matches!(e, FiguresError::NotAYear(_)), "{typed}: {e:?}");
        assert!(e.to_string().contains("such as 2025-26"), "{e}");
    }
    let e = Year::parse("2025-27").unwrap_err();
    assert_eq!(
        e.to_string(),
        "“2025-27” is not a financial year: the second part is the last two digits of the year after 2025, so write 2025-26."
    );
    assert!(matches!(Year::parse("2025/2027"), Err(FiguresError::NotTheNextYear { .. })));
    assert_eq!(Year::parse("1999"), Err(FiguresError::OutOfRange(1999)));
    assert_eq!(Year::parse("2101-02"), Err(FiguresError::OutOfRange(2101)));
    assert!(Year::parse("1999").unwrap_err().to_string().contains("2000 to 2100"));
}

#[test]
fn newer_years_sort_after_older_ones() {
    let y = |t| Year::parse(t).unwrap();
    let mut years = [y("2024-25"), y("2026"), y("2025"), y("2025-26")];
    years.sort_unstable_by(|a, b| b.cmp(a));
    let shown: Vec<String> = years.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["2026", "2025-26", "2025", "2024-25"]);
}

#[test]
fn figures_are_whole_numbers_from_nought_to_ten_million() {
    let f = Field::PeopleSupported;
    assert_eq!(parse_figure(f, ""), Ok(None));
    assert_eq!(parse_figure(f, "  "), Ok(None));
    assert_eq!(parse_figure(f, "0"), Ok(Some(0)));
    assert_eq!(parse_figure(f, "1200"), Ok(Some(1200)));
    assert_eq!(parse_figure(f, " 1,200 "), Ok(Some(1200)));
    assert_eq!(parse_figure(f, "10,000,000"), Ok(Some(10_000_000)));
    assert_eq!(parse_figure(f, "+5"), Ok(Some(5)));
    assert_eq!(parse_figure(f, "12.0"), Ok(Some(12)));
}

#[test]
fn nonsense_figures_are_refused_naming_the_field_and_what_is_allowed() {
    let cases: [(Field, &str, &str); 8] = [
        (Field::PeopleSupported, "-3", "People supported cannot be below zero (you wrote “-3”)"),
        (Field::Volunteers, "twelve", "Volunteers must be written in digits, such as 1,200, not “twelve”"),
        (Field::SupportHours, "1.5", "Hours of recovery support must be a whole number, not “1.5”"),
        (Field::VolunteerHours, "99999999", "Volunteer hours cannot be more than 10,000,000 (you wrote “99999999”)"),
        (
            Field::VolunteerHours,
            "10,000,001",
            "Volunteer hours cannot be more than 10,000,000 (you wrote “10,000,001”)",
        ),
        (
            Field::LivedExperienceRoles,
            "12,00",
            "Paid roles held by people with lived experience must be written in digits",
        ),
        (Field::PeopleSupported, "1e3", "must be written in digits"),
        (Field::PeopleSupported, "99999999999999999999999", "cannot be more than 10,000,000"),
    ];
    for (field, typed, said) in cases {
        let e = parse_figure(field, typed).unwrap_err().to_string();
        assert!(e.contains(said), "{typed}: {e}");
        if !said.contains("more than") {
            assert!(e.contains("a whole number from 0 to 10,000,000"), "{e}");
        }
    }
    let long = "x".repeat(500);
    let e = parse_figure(Field::Volunteers, &long).unwrap_err().to_string();
    assert!(e.len() < 300, "a long text is cut short in the sentence: {e}");
}

#[test]
fn figures_read_back_from_json_with_the_contract_keys() {
    let mut f = YearFigures::empty(Year::parse("2025-26").unwrap());
    f.people_supported = Some(1200);
    f.note = "From our sign-in sheets".into();
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "year": "2025-26", "people_supported": 1200, "support_hours": null, "volunteers": null,
            "volunteer_hours": null, "lived_experience_roles": null, "note": "From our sign-in sheets"
        })
    );
    let back: YearFigures = serde_json::from_value(json).unwrap();
    assert_eq!(back, f);
    // What a file carries is checked as what is typed.
    let absurd = serde_json::json!({"year": "2025", "people_supported": 20_000_000});
    assert!(serde_json::from_value::<YearFigures>(absurd).is_err());
    let no_year = serde_json::json!({"year": "last year"});
    assert!(serde_json::from_value::<YearFigures>(no_year).is_err());
}

#[test]
fn a_change_keeps_what_it_does_not_give_and_changes_nothing_when_one_figure_is_wrong() {
    let stored = FiguresChange {
        year: "2025/26".into(),
        people_supported: Some("1,200".into()),
        volunteers: Some("25".into()),
        note: Some("  Counted from sign-in sheets ".into()),
        ..FiguresChange::default()
    }
    .apply(None)
    .unwrap();
    assert_eq!(stored.year.to_string(), "2025-26");
    assert_eq!((stored.people_supported, stored.volunteers, stored.support_hours), (Some(1200), Some(25), None));
    assert_eq!(stored.note, "Counted from sign-in sheets");
    assert_eq!(stored.given(), 2);

    let more = FiguresChange {
        year: "2025-26".into(),
        support_hours: Some("3400".into()),
        volunteers: Some(String::new()),
        ..FiguresChange::default()
    };
    let merged = more.apply(Some(&stored)).unwrap();
    assert_eq!((merged.people_supported, merged.volunteers, merged.support_hours), (Some(1200), None, Some(3400)));
    assert_eq!(merged.note, stored.note);

    let bad = FiguresChange { year: "2025-26".into(), support_hours: Some("lots".into()), ..more };
    assert!(matches!(bad.apply(Some(&stored)), Err(FiguresError::NotANumber { field: Field::SupportHours, .. })));
    let long = FiguresChange { year: "2025".into(), note: Some("a".repeat(2_001)), ..FiguresChange::default() };
    assert_eq!(long.apply(None), Err(FiguresError::NoteTooLong(2_000)));
    assert!(FiguresChange { year: "2025".into(), ..FiguresChange::default() }.changes_nothing());
}

#[test]
fn figures_are_said_with_their_nouns() {
    assert_eq!(grouped(0), "0");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1000), "1,000");
    assert_eq!(grouped(10_000_000), "10,000,000");
    let mut f = YearFigures::empty(Year::calendar(2025).unwrap());
    assert_eq!(f.summary(), "no figures given");
    f.people_supported = Some(1);
    f.volunteer_hours = Some(12_500);
    assert_eq!(f.summary(), "1 person supported, 12,500 volunteer hours");
    let keys: Vec<&str> = f.fields().iter().map(|(k, _)| k.key()).collect();
    assert_eq!(keys, ["people_supported", "support_hours", "volunteers", "volunteer_hours", "lived_experience_roles"]);
}
