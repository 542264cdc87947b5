CREATE TABLE categories (
    slug     text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name_id  text NOT NULL,
    name_en  text NOT NULL,
    position int  NOT NULL
);

INSERT INTO categories (slug, name_id, name_en, position) VALUES
    ('kopi-teh',       'Kopi & Teh',      'Coffee & Tea',      1),
    ('gula-madu',      'Gula & Madu',     'Sugar & Honey',     2),
    ('makanan-ringan', 'Makanan Ringan',  'Snacks',            3),
    ('bumbu-rempah',   'Bumbu & Rempah',  'Spices',            4),
    ('hasil-tani',     'Hasil Tani',      'Farm Produce',      5),
    ('olahan-laut',    'Olahan Laut',     'Seafood',           6),
    ('kain-tenun',     'Kain & Tenun',    'Textiles',          7),
    ('kerajinan',      'Kerajinan',       'Crafts',            8);

-- A BUMDes (badan usaha milik desa), the village-owned enterprise that sells.
CREATE TABLE bumdes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL CHECK (btrim(name) <> ''),
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    -- Only a village-level code has this shape; the foreign key makes it a real one.
    village_code text NOT NULL REFERENCES regions (code)
                      CHECK (village_code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$'),
    story        text NOT NULL DEFAULT '',
    whatsapp     text NOT NULL CHECK (whatsapp ~ '^\+62[0-9]{8,13}$'),
    verification text NOT NULL DEFAULT 'pending'
                      CHECK (verification IN ('pending', 'verified', 'rejected')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, village_code)
);

CREATE INDEX bumdes_village_code_idx ON bumdes (village_code);

CREATE TABLE products (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bumdes_id    bigint NOT NULL,
    -- The seller's village, carried here so that one unique index can hold the flagship rule.
    village_code text NOT NULL,
    name         text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 120),
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description  text NOT NULL DEFAULT '',
    price_rupiah bigint NOT NULL CHECK (price_rupiah >= 0),
    stock        int NOT NULL CHECK (stock >= 0),
    unit         text NOT NULL CHECK (btrim(unit) <> ''),
    weight_grams int NOT NULL CHECK (weight_grams > 0),
    category     text NOT NULL REFERENCES categories (slug),
    is_flagship  boolean NOT NULL DEFAULT false,
    published    boolean NOT NULL DEFAULT false,
    image_key    text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (bumdes_id, village_code) REFERENCES bumdes (id, village_code) ON UPDATE CASCADE
);

-- One produk unggulan per village, whichever of its BUMDes sells it.
CREATE UNIQUE INDEX products_one_flagship_per_village ON products (village_code) WHERE is_flagship;
CREATE INDEX products_bumdes_id_idx ON products (bumdes_id);
CREATE INDEX products_flagship_newest_idx ON products (created_at DESC, id DESC) WHERE is_flagship AND published;
