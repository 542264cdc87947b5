-- Secrets every app server on this database shares, made by the first to need them: the key that signs
-- a refused form's echo in its page's address.
CREATE TABLE site_keys (
    name  text PRIMARY KEY,
    value bytea NOT NULL
);
