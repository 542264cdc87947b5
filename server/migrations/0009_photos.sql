-- Up to 8 photos a product, in the seller's order; products.image_key stays the first one's key, so
-- lists and search read the cover without a join.
CREATE TABLE product_photos (
    id         bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position   smallint NOT NULL CHECK (position BETWEEN 0 AND 7),
    -- Each size is stored as <image_key>-<width>.webp.
    image_key  text NOT NULL UNIQUE,
    width      integer NOT NULL CHECK (width > 0),
    height     integer NOT NULL CHECK (height > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Deferrable, so that one UPDATE can swap two photos' places.
    UNIQUE (product_id, position) DEFERRABLE
);
