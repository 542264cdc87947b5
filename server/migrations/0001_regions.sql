-- Indonesian administrative regions, keyed by Kemendagri code in dotted form (PP, PP.KK, PP.KK.CC, PP.KK.CC.VVVV).
CREATE TABLE regions (
    code        text PRIMARY KEY,
    parent_code text REFERENCES regions (code),
    level       text NOT NULL,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    -- The level follows from the shape of the code, and only provinces have no parent.
    CHECK (
        (level = 'province' AND code ~ '^[0-9]{2}$' AND parent_code IS NULL)
        OR (level = 'regency' AND code ~ '^[0-9]{2}\.[0-9]{2}$')
        OR (level = 'district' AND code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$')
        OR (level = 'village' AND code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$')
    ),
    CHECK (parent_code IS NULL OR code LIKE parent_code || '.%')
);

CREATE INDEX regions_parent_code_idx ON regions (parent_code);
