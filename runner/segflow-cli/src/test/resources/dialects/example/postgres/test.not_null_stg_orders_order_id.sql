SELECT *
FROM "analytics"."stg_orders"
WHERE "order_id" IS NULL
