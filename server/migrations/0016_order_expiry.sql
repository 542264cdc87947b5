-- An order still new (neither paid nor confirmed by the seller, COD included) holds its stock only as
-- long as its BUMDes chooses; then it expires and the stock goes back.
ALTER TABLE bumdes ADD COLUMN hold_hours integer NOT NULL DEFAULT 48 CHECK (hold_hours BETWEEN 1 AND 168);
ALTER TABLE orders ADD COLUMN expires_at timestamptz;
UPDATE orders o SET expires_at = o.created_at + make_interval(hours => b.hold_hours)
FROM bumdes b WHERE b.id = o.bumdes_id;
ALTER TABLE orders ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_status_check,
    ADD CONSTRAINT orders_status_check
        CHECK (status IN ('new', 'paid', 'shipped', 'done', 'cancelled', 'expired'));
ALTER TABLE order_events DROP CONSTRAINT order_events_status_check,
    ADD CONSTRAINT order_events_status_check
        CHECK (status IN ('new', 'paid', 'shipped', 'done', 'cancelled', 'expired'));
-- The orders waiting to be paid, by when they expire.
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE status = 'new';
