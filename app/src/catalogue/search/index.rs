//! The search index: every visible product's lexemes (from `products.search_vector`, so PostgreSQL's
//! Indonesian stemming decides what a word is) and the fields that filters, counts and sorts read.
//!
//! Each app server builds it at start and then applies the `search_changes` its last snapshot did not
//! see, before every search and in the background. PostgreSQL stays the record; this is a cache of it.
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::RwLock;
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use sqlx::PgPool;

use super::spelling::Vocabulary;

/// Product fields the index reads, in a slot of its own. An update that changes a product's words
/// retires its slot and takes a new one at the end, which keeps every posting list sorted by slot.
#[derive(Clone, Copy, Debug)]
pub(super) struct Doc {
    pub id: i64,
    pub price: i64,
    /// Microseconds since 1970.
    pub created: i64,
    words_hash: u64,
    pub category: u16,
    pub province: u16,
    pub regency: u16,
    pub live: bool,
    pub in_stock: bool,
    pub flagship: bool,
}

/// Small numbers for category slugs and region codes, and their names.
#[derive(Default)]
pub(super) struct Keys {
    numbers: HashMap<String, u16>,
    pub keys: Vec<String>,
    /// Key -> (Indonesian name, English name).
    pub names: HashMap<String, (String, String)>,
}

impl Keys {
    fn number(&mut self, key: &str) -> u16 {
        if let Some(&n) = self.numbers.get(key) {
            return n;
        }
        let n = u16::try_from(self.keys.len()).expect("fewer than 65,536 categories and regions");
        self.numbers.insert(key.to_string(), n);
        self.keys.push(key.to_string());
        n
    }

    pub fn get(&self, key: &str) -> Option<u16> {
        self.numbers.get(key).copied()
    }
}

/// A posting is `slot << 2 | weight`, the weight being the best of the lexeme's positions:
/// 0 description (D), 1 seller and places (C), 2 category (B), 3 name (A).
pub(super) const WEIGHT_BITS: u32 = 2;

#[derive(Default)]
pub(super) struct Index {
    pub docs: Vec<Doc>,
    pub postings: HashMap<Box<str>, Vec<u32>>,
    slot_of: HashMap<i64, u32>,
    pub keys: Keys,
    pub vocabulary: Vocabulary,
    retired: usize,
}

/// One visible product as PostgreSQL gives it.
struct Row {
    id: i64,
    category: String,
    village_code: String,
    price_rupiah: i64,
    in_stock: bool,
    is_flagship: bool,
    created: i64,
    vector: String,
}

/// Visible products (published, from a verified BUMDes), all of them or those in `ids`.
macro_rules! visible_products {
    ($ids:expr) => {
        sqlx::query_as!(
            Row,
            r#"SELECT p.id, p.category, p.village_code, p.price_rupiah, p.stock > 0 AS "in_stock!", p.is_flagship,
                      (extract(epoch FROM p.created_at) * 1000000)::bigint AS "created!",
                      p.search_vector::text AS "vector!"
               FROM products p JOIN bumdes b ON b.id = p.bumdes_id
               WHERE p.published AND b.verification = 'verified' AND ($1::bigint[] IS NULL OR p.id = ANY($1))"#,
            $ids
        )
    };
}

/// The lexemes of a tsvector's text (`'kopi':1A,5B 'gayo':3A`) with the best weight of each.
fn lexemes(vector: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut chars = vector.chars().peekable();
    while chars.next_if_eq(&'\'').is_some() {
        let mut word = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.next_if_eq(&'\'').is_some() => word.push('\''),
                '\'' => break,
                '\\' => word.extend(chars.next()),
                c => word.push(c),
            }
        }
        let mut weight = 0;
        while let Some(c) = chars.next_if(|c| *c != ' ') {
            weight = weight.max(match c {
                'A' => 3,
                'B' => 2,
                'C' => 1,
                _ => 0,
            });
        }
        chars.next_if_eq(&' ');
        out.push((word, weight));
    }
    out
}

impl Index {
    fn add(&mut self, row: Row) {
        let hash = {
            let mut h = DefaultHasher::new();
            row.vector.hash(&mut h);
            h.finish()
        };
        let doc = Doc {
            id: row.id,
            price: row.price_rupiah,
            created: row.created,
            words_hash: hash,
            category: self.keys.number(&row.category),
            province: self
                .keys
                .number(row.village_code.get(..2).unwrap_or_default()),
            regency: self
                .keys
                .number(row.village_code.get(..5).unwrap_or_default()),
            live: true,
            in_stock: row.in_stock,
            flagship: row.is_flagship,
        };
        if let Some(&slot) = self.slot_of.get(&row.id) {
            let old = &mut self.docs[slot as usize];
            if old.words_hash == hash {
                *old = doc;
                return;
            }
            self.retire(row.id);
        }
        let slot = u32::try_from(self.docs.len()).expect("fewer than 2^30 slots");
        for (word, weight) in lexemes(&row.vector) {
            self.postings
                .entry(word.into_boxed_str())
                .or_default()
                .push(slot << WEIGHT_BITS | weight);
        }
        self.docs.push(doc);
        self.slot_of.insert(row.id, slot);
    }

    /// The product is no longer visible, or has new words: its postings are skipped from now on.
    fn retire(&mut self, id: i64) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.docs[slot as usize].live = false;
            self.retired += 1;
        }
    }

    pub fn live(&self) -> usize {
        self.slot_of.len()
    }
}

struct Synced {
    /// `pg_current_snapshot()` as text, when the index last read the changes.
    snapshot: String,
    at: Instant,
}

pub struct SearchIndex {
    index: RwLock<Index>,
    synced: tokio::sync::Mutex<Synced>,
}

/// A server that has not synced for this long rebuilds: the change log is pruned after an hour.
const STALE: Duration = Duration::from_secs(30 * 60);
/// How long the change log is kept.
pub const KEEP_CHANGES: &str = "1 hour";

impl SearchIndex {
    /// Reads every visible product, with the snapshot the reading saw.
    pub async fn load(pool: &PgPool) -> sqlx::Result<Self> {
        let (index, synced) = Self::read_all(pool).await?;
        Ok(Self {
            index: RwLock::new(index),
            synced: tokio::sync::Mutex::new(synced),
        })
    }

    async fn read_all(pool: &PgPool) -> sqlx::Result<(Index, Synced)> {
        let mut tx = pool.begin().await?;
        sqlx::query!("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
        let snapshot = sqlx::query_scalar!(r#"SELECT pg_current_snapshot()::text AS "s!""#)
            .fetch_one(&mut *tx)
            .await?;
        let mut index = Index::default();
        for named in sqlx::query!(
            r#"SELECT slug AS "key!", name_id AS "name!", name_en AS "name_en!" FROM categories
               UNION ALL SELECT code, name, name FROM regions WHERE length(code) <= 5"#
        )
        .fetch_all(&mut *tx)
        .await?
        {
            index
                .keys
                .names
                .insert(named.key, (named.name, named.name_en));
        }
        for known in sqlx::query!("SELECT word, products FROM search_words")
            .fetch_all(&mut *tx)
            .await?
        {
            index.vocabulary.upsert(&known.word, known.products);
        }
        let mut rows = visible_products!(None::<&[i64]>).fetch(&mut *tx);
        while let Some(row) = rows.try_next().await? {
            index.add(row);
        }
        drop(rows);
        tx.commit().await?;
        Ok((
            index,
            Synced {
                snapshot,
                at: Instant::now(),
            },
        ))
    }

    /// Applies the changes committed since the last sync, so a search sees every write made before it.
    pub async fn sync(&self, pool: &PgPool) -> sqlx::Result<()> {
        let mut synced = self.synced.lock().await;
        // The snapshot is the statement's own, so the changes read are exactly those it sees.
        let changes = sqlx::query!(
            r#"SELECT pg_current_snapshot()::text AS "snapshot!",
                      ARRAY(SELECT DISTINCT c.product_id FROM search_changes c
                            WHERE c.xid >= pg_snapshot_xmin($1::text::pg_snapshot)
                              AND NOT pg_visible_in_snapshot(c.xid, $1::text::pg_snapshot)) AS "changed!""#,
            synced.snapshot
        )
        .fetch_one(pool)
        .await?;
        if !changes.changed.is_empty() {
            let rows = visible_products!(Some(&changes.changed[..]))
                .fetch_all(pool)
                .await?;
            // The words of new and renamed products, for spelling corrections.
            let words = sqlx::query!(
                r#"SELECT w.word, w.products FROM search_words w
                   WHERE w.word IN (SELECT words_of(p.name) FROM products p WHERE p.id = ANY($1))"#,
                &changes.changed
            )
            .fetch_all(pool)
            .await?;
            let mut index = self.index.write().expect("search index lock");
            // Hidden or deleted since: no row came back for them.
            let visible: HashSet<i64> = rows.iter().map(|row| row.id).collect();
            for id in changes.changed.iter().filter(|id| !visible.contains(id)) {
                index.retire(*id);
            }
            for row in rows {
                index.add(row);
            }
            for known in words {
                index.vocabulary.upsert(&known.word, known.products);
            }
        }
        *synced = Synced {
            snapshot: changes.snapshot,
            at: Instant::now(),
        };
        Ok(())
    }

    /// For the background task: a sync, or a rebuild when the log may have been pruned past this
    /// server's snapshot or when retired slots make up a quarter of the index.
    pub async fn refresh(&self, pool: &PgPool) -> sqlx::Result<()> {
        let stale = self.synced.lock().await.at.elapsed() > STALE;
        let fragmented = {
            let index = self.index.read().expect("search index lock");
            index.retired > 1000 && index.retired * 4 > index.docs.len()
        };
        if !(stale || fragmented) {
            return self.sync(pool).await;
        }
        let (index, synced) = Self::read_all(pool).await?;
        let mut guard = self.synced.lock().await;
        *self.index.write().expect("search index lock") = index;
        *guard = synced;
        Ok(())
    }

    /// Deletes changes every server has applied (they sync every few seconds and rebuild when stale).
    pub async fn prune_changes(pool: &PgPool) -> sqlx::Result<u64> {
        Ok(sqlx::query!(
            "DELETE FROM search_changes WHERE at < now() - $1::text::interval",
            KEEP_CHANGES
        )
        .execute(pool)
        .await?
        .rows_affected())
    }

    pub(super) fn read(&self) -> std::sync::RwLockReadGuard<'_, Index> {
        self.index.read().expect("search index lock")
    }

    /// Visible products in the index.
    pub fn len(&self) -> usize {
        self.read().live()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How long since the index last read the change log: what it may not show yet.
    pub async fn since_sync(&self) -> Duration {
        self.synced.lock().await.at.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lexemes_with_their_best_weight() {
        assert_eq!(
            lexemes("'kopi':1A,5B,19 'it''s':3 'a\\\\b':2C 'plain'"),
            [
                ("kopi".to_string(), 3),
                ("it's".to_string(), 0),
                ("a\\b".to_string(), 1),
                ("plain".to_string(), 0)
            ]
        );
        assert!(lexemes("").is_empty());
    }
}
