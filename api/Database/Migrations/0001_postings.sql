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

CREATE TABLE posting_translations (
    posting_id    uuid        NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    language      text        NOT NULL CHECK (language ~ '^[a-z]{2}$'),
    slug          text        NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title         text        NOT NULL,
    summary       text        NOT NULL DEFAULT '',
    sections      jsonb       NOT NULL DEFAULT '[]',
    -- The language's text search configuration, chosen by the API ('simple' where
    -- PostgreSQL has no stemmer for it); stored so the generated vector can use it.
    search_config regconfig   NOT NULL DEFAULT 'simple',
    search        tsvector    GENERATED ALWAYS AS (
                      setweight(to_tsvector(search_config, title), 'A')
                   || setweight(to_tsvector(search_config, summary), 'B')
                   || setweight(jsonb_to_tsvector(search_config, jsonb_path_query_array(sections, 'strict $[*].heading'), '["string"]'), 'B')
                   || setweight(jsonb_to_tsvector(search_config, jsonb_path_query_array(sections, 'strict $[*].paragraphs[*]'), '["string"]'), 'C')
                   || setweight(jsonb_to_tsvector(search_config, jsonb_path_query_array(sections, 'strict $[*].items[*]'), '["string"]'), 'C')
                  ) STORED,
    -- clock_timestamp(): versions written in one transaction still keep their order, so
    -- "the original language version" (the first written) is well defined.
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (posting_id, language),
    CONSTRAINT slug_unique_per_language UNIQUE (slug, language)  -- also serves lookups by slug alone
);

-- Indexes follow the visibility rule (status = 'published'); every public query
-- starts from one of them. Partial indexes stay small: drafts and closed postings
-- never appear in public reads.

-- Lists: keyset order publishedAt desc, id desc.
CREATE INDEX postings_public_order ON postings (published_at DESC, id DESC)
    WHERE status = 'published';
-- Country filter and facet.
CREATE INDEX postings_public_countries ON postings USING gin (countries)
    WHERE status = 'published';
-- Department filter and facet; covering so facets can be answered from the index.
CREATE INDEX postings_public_department ON postings (department, published_at DESC, id DESC)
    WHERE status = 'published';
-- Facets walk every visible posting: an index-only scan over these columns
-- is far narrower than the heap.
CREATE INDEX postings_public_facets ON postings (id) INCLUDE (published_at, closes_at, countries, department)
    WHERE status = 'published';

-- Language filter, facet counts and the translation-first join.
CREATE INDEX posting_translations_language ON posting_translations (language, posting_id);
-- Full-text search.
CREATE INDEX posting_translations_search ON posting_translations USING gin (search);

-- Secrets the API generates for itself (e.g. the key that signs pagination cursors),
-- so every instance and restart agrees without configuration.
CREATE TABLE app_secrets (
    name  text  PRIMARY KEY,
    value bytea NOT NULL
);
INSERT INTO app_secrets (name, value)
VALUES ('cursor_signing_key',
        decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
