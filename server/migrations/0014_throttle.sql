-- Attempts counted per key (an account at an address, an address, an order's link), for limits that hold
-- across every app server. Each attempt is counted before it is tried, in one statement, so attempts sent
-- at once cannot all slip past the check. Past a free number in a window, the next attempt must wait,
-- twice as long each time up to a cap: a growing delay rather than a lock anyone could trigger.
CREATE TABLE throttle (
    key          text PRIMARY KEY,
    attempts     integer NOT NULL,
    window_start timestamptz NOT NULL,
    next_allowed timestamptz NOT NULL
);
CREATE INDEX throttle_window_idx ON throttle (window_start);

-- The wait after attempt `n` of a window: none while `n` is below `free`, then `first` seconds doubling
-- with each attempt, never more than `most`.
CREATE FUNCTION throttle_wait(n integer, free integer, first integer, most integer) RETURNS interval
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN n < free THEN interval '0'
                ELSE make_interval(secs => least(most::float8, first * power(2::float8, least(n - free, 30))))
           END
$$;

DROP TABLE login_failures;
