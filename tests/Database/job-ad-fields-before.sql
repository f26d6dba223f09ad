-- Issue 11's filter fields for the postings generate-postings.sql is about to write, for the plan
-- tests of the seniority and payMin filters and of the facets (IndexUsageTests). Run before it;
-- job-ad-fields-after.sql then adds pay ranges and drops this trigger. Deterministic, like the generator.
--
-- Seniority is set as each posting is inserted, so its translations copy it as they are inserted
-- (trigger copy_posting of migration 0009). Setting it afterwards updates every translation, every
-- index of them included: three minutes at 100,000 postings instead of nothing.
-- Six postings in seven state one, skewed to mid and senior as real boards are.
CREATE FUNCTION generated_seniority() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    h int := abs(hashtext(NEW.id::text || 'seniority'));
BEGIN
    IF NEW.seniority IS NULL AND h % 7 <> 0 THEN
        NEW.seniority := (ARRAY['internship','entry','mid','mid','senior','senior','lead','principal','executive'])[1 + h % 9];
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER generated_seniority BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION generated_seniority();
