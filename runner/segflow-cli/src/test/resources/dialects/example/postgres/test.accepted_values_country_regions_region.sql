SELECT "region" AS "value_field", count(*) AS "n_records"
FROM "analytics"."country_regions"
WHERE "region" IS NOT NULL AND "region" NOT IN ('North America', 'Europe')
GROUP BY "region"
