SELECT *
FROM "analytics"."daily_revenue"
WHERE "order_date" IS NULL
