-- One durable counter of public changes (issue 9): every transaction that writes postings or their
-- language versions bumps it, as part of its own commit. Caches keep each answer with the
-- generation it was computed at and serve it only while that is still the current one; instances
-- read the counter at least once a second, so a change is never missed for longer than that,
-- whether or not its announcement on Redis arrives, and even if the writer died after commit.
CREATE TABLE public_generation (
    id    boolean PRIMARY KEY DEFAULT true CHECK (id),   -- a single row
    value bigint NOT NULL
);
INSERT INTO public_generation (value) VALUES (1);

-- Once per transaction, however many rows or statements it wrote (the flag is transaction-local).
CREATE FUNCTION public_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('careers.public_generation_bumped', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('careers.public_generation_bumped', 'on', true);
        UPDATE public_generation SET value = value + 1;
    END IF;
    RETURN NULL;
END $$;

-- Deferred to commit: the counter's row is locked only from the writer's commit to its end, so
-- writers do not queue on it for their whole transaction (measured: admin create + publish ran at
-- 208 requests/s with the lock taken at the first statement, against 442 without the counter).
-- Nothing is locked after it at commit, so a writer holding it never waits for another writer.
CREATE CONSTRAINT TRIGGER bump_public_generation AFTER INSERT OR UPDATE OR DELETE ON postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_generation_bump();
CREATE CONSTRAINT TRIGGER bump_public_generation AFTER INSERT OR UPDATE OR DELETE ON posting_translations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_generation_bump();
-- TRUNCATE has no row triggers: it bumps at once (the app never truncates; an operator might).
CREATE TRIGGER bump_public_generation_truncate AFTER TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER bump_public_generation_truncate AFTER TRUNCATE ON posting_translations
    FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
