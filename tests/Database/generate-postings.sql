-- Deterministic synthetic postings for plan tests (and, later, the benchmark).
-- 100k postings: 5 languages skewed to English, ~40 countries, 1-5 per posting, mixed statuses.
WITH langs AS (SELECT ARRAY['en','fr','de','es','it'] AS l),
ctry AS (SELECT ARRAY['DE','FR','ES','IT','NL','BE','AT','CH','PL','PT','SE','DK','FI','NO','IE','GB','US','CA','MX','BR','AR','CL','CO','JP','KR','CN','IN','SG','AU','NZ','ZA','EG','MA','NG','KE','TR','GR','CZ','HU','RO'] AS c)
INSERT INTO postings (id, department, employment_type, workplace_type, countries, status, published_at, closes_at)
SELECT
  (lpad(to_hex(g), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
  (ARRAY['Engineering','Data','Design','Sales','Marketing','Customer Success','Finance','People'])[1 + g % 8],
  (ARRAY['full_time','full_time','full_time','part_time','contract','internship','temporary'])[1 + g % 7],
  (ARRAY['remote','hybrid','onsite'])[1 + g % 3],
  (SELECT array_agg(DISTINCT c[1 + ((g * 7 + k * 13) % 40)]) FROM ctry, generate_series(1, 1 + g % 5) k),
  CASE WHEN g % 20 = 0 THEN 'draft' WHEN g % 20 = 1 THEN 'closed' ELSE 'published' END,
  CASE WHEN g % 20 = 0 THEN NULL ELSE @Now - make_interval(mins => g) END,
  CASE WHEN g % 20 = 2 THEN @Now - make_interval(mins => g) + interval '1 minute'
       WHEN g % 3 = 0 THEN @Now + interval '30 days' END
FROM generate_series(1, @N) g;
INSERT INTO posting_translations (posting_id, language, slug, title, summary, sections, search_config)
SELECT p.id, l.code, 'posting-' || l.code || '-' || substr(p.id::text, 25), 
       (ARRAY['Backend Engineer','Data Analyst','Product Designer','Account Executive','Growth Marketer'])[1 + (hashtext(p.id::text) & 4)] || ' ' || l.code,
       'Summary of the role in ' || l.code,
       '[{"kind":"responsibilities","heading":"Responsibilities","paragraphs":[],"items":["Design APIs","Operate PostgreSQL","Mentor engineers"]},{"kind":"benefits","heading":"What we offer","paragraphs":[],"items":["Remote stipend"]}]'::jsonb,
       l.cfg::regconfig
FROM postings p
JOIN (VALUES ('en','english',90), ('fr','french',30), ('de','german',25), ('es','spanish',10), ('it','italian',5)) AS l(code, cfg, pct)
  ON (hashtext(p.id::text || l.code) & 1023) < l.pct * 1024 / 100;
