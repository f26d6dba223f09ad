-- Text as HTML and as plain text, rendered by the API once per write of a language version (issue 10),
-- so no reader renders: aggregators' feeds and JSON-LD take HTML, apps often plain text.
-- NULL until rendered: rows written before this migration, or by plain SQL (the benchmark's
-- generator), are rendered by the API's backfill in the background, and on the fly by any reader
-- that meets one first.
ALTER TABLE posting_translations
    ADD COLUMN description_html text,   -- the whole version as one HTML document
    ADD COLUMN rendered jsonb;          -- {"html": {summary, sections}, "text": {summary, sections}}

-- The backfill finds what is left to render without reading the table.
CREATE INDEX unrendered ON posting_translations (posting_id, language) WHERE rendered IS NULL;

-- Text changed without its renderings (plain SQL, an operator's fix): they are no longer that text's,
-- so they go, and the backfill renders the new text. The API writes both together and keeps its own.
CREATE FUNCTION posting_translations_unrender() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.summary, NEW.sections) IS DISTINCT FROM (OLD.summary, OLD.sections)
       AND NEW.rendered IS NOT DISTINCT FROM OLD.rendered THEN
        NEW.rendered := NULL;
        NEW.description_html := NULL;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER unrender BEFORE UPDATE OF summary, sections ON posting_translations
    FOR EACH ROW EXECUTE FUNCTION posting_translations_unrender();
