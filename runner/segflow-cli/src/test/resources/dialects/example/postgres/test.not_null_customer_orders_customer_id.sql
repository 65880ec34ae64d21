SELECT *
FROM "analytics"."customer_orders"
WHERE "customer_id" IS NULL
