SELECT "status" AS "value_field", count(*) AS "n_records"
FROM "raw"."orders"
WHERE "status" IS NOT NULL AND "status" NOT IN ('completed', 'returned', 'cancelled')
GROUP BY "status"
