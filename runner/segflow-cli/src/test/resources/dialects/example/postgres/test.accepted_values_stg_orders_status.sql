SELECT "status" AS "value_field", count(*) AS "n_records"
FROM "analytics"."stg_orders"
WHERE "status" IS NOT NULL AND "status" NOT IN ('completed', 'returned')
GROUP BY "status"
