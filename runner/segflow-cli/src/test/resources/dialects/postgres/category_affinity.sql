WITH "spend" AS (SELECT "o"."customer_id", "i"."category", sum("i"."quantity" * "i"."unit_price") AS "category_spend", count(*) AS "lines"
    FROM "raw"."order_items" AS "i"
      INNER JOIN "raw"."orders" AS "o" ON "o"."order_id" = "i"."order_id"
    WHERE "o"."status" = 'completed'
    GROUP BY "o"."customer_id", "i"."category") SELECT "customer_id", "top_category", "category_spend", "share", "lines_rank"
    FROM (SELECT "customer_id", upper("category") AS "top_category", "category_spend", CAST(ROUND(CAST((CAST("category_spend" AS double precision) / NULLIF(sum("category_spend") OVER (PARTITION BY "customer_id"), 0)) AS numeric), 4) AS double precision) AS "share", rank() OVER (PARTITION BY "customer_id" ORDER BY "lines" DESC, "category") AS "lines_rank", (row_number() OVER (PARTITION BY "customer_id" ORDER BY "category_spend" DESC, "category")) = 1 AS "segflow_qualify"
        FROM "spend") AS "segflow_q"
    WHERE "segflow_qualify"
ORDER BY "customer_id"
