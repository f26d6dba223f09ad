-- One durable counter of public changes (issue 9): every statement that writes postings or their
-- language versions bumps it, in the writer's own transaction. Caches keep each answer with the
-- generation it was computed at and serve it only while that is still the current one; instances
-- read the counter at least once a second, so a change is never missed for longer than that,
-- whether or not its announcement on Redis arrives, and even if the writer died after commit.
CREATE TABLE public_generation (
    id    boolean PRIMARY KEY DEFAULT true CHECK (id),   -- a single row
    value bigint NOT NULL
);
INSERT INTO public_generation (value) VALUES (1);

-- BEFORE STATEMENT, so a writer takes the counter's row lock before it touches any posting row
-- or index entry: writers then queue on this one lock in arrival order (they already took turns
-- on the counts' advisory lock), and no two of them can hold locks the other waits for.
CREATE FUNCTION public_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_generation SET value = value + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER bump_public_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON postings
    FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
CREATE TRIGGER bump_public_generation BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON posting_translations
    FOR EACH STATEMENT EXECUTE FUNCTION public_generation_bump();
