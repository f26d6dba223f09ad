-- Webhooks (issue 12): partners subscribe to the change stream's events instead of polling it.
-- Why it is built this way: docs/decisions/0009-webhooks.md.
--
-- The outbox is fed by the change log itself (0008): a trigger on change_log turns each logged
-- change of a language version into an event, in the transaction that made the change. Every
-- writer of postings already logs its change as its last statement, so no writer can forget the
-- event, and no event exists without its change (nor a change without its event).

CREATE TABLE webhook_subscriptions (
    id            uuid        PRIMARY KEY,
    url           text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    events        text[]      NOT NULL CHECK (cardinality(events) > 0
                                  AND events <@ ARRAY['posting.published', 'posting.updated', 'posting.removed']),
    languages     text[],     -- NULL: every language
    description   text        CHECK (length(description) <= 500),
    -- The signing secret (whsec_…), shown once at registration. It must be kept readable to sign
    -- with, so it is stored encrypted (AES-GCM under Careers:Webhooks:SecretKey): a copy of the
    -- database alone does not let anyone forge our signatures.
    secret        bytea       NOT NULL,
    status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    paused_reason text,       -- why: by whom, or the failures that paused it
    paused_at     timestamptz,
    failing_since timestamptz, -- the first failed attempt since the last success (pauses after 3 days)
    created_by    text        NOT NULL,  -- the API key's name
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT paused_says_why CHECK ((status = 'paused') = (paused_at IS NOT NULL))
);

-- One row per logged change that at least one active subscription wanted when it was written.
-- Immutable: a delivery (and every retry of it) sends the same body, built from this row.
CREATE TABLE webhook_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- order of writing
    event_id   uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),  -- webhook-id: receivers drop duplicates by it
    type       text        NOT NULL CHECK (type IN ('posting.published', 'posting.updated', 'posting.removed')),
    posting_id uuid        NOT NULL,  -- no foreign key: removes outlive deleted postings
    language   text        NOT NULL,
    slug       text        NOT NULL,
    seq        bigint      NOT NULL,  -- the change stream's seq: a receiver can resume GET /v1/changes from it
    reason     text,                  -- for posting.removed: the change log's reason
    at         timestamptz NOT NULL,  -- when the change took effect (change_log.at)
    created_at timestamptz NOT NULL   -- when it was written (change_log.logged_at, the writer's clock)
);

-- One row per (event, subscription): what was sent, when, and what came back.
CREATE TABLE webhook_deliveries (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
    event_id         bigint      NOT NULL REFERENCES webhook_events ON DELETE CASCADE,
    posting_id       uuid        NOT NULL,  -- the event's: deliveries of one posting to one subscription go in order
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    response_status  integer,     -- the last attempt's HTTP status, NULL when there was no answer
    response_body    text         CHECK (octet_length(response_body) <= 1024),  -- its first KiB at most
    error            text,        -- the last attempt's failure in words (timeout, refused address, …)
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz
);
-- The worker's pick: due deliveries, oldest first.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
-- Order per posting: a delivery waits while an earlier one of its posting to its subscription is pending.
CREATE INDEX webhook_deliveries_pending_posting ON webhook_deliveries (subscription_id, posting_id, event_id) WHERE status = 'pending';
-- The admin list of a subscription's recent deliveries, newest first.
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, id DESC);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);
-- Retention purges completed deliveries by age.
CREATE INDEX webhook_deliveries_completed ON webhook_deliveries (completed_at) WHERE status <> 'pending';

-- A logged change becomes an event:
--   a version logged public that was not (new row, or a remove before) -> posting.published;
--   a version logged public again                                       -> posting.updated;
--   a version that was public and is logged removed                     -> posting.removed.
-- A remove logged for a version no log saw public (written already expired) is no event: nobody
-- was told it existed. Fan-out happens here, to the subscriptions active now that want the type
-- and the language; without any, nothing is written and the writer pays one index probe.
CREATE FUNCTION webhook_event_from_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_type  text;
    v_event bigint;
BEGIN
    IF NEW.type = 'upsert' THEN
        v_type := CASE WHEN TG_OP = 'UPDATE' AND OLD.type = 'upsert' THEN 'posting.updated' ELSE 'posting.published' END;
    ELSIF TG_OP = 'UPDATE' AND OLD.type = 'upsert' THEN
        v_type := 'posting.removed';
    ELSE
        RETURN NULL;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions s
                   WHERE s.status = 'active' AND v_type = ANY (s.events)
                     AND (s.languages IS NULL OR NEW.language = ANY (s.languages))) THEN
        RETURN NULL;
    END IF;

    INSERT INTO webhook_events (type, posting_id, language, slug, seq, reason, at, created_at)
    VALUES (v_type, NEW.posting_id, NEW.language, NEW.slug, NEW.seq, NEW.reason, NEW.at, NEW.logged_at)
    RETURNING id INTO v_event;

    INSERT INTO webhook_deliveries (subscription_id, event_id, posting_id, next_attempt_at, created_at)
    SELECT s.id, v_event, NEW.posting_id, NEW.logged_at, NEW.logged_at
    FROM webhook_subscriptions s
    WHERE s.status = 'active' AND v_type = ANY (s.events)
      AND (s.languages IS NULL OR NEW.language = ANY (s.languages));
    RETURN NULL;
END $$;

CREATE TRIGGER webhook_events AFTER INSERT OR UPDATE ON change_log
    FOR EACH ROW EXECUTE FUNCTION webhook_event_from_change();

-- The writer's probe above: active subscriptions only.
CREATE INDEX webhook_subscriptions_active ON webhook_subscriptions (status) WHERE status = 'active';
