//! One table of limits. What a person may type is within what a bundle, a review manifest or
//! a receipt may carry, so nothing the app accepts can later refuse to leave it; the compiler
//! checks each typed limit against the formats'.

/// Letters in an organisation's name.
pub const ORGANISATION_NAME: usize = 120;
/// Letters in a person's name.
pub const PERSON_NAME: usize = 100;
/// Letters in a person's role.
pub const ROLE: usize = 100;
/// Characters in the organisation's email address.
pub const EMAIL: usize = 200;
/// Letters in the area an organisation serves.
pub const AREA: usize = 200;
/// Letters in an account's or a report's title.
pub const TITLE: usize = 200;
/// Characters in a report's year ("2025", "2025-26").
pub const YEAR: usize = 20;
/// Letters in a sign-off's note.
pub const NOTE: usize = 2_000;
/// People whose decisions one page can carry.
pub const SIGNOFFS_PER_PAGE: usize = 100;
/// Bytes in an account's text (far more than a page holds; the page's fit is the real limit).
pub const BODY_BYTES: usize = 200 * 1024;

/// What a received file may hold in a one-line field: as much as any typed field, so files of
/// earlier versions keep opening.
pub const RECEIVED_LINE: usize = 200;
/// What a received file may hold in a note.
pub const RECEIVED_NOTE: usize = 5_000;

/// True when `text` is at most `limit` letters.
pub fn within(text: &str, limit: usize) -> bool {
    text.chars().count() <= limit
}

// Everything typed fits what is sent: checked when the app is compiled.
const _: () = {
    let typed = [ORGANISATION_NAME, PERSON_NAME, ROLE, EMAIL, AREA, TITLE, YEAR];
    let mut i = 0;
    while i < typed.len() {
        assert!(typed[i] <= RECEIVED_LINE);
        i += 1;
    }
    assert!(NOTE <= RECEIVED_NOTE);
    assert!(SIGNOFFS_PER_PAGE <= crate::domain::bundle::MAX_SIGNOFFS);
    assert!(TITLE <= crate::domain::bundle::MAX_TITLE_CHARS);
    assert!(BODY_BYTES == crate::domain::bundle::MAX_BODY_BYTES);
};
