SELECT "order_date", count(*) AS "n_records"
FROM "analytics"."daily_revenue"
WHERE "order_date" IS NOT NULL
GROUP BY "order_date"
HAVING count(*) > 1
