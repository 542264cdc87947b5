-- Buyers need no account: a random token in a cookie keys their cart (for browsers without JavaScript;
-- with it, the browser's own copy is sent here too) and the orders this browser may open.
CREATE TABLE guests (
    -- Only the token's SHA-256 is kept.
    token_hash bytea PRIMARY KEY,
    -- `slug=quantity` pairs joined by `;`, as the browser keeps them.
    cart       text NOT NULL DEFAULT '' CHECK (length(cart) <= 4000),
    -- Counts the cart's changes, so a browser tells a newer copy here from a page rendered before its
    -- own change arrived.
    revision   bigint NOT NULL DEFAULT 0,
    seen_at    timestamptz NOT NULL DEFAULT now()
);

-- Orders this browser placed, or opened with the buyer's phone number: its "Pesanan saya".
CREATE TABLE guest_orders (
    guest_hash bytea NOT NULL REFERENCES guests (token_hash) ON DELETE CASCADE,
    order_id   bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- The link's token, so the list can open each order again.
    token      text NOT NULL,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (guest_hash, order_id)
);
