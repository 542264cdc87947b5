-- Buying: how each BUMDes ships and is paid, and the orders a checkout makes (one per BUMDes).

-- Flat shipping fees by how far the buyer is: the BUMDes's own regency, its province, elsewhere. NULL: it
-- does not ship there. Pickup at the BUMDes costs nothing.
ALTER TABLE bumdes
    ADD COLUMN ship_regency_rupiah   bigint CHECK (ship_regency_rupiah >= 0),
    ADD COLUMN ship_province_rupiah  bigint CHECK (ship_province_rupiah >= 0),
    ADD COLUMN ship_elsewhere_rupiah bigint CHECK (ship_elsewhere_rupiah >= 0),
    ADD COLUMN pickup                boolean NOT NULL DEFAULT true,
    -- Transfer to the BUMDes's own account, when it has given one.
    ADD COLUMN bank_name             text CHECK (length(bank_name) <= 60),
    ADD COLUMN bank_account          text CHECK (bank_account ~ '^[0-9]{5,20}$'),
    ADD COLUMN bank_holder           text CHECK (length(bank_holder) <= 80),
    ADD COLUMN cod                   boolean NOT NULL DEFAULT false,
    -- The QRIS picture the seller uploaded (a media key, like product photos).
    ADD COLUMN qris_key              text;

-- One press of "Buat pesanan". The key comes from the checkout form, so the same form sent twice (a
-- double tap, a resend after a dropped connection) finds the checkout already made.
CREATE TABLE checkouts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE CHECK (idempotency_key ~ '^[0-9a-f]{32}$'),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Short and readable, e.g. LBG-7K3Q-2X (Crockford base 32: no I, L, O or U).
    number           text NOT NULL UNIQUE CHECK (number ~ '^LBG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$'),
    -- The order page's link holds a random token; only its SHA-256 is kept.
    token_hash       bytea NOT NULL UNIQUE,
    checkout_id      bigint NOT NULL REFERENCES checkouts (id),
    bumdes_id        bigint NOT NULL REFERENCES bumdes (id),
    buyer_name       text NOT NULL CHECK (btrim(buyer_name) <> '' AND length(buyer_name) <= 80),
    buyer_phone      text NOT NULL CHECK (buyer_phone ~ '^\+62[0-9]{8,13}$'),
    village_code     text NOT NULL REFERENCES regions (code)
                          CHECK (village_code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$'),
    street           text NOT NULL CHECK (length(street) <= 200),
    postal_code      text NOT NULL CHECK (postal_code ~ '^[0-9]{5}$'),
    note             text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    delivery         text NOT NULL CHECK (delivery IN ('ship', 'pickup')),
    payment          text NOT NULL CHECK (payment IN ('transfer', 'cod', 'qris')),
    subtotal_rupiah  bigint NOT NULL CHECK (subtotal_rupiah > 0),
    shipping_rupiah  bigint NOT NULL CHECK (shipping_rupiah >= 0),
    -- Added to a transfer so the seller tells payments of the same amount apart.
    unique_code      integer NOT NULL DEFAULT 0 CHECK (unique_code BETWEEN 0 AND 999),
    total_rupiah     bigint NOT NULL,
    status           text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped', 'done', 'cancelled')),
    courier          text CHECK (length(courier) <= 60),
    tracking_number  text CHECK (length(tracking_number) <= 60),
    cancel_reason    text CHECK (length(cancel_reason) <= 300),
    -- The buyer's proof of transfer (a media key).
    proof_key        text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (total_rupiah = subtotal_rupiah + shipping_rupiah + unique_code),
    CHECK (unique_code = 0 OR payment = 'transfer'),
    CHECK (status <> 'shipped' OR delivery = 'pickup' OR courier IS NOT NULL),
    CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
);
-- The seller's inbox, newest first per status.
CREATE INDEX orders_bumdes_idx ON orders (bumdes_id, status, created_at DESC);
CREATE INDEX orders_checkout_idx ON orders (checkout_id);
-- Two unpaid transfers to one BUMDes never ask for the same amount.
CREATE UNIQUE INDEX orders_open_transfer_amount ON orders (bumdes_id, total_rupiah)
    WHERE status = 'new' AND payment = 'transfer';

-- What was bought, at the price and name of that moment.
CREATE TABLE order_items (
    order_id     bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id   bigint NOT NULL REFERENCES products (id),
    name         text NOT NULL,
    unit         text NOT NULL,
    price_rupiah bigint NOT NULL CHECK (price_rupiah > 0),
    quantity     integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);

-- Every status an order went through, for the buyer's timeline.
CREATE TABLE order_events (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status   text NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'done', 'cancelled')),
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, at);
