-- Officials revoke a verified BUMDes with a reason: its products leave search and pages (the search log's
-- trigger on `bumdes` sees the change), and its owner can fix things and ask again, as after a rejection.
ALTER TABLE bumdes DROP CONSTRAINT bumdes_verification_check;
ALTER TABLE bumdes ADD CONSTRAINT bumdes_verification_check
    CHECK (verification IN ('pending', 'verified', 'rejected', 'revoked'));

-- A photo of the legal entity certificate, for officials to compare with its number: a media key.
ALTER TABLE bumdes ADD COLUMN certificate_key text;

-- Buyers' badge names the office that verified a BUMDes and the date. Whatever verifies one (an official,
-- the command line, the demo and synthetic seeds) leaves both set, and nothing else keeps them.
CREATE FUNCTION bumdes_verified_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.verification = 'verified' THEN
        NEW.verified_office := coalesce(NEW.verified_office, 'Lumbung');
        NEW.verified_at := coalesce(NEW.verified_at, now());
    ELSE
        NEW.verified_office := NULL;
        NEW.verified_at := NULL;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER bumdes_verified_stamp BEFORE INSERT OR UPDATE OF verification, verified_office, verified_at
    ON bumdes FOR EACH ROW EXECUTE FUNCTION bumdes_verified_stamp();
UPDATE bumdes SET verified_office = 'Lumbung', verified_at = created_at
WHERE verification = 'verified' AND verified_at IS NULL;
ALTER TABLE bumdes ADD CONSTRAINT bumdes_verified_stamp_check
    CHECK ((verification = 'verified') = (verified_office IS NOT NULL AND verified_at IS NOT NULL));
