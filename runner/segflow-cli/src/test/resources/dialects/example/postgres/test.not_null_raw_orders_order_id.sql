SELECT *
FROM "raw"."orders"
WHERE "order_id" IS NULL
