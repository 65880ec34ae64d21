SELECT "order_date", count(*) AS "orders", count(DISTINCT "customer_id") AS "customers", sum("net_amount") AS "revenue"
FROM "analytics"."stg_orders"
WHERE "status" = 'completed' AND "order_date" >= (SELECT max("order_date")
        FROM "analytics"."daily_revenue") - INTERVAL '3' DAY
GROUP BY "order_date"
