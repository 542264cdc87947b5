-- The OVOP programme's officials: the ministry (no region), provincial and regency village offices, and
-- district facilitators. Each sees and acts only inside their region.
CREATE TABLE officials (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 80),
    whatsapp      text NOT NULL UNIQUE CHECK (whatsapp ~ '^\+62[0-9]{8,13}$'),
    email         text UNIQUE CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    -- NULL for the whole country; otherwise a province, regency or district, never a village.
    region_code   text REFERENCES regions (code)
                       CHECK (region_code ~ '^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2})?)?$'),
    -- argon2id in the PHC string format; NULL until the official sets it through their link.
    password_hash text,
    -- NULL for the first official, made on the command line.
    invited_by    bigint REFERENCES officials (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officials_region_idx ON officials (region_code text_pattern_ops);

-- One-time links to set a password. As with sessions, only the token's SHA-256 is kept.
CREATE TABLE official_links (
    token_hash  bytea PRIMARY KEY,
    official_id bigint NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX official_links_official_idx ON official_links (official_id);

-- A session is a seller's or an official's: one cookie, one table, and logging out ends either.
ALTER TABLE sessions
    ALTER COLUMN seller_id DROP NOT NULL,
    ADD COLUMN official_id bigint REFERENCES officials (id) ON DELETE CASCADE,
    ADD CHECK ((seller_id IS NULL) <> (official_id IS NULL));
CREATE INDEX sessions_official_idx ON sessions (official_id);

-- "Kabupaten Sumbawa, Nusa Tenggara Barat": a region's name and those above it, nearest first, as
-- Indonesians write an address.
CREATE FUNCTION region_address(text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT string_agg(r.name, ', ' ORDER BY length(r.code) DESC)
    FROM regions r
    WHERE r.code IN (left($1, 2), left($1, 5), left($1, 8), $1)
$$;
