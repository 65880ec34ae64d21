WITH "carts" AS (SELECT "customer_id", "session_id", DATE_TRUNC('week', min("event_ts")) AS "week_start", count(CASE WHEN "event_type" = 'add_to_cart' THEN 1 ELSE NULL END) AS "cart_adds", COUNT(CASE WHEN "event_type" = 'purchase' THEN 1 END) AS "purchases"
    FROM "raw"."events"
    WHERE "event_ts" >= TIMESTAMP '2024-10-01 00:00:00'
    GROUP BY "customer_id", "session_id") SELECT "customer_id", "week_start", sum("cart_adds") AS "total_cart_adds", count(CASE WHEN "cart_adds" > 0 AND "purchases" = 0 THEN 1 ELSE NULL END) AS "abandoned_sessions", CASE WHEN sum("cart_adds") = 0 THEN NULL ELSE (CAST(CAST(count(CASE WHEN "cart_adds" > 0 AND "purchases" = 0 THEN 1 ELSE NULL END) AS double precision) AS double precision) / NULLIF(count(*), 0)) END AS "abandon_rate"
    FROM "carts"
    GROUP BY "customer_id", "week_start"
    HAVING sum("cart_adds") > 0
ORDER BY "customer_id", "week_start"
