-- Deterministic synthetic postings for the plan tests (IndexUsageTests) and the benchmark (make bench).
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
-- Each language version carries full role sections, about 3 KB as on the careers page: about,
-- responsibilities, requirements, nice to have, benefits and a custom section, picked per posting
-- from phrase lists so that texts (and search hits: 'PostgreSQL' is in about half) differ.
WITH phrases AS (SELECT
  ARRAY['You will own a backend subsystem end to end, from problem framing to measurable stabilization, and raise the engineering standards of the teams around you.',
        'This role works closely with product, design and fellow engineers to turn loosely defined problems into clear plans with explicit trade-offs.',
        'Success is measured by the reliability of what ships and by the leverage it creates for other teams, not only by features delivered.',
        'You join a remote-first team spread over several time zones that writes things down, reviews carefully and releases several times a day.'] AS about,
  ARRAY['Design robust architectures and implementation plans that reduce operational risk',
        'Lead initiatives spanning several cycles with end-to-end responsibility',
        'Break ambiguous problems down into technical strategies with explicit trade-offs',
        'Review designs and code across teams and mentor engineers through them',
        'Improve observability, alerting and incident response for the systems you own',
        'Partner with product managers to shape the roadmap from customer evidence',
        'Keep the cost, latency and availability of your services within agreed budgets',
        'Write clear documentation and decision records that outlive the project',
        'Run experiments, read their results honestly and share what was learned',
        'Take part in an on-call rotation that is paid, humane and rarely paged'] AS resp,
  ARRAY['Several years of professional experience in a comparable role',
        'Deep knowledge of relational databases such as PostgreSQL, including query plans and indexing',
        'Experience designing and operating HTTP APIs used by external clients',
        'Fluency with at least one statically typed language such as C#, Java, Go or Kotlin',
        'Comfort with cloud infrastructure, containers and continuous delivery',
        'Clear written communication in English for a distributed team',
        'A habit of testing what you build and measuring what you claim',
        'Experience with caching, message queues and eventual consistency',
        'Ability to lead without authority and to disagree and commit',
        'Care for security and privacy from the first design'] AS req,
  ARRAY['Experience with full-text search engines', 'Contributions to open source projects', 'Knowledge of the recruiting or HR technology domain',
        'Familiarity with performance profiling tools', 'A second working language among those we publish in', 'Experience mentoring junior colleagues'] AS nice,
  ARRAY['Fully remote work from any country we hire in, with a home office budget', 'Flexible working hours around a few shared core hours',
        'Thirty days of paid holiday plus local public holidays', 'A yearly learning budget for books, courses and conferences',
        'Private health insurance for you and your family', 'Parental leave beyond the legal minimum', 'A company retreat once a year',
        'Employee stock options'] AS ben)
INSERT INTO posting_translations (posting_id, language, slug, title, summary, sections, search_config)
SELECT p.id, l.code, 'posting-' || l.code || '-' || substr(p.id::text, 25), t.title,
       'As ' || t.title || ' you will join our ' || p.department || ' team. ' || x.about[1 + h % 4] || ' ' || x.about[1 + (h + 1) % 4],
       jsonb_build_array(
         jsonb_build_object('kind', 'about', 'heading', 'About the role', 'items', '[]'::jsonb,
                            'paragraphs', jsonb_build_array(x.about[1 + (h + 2) % 4], x.about[1 + (h + 3) % 4])),
         jsonb_build_object('kind', 'responsibilities', 'heading', 'Responsibilities', 'paragraphs', '[]'::jsonb,
                            'items', to_jsonb((x.resp || x.resp)[1 + h % 10 : 6 + h % 10])),
         jsonb_build_object('kind', 'requirements', 'heading', 'Requirements', 'paragraphs', '[]'::jsonb,
                            'items', to_jsonb((x.req || x.req)[1 + h % 10 : 6 + h % 10])),
         jsonb_build_object('kind', 'nice_to_have', 'heading', 'Nice to have', 'paragraphs', '[]'::jsonb,
                            'items', to_jsonb((x.nice || x.nice)[1 + h % 6 : 3 + h % 6])),
         jsonb_build_object('kind', 'benefits', 'heading', 'What we offer', 'paragraphs', '[]'::jsonb,
                            'items', to_jsonb((x.ben || x.ben)[1 + h % 8 : 5 + h % 8])),
         jsonb_build_object('kind', 'custom', 'heading', 'How we hire', 'items', '[]'::jsonb,
                            'paragraphs', jsonb_build_array('A first call with a recruiter, a practical exercise on a real problem, and a conversation with the team you would join. We answer every application within two weeks.'))),
       l.cfg::regconfig
FROM postings p
CROSS JOIN phrases x
JOIN (VALUES ('en','english',90), ('fr','french',30), ('de','german',25), ('es','spanish',10), ('it','italian',5)) AS l(code, cfg, pct)
  ON (hashtext(p.id::text || l.code) & 1023) < l.pct * 1024 / 100
CROSS JOIN LATERAL (SELECT hashtext(p.id::text) & 1023 AS h) k
CROSS JOIN LATERAL (SELECT (ARRAY['Backend Engineer','Data Analyst','Product Designer','Account Executive','Growth Marketer'])[1 + (k.h & 4)] || ' ' || l.code AS title) t;
-- The change stream's log, as every writer does last (migration 0008): the visible versions as
-- upserts under one generation. Every version published up to @Now is then logged (or not
-- visible), so the expiry job's publication horizon may start there.
SELECT log_public_changes(ARRAY(SELECT id FROM postings), @Now);
UPDATE change_log_horizon SET last_processed_at = greatest(last_processed_at, @Now);
