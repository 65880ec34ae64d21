SELECT *
FROM "raw"."customers"
WHERE "customer_id" IS NULL
