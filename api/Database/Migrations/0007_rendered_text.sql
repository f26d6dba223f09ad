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
