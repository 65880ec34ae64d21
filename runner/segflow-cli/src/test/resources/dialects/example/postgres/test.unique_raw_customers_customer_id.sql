SELECT "customer_id", count(*) AS "n_records"
FROM "raw"."customers"
WHERE "customer_id" IS NOT NULL
GROUP BY "customer_id"
HAVING count(*) > 1
