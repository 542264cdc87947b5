-- BUMDes accounts: the people who sell for a BUMDes, their sessions, and failed logins for throttling.

-- The owner registers the BUMDes; staff join through the owner's invitation.
CREATE TABLE sellers (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bumdes_id     bigint NOT NULL REFERENCES bumdes (id),
    name          text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 80),
    whatsapp      text NOT NULL UNIQUE CHECK (whatsapp ~ '^\+62[0-9]{8,13}$'),
    email         text UNIQUE CHECK (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    -- argon2id, in the PHC string format
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('owner', 'staff')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sellers_bumdes_idx ON sellers (bumdes_id);

-- The cookie holds a random token; only its SHA-256 is kept, so a copy of this table opens no session.
CREATE TABLE sessions (
    token_hash bytea PRIMARY KEY,
    seller_id  bigint NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_seller_idx ON sessions (seller_id);

-- One row per failed login, under the account ('akun:+62…') and under the address ('ip:…').
CREATE TABLE login_failures (
    key text NOT NULL,
    at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_idx ON login_failures (key, at);
