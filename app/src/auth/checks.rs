//! Checks of what sellers type, shared by the account forms; run on the server.
use crate::form::{FormProblems, Problem};

pub const MIN_PASSWORD: usize = 8;
const MAX_PASSWORD: usize = 200;

/// Keeps the value for the form and checks it is there, on one line and not too long.
pub fn text(form: &mut FormProblems, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        form.keep(field, value);
        form.add(field, Problem::Required);
    } else {
        optional_text(form, field, value, max, false);
    }
}

/// As [`text`], for a field that may be left empty; `lines` lets it hold line breaks and tabs.
pub fn optional_text(form: &mut FormProblems, field: &str, value: &str, max: usize, lines: bool) {
    form.keep(field, value);
    if value.chars().count() > max {
        form.add(field, Problem::TooLong);
    } else if unusable(value, lines) {
        form.add(field, Problem::Characters);
    }
}

/// The BUMDes's legal entity certificate number, which may be left empty (`None`): it is written as
/// issued, so any single line of at most 60 characters is taken, and kept without the spaces around it.
pub fn certificate<'a>(form: &mut FormProblems, typed: &'a str) -> Option<&'a str> {
    optional_text(form, "certificate_number", typed, 60, false);
    Some(typed.trim()).filter(|number| !number.is_empty())
}

/// Characters no typed text needs, which can hide or disguise it: control characters (but line breaks
/// and tabs where `lines` allows them) and the marks that reverse the order text is shown in
/// ("Kopi\u{202E}gpj.exe" shows as "Kopiexe.jpg").
pub fn unusable(value: &str, lines: bool) -> bool {
    value.chars().any(|c| {
        (c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// A new password (never kept for the form) and its repetition.
pub fn new_password(form: &mut FormProblems, field: &str, password: &str, again: &str) {
    if password.chars().count() < MIN_PASSWORD {
        form.add(field, Problem::PasswordShort);
    } else if password.chars().count() > MAX_PASSWORD {
        form.add(field, Problem::TooLong);
    } else if password != again {
        form.add(&format!("{field}_again"), Problem::PasswordsDiffer);
    }
}

/// Keeps what was typed and returns the value read from it, or adds the problem (`Required` when the
/// field was left empty).
pub fn parsed<T>(
    form: &mut FormProblems,
    field: &str,
    typed: &str,
    value: Option<T>,
    problem: Problem,
) -> Option<T> {
    form.keep(field, typed);
    if value.is_none() {
        let problem = if typed.trim().is_empty() {
            Problem::Required
        } else {
            problem
        };
        form.add(field, problem);
    }
    value
}

/// The WhatsApp number normalised to +62, or a problem.
pub fn whatsapp(form: &mut FormProblems, field: &str, typed: &str) -> String {
    parsed(
        form,
        field,
        typed,
        crate::phone::normalise(typed),
        Problem::Phone,
    )
    .unwrap_or_default()
}

/// An optional email, lower case; `None` when left empty.
pub fn email(form: &mut FormProblems, field: &str, typed: &str) -> Option<String> {
    form.keep(field, typed);
    let email = typed.trim().to_lowercase();
    if email.is_empty() {
        return None;
    }
    let shaped = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.contains(char::is_whitespace)
        && email.len() <= 200;
    if !shaped {
        form.add(field, Problem::Email);
    }
    Some(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_problem_and_keeps_values_but_not_passwords() {
        let mut form = FormProblems::default();
        text(&mut form, "bumdes_name", "  ", 120);
        text(&mut form, "manager_name", &"a".repeat(81), 80);
        let number = whatsapp(&mut form, "whatsapp", "0812-3456-7890");
        let typed_email = email(&mut form, "email", "Siti@@contoh");
        new_password(&mut form, "password", "rahasia-panjang", "rahasia-lain");
        assert_eq!(number, "+6281234567890");
        assert_eq!(typed_email.as_deref(), Some("siti@@contoh"));
        assert_eq!(form.problem("bumdes_name"), Some(Problem::Required));
        assert_eq!(form.problem("manager_name"), Some(Problem::TooLong));
        assert_eq!(form.problem("whatsapp"), None);
        assert_eq!(form.problem("email"), Some(Problem::Email));
        assert_eq!(
            form.problem("password_again"),
            Some(Problem::PasswordsDiffer)
        );
        assert_eq!(form.value("whatsapp"), "0812-3456-7890");
        assert!(
            form.values
                .iter()
                .all(|(field, _)| !field.starts_with("password"))
        );

        let mut hidden = FormProblems::default();
        text(&mut hidden, "name", "Kopi\u{202E}gpj.exe", 80);
        text(&mut hidden, "unit", "250 g\0", 40);
        text(&mut hidden, "street", "Jl. Merdeka\n1", 200);
        optional_text(&mut hidden, "note", "Baris satu\nBaris dua\tya", 500, true);
        optional_text(&mut hidden, "holder", "", 80, false);
        assert_eq!(hidden.problem("name"), Some(Problem::Characters));
        assert_eq!(hidden.problem("unit"), Some(Problem::Characters));
        assert_eq!(hidden.problem("street"), Some(Problem::Characters));
        assert_eq!(hidden.problem("note"), None);
        assert_eq!(hidden.problem("holder"), None);
        assert_eq!(hidden.value("unit"), "250 g\0");

        let mut fine = FormProblems::default();
        assert_eq!(email(&mut fine, "email", ""), None);
        new_password(&mut fine, "password", "pendek", "pendek");
        assert_eq!(fine.problem("password"), Some(Problem::PasswordShort));
    }

    #[test]
    fn a_certificate_number_is_one_line_of_at_most_60_characters_kept_without_the_spaces_around_it()
    {
        let check = |typed: &str| {
            let mut form = FormProblems::default();
            let number = certificate(&mut form, typed).map(str::to_string);
            assert_eq!(form.value("certificate_number"), typed);
            (number, form.problem("certificate_number"))
        };
        assert_eq!(check("   "), (None, None));
        let issued = "AHU-00123.AH.01.33.Tahun 2023";
        assert_eq!(check(&format!("  {issued} ")), (Some(issued.into()), None));
        let widest = "🌶".repeat(60);
        assert_eq!(check(&widest), (Some(widest.clone()), None));
        assert_eq!(check(&"1".repeat(61)).1, Some(Problem::TooLong));
        assert_eq!(check("AHU\0-1").1, Some(Problem::Characters));
        assert_eq!(check("AHU-1\nbaris dua").1, Some(Problem::Characters));
    }
}
