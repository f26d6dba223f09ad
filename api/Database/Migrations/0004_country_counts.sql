-- The country facet without counting every posting (issue 5): at 1M postings, counting visible
-- English versions country by country reads ~2.4M array elements, a second of work.
--
-- country_counts holds, per language and country, the language versions whose posting is
-- published, whatever the time; triggers keep it exact in the same transaction as the change.
-- The facet is then that count minus the published versions not visible right now: scheduled
-- (published_at ahead) or expired (closes_at passed). Those two sets are read through
-- the indexes below, and stay small as long as expired postings get closed.
CREATE TABLE country_counts (
    language text NOT NULL,
    country  text NOT NULL,
    count    integer NOT NULL CHECK (count >= 0),
    PRIMARY KEY (language, country)
);

-- Statement-level, over the transition tables: a bulk insert of 1M versions is one aggregate,
-- not a million updates of the same few hundred counter rows.
CREATE FUNCTION country_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changes text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT language, countries, 1 AS delta FROM new_rows WHERE status = ''published'''
        WHEN 'DELETE' THEN 'SELECT language, countries, -1 AS delta FROM old_rows WHERE status = ''published'''
        ELSE 'SELECT language, countries, -1 AS delta FROM old_rows WHERE status = ''published''
              UNION ALL SELECT language, countries, 1 FROM new_rows WHERE status = ''published''' END;
BEGIN
    -- Most statements touch no published version's status or countries: they lock nothing.
    -- (One branch per operation: each sees only its own transition tables.)
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN RETURN NULL; END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') THEN RETURN NULL; END IF;
    ELSIF NOT EXISTS (
        SELECT 1 FROM old_rows o JOIN new_rows n USING (posting_id, language)
        WHERE (o.status = 'published' OR n.status = 'published')
          AND (o.status IS DISTINCT FROM n.status OR o.countries IS DISTINCT FROM n.countries)) THEN
        RETURN NULL;
    END IF;
    -- Writers that move counts take turns (until commit), so two of them never lock the same
    -- counters in opposite orders and deadlock. Writes are rare next to reads.
    PERFORM pg_advisory_xact_lock(hashtext('country_counts'));
    -- Constant SQL (no input): only the source of the changes differs by operation.
    EXECUTE format('
        WITH d AS (
            SELECT x.language, c AS country, sum(x.delta)::int AS delta
            FROM (%s) x CROSS JOIN LATERAL unnest(x.countries) c
            GROUP BY 1, 2
            HAVING sum(x.delta) <> 0),
        updated AS (
            UPDATE country_counts cc SET count = cc.count + d.delta
            FROM d WHERE cc.language = d.language AND cc.country = d.country
            RETURNING cc.language, cc.country)
        INSERT INTO country_counts (language, country, count)
        SELECT d.language, d.country, d.delta FROM d
        WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.language = d.language AND u.country = d.country)
        ', changes);
    RETURN NULL;
END $$;

CREATE TRIGGER count_countries_insert AFTER INSERT ON posting_translations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION country_counts_apply();
CREATE TRIGGER count_countries_update AFTER UPDATE ON posting_translations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION country_counts_apply();
CREATE TRIGGER count_countries_delete AFTER DELETE ON posting_translations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION country_counts_apply();

INSERT INTO country_counts (language, country, count)
SELECT t.language, c, count(*)
FROM posting_translations t CROSS JOIN LATERAL unnest(t.countries) c
WHERE t.status = 'published'
GROUP BY t.language, c;

-- Published versions not visible now, per language: expired ones (closes_at passed) ...
CREATE INDEX hidden_expired ON posting_translations (language, closes_at) INCLUDE (countries, published_at)
    WHERE status = 'published' AND closes_at IS NOT NULL;
-- ... and scheduled ones are read through listing_by_language (published_at ahead of now).
