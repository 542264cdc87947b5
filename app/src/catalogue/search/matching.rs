//! Matching, counting and ranking on the search index, in one pass over the matches.
use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::index::{Doc, Index, WEIGHT_BITS};
use super::tsquery::Query;
use super::{FacetCount, Facets, PAGE_SIZE, PRICE_BANDS, SearchQuery, Sort};

/// What one match of a word adds to the score, by weight D, C, B, A: a word in the name counts five
/// times one in the category.
const WEIGHTS: [f32; 4] = [0.05, 0.1, 0.2, 1.0];
const FLAGSHIP_BOOST: f32 = 1.5;

/// Matching slots in slot order, with their scores (retired slots are skipped when counting).
type Scored = Vec<(u32, f32)>;

impl Index {
    fn word(&self, word: &str) -> Scored {
        let Some(postings) = self.postings.get(word) else {
            return Vec::new();
        };
        postings
            .iter()
            .map(|&p| (p >> WEIGHT_BITS, WEIGHTS[(p & 3) as usize]))
            .collect()
    }

    fn everything(&self) -> Scored {
        (0..self.docs.len() as u32)
            .filter(|&slot| self.docs[slot as usize].live)
            .map(|slot| (slot, 0.0))
            .collect()
    }

    fn eval(&self, query: &Query) -> Scored {
        match query {
            Query::Word(word) => self.word(word),
            Query::And(a, b) => match (&**a, &**b) {
                (x, Query::Not(y)) | (Query::Not(y), x) => without(self.eval(x), &self.eval(y)),
                _ => both(self.eval(a), &self.eval(b)),
            },
            Query::Or(a, b) => either(self.eval(a), self.eval(b)),
            Query::Not(a) => without(self.everything(), &self.eval(a)),
        }
    }
}

fn both(a: Scored, b: &Scored) -> Scored {
    let mut j = 0;
    a.into_iter()
        .filter_map(|(slot, score)| {
            while j < b.len() && b[j].0 < slot {
                j += 1;
            }
            (j < b.len() && b[j].0 == slot).then(|| (slot, score + b[j].1))
        })
        .collect()
}

fn without(a: Scored, b: &Scored) -> Scored {
    let mut j = 0;
    a.into_iter()
        .filter(|&(slot, _)| {
            while j < b.len() && b[j].0 < slot {
                j += 1;
            }
            !(j < b.len() && b[j].0 == slot)
        })
        .collect()
}

fn either(a: Scored, b: Scored) -> Scored {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                Ordering::Less => a.next(),
                Ordering::Greater => b.next(),
                Ordering::Equal => {
                    let (slot, s) = a.next().unwrap_or_default();
                    b.next().map(|(_, t)| (slot, s + t))
                }
            },
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}

/// The filters a product fails, as bits: a count ignores its own filter.
const CATEGORY: u8 = 1;
const PROVINCE: u8 = 2;
const REGENCY: u8 = 4;
const PRICE: u8 = 8;
const STOCK: u8 = 16;
const FLAGSHIP: u8 = 32;

/// The search's filters as the index's numbers. A value the index has never seen matches nothing.
struct Wanted<'a> {
    query: &'a SearchQuery,
    category: Option<Option<u16>>,
    province: Option<Option<u16>>,
    regency: Option<Option<u16>>,
}

impl Wanted<'_> {
    fn fails(&self, doc: &Doc) -> u8 {
        let q = self.query;
        let mut fails = 0;
        let differs =
            |wanted: Option<Option<u16>>, has: u16| wanted.is_some_and(|w| w != Some(has));
        if differs(self.category, doc.category) {
            fails |= CATEGORY;
        }
        if differs(self.province, doc.province) {
            fails |= PROVINCE;
        }
        if differs(self.regency, doc.regency) {
            fails |= REGENCY;
        }
        if q.min_price.is_some_and(|min| doc.price < min)
            || q.max_price.is_some_and(|max| doc.price > max)
        {
            fails |= PRICE;
        }
        if q.in_stock && !doc.in_stock {
            fails |= STOCK;
        }
        if q.flagship && !doc.flagship {
            fails |= FLAGSHIP;
        }
        fails
    }
}

fn band(price: i64) -> usize {
    PRICE_BANDS
        .iter()
        .position(|(_, max)| max.is_none_or(|max| price <= max))
        .unwrap_or(PRICE_BANDS.len() - 1)
}

/// A result's place in a search's order: smaller comes first. Every order ends with the id, so no two
/// results share a place.
pub type Place = (u128, i64);

/// Which results of a search's order are wanted: a page of `/cari`, or the `size` after a place (the
/// open data API's cursor, which stays right while products are added before it).
#[derive(Clone, Copy, Debug)]
pub enum Window {
    Page(u32),
    After { place: Option<Place>, size: usize },
}

/// A search's total, filter counts and the product ids of its window, in order, with the last one's
/// place when more results follow it.
pub struct Found {
    pub total: i64,
    pub facets: Facets,
    pub ids: Vec<i64>,
    pub next: Option<Place>,
}

impl Index {
    /// `words` is `None` to browse without words; `Some(None)` is a query PostgreSQL found no word in.
    pub(super) fn find(
        &self,
        words: Option<Option<&Query>>,
        query: &SearchQuery,
        window: Window,
    ) -> Found {
        let browse = (0..self.docs.len() as u32).map(|slot| (slot, 0.0));
        let matches: Box<dyn Iterator<Item = (u32, f32)>> = match words {
            None => Box::new(browse),
            Some(None) => Box::new(std::iter::empty()),
            Some(Some(words)) => Box::new(self.eval(words).into_iter()),
        };
        let wanted = Wanted {
            query,
            category: query.category.as_deref().map(|c| self.keys.get(c)),
            province: query.province.as_deref().map(|c| self.keys.get(c)),
            regency: query.regency.as_deref().map(|c| self.keys.get(c)),
        };
        let keys = self.keys.keys.len();
        let (mut categories, mut regions) = (vec![0i64; keys], vec![0i64; keys]);
        let mut provinces = vec![0i64; keys];
        let mut bands = vec![0i64; PRICE_BANDS.len()];
        let (mut in_stock, mut flagship) = (0, 0);
        let mut top = Top::new(query, words.is_some(), window);
        for (slot, score) in matches {
            let doc = &self.docs[slot as usize];
            if !doc.live {
                continue;
            }
            let fails = wanted.fails(doc);
            // Each count keeps every filter but its own.
            if fails & !CATEGORY == 0 {
                categories[doc.category as usize] += 1;
            }
            if fails & !(PROVINCE | REGENCY) == 0 {
                provinces[doc.province as usize] += 1;
            }
            if fails & !REGENCY == 0 {
                regions[doc.regency as usize] += 1;
            }
            if fails & !PRICE == 0 {
                bands[band(doc.price)] += 1;
            }
            if fails & !STOCK == 0 && doc.in_stock {
                in_stock += 1;
            }
            if fails & !FLAGSHIP == 0 && doc.flagship {
                flagship += 1;
            }
            if fails == 0 {
                top.offer(doc, score);
            }
        }
        let total = top.seen;
        let facets = Facets {
            categories: self.named(&categories),
            provinces: self.named(&provinces),
            regencies: if query.province.is_some() {
                self.named(&regions)
            } else {
                Vec::new()
            },
            price_bands: bands,
            in_stock,
            flagship,
        };
        let (ids, next) = top.window();
        Found {
            total,
            facets,
            ids,
            next,
        }
    }

    /// Non-zero counts with names, most results first; names break ties so lists do not move.
    fn named(&self, counts: &[i64]) -> Vec<FacetCount> {
        let mut list: Vec<FacetCount> = counts
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .filter_map(|(n, &count)| {
                let key = &self.keys.keys[n];
                let (name, name_en) = self.keys.names.get(key)?;
                Some(FacetCount {
                    key: key.clone(),
                    name: name.clone(),
                    name_en: name_en.clone(),
                    count,
                })
            })
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        list
    }
}

/// The best results up to the end of the requested window, kept in a heap while the matches stream by.
struct Top {
    sort: Sort,
    has_words: bool,
    start: usize,
    /// One past the window's end is kept: it tells whether more follow.
    end: usize,
    /// Results at or before this place are not kept (they were on earlier windows).
    after: Option<Place>,
    /// (key, id): the greatest key is the worst kept result, on top of the heap.
    heap: BinaryHeap<(u128, i64, i64)>,
    seen: i64,
}

impl Top {
    fn new(query: &SearchQuery, has_words: bool, window: Window) -> Self {
        let (start, size, after) = match window {
            Window::Page(page) => {
                let start = (PAGE_SIZE * (i64::from(page.max(1)) - 1)) as usize;
                (start, PAGE_SIZE as usize, None)
            }
            Window::After { place, size } => (0, size, place),
        };
        Self {
            sort: query.sort,
            has_words,
            start,
            end: start + size + 1,
            after,
            heap: BinaryHeap::new(),
            seen: 0,
        }
    }

    /// Smaller sorts first: (primary, secondary), the secondary being the id or its negation. Relevance
    /// puts the (flagship-boosted) score first with words, and flagships then the newest without.
    fn key(&self, doc: &Doc, score: f32) -> (u128, i64) {
        let newest = (i64::MAX - doc.created) as u128;
        match self.sort {
            Sort::Relevance if self.has_words => {
                let boosted = if doc.flagship {
                    score * FLAGSHIP_BOOST
                } else {
                    score
                };
                // Scores are positive, so their bits order like the numbers.
                (u128::from(u32::MAX - boosted.to_bits()), doc.id)
            }
            Sort::Relevance => (u128::from(!doc.flagship) << 64 | newest, -doc.id),
            Sort::Cheapest => (doc.price as u128, doc.id),
            Sort::Priciest => (u128::from(u64::MAX - doc.price as u64), doc.id),
            Sort::Newest => (newest, -doc.id),
        }
    }

    fn offer(&mut self, doc: &Doc, score: f32) {
        self.seen += 1;
        let (primary, secondary) = self.key(doc, score);
        if self
            .after
            .is_some_and(|after| (primary, secondary) <= after)
        {
            return;
        }
        let entry = (primary, secondary, doc.id);
        if self.heap.len() < self.end {
            self.heap.push(entry);
        } else if let Some(mut worst) = self.heap.peek_mut()
            && entry < *worst
        {
            *worst = entry;
        }
    }

    /// The window's ids, and the last one's place when a result follows it.
    fn window(self) -> (Vec<i64>, Option<Place>) {
        let sorted = self.heap.into_sorted_vec();
        let wanted = sorted.len().min(self.end - 1);
        let kept = sorted.get(self.start..wanted).unwrap_or_default();
        let next = (sorted.len() == self.end)
            .then(|| {
                kept.last()
                    .map(|&(primary, secondary, _)| (primary, secondary))
            })
            .flatten();
        (kept.iter().map(|&(_, _, id)| id).collect(), next)
    }
}
