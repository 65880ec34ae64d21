SELECT "customer_id", "total_revenue"
FROM "analytics"."customer_orders"
WHERE "total_revenue" < 0
