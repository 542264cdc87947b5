-- Product page views per product and day (Jakarta time), for the seller's dashboard chart. Servers
-- count views in memory and add them here in one statement every few seconds.
CREATE TABLE product_views (
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    day        date NOT NULL,
    views      integer NOT NULL CHECK (views > 0),
    PRIMARY KEY (product_id, day)
);
