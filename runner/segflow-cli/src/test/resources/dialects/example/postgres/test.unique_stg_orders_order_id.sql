SELECT "order_id", count(*) AS "n_records"
FROM "analytics"."stg_orders"
WHERE "order_id" IS NOT NULL
GROUP BY "order_id"
HAVING count(*) > 1
