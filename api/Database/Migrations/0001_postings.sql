-- Postings and their language versions. Enumerations are text with CHECK constraints:
-- readable in psql, trivially mapped by Dapper, and extended by a new migration.

CREATE TABLE postings (
    id              uuid        PRIMARY KEY,
    department      text        NOT NULL CHECK (length(department) BETWEEN 1 AND 100),
    employment_type text        NOT NULL CHECK (employment_type IN ('full_time', 'part_time', 'contract', 'internship', 'temporary')),
    workplace_type  text        NOT NULL CHECK (workplace_type IN ('remote', 'hybrid', 'onsite')),
    countries       text[]      NOT NULL DEFAULT '{}',  -- ISO 3166-1 alpha-2, uppercase
    cities          text[]      NOT NULL DEFAULT '{}',
    status          text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    published_at    timestamptz,
    closes_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer     NOT NULL DEFAULT 1,
    CONSTRAINT published_has_date CHECK (status <> 'published' OR published_at IS NOT NULL),
    CONSTRAINT closes_after_publish CHECK (closes_at IS NULL OR published_at IS NULL OR closes_at > published_at)
);

-- One row per language version. The columns public reads filter on (status, dates,
-- countries, department, types) are copied from the posting by the triggers below, so every
-- public list and facet reads this one table and its partial indexes; postings stays the
-- source of truth.
CREATE TABLE posting_translations (
    posting_id      uuid        NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    language        text        NOT NULL CHECK (language ~ '^[a-z]{2}$'),
    slug            text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title           text        NOT NULL,
    summary         text        NOT NULL DEFAULT '',
    sections        jsonb       NOT NULL DEFAULT '[]',
    -- The language's text search configuration, chosen by the API ('simple' where
    -- PostgreSQL has no stemmer for it); stored so the generated vector can use it.
    search_config   regconfig   NOT NULL DEFAULT 'simple',
    search          tsvector    GENERATED ALWAYS AS (
                        setweight(to_tsvector(search_config, title), 'A')
                     || setweight(to_tsvector(search_config, summary), 'B')
                     || setweight(jsonb_to_tsvector(search_config, jsonb_path_query_array(sections, 'strict $[*].heading'), '["string"]'), 'B')
                     || setweight(jsonb_to_tsvector(search_config, jsonb_path_query_array(sections, 'strict $[*].paragraphs[*]'), '["string"]'), 'C')
                     || setweight(jsonb_to_tsvector(search_config, jsonb_path_query_array(sections, 'strict $[*].items[*]'), '["string"]'), 'C')
                    ) STORED,
    -- clock_timestamp(): versions written in one transaction still keep their order, so
    -- "the original language version" (the first written) is well defined.
    created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- Copied from postings by the triggers below; never written directly.
    status          text        NOT NULL,
    published_at    timestamptz,
    closes_at       timestamptz,
    countries       text[]      NOT NULL,
    department      text        NOT NULL,
    workplace_type  text        NOT NULL,
    employment_type text        NOT NULL,
    PRIMARY KEY (posting_id, language),
    CONSTRAINT slug_unique_per_language UNIQUE (slug, language)  -- also serves lookups by slug alone
);

CREATE FUNCTION posting_translations_copy_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.status, p.published_at, p.closes_at, p.countries, p.department, p.workplace_type, p.employment_type
    INTO NEW.status, NEW.published_at, NEW.closes_at, NEW.countries, NEW.department, NEW.workplace_type, NEW.employment_type
    FROM postings p WHERE p.id = NEW.posting_id;
    RETURN NEW;
END $$;

CREATE TRIGGER copy_posting BEFORE INSERT OR UPDATE OF posting_id ON posting_translations
    FOR EACH ROW EXECUTE FUNCTION posting_translations_copy_posting();

CREATE FUNCTION postings_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE posting_translations t
    SET status = NEW.status, published_at = NEW.published_at, closes_at = NEW.closes_at,
        countries = NEW.countries, department = NEW.department,
        workplace_type = NEW.workplace_type, employment_type = NEW.employment_type
    WHERE t.posting_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER propagate AFTER UPDATE ON postings
    FOR EACH ROW
    WHEN ((OLD.status, OLD.published_at, OLD.closes_at, OLD.countries, OLD.department, OLD.workplace_type, OLD.employment_type)
          IS DISTINCT FROM
          (NEW.status, NEW.published_at, NEW.closes_at, NEW.countries, NEW.department, NEW.workplace_type, NEW.employment_type))
    EXECUTE FUNCTION postings_propagate();

-- Public indexes are partial on the visibility rule's status = 'published': drafts and closed
-- postings never appear in public reads, so they stay out of these indexes.

-- All-language lists in keyset order (publishedAt desc, id desc, language); covering, so the
-- all-language facets (languages, departments) are index-only scans too.
CREATE INDEX listing_order ON posting_translations (published_at DESC, posting_id DESC, language)
    INCLUDE (closes_at, department)
    WHERE status = 'published';
-- Per-language lists in keyset order; covering, so the country, language and department
-- facets are index-only scans over a small index rather than reads of the wide heap.
CREATE INDEX listing_by_language ON posting_translations (language, published_at DESC, posting_id DESC)
    INCLUDE (closes_at, countries, department)
    WHERE status = 'published';
-- Country filter.
CREATE INDEX listing_countries ON posting_translations USING gin (countries)
    WHERE status = 'published';
-- Department filter.
CREATE INDEX listing_department ON posting_translations (department, published_at DESC, posting_id DESC)
    WHERE status = 'published';
-- Full-text search.
CREATE INDEX listing_search ON posting_translations USING gin (search)
    WHERE status = 'published';

-- Secrets the API generates for itself (e.g. the key that signs pagination cursors),
-- so every instance and restart agrees without configuration.
CREATE TABLE app_secrets (
    name  text  PRIMARY KEY,
    value bytea NOT NULL
);
INSERT INTO app_secrets (name, value)
VALUES ('cursor_signing_key',
        decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
