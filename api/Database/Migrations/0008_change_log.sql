-- The change stream (issue 10): GET /v1/changes replays this log. Why it is built this way:
-- docs/decisions/0003-change-stream.md.
--
-- One row per language version that has ever been public, holding its LATEST state (compaction,
-- like a compacted Kafka topic): an upsert while it is visible, a remove with its reason once it
-- left. seq is the public generation (0006) of the transaction that wrote the row; writers of the
-- log take it as their last statement before commit, holding the generation's row lock until they
-- commit, so seq order is commit order and a reader that has seen seq N will see every later
-- write with a higher seq. A key's seq only ever grows.
CREATE TABLE change_log (
    posting_id uuid        NOT NULL,   -- no foreign key: removes outlive deleted postings
    language   text        NOT NULL,
    seq        bigint      NOT NULL,
    type       text        NOT NULL CHECK (type IN ('upsert', 'remove')),
    reason     text        CHECK (reason IN ('unpublished', 'closed', 'expired', 'deleted', 'translation_removed')),
    at         timestamptz NOT NULL,   -- when the change took effect (closes_at for an expiry, published_at for a scheduled publication)
    slug       text        NOT NULL,   -- the version's last public slug: a 410 answers for it after the posting is gone
    logged_at  timestamptz NOT NULL,   -- when the row was written: retention counts from it, not from at
    PRIMARY KEY (posting_id, language),
    CONSTRAINT remove_has_reason CHECK ((type = 'remove') = (reason IS NOT NULL))
);
-- The stream in order, for all languages and per language.
CREATE INDEX change_log_order ON change_log (seq, posting_id, language);
CREATE INDEX change_log_by_language ON change_log (language, seq, posting_id);
-- The 410 of a detail asked for by slug (by id the primary key serves).
CREATE INDEX change_log_slug ON change_log (slug, language);
-- Retention purges old removes only.
CREATE INDEX change_log_removes ON change_log (logged_at) WHERE type = 'remove';

-- The expiry job's bookkeeping (a single row):
-- last_processed_at: every version whose scheduled published_at is at or before it has been
--   logged, so the job looks for publications going live only after it;
-- purged_through: the highest seq of a remove deleted by retention; a cursor before it may have
--   missed a remove and must start again (410).
CREATE TABLE change_log_horizon (
    id                boolean     PRIMARY KEY DEFAULT true CHECK (id),
    last_processed_at timestamptz NOT NULL,
    purged_through    bigint      NOT NULL DEFAULT 0
);

-- Postings whose closes_at has come while still published: the expiry job closes them.
CREATE INDEX postings_due_to_close ON postings (closes_at) WHERE status = 'published' AND closes_at IS NOT NULL;

-- Logs the state of every language version of p_ids under p_seq (taken by the caller, see below).
-- p_scheduled: the versions go live by time, not by a write (an upsert is then at published_at).
-- "Visible" is the one rule of api/Features/Postings/Visibility.cs (PublishedNow, with @Now as
-- eff_now); a test holds the two texts together.
CREATE FUNCTION change_log_write(p_seq bigint, p_ids uuid[], p_now timestamptz, p_scheduled boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    -- Versions whose publication time the job has already passed count as live, whatever this
    -- writer's clock says: otherwise a write carrying a publication time the job has just passed
    -- would be logged by nobody.
    eff_now timestamptz := greatest(p_now, (SELECT h.last_processed_at FROM change_log_horizon h));
BEGIN
    -- Every visible version: an upsert, always (its content may have changed; a language-neutral
    -- field changes every version).
    INSERT INTO change_log AS c (posting_id, language, seq, type, reason, at, slug, logged_at)
    SELECT t.posting_id, t.language, p_seq, 'upsert', NULL,
           CASE WHEN p_scheduled THEN t.published_at ELSE greatest(t.published_at, p_now) END, t.slug, p_now
    FROM posting_translations t
    WHERE t.posting_id = ANY (p_ids)
      AND t.status = 'published' AND t.published_at <= eff_now AND (t.closes_at IS NULL OR t.closes_at > eff_now)
    ON CONFLICT (posting_id, language) DO UPDATE
        SET seq = EXCLUDED.seq, type = 'upsert', reason = NULL, at = EXCLUDED.at, slug = EXCLUDED.slug, logged_at = EXCLUDED.logged_at;

    -- Every version that was public and is no longer: a remove, with why. A remove is not
    -- rewritten (it keeps its seq), so a client that has it never gets it again.
    UPDATE change_log c
    SET seq = p_seq, type = 'remove', reason = r.reason, at = r.at, logged_at = p_now
    FROM (
        SELECT o.posting_id, o.language,
               CASE WHEN p.id IS NULL THEN 'deleted'
                    WHEN t.posting_id IS NULL THEN 'translation_removed'
                    WHEN p.status = 'draft' THEN 'unpublished'
                    WHEN p.status = 'closed' AND p.closes_at <= eff_now THEN 'expired'
                    WHEN p.status = 'closed' THEN 'closed'
                    WHEN p.closes_at <= eff_now THEN 'expired'
                    ELSE 'unpublished' END AS reason,
               CASE WHEN p.id IS NOT NULL AND t.posting_id IS NOT NULL AND p.status <> 'draft' AND p.closes_at <= eff_now
                    THEN p.closes_at ELSE p_now END AS at
        FROM change_log o
        LEFT JOIN postings p ON p.id = o.posting_id
        LEFT JOIN posting_translations t ON t.posting_id = o.posting_id AND t.language = o.language
        WHERE o.posting_id = ANY (p_ids) AND o.type = 'upsert'
          AND NOT EXISTS (
              SELECT 1 FROM posting_translations t
              WHERE t.posting_id = o.posting_id AND t.language = o.language
                AND t.status = 'published' AND t.published_at <= eff_now AND (t.closes_at IS NULL OR t.closes_at > eff_now))
    ) r
    WHERE c.posting_id = r.posting_id AND c.language = r.language;

    -- Versions that were public (published before their closes_at) but that no log saw as such:
    -- written already expired, e.g. by plain SQL. A remove too, so their detail answers 410 like
    -- any other expired version, before and after the expiry job closes them.
    INSERT INTO change_log (posting_id, language, seq, type, reason, at, slug, logged_at)
    SELECT t.posting_id, t.language, p_seq, 'remove', 'expired', t.closes_at, t.slug, p_now
    FROM posting_translations t
    WHERE t.posting_id = ANY (p_ids) AND t.status IN ('published', 'closed')
      AND t.published_at < t.closes_at AND t.closes_at <= eff_now
    ON CONFLICT (posting_id, language) DO NOTHING;
END $$;

-- What every writer of postings calls, in its transaction, as its LAST statement before commit:
-- takes the next public generation as seq (the deferred trigger of 0006 then does not bump again)
-- and logs p_ids' versions under it. The generation's row stays locked until commit, so writers of
-- the log commit one after another in seq order; they queue only for this statement and commit.
CREATE FUNCTION log_public_changes(p_ids uuid[], p_now timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_seq bigint;
BEGIN
    PERFORM set_config('careers.public_generation_bumped', 'on', true);
    UPDATE public_generation SET value = value + 1 RETURNING value INTO v_seq;
    PERFORM change_log_write(v_seq, p_ids, p_now, false);
    RETURN v_seq;
END $$;

-- The expiry job's second half: versions whose scheduled published_at has come (after the
-- horizon, up to p_now) and that the log does not show as public yet get their upsert, at
-- published_at; the horizon moves. At most about p_batch versions a call: logged counts the
-- postings logged, more says whether more are due.
-- The generation's row is locked first, so no writer of the log commits between this scan and
-- the horizon's move (such a writer then sees the new horizon: see eff_now above).
CREATE FUNCTION log_due_publications(p_now timestamptz, p_batch integer, OUT logged integer, OUT more boolean)
LANGUAGE plpgsql AS $$
DECLARE
    v_from timestamptz;
    v_upto timestamptz;
    v_ids uuid[];
    v_seq bigint;
BEGIN
    PERFORM 1 FROM public_generation FOR UPDATE;
    SELECT h.last_processed_at INTO v_from FROM change_log_horizon h;
    logged := 0;
    more := false;
    IF v_from >= p_now THEN RETURN; END IF;
    -- A batch ends at a publication time, taking every version published at that very moment.
    SELECT t.published_at INTO v_upto FROM posting_translations t
    WHERE t.status = 'published' AND t.published_at > v_from AND t.published_at <= p_now
    ORDER BY t.published_at OFFSET p_batch - 1 LIMIT 1;
    v_upto := coalesce(v_upto, p_now);
    v_ids := ARRAY(
        SELECT DISTINCT t.posting_id FROM posting_translations t
        WHERE t.status = 'published' AND t.published_at > v_from AND t.published_at <= v_upto
          AND (t.closes_at IS NULL OR t.closes_at > p_now)
          AND NOT EXISTS (SELECT 1 FROM change_log c WHERE c.posting_id = t.posting_id AND c.language = t.language AND c.type = 'upsert'));
    IF cardinality(v_ids) > 0 THEN
        PERFORM set_config('careers.public_generation_bumped', 'on', true);
        UPDATE public_generation SET value = value + 1 RETURNING value INTO v_seq;
        PERFORM change_log_write(v_seq, v_ids, p_now, true);
    END IF;
    UPDATE change_log_horizon SET last_processed_at = v_upto;
    logged := cardinality(v_ids);
    more := v_upto < p_now;
END $$;

-- Today's public set, as upserts under one generation; the horizon at the newest publication time
-- that has come (every version published up to it is logged now, or was not visible).
DO $$
DECLARE
    v_ids uuid[] := ARRAY(SELECT DISTINCT posting_id FROM posting_translations WHERE status = 'published' AND published_at <= now());
BEGIN
    INSERT INTO change_log_horizon (last_processed_at)
    SELECT coalesce(max(published_at), '-infinity') FROM posting_translations WHERE status = 'published' AND published_at <= now();
    IF cardinality(v_ids) > 0 THEN PERFORM log_public_changes(v_ids, now()); END IF;
END $$;

-- Statistics now, for the small tables the change stream reads (public_generation has one row too).
ANALYZE change_log;
ANALYZE change_log_horizon;
ANALYZE public_generation;
