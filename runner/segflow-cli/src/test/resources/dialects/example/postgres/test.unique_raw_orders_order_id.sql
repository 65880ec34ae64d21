SELECT "order_id", count(*) AS "n_records"
FROM "raw"."orders"
WHERE "order_id" IS NOT NULL
GROUP BY "order_id"
HAVING count(*) > 1
