//! Typo correction against the vocabulary of known words (`search_words`), by trigram similarity as
//! pg_trgm defines it. In memory, because a nearest-neighbour search over 48,000 words in a GiST index
//! took 20 ms a word.
use std::collections::HashMap;

/// Words below this similarity are too far to suggest.
const THRESHOLD: f32 = 0.25;
/// How many of the nearest words compete on popularity.
const NEAREST: usize = 10;

/// pg_trgm's trigrams of a word of `[a-z0-9]`: two spaces before, one after, each counted once.
fn trigrams(word: &str) -> Vec<[u8; 3]> {
    let padded: Vec<u8> = [b' ', b' ']
        .into_iter()
        .chain(word.bytes())
        .chain([b' '])
        .collect();
    let mut out: Vec<[u8; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

struct Known {
    word: Box<str>,
    /// Product names that used the word when they were added.
    products: i32,
    trigrams: u32,
}

#[derive(Default)]
pub(super) struct Vocabulary {
    words: Vec<Known>,
    ids: HashMap<Box<str>, u32>,
    by_trigram: HashMap<[u8; 3], Vec<u32>>,
}

impl Vocabulary {
    pub fn upsert(&mut self, word: &str, products: i32) {
        if let Some(&id) = self.ids.get(word) {
            self.words[id as usize].products = products;
            return;
        }
        let id = self.words.len() as u32;
        let grams = trigrams(word);
        for gram in &grams {
            self.by_trigram.entry(*gram).or_default().push(id);
        }
        self.words.push(Known {
            word: word.into(),
            products,
            trigrams: grams.len() as u32,
        });
        self.ids.insert(word.into(), id);
    }

    /// The closest known word to an unknown one: among the ten most similar, words that name products
    /// win over words only found in region names, and common ones over rare ones.
    fn closest(&self, word: &str) -> Option<&str> {
        let mine = trigrams(word);
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for gram in &mine {
            for &id in self.by_trigram.get(gram).into_iter().flatten() {
                *shared.entry(id).or_default() += 1;
            }
        }
        let mut near: Vec<(f32, &Known)> = shared
            .into_iter()
            .map(|(id, n)| {
                let known = &self.words[id as usize];
                let union = mine.len() as u32 + known.trigrams - n;
                (n as f32 / union as f32, known)
            })
            .collect();
        near.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.word.cmp(&b.1.word)));
        near.truncate(NEAREST);
        let score = |(s, known): &(f32, &Known)| {
            let named = if known.products > 0 { 0.1 } else { 0.0 };
            f64::from(*s) + named + 0.01 * f64::from(known.products).ln_1p()
        };
        near.iter()
            .filter(|(s, _)| *s >= THRESHOLD)
            .max_by(|a, b| {
                score(a)
                    .total_cmp(&score(b))
                    .then_with(|| b.1.word.cmp(&a.1.word))
            })
            .map(|(_, known)| &*known.word)
    }

    /// The words with each unknown one replaced by the closest known one ("kopi gayoo" -> "kopi gayo");
    /// `None` when every word is known or nothing close enough exists.
    pub fn correct(&self, words: &[String]) -> Option<String> {
        let mut changed = false;
        let corrected: Vec<&str> = words
            .iter()
            .map(|word| {
                if self.ids.contains_key(word.as_str()) {
                    return word.as_str();
                }
                match self.closest(word) {
                    Some(close) => {
                        changed = true;
                        close
                    }
                    None => word.as_str(),
                }
            })
            .collect();
        changed.then(|| corrected.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigrams_as_pg_trgm_makes_them() {
        // SELECT show_trgm('mdu') → {"  m"," md","du ",mdu}
        assert_eq!(trigrams("mdu"), [*b"  m", *b" md", *b"du ", *b"mdu"]);
        assert_eq!(trigrams("aaa").len(), 4);
    }

    #[test]
    fn prefers_close_words_that_name_products() {
        let mut words = Vocabulary::default();
        for (word, products) in [
            ("madu", 300),
            ("modu", 0),
            ("mdl", 0),
            ("keripik", 50),
            ("krisik", 0),
        ] {
            words.upsert(word, products);
        }
        let typed = |text: &str| text.split(' ').map(String::from).collect::<Vec<_>>();
        // "mdl" is closer to "mdu" (0.33 against 0.29) but names no product.
        assert_eq!(words.correct(&typed("mdu")).as_deref(), Some("madu"));
        assert_eq!(
            words.correct(&typed("madu kripik")).as_deref(),
            Some("madu keripik")
        );
        assert_eq!(words.correct(&typed("madu")), None);
        assert_eq!(words.correct(&typed("zzzz")), None);
    }
}
