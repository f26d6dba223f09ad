-- Admin API: keys, an audit trail, and remembered results of idempotent creates.

-- API keys are random (256 bits) and shown once; only their SHA-256 is stored. The id is a
-- public part of the key, so a request finds its row without comparing secrets in SQL.
CREATE TABLE api_keys (
    id           text        PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key_hash     bytea       NOT NULL,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);
-- One active key per name; a revoked name can be issued again.
CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;

CREATE TABLE audit_log (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,  -- the API key's name
    action         text        NOT NULL,
    posting_id     uuid        NOT NULL,  -- no foreign key: the trail outlives deleted postings
    language       text,
    version_before integer,
    version_after  integer
);
CREATE INDEX audit_log_posting ON audit_log (posting_id, id);

-- A retried POST with the same Idempotency-Key gets the first answer back.
CREATE TABLE idempotency_keys (
    actor        text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status       integer     NOT NULL,
    location     text,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
);

-- Admin lists: newest first, keyset on (created_at, id).
CREATE INDEX postings_admin_order ON postings (created_at DESC, id DESC);
CREATE INDEX postings_admin_status ON postings (status, created_at DESC, id DESC);
