-- After generate-postings.sql (see job-ad-fields-before.sql): the seniority trigger goes, pay ranges come.
DROP TRIGGER generated_seniority ON postings;
DROP FUNCTION generated_seniority();

-- A default pay range on three postings in four: EUR mostly, then USD, GBP, PLN, CHF; periods mixed,
-- so a year's pay (yearly_max) spreads from ~57,000 to ~116,000.
INSERT INTO posting_pay (posting_id, currency, min, max, period)
SELECT x.id, c.currency, round(c.base * (1 + (x.h % 100) / 100.0), 2), round(c.base * (1 + (x.h % 100) / 100.0) * 1.25, 2), c.period
FROM (SELECT id, abs(hashtext(id::text || 'pay')) AS h FROM postings) x
CROSS JOIN LATERAL (SELECT (ARRAY['EUR','EUR','EUR','USD','GBP','PLN','CHF'])[1 + x.h % 7] AS currency,
                           (ARRAY['year','year','year','month','hour','day','week'])[1 + (x.h / 7) % 7] AS period) k
CROSS JOIN LATERAL (SELECT k.currency, k.period,
                           CASE k.period WHEN 'year' THEN 45000 WHEN 'month' THEN 3800 WHEN 'hour' THEN 22 WHEN 'day' THEN 180 ELSE 900 END AS base) c
WHERE x.h % 4 <> 0;

-- A Polish override (PLN a month, up to ~300,000 a year) on a tenth of them.
INSERT INTO posting_pay (posting_id, country, currency, min, max, period)
SELECT pp.posting_id, 'PL', 'PLN', 12000, 15000 + abs(hashtext(pp.posting_id::text)) % 10000, 'month'
FROM posting_pay pp
WHERE pp.country = '' AND abs(hashtext(pp.posting_id::text || 'pl')) % 10 = 0;
