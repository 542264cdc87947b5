-- Sellers delete listings softly (orders will still name them). A deleted listing is never published
-- and never the flagship, so every buyer-side query that asks for published products stays right.
ALTER TABLE products ADD COLUMN deleted_at timestamptz;
ALTER TABLE products ADD CONSTRAINT products_deleted_hidden
    CHECK (deleted_at IS NULL OR NOT (published OR is_flagship));
-- A seller's own list, newest first.
CREATE INDEX products_bumdes_idx ON products (bumdes_id, created_at DESC) WHERE deleted_at IS NULL;
