SELECT "order_date", count(*) AS "orders", count(DISTINCT "customer_id") AS "customers", sum("net_amount") AS "revenue"
FROM "analytics"."stg_orders"
WHERE "status" = 'completed'
GROUP BY "order_date"
