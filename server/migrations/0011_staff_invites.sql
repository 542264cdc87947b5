-- The owner's one-time links for staff to join the BUMDes. As with sessions, only the token's SHA-256
-- is kept, so a copy of this table lets nobody join.
CREATE TABLE staff_invites (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    bumdes_id  bigint NOT NULL REFERENCES bumdes (id),
    invited_by bigint NOT NULL REFERENCES sellers (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    used_by    bigint REFERENCES sellers (id) ON DELETE SET NULL
);
CREATE INDEX staff_invites_bumdes_idx ON staff_invites (bumdes_id);
