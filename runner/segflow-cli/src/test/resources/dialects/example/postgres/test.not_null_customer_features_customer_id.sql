SELECT *
FROM "analytics"."customer_features"
WHERE "customer_id" IS NULL
