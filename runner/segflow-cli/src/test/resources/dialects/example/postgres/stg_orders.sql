SELECT "o"."order_id", "o"."customer_id", "o"."order_ts", CAST("o"."order_ts" AS DATE) AS "order_date", "o"."status", "o"."channel", "o"."items", greatest("o"."gross_amount" - coalesce("o"."discount_amount", 0), 0) AS "net_amount"
FROM "raw"."orders" AS "o"
WHERE "o"."status" <> 'cancelled' AND CAST("o"."order_ts" AS DATE) <= DATE '2024-12-31'
