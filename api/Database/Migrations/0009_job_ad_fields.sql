-- What a job ad needs beyond department, types and countries (issue 11): pay (the EU Pay
-- Transparency Directive and several US states require the range in the ad), seniority,
-- structured locations, remote time zones, how to apply, the employer's own reference, and
-- the date a posting was first public.

-- The data changes below fire the deferred public-generation trigger (0006); left pending until
-- commit, its events forbid the ALTER TABLEs that follow them ("pending trigger events").
SET CONSTRAINTS ALL IMMEDIATE;

ALTER TABLE postings
    ADD COLUMN seniority          text CHECK (seniority IN ('internship', 'entry', 'mid', 'senior', 'lead', 'principal', 'executive')),
    -- [{city, country, region?, postalCode?, streetAddress?}]: the API validates each city's country
    -- against the posting's countries; jsonb because a location is only ever read whole.
    ADD COLUMN locations          jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(locations) = 'array'),
    -- Hours from UTC (quarter hours: +05:45 is 5.75) a remote hire may work from.
    ADD COLUMN utc_offset_min     numeric(4, 2) CHECK (utc_offset_min BETWEEN -12 AND 14),
    ADD COLUMN utc_offset_max     numeric(4, 2) CHECK (utc_offset_max BETWEEN -12 AND 14),
    ADD COLUMN apply_url          text,
    ADD COLUMN apply_email        text,
    ADD COLUMN requisition_id     text CHECK (length(requisition_id) BETWEEN 1 AND 100),
    -- Set by the first publication and never changed after (JobPosting datePosted, "new" badges):
    -- published_at moves when a posting is unpublished and published again.
    ADD COLUMN first_published_at timestamptz,
    ADD CONSTRAINT utc_offsets_ordered CHECK (utc_offset_min <= utc_offset_max),
    ADD CONSTRAINT apply_one_way CHECK (apply_url IS NULL OR apply_email IS NULL);

-- The employer's reference identifies one posting.
CREATE UNIQUE INDEX postings_requisition_id ON postings (requisition_id) WHERE requisition_id IS NOT NULL;

-- Cities become locations. A city never said which of the posting's countries it lies in: it takes
-- the first (the issue's rule); a posting without countries (a draft) keeps the city alone until
-- it is next written, when the API asks for the country.
UPDATE postings p
SET locations = (SELECT coalesce(jsonb_agg(CASE WHEN p.countries[1] IS NULL THEN jsonb_build_object('city', c)
                                               ELSE jsonb_build_object('city', c, 'country', p.countries[1]) END
                                           ORDER BY i), '[]')
                 FROM unnest(p.cities) WITH ORDINALITY AS u (c, i))
WHERE cardinality(p.cities) > 0;
ALTER TABLE postings DROP COLUMN cities;

-- The first publication: the earliest of the audit trail's publications and the current
-- publication time (postings published by plain SQL have no audit row).
UPDATE postings p
SET first_published_at = least(
        p.published_at,
        (SELECT min(a.at) FROM audit_log a WHERE a.posting_id = p.id AND a.action = 'published'))
WHERE p.published_at IS NOT NULL OR EXISTS (SELECT 1 FROM audit_log a WHERE a.posting_id = p.id AND a.action = 'published');

-- Per language: a note on pay ("plus annual bonus and equity") and where to apply when it differs
-- from the posting's (a French page for the French version).
ALTER TABLE posting_translations
    ADD COLUMN pay_note    text CHECK (length(pay_note) <= 300),
    ADD COLUMN apply_url   text,
    ADD COLUMN apply_email text,
    -- Copied from postings by the triggers below, like department: the seniority filter and facet.
    ADD COLUMN seniority   text,
    ADD CONSTRAINT apply_one_way CHECK (apply_url IS NULL OR apply_email IS NULL);

UPDATE posting_translations t SET seniority = p.seniority FROM postings p WHERE p.id = t.posting_id AND p.seniority IS NOT NULL;

CREATE OR REPLACE FUNCTION posting_translations_copy_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.status, p.published_at, p.closes_at, p.countries, p.department, p.workplace_type, p.employment_type, p.seniority
    INTO NEW.status, NEW.published_at, NEW.closes_at, NEW.countries, NEW.department, NEW.workplace_type, NEW.employment_type, NEW.seniority
    FROM postings p WHERE p.id = NEW.posting_id;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION postings_propagate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE posting_translations t
    SET status = NEW.status, published_at = NEW.published_at, closes_at = NEW.closes_at,
        countries = NEW.countries, department = NEW.department,
        workplace_type = NEW.workplace_type, employment_type = NEW.employment_type, seniority = NEW.seniority
    WHERE t.posting_id = NEW.id;
    RETURN NULL;
END $$;

DROP TRIGGER propagate ON postings;
CREATE TRIGGER propagate AFTER UPDATE ON postings
    FOR EACH ROW
    WHEN ((OLD.status, OLD.published_at, OLD.closes_at, OLD.countries, OLD.department, OLD.workplace_type, OLD.employment_type, OLD.seniority)
          IS DISTINCT FROM
          (NEW.status, NEW.published_at, NEW.closes_at, NEW.countries, NEW.department, NEW.workplace_type, NEW.employment_type, NEW.seniority))
    EXECUTE FUNCTION postings_propagate();

-- Pay ranges: the posting's default range (country '') and per-country overrides (a role open in DE
-- and PL often pays in EUR and PLN). A table rather than jsonb so the payMin filter has an index.
CREATE TABLE posting_pay (
    posting_id uuid          NOT NULL REFERENCES postings (id) ON DELETE CASCADE,
    country    text          NOT NULL DEFAULT '' CHECK (country = '' OR country ~ '^[A-Z]{2}$'),
    currency   text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    min        numeric(16, 2) NOT NULL CHECK (min > 0),
    max        numeric(16, 2) NOT NULL,
    period     text          NOT NULL CHECK (period IN ('hour', 'day', 'week', 'month', 'year')),
    gross      boolean       NOT NULL DEFAULT true,
    -- The range as a year's pay, for payMin: the conversion the API documents (a year is 2080
    -- working hours, 260 working days, 52 weeks, 12 months).
    yearly_min numeric GENERATED ALWAYS AS (min * CASE period WHEN 'hour' THEN 2080 WHEN 'day' THEN 260 WHEN 'week' THEN 52 WHEN 'month' THEN 12 ELSE 1 END) STORED,
    yearly_max numeric GENERATED ALWAYS AS (max * CASE period WHEN 'hour' THEN 2080 WHEN 'day' THEN 260 WHEN 'week' THEN 52 WHEN 'month' THEN 12 ELSE 1 END) STORED,
    PRIMARY KEY (posting_id, country),
    CONSTRAINT pay_ordered CHECK (min <= max)
);
-- payMin + currency: the postings paying at least that much a year in that currency.
CREATE INDEX posting_pay_reach ON posting_pay (currency, yearly_max, posting_id);

-- Pay is public: its changes bump the public generation like postings' (see 0006).
CREATE CONSTRAINT TRIGGER bump_public_generation AFTER INSERT OR UPDATE OR DELETE ON posting_pay
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER bump_public_generation_truncate AFTER TRUNCATE ON posting_pay
    FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();

-- Seniority filter and facet, in the per-language listing order.
CREATE INDEX listing_seniority ON posting_translations (language, seniority, published_at DESC, posting_id DESC)
    WHERE status = 'published';

-- first_published_at is kept by the database, whoever writes: set by the first write that publishes
-- (the API, an import carrying its history, a plain-SQL loader) and never changed after.
CREATE FUNCTION postings_first_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.first_published_at IS NOT NULL THEN
        NEW.first_published_at := OLD.first_published_at;
    ELSIF NEW.first_published_at IS NULL AND NEW.status = 'published' THEN
        NEW.first_published_at := NEW.published_at;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER first_published BEFORE INSERT OR UPDATE ON postings
    FOR EACH ROW EXECUTE FUNCTION postings_first_published();
