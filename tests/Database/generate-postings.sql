-- Deterministic synthetic postings for the plan tests (IndexUsageTests) and the benchmark (make bench).
-- 100k postings: 5 languages skewed to English, ~40 countries, 1-5 per posting, mixed statuses;
-- the job-ad fields of issue 11: seniority (spread over the ladder, 1 in 8 not stated), 1-3 locations
-- in the posting's own countries for onsite and hybrid postings, and pay (below).
WITH langs AS (SELECT ARRAY['en','fr','de','es','it'] AS l),
ctry AS (SELECT ARRAY['DE','FR','ES','IT','NL','BE','AT','CH','PL','PT','SE','DK','FI','NO','IE','GB','US','CA','MX','BR','AR','CL','CO','JP','KR','CN','IN','SG','AU','NZ','ZA','EG','MA','NG','KE','TR','GR','CZ','HU','RO'] AS c),
-- Three cities per country, with their ISO 3166-2 region and a postal code.
cities (country, names, regions, postal_codes) AS (VALUES
  ('DE', ARRAY['Berlin', 'München', 'Hamburg'], ARRAY['DE-BE', 'DE-BY', 'DE-HH']::text[], ARRAY['10115', '80331', '20095']),
  ('FR', ARRAY['Paris', 'Lyon', 'Toulouse'], ARRAY['FR-IDF', 'FR-ARA', 'FR-OCC']::text[], ARRAY['75001', '69001', '31000']),
  ('ES', ARRAY['Madrid', 'Barcelona', 'Valencia'], ARRAY['ES-MD', 'ES-CT', 'ES-VC']::text[], ARRAY['28013', '08001', '46001']),
  ('IT', ARRAY['Milano', 'Roma', 'Torino'], ARRAY['IT-25', 'IT-62', 'IT-21']::text[], ARRAY['20121', '00184', '10121']),
  ('NL', ARRAY['Amsterdam', 'Rotterdam', 'Utrecht'], ARRAY['NL-NH', 'NL-ZH', 'NL-UT']::text[], ARRAY['1012', '3011', '3511']),
  ('BE', ARRAY['Brussels', 'Antwerpen', 'Gent'], ARRAY['BE-BRU', 'BE-VLG', 'BE-VLG']::text[], ARRAY['1000', '2000', '9000']),
  ('AT', ARRAY['Wien', 'Graz', 'Linz'], ARRAY['AT-9', 'AT-6', 'AT-4']::text[], ARRAY['1010', '8010', '4020']),
  ('CH', ARRAY['Zürich', 'Genève', 'Basel'], ARRAY['CH-ZH', 'CH-GE', 'CH-BS']::text[], ARRAY['8001', '1201', '4051']),
  ('PL', ARRAY['Warszawa', 'Kraków', 'Wrocław'], ARRAY['PL-14', 'PL-12', 'PL-02']::text[], ARRAY['00-001', '30-001', '50-001']),
  ('PT', ARRAY['Lisboa', 'Porto', 'Braga'], ARRAY['PT-11', 'PT-13', 'PT-03']::text[], ARRAY['1100-148', '4000-322', '4700-435']),
  ('SE', ARRAY['Stockholm', 'Göteborg', 'Malmö'], ARRAY['SE-AB', 'SE-O', 'SE-M']::text[], ARRAY['111 20', '411 01', '211 20']),
  ('DK', ARRAY['København', 'Aarhus', 'Odense'], ARRAY['DK-84', 'DK-82', 'DK-83']::text[], ARRAY['1050', '8000', '5000']),
  ('FI', ARRAY['Helsinki', 'Espoo', 'Tampere'], ARRAY['FI-18', 'FI-18', 'FI-11']::text[], ARRAY['00100', '02100', '33100']),
  ('NO', ARRAY['Oslo', 'Bergen', 'Trondheim'], ARRAY['NO-03', 'NO-46', 'NO-50']::text[], ARRAY['0150', '5003', '7011']),
  ('IE', ARRAY['Dublin', 'Cork', 'Galway'], ARRAY['IE-D', 'IE-CO', 'IE-G']::text[], ARRAY['D02', 'T12', 'H91']),
  ('GB', ARRAY['London', 'Manchester', 'Edinburgh'], ARRAY['GB-LND', 'GB-MAN', 'GB-EDH']::text[], ARRAY['EC1A 1BB', 'M1 1AE', 'EH1 1YZ']),
  ('US', ARRAY['New York', 'San Francisco', 'Austin'], ARRAY['US-NY', 'US-CA', 'US-TX']::text[], ARRAY['10001', '94105', '78701']),
  ('CA', ARRAY['Toronto', 'Vancouver', 'Montréal'], ARRAY['CA-ON', 'CA-BC', 'CA-QC']::text[], ARRAY['M5H 2N2', 'V6B 1A1', 'H2Y 1C6']),
  ('MX', ARRAY['Ciudad de México', 'Guadalajara', 'Monterrey'], ARRAY['MX-CMX', 'MX-JAL', 'MX-NLE']::text[], ARRAY['06000', '44100', '64000']),
  ('BR', ARRAY['São Paulo', 'Rio de Janeiro', 'Belo Horizonte'], ARRAY['BR-SP', 'BR-RJ', 'BR-MG']::text[], ARRAY['01001-000', '20010-000', '30110-000']),
  ('AR', ARRAY['Buenos Aires', 'Córdoba', 'Rosario'], ARRAY['AR-C', 'AR-X', 'AR-S']::text[], ARRAY['C1002', 'X5000', 'S2000']),
  ('CL', ARRAY['Santiago', 'Valparaíso', 'Concepción'], ARRAY['CL-RM', 'CL-VS', 'CL-BI']::text[], ARRAY['8320000', '2340000', '4030000']),
  ('CO', ARRAY['Bogotá', 'Medellín', 'Cali'], ARRAY['CO-DC', 'CO-ANT', 'CO-VAC']::text[], ARRAY['110111', '050001', '760001']),
  ('JP', ARRAY['Tokyo', 'Osaka', 'Fukuoka'], ARRAY['JP-13', 'JP-27', 'JP-40']::text[], ARRAY['100-0001', '530-0001', '810-0001']),
  ('KR', ARRAY['Seoul', 'Busan', 'Incheon'], ARRAY['KR-11', 'KR-26', 'KR-28']::text[], ARRAY['04524', '48058', '21999']),
  ('CN', ARRAY['Shanghai', 'Beijing', 'Shenzhen'], ARRAY['CN-SH', 'CN-BJ', 'CN-GD']::text[], ARRAY['200000', '100000', '518000']),
  ('IN', ARRAY['Bengaluru', 'Mumbai', 'Hyderabad'], ARRAY['IN-KA', 'IN-MH', 'IN-TG']::text[], ARRAY['560001', '400001', '500001']),
  ('SG', ARRAY['Singapore', 'Jurong East', 'Changi'], ARRAY[NULL, NULL, NULL]::text[], ARRAY['018956', '048583', '238801']),
  ('AU', ARRAY['Sydney', 'Melbourne', 'Brisbane'], ARRAY['AU-NSW', 'AU-VIC', 'AU-QLD']::text[], ARRAY['2000', '3000', '4000']),
  ('NZ', ARRAY['Auckland', 'Wellington', 'Christchurch'], ARRAY['NZ-AUK', 'NZ-WGN', 'NZ-CAN']::text[], ARRAY['1010', '6011', '8011']),
  ('ZA', ARRAY['Cape Town', 'Johannesburg', 'Durban'], ARRAY['ZA-WC', 'ZA-GP', 'ZA-KZN']::text[], ARRAY['8001', '2001', '4001']),
  ('EG', ARRAY['Cairo', 'Alexandria', 'Giza'], ARRAY['EG-C', 'EG-ALX', 'EG-GZ']::text[], ARRAY['11511', '21500', '12511']),
  ('MA', ARRAY['Casablanca', 'Rabat', 'Marrakech'], ARRAY['MA-06', 'MA-04', 'MA-07']::text[], ARRAY['20000', '10000', '40000']),
  ('NG', ARRAY['Lagos', 'Abuja', 'Ibadan'], ARRAY['NG-LA', 'NG-FC', 'NG-OY']::text[], ARRAY['100001', '900001', '200001']),
  ('KE', ARRAY['Nairobi', 'Mombasa', 'Kisumu'], ARRAY['KE-30', 'KE-28', 'KE-17']::text[], ARRAY['00100', '80100', '40100']),
  ('TR', ARRAY['İstanbul', 'Ankara', 'İzmir'], ARRAY['TR-34', 'TR-06', 'TR-35']::text[], ARRAY['34000', '06000', '35000']),
  ('GR', ARRAY['Athína', 'Thessaloníki', 'Pátra'], ARRAY['GR-I', 'GR-B', 'GR-G']::text[], ARRAY['105 57', '546 21', '262 21']),
  ('CZ', ARRAY['Praha', 'Brno', 'Ostrava'], ARRAY['CZ-10', 'CZ-64', 'CZ-80']::text[], ARRAY['110 00', '602 00', '702 00']),
  ('HU', ARRAY['Budapest', 'Debrecen', 'Szeged'], ARRAY['HU-BU', 'HU-DE', 'HU-CS']::text[], ARRAY['1051', '4024', '6720']),
  ('RO', ARRAY['București', 'Cluj-Napoca', 'Iași'], ARRAY['RO-B', 'RO-CJ', 'RO-IS']::text[], ARRAY['010011', '400001', '700001']))
INSERT INTO postings (id, department, employment_type, workplace_type, countries, status, published_at, closes_at, seniority, locations)
SELECT
  (lpad(to_hex(g), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
  (ARRAY['Engineering','Data','Design','Sales','Marketing','Customer Success','Finance','People'])[1 + g % 8],
  (ARRAY['full_time','full_time','full_time','part_time','contract','internship','temporary'])[1 + g % 7],
  (ARRAY['remote','hybrid','onsite'])[1 + g % 3],
  cs.countries,
  CASE WHEN g % 20 = 0 THEN 'draft' WHEN g % 20 = 1 THEN 'closed' ELSE 'published' END,
  CASE WHEN g % 20 = 0 THEN NULL ELSE @Now - make_interval(mins => g) END,
  CASE WHEN g % 20 = 2 THEN @Now - make_interval(mins => g) + interval '1 minute'
       WHEN g % 3 = 0 THEN @Now + interval '30 days' END,
  -- From a hash, not from g: independent of the department, types and status above.
  CASE WHEN h.s % 8 = 0 THEN NULL
       ELSE (ARRAY['internship','entry','mid','mid','senior','senior','senior','lead','principal','executive'])[1 + h.s / 8 % 10] END,
  -- Onsite and hybrid: location i lies in the posting's country i (round the list), a different city each time.
  CASE WHEN g % 3 = 0 THEN '[]'::jsonb ELSE (
    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
             'city', ci.names[1 + (g + i) % 3], 'country', ci.country,
             'region', ci.regions[1 + (g + i) % 3], 'postalCode', ci.postal_codes[1 + (g + i) % 3])) ORDER BY i)
    FROM generate_series(1, 1 + h.s / 80 % 3) i
    JOIN cities ci ON ci.country = cs.countries[1 + (i - 1) % cardinality(cs.countries)]) END
FROM generate_series(1, @N) g
CROSS JOIN LATERAL (SELECT array_agg(DISTINCT c[1 + ((g * 7 + k * 13) % 40)]) AS countries FROM ctry, generate_series(1, 1 + g % 5) k) cs
CROSS JOIN LATERAL (SELECT (hashtext('posting ' || g) & 2147483647) AS s) h;
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
-- Pay (migration 0009), as job ads state it: 85% of postings have a range in the currency of their
-- home country (the first of theirs in the list above: a European employer's, mostly EUR), sized
-- from that country's typical yearly pay for a mid-level role, scaled by
-- seniority and varied by up to 15% either way; per year, per month for internships, per hour for
-- part-time roles; 3% of ranges net. One in five postings open in countries with other currencies
-- has an override there in the local currency.
WITH money (country, currency, yearly) AS (VALUES
  ('DE', 'EUR', 65000), ('FR', 'EUR', 55000), ('ES', 'EUR', 40000), ('IT', 'EUR', 42000), ('NL', 'EUR', 60000),
  ('BE', 'EUR', 55000), ('AT', 'EUR', 58000), ('CH', 'CHF', 110000), ('PL', 'PLN', 180000), ('PT', 'EUR', 32000),
  ('SE', 'SEK', 600000), ('DK', 'DKK', 650000), ('FI', 'EUR', 55000), ('NO', 'NOK', 700000), ('IE', 'EUR', 60000),
  ('GB', 'GBP', 55000), ('US', 'USD', 120000), ('CA', 'CAD', 95000), ('MX', 'MXN', 500000), ('BR', 'BRL', 150000),
  ('AR', 'ARS', 30000000), ('CL', 'CLP', 30000000), ('CO', 'COP', 120000000), ('JP', 'JPY', 7000000), ('KR', 'KRW', 60000000),
  ('CN', 'CNY', 300000), ('IN', 'INR', 2000000), ('SG', 'SGD', 90000), ('AU', 'AUD', 120000), ('NZ', 'NZD', 100000),
  ('ZA', 'ZAR', 600000), ('EG', 'EGP', 500000), ('MA', 'MAD', 200000), ('NG', 'NGN', 10000000), ('KE', 'KES', 3000000),
  ('TR', 'TRY', 1200000), ('GR', 'EUR', 30000), ('CZ', 'CZK', 900000), ('HU', 'HUF', 12000000), ('RO', 'RON', 150000)),
paid AS (
  SELECT p.id, p.countries, (hashtext('pay ' || p.id::text) & 2147483647) AS s,
         (SELECT c FROM unnest(p.countries) c ORDER BY array_position((SELECT array_agg(country) FROM money), c) LIMIT 1) AS home,
         CASE p.employment_type WHEN 'internship' THEN 'month' WHEN 'part_time' THEN 'hour' ELSE 'year' END AS period,
         CASE p.seniority WHEN 'internship' THEN 0.35 WHEN 'entry' THEN 0.7 WHEN 'senior' THEN 1.35 WHEN 'lead' THEN 1.6
                          WHEN 'principal' THEN 1.9 WHEN 'executive' THEN 2.5 ELSE 1.0 END AS grade
  FROM postings p
  WHERE cardinality(p.countries) > 0),
ranges AS (
  SELECT id, '' AS country, home AS priced_in, s, period, grade FROM paid WHERE s % 100 >= 15
  UNION ALL
  SELECT x.id, c.country, c.country, x.s, x.period, x.grade
  FROM paid x
  CROSS JOIN LATERAL unnest(x.countries) AS c (country)
  WHERE x.s % 100 >= 15 AND x.s / 100 % 5 = 0
    AND (SELECT currency FROM money WHERE country = c.country) <> (SELECT currency FROM money WHERE country = x.home)),
amounts AS (
  SELECT r.id, r.country, m.currency, r.period, r.s % 100 >= 18 AS gross,
         m.yearly * r.grade * (0.85 + (r.s / 500 % 31) / 100.0)
           / CASE r.period WHEN 'hour' THEN 2080 WHEN 'month' THEN 12 ELSE 1 END AS mid
  FROM ranges r JOIN money m ON m.country = r.priced_in)
INSERT INTO posting_pay (posting_id, country, currency, min, max, period, gross)
SELECT id, country, currency,
       -- Rounded as ads state them: whole thousands a year, hundreds a month, half units an hour.
       CASE period WHEN 'hour' THEN round(mid * 0.9 * 2) / 2 WHEN 'month' THEN round(mid * 0.9, -2) ELSE round(mid * 0.9, -3) END,
       CASE period WHEN 'hour' THEN round(mid * 1.15 * 2) / 2 WHEN 'month' THEN round(mid * 1.15, -2) ELSE round(mid * 1.15, -3) END,
       period, gross
FROM amounts;
-- The change stream's log, as every writer does last (migration 0008): the visible versions as
-- upserts under one generation. Every version published up to @Now is then logged (or not
-- visible), so the expiry job's publication horizon may start there.
SELECT log_public_changes(ARRAY(SELECT id FROM postings), @Now);
UPDATE change_log_horizon SET last_processed_at = greatest(last_processed_at, @Now);
