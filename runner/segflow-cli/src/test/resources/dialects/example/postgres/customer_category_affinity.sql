WITH "spend" AS (SELECT "o"."customer_id", "i"."category", sum("i"."quantity" * "i"."unit_price") AS "category_spend"
    FROM "raw"."order_items" AS "i"
      INNER JOIN "analytics"."stg_orders" AS "o" ON "o"."order_id" = "i"."order_id"
    WHERE "o"."status" = 'completed'
    GROUP BY "o"."customer_id", "i"."category") SELECT "customer_id", "top_category", "top_category_spend", "top_category_share"
    FROM (SELECT "customer_id", "category" AS "top_category", "category_spend" AS "top_category_spend", (CAST("category_spend" AS double precision) / NULLIF(sum("category_spend") OVER (PARTITION BY "customer_id"), 0)) AS "top_category_share", (row_number() OVER (PARTITION BY "customer_id" ORDER BY "category_spend" DESC, "category")) = 1 AS "segflow_qualify"
        FROM "spend") AS "segflow_q"
    WHERE "segflow_qualify"
