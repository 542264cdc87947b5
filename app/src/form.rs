//! A form sent back with what is wrong in it: the values as typed (never passwords) and a problem per
//! field. It travels in the error of a server function, so without JavaScript it comes back in the URL
//! of the form's page, which shows it again filled in.
use serde::{Deserialize, Serialize};

/// What can be wrong with a field; each has a message in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    Phone,
    Email,
    PasswordShort,
    PasswordsDiffer,
    PhoneTaken,
    NameTaken,
    EmailTaken,
    Village,
    WrongLogin,
    WrongPassword,
    Price,
    Number,
    FlagshipTaken,
    /// An invitation link used, cancelled or expired.
    InviteGone,
    PostalCode,
    /// Not the phone number the order was placed with.
    OrderPhone,
    /// A control character, or a mark that reverses the text's direction.
    Characters,
    /// Not a province, regency or district that exists.
    Region,
    /// An official's password link used or expired.
    LinkGone,
}

/// What was typed in a search box, for a query: control characters (a NUL above all, which no text
/// column holds) become spaces, and at most `max` characters are kept.
pub fn search_text(typed: &str, max: usize) -> String {
    let text: String = (typed.chars().take(max))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    text.trim().to_string()
}

/// The most of a value a refused form keeps.
pub const KEPT_CHARS: usize = 8000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormProblems {
    pub values: Vec<(String, String)>,
    pub problems: Vec<(String, Problem)>,
}

impl FormProblems {
    /// The value typed in `field`, or nothing.
    pub fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub fn problem(&self, field: &str) -> Option<Problem> {
        self.problems
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, p)| *p)
    }

    /// Keeps what was typed in `field`, up to [`KEPT_CHARS`]: more than any field takes, and the form
    /// travels back in the page's address.
    pub fn keep(&mut self, field: &str, value: &str) {
        let value = match value.char_indices().nth(KEPT_CHARS) {
            Some((end, _)) => &value[..end],
            None => value,
        };
        self.values.push((field.to_string(), value.to_string()));
    }

    pub fn add(&mut self, field: &str, problem: Problem) {
        if self.problem(field).is_none() {
            self.problems.push((field.to_string(), problem));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
}
