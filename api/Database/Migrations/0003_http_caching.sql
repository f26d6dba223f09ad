-- Last-Modified of the public lists: the newest write, scheduled publication or expiry.
-- Each part is one index lookup.
CREATE INDEX postings_updated ON postings (updated_at);
CREATE INDEX listing_closes ON posting_translations (closes_at) WHERE status = 'published';
