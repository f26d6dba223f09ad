-- GET /v1/facets counts a language's visible versions by department, workplace type, employment
-- type and seniority in one pass (GROUPING SETS). With the columns it groups by and the ones the
-- visibility rule reads in one small index, that pass is an index-only scan of the language's
-- entries, not a read of the wide heap (which holds the text and its renderings).
CREATE INDEX listing_facets ON posting_translations (language, published_at)
    INCLUDE (closes_at, department, workplace_type, employment_type, seniority)
    WHERE status = 'published';
