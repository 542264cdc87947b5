-- The OVOP programme's coverage for officials' dashboards.

-- `region_counts` gains a row for every region at every level, villages included (a district's page
-- lists its villages), and one for the whole country (code ''): the villages it holds, those with a
-- verified BUMDes, and those whose flagship product buyers can see, the programme's target. A village
-- counts as covered since its BUMDes was verified or its flagship was added, whichever came last.
DROP MATERIALIZED VIEW region_counts;
CREATE MATERIALIZED VIEW region_counts AS
WITH visible AS (
    SELECT p.village_code, p.is_flagship, greatest(p.created_at, b.verified_at) AS since
    FROM products p JOIN bumdes b ON b.id = p.bumdes_id
    WHERE p.published AND b.verification = 'verified'
),
villages AS (
    SELECT r.code, coalesce(p.products, 0) AS products, coalesce(b.bumdes, 0) AS bumdes, f.since
    FROM regions r
    LEFT JOIN (SELECT village_code, count(*) AS products FROM visible GROUP BY village_code) p
           ON p.village_code = r.code
    LEFT JOIN (SELECT village_code, count(*) AS bumdes FROM bumdes WHERE verification = 'verified'
               GROUP BY village_code) b
           ON b.village_code = r.code
    LEFT JOIN (SELECT village_code, since FROM visible WHERE is_flagship) f ON f.village_code = r.code
    WHERE r.level = 'village'
)
SELECT code, products::bigint, bumdes::bigint, 1::bigint AS villages,
       (bumdes > 0)::int::bigint AS verified_villages, (since IS NOT NULL)::int::bigint AS covered_villages,
       since AS covered_since
FROM villages
UNION ALL
SELECT left(code, len), sum(products)::bigint, sum(bumdes)::bigint, count(*),
       count(*) FILTER (WHERE bumdes > 0), count(since), NULL
FROM villages, (VALUES (0), (2), (5), (8)) AS levels (len)
GROUP BY left(code, len);

CREATE UNIQUE INDEX region_counts_code_idx ON region_counts (code);
-- A district's trend: its villages by the date they became covered.
CREATE INDEX region_counts_covered_since_idx ON region_counts (code text_pattern_ops, covered_since)
    WHERE covered_since IS NOT NULL;

-- The BUMDes of a region, by code prefix ("52.04.%"), and those waiting for an official.
CREATE INDEX bumdes_village_prefix_idx ON bumdes (village_code text_pattern_ops);
CREATE INDEX bumdes_pending_idx ON bumdes (village_code text_pattern_ops) WHERE verification = 'pending';

-- Orders (neither cancelled nor expired), GMV (done orders' subtotals) and newly covered villages per day (Jakarta
-- time) of the last year and a week, for the whole country (''), each province and each regency, by the
-- selling BUMDes's region. A million orders cannot be summed per page view; districts and villages are
-- few enough to count live. Rebuilt in the background by refresh_coverage_days().
CREATE TABLE coverage_days (
    code       text NOT NULL CHECK (code = '' OR code ~ '^[0-9]{2}(\.[0-9]{2})?$'),
    day        date NOT NULL,
    orders     bigint NOT NULL,
    gmv_rupiah bigint NOT NULL,
    covered    bigint NOT NULL,
    PRIMARY KEY (code, day)
);

-- When coverage_days was last rebuilt: the dashboard says how old its figures are.
CREATE TABLE coverage_refreshed (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    at       timestamptz NOT NULL
);

CREATE FUNCTION refresh_coverage_days() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- App servers each refresh on their own timer: one at a time, or their inserts would clash.
    PERFORM pg_advisory_xact_lock(hashtext('refresh_coverage_days'));
    DELETE FROM coverage_days;
    INSERT INTO coverage_days (code, day, orders, gmv_rupiah, covered)
    SELECT coalesce(regency, province, ''), day, sum(orders), sum(gmv), sum(covered)
    FROM (
        SELECT left(b.village_code, 2) AS province, left(b.village_code, 5) AS regency,
               (o.created_at AT TIME ZONE 'Asia/Jakarta')::date AS day,
               (o.status NOT IN ('cancelled', 'expired'))::int AS orders,
               CASE WHEN o.status = 'done' THEN o.subtotal_rupiah ELSE 0 END AS gmv, 0 AS covered
        FROM orders o JOIN bumdes b ON b.id = o.bumdes_id
        WHERE o.created_at >= now() - interval '372 days'
        UNION ALL
        SELECT left(code, 2), left(code, 5), (covered_since AT TIME ZONE 'Asia/Jakarta')::date, 0, 0, 1
        FROM region_counts
        WHERE covered_since >= now() - interval '372 days'
    ) facts
    GROUP BY GROUPING SETS ((day), (province, day), (regency, day));
    INSERT INTO coverage_refreshed (at) VALUES (now()) ON CONFLICT (only_row) DO UPDATE SET at = now();
END
$$;
