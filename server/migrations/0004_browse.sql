-- Spelling correction from a vocabulary of known words, region search, and product counts per region.

-- Typos are corrected word by word against the words buyers can find ("kripik" -> "keripik"),
-- which is far cheaper than comparing the query with a million product names.
DROP INDEX products_name_trgm_idx;

-- `products` counts the product names that used the word when they were added: suggestions put common
-- words first.
CREATE TABLE search_words (
    word     text PRIMARY KEY,
    products int NOT NULL DEFAULT 0
);
CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);
CREATE INDEX search_words_prefix_idx ON search_words (word text_pattern_ops);

-- Words of three letters or more, lower case, without accents. Neither STRICT nor DISTINCT, so that
-- PostgreSQL inlines it: four times faster over the 91,599 region names.
CREATE FUNCTION words_of(text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT w FROM regexp_split_to_table(immutable_unaccent(lower($1)), '[^a-z0-9]+') AS w
          WHERE length(w) >= 3 $$;

-- Statement-level, so a bulk COPY adds its words in one set-wise insert.
CREATE FUNCTION products_add_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_words (word, products)
    SELECT w, count(DISTINCT a.id) FROM added a, words_of(a.name) w GROUP BY w
    ON CONFLICT (word) DO UPDATE SET products = search_words.products + EXCLUDED.products;
    RETURN NULL;
END
$$;
CREATE TRIGGER products_add_words_on_insert AFTER INSERT ON products
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION products_add_words();

-- Adds the words of new names, without counting them.
CREATE FUNCTION add_new_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_words (word)
    SELECT DISTINCT w FROM added a, words_of(a.name) w
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER regions_add_words_on_insert AFTER INSERT ON regions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION add_new_words();
CREATE TRIGGER regions_add_words_on_update AFTER UPDATE ON regions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION add_new_words();
-- A renamed product brings its new words; counts are a rough popularity, so renames do not move them.
CREATE TRIGGER products_add_words_on_update AFTER UPDATE ON products
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION add_new_words();

INSERT INTO search_words (word, products)
SELECT w, count(DISTINCT id) FROM (
    SELECT w, id FROM products, words_of(name) w
    UNION ALL SELECT w, NULL FROM regions, words_of(name) w
    UNION ALL SELECT w, NULL FROM categories, words_of(name_id || ' ' || name_en) w
) words
GROUP BY w;

-- Region names found by any part, accents and case ignored, over all 91,000 regions.
CREATE INDEX regions_name_trgm_idx ON regions USING gin (immutable_unaccent(lower(name)) gin_trgm_ops);

-- Visible products and verified BUMDes per region, at every level. Counting a million products per
-- request is too slow for a browse page, so the server refreshes this in the background.
CREATE MATERIALIZED VIEW region_counts AS
WITH villages AS (
    SELECT village_code AS code, sum(products) AS products, sum(bumdes) AS bumdes
    FROM (
        SELECT p.village_code, count(*) AS products, 0 AS bumdes
        FROM products p JOIN bumdes b ON b.id = p.bumdes_id
        WHERE p.published AND b.verification = 'verified'
        GROUP BY p.village_code
        UNION ALL
        SELECT village_code, 0, count(*) FROM bumdes WHERE verification = 'verified' GROUP BY village_code
    ) counted
    GROUP BY village_code
)
SELECT code, products::bigint, bumdes::bigint FROM villages
UNION ALL
SELECT left(code, len), sum(products)::bigint, sum(bumdes)::bigint
FROM villages, (VALUES (2), (5), (8)) AS levels (len)
GROUP BY left(code, len);

CREATE UNIQUE INDEX region_counts_code_idx ON region_counts (code);

-- A village's products, and region filters written as code prefixes ("52.04.%").
CREATE INDEX products_village_code_idx ON products (village_code text_pattern_ops);
-- Newest in a category: related products, and browsing a category.
CREATE INDEX products_category_newest_idx ON products (category, created_at DESC) WHERE published;
