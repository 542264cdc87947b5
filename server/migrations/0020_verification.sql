-- Officials' verification of BUMDes: the queue's order, the office and date buyers' badge is to show,
-- and every decision kept.
ALTER TABLE bumdes
    -- When it entered the queue: at registration, and again when the seller asks after a rejection.
    ADD COLUMN submitted_at timestamptz NOT NULL DEFAULT now(),
    -- The office that verified it and when; NULL unless verified.
    ADD COLUMN verified_office text,
    ADD COLUMN verified_at timestamptz;
UPDATE bumdes SET submitted_at = created_at;
UPDATE bumdes SET verified_office = 'Lumbung', verified_at = created_at WHERE verification = 'verified';
CREATE INDEX bumdes_queue_idx ON bumdes (submitted_at, id) WHERE verification = 'pending';

-- Who (an official, or NULL for the command line), when, what and why. Rows are only ever added.
CREATE TABLE verification_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bumdes_id   bigint NOT NULL REFERENCES bumdes (id) ON DELETE CASCADE,
    official_id bigint REFERENCES officials (id) ON DELETE SET NULL,
    -- As shown: the official's name and office at the time, or the seller who asked again.
    actor       text NOT NULL,
    office      text NOT NULL,
    action      text NOT NULL CHECK (action IN ('verify', 'reject', 'revoke', 'resubmit')),
    reason      text CHECK (reason IS NULL OR (btrim(reason) <> '' AND length(reason) <= 500)),
    at          timestamptz NOT NULL DEFAULT now(),
    -- A rejection or revocation always says why.
    CHECK (action NOT IN ('reject', 'revoke') OR reason IS NOT NULL)
);
CREATE INDEX verification_events_bumdes_idx ON verification_events (bumdes_id, at);

-- The office an official acts for, by the level of their region.
CREATE FUNCTION official_office(region text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN $1 IS NULL THEN 'Kementerian Desa'
        WHEN length($1) = 2 THEN 'DPMD Provinsi ' || r.name
        WHEN length($1) = 5 THEN 'DPMD ' || r.name
        ELSE 'Pendamping Desa Kecamatan ' || r.name
    END
    FROM (SELECT 1) one LEFT JOIN regions r ON r.code = $1
$$;
