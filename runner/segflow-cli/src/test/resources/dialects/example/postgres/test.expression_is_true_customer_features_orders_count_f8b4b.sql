SELECT *
FROM "analytics"."customer_features"
WHERE NOT "orders_count" >= 0
