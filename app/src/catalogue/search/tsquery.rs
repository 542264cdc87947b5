//! The text of a PostgreSQL `tsquery` (from `websearch_to_tsquery`) as a tree the search index evaluates.
//!
//! PostgreSQL does the language work (unaccent, Indonesian stemming, `or`, `-word`, quotes); this only
//! reads its output. A phrase (`<->`) asks for all its words, in any order.

#[derive(Clone, Debug, PartialEq)]
pub enum Query {
    Word(String),
    Not(Box<Query>),
    And(Box<Query>, Box<Query>),
    Or(Box<Query>, Box<Query>),
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    And,
    Or,
    Not,
    Phrase,
    Open,
    Close,
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {}
            '&' => out.push(Token::And),
            '|' => out.push(Token::Or),
            '!' => out.push(Token::Not),
            '(' => out.push(Token::Open),
            ')' => out.push(Token::Close),
            // `<->` or `<N>`
            '<' => {
                chars.by_ref().find(|&c| c == '>')?;
                out.push(Token::Phrase);
            }
            // A lexeme; quotes and backslashes inside are doubled.
            '\'' => {
                let mut word = String::new();
                loop {
                    match chars.next()? {
                        '\'' if chars.peek() == Some(&'\'') => {
                            chars.next();
                            word.push('\'');
                        }
                        '\'' => break,
                        '\\' => word.push(chars.next()?),
                        c => word.push(c),
                    }
                }
                // Weights or a prefix mark (`:AB`, `:*`) narrow nothing here.
                if chars.peek() == Some(&':') {
                    chars.next();
                    while chars
                        .next_if(|c| c.is_ascii_alphabetic() || *c == '*')
                        .is_some()
                    {}
                }
                out.push(Token::Word(word));
            }
            _ => return None,
        }
    }
    Some(out)
}

struct Parser {
    tokens: std::iter::Peekable<std::vec::IntoIter<Token>>,
}

impl Parser {
    /// `operand (op operand)*`, joined from the left.
    fn chain(
        &mut self,
        op: Token,
        operand: fn(&mut Self) -> Option<Query>,
        join: fn(Box<Query>, Box<Query>) -> Query,
    ) -> Option<Query> {
        let mut left = operand(self)?;
        while self.tokens.next_if_eq(&op).is_some() {
            left = join(Box::new(left), Box::new(operand(self)?));
        }
        Some(left)
    }

    /// Lowest precedence first: `|`, then `&`, then phrases, then `!`.
    fn or(&mut self) -> Option<Query> {
        self.chain(Token::Or, Self::and, Query::Or)
    }

    fn and(&mut self) -> Option<Query> {
        self.chain(Token::And, Self::phrase, Query::And)
    }

    fn phrase(&mut self) -> Option<Query> {
        self.chain(Token::Phrase, Self::unary, Query::And)
    }

    fn unary(&mut self) -> Option<Query> {
        match self.tokens.next()? {
            Token::Not => Some(Query::Not(Box::new(self.unary()?))),
            Token::Open => {
                let inner = self.or()?;
                self.tokens.next_if_eq(&Token::Close)?;
                Some(inner)
            }
            Token::Word(word) => Some(Query::Word(word)),
            _ => None,
        }
    }
}

/// `None` for a query without words (PostgreSQL gives an empty query for text such as "%").
pub fn parse(text: &str) -> Option<Query> {
    let mut parser = Parser {
        tokens: tokens(text)?.into_iter().peekable(),
    };
    let query = parser.or()?;
    parser.tokens.next().is_none().then_some(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(word: &str) -> Box<Query> {
        Box::new(Query::Word(word.into()))
    }

    #[test]
    fn reads_what_websearch_to_tsquery_writes() {
        use Query::*;
        assert_eq!(parse("'kopi'"), Some(*w("kopi")));
        assert_eq!(parse("'kopi' & 'gayo'"), Some(And(w("kopi"), w("gayo"))));
        assert_eq!(
            parse("'kopi' & !'robusta'"),
            Some(And(w("kopi"), Box::new(Not(w("robusta")))))
        );
        // Phrases bind tighter than `&`, and `&` tighter than `|`.
        assert_eq!(
            parse("'o' <-> 'brien' & 'd' <-> 'arc' | 'madu'"),
            Some(Or(
                Box::new(And(
                    Box::new(And(w("o"), w("brien"))),
                    Box::new(And(w("d"), w("arc")))
                )),
                w("madu")
            ))
        );
        assert_eq!(
            parse("!( 'kopi' | 'teh' ) <2> 'x':*"),
            Some(And(
                Box::new(Not(Box::new(Or(w("kopi"), w("teh"))))),
                w("x")
            ))
        );
        assert_eq!(parse("'it''s' & 'a\\\\b'"), Some(And(w("it's"), w("a\\b"))));
        assert_eq!(parse(""), None);
        assert_eq!(parse("'unclosed"), None);
        assert_eq!(parse("'a' &"), None);
    }
}
