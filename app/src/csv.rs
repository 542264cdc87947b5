//! CSV for spreadsheets: fields quoted when they must be, and text that Excel would run as a formula
//! made plain text.

/// Put first, it makes Excel read the file as UTF-8 (names with accents, "–").
pub const BOM: &str = "\u{feff}";

/// A field quoted when it must be; text a spreadsheet would run as a formula is made plain text.
fn field(value: &str) -> String {
    let value = defused(value);
    if value.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A `'` before every `=`, `+`, `-` or `@` that could begin a cell: at the start, and after each `;`,
/// tab or line break. Excel set to Indonesian splits lines on `;` and ignores the quotes around a field
/// that does not begin the line, so any `;` in the text can start a cell.
fn defused(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut cell_starts = true;
    for c in value.chars() {
        if cell_starts && matches!(c, '=' | '+' | '-' | '@') {
            out.push('\'');
        }
        // Spaces and a quote before the sign still leave a formula.
        cell_starts =
            matches!(c, ';' | '\t' | '\n' | '\r') || (cell_starts && matches!(c, ' ' | '"'));
        out.push(c);
    }
    out
}

/// A header line and rows, each line ended by CRLF as RFC 4180 has it.
pub fn document(header: &[&str], rows: &[Vec<String>]) -> String {
    std::iter::once(
        header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    )
    .chain(
        rows.iter()
            .map(|row| row.iter().map(|v| field(v)).collect::<Vec<_>>().join(",")),
    )
    .map(|line| line + "\r\n")
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_and_defuses_formulas() {
        let rows = vec![vec![
            "LBG-7K3Q-2X".to_string(),
            "Jl. Merdeka 1, RT 2".to_string(),
            "kata \"manis\"".to_string(),
            "=HYPERLINK(\"x\")".to_string(),
            "+6281311112222".to_string(),
        ]];
        let csv = document(&["nomor", "waktu"], &rows);
        let second = csv.lines().nth(1).unwrap();
        assert_eq!(
            second,
            "LBG-7K3Q-2X,\"Jl. Merdeka 1, RT 2\",\"kata \"\"manis\"\"\",\"'=HYPERLINK(\"\"x\"\")\",'+6281311112222"
        );
        assert!(csv.starts_with("nomor,waktu\r\n"));
    }

    #[test]
    fn a_formula_after_a_semicolon_or_a_line_break_is_plain_text() {
        for (typed, safe) in [
            (
                "x;=HYPERLINK(\"http://evil\";\"klik\")",
                "x;'=HYPERLINK(\"http://evil\";\"klik\")",
            ),
            ("Kopi 2 x; -1+1", "Kopi 2 x; '-1+1"),
            (" =1+1", " '=1+1"),
            ("baris\n@SUM(A1)", "baris\n'@SUM(A1)"),
            ("a\t+1", "a\t'+1"),
            ("Jl. Merdeka 1; RT 2-3", "Jl. Merdeka 1; RT 2-3"),
        ] {
            assert_eq!(defused(typed), safe, "{typed}");
        }
        // Every cell that a split on `;` makes of the exported line starts harmlessly.
        let line = document(
            &["nomor"],
            &[vec!["LBG-1".into(), "x;=1+1".into(), "y; @A1".into()]],
        );
        for cell in line.lines().nth(1).unwrap().split(';') {
            let start = cell.trim_start_matches([' ', '"']);
            assert!(!start.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
}
