-- Typed text inside a LIKE pattern: its own %, _ and \ match themselves. Inlinable (SQL, one SELECT).
CREATE FUNCTION like_escape(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT replace(replace(replace($1, '\', '\\'), '%', '\%'), '_', '\_') $$;
