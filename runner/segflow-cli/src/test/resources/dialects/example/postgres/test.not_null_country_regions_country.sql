SELECT *
FROM "analytics"."country_regions"
WHERE "country" IS NULL
