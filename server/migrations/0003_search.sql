-- Full-text search over products, their seller and their regions, with typo tolerance through trigrams.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; an index needs an IMMUTABLE function.
CREATE FUNCTION immutable_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Indonesian stemming, after stripping accents ("Émping" matches "emping").
CREATE TEXT SEARCH CONFIGURATION lumbung (COPY = pg_catalog.indonesian);
ALTER TEXT SEARCH CONFIGURATION lumbung
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, indonesian_stem;

ALTER TABLE products ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;

-- Weights: the name (A) ranks above the category (B), the seller and places (C) and the description (D).
CREATE FUNCTION products_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('lumbung', NEW.name), 'A')
        || setweight(to_tsvector('lumbung', coalesce(
               (SELECT c.name_id || ' ' || c.name_en FROM categories c WHERE c.slug = NEW.category), '')), 'B')
        || setweight(to_tsvector('lumbung', coalesce((SELECT b.name FROM bumdes b WHERE b.id = NEW.bumdes_id), '')
               || ' ' || coalesce((SELECT string_agg(r.name, ' ') FROM regions r
                                   WHERE r.code IN (NEW.village_code, left(NEW.village_code, 8),
                                                    left(NEW.village_code, 5), left(NEW.village_code, 2))), '')), 'C')
        || setweight(to_tsvector('lumbung', NEW.description), 'D');
    RETURN NEW;
END
$$;

CREATE TRIGGER products_search_vector
    BEFORE INSERT OR UPDATE OF name, description, category, bumdes_id, village_code ON products
    FOR EACH ROW EXECUTE FUNCTION products_search_vector();

-- A renamed BUMDes is found by its new name.
CREATE FUNCTION bumdes_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE products SET name = name WHERE bumdes_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER bumdes_renamed AFTER UPDATE OF name ON bumdes
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION bumdes_renamed();

UPDATE products SET name = name;

CREATE INDEX products_search_idx ON products USING gin (search_vector);
CREATE INDEX products_name_trgm_idx ON products USING gin (immutable_unaccent(lower(name)) gin_trgm_ops);
