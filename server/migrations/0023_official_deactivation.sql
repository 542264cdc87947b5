-- An official who leaves their office is deactivated, not deleted: the decisions they made keep their
-- name. They can no longer log in, and their number and email are free for whoever takes the office.
ALTER TABLE officials ADD COLUMN deactivated_at timestamptz;
ALTER TABLE officials DROP CONSTRAINT officials_whatsapp_key, DROP CONSTRAINT officials_email_key;
CREATE UNIQUE INDEX officials_whatsapp_key ON officials (whatsapp) WHERE deactivated_at IS NULL;
CREATE UNIQUE INDEX officials_email_key ON officials (email) WHERE deactivated_at IS NULL;
