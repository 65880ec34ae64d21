SELECT "o"."customer_id" AS "CustomerKey", "o"."status" AS "order", count(*) AS "Order Count", sum("o"."items") AS "total_items"
FROM "raw"."orders" AS "o"
WHERE "o"."channel" IS NOT NULL
GROUP BY "o"."customer_id", "o"."status"
ORDER BY "CustomerKey", "order"
