SELECT "country", count(*) AS "n_records"
FROM "analytics"."country_regions"
WHERE "country" IS NOT NULL
GROUP BY "country"
HAVING count(*) > 1
