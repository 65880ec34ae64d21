WITH "carts" AS (SELECT "customer_id", "session_id", "date_trunc"('week', MIN("event_ts")) AS "week_start", COUNT(*) FILTER (WHERE "event_type" = 'add_to_cart') AS "cart_adds", "count_if"("event_type" = 'purchase') AS "purchases"
    FROM "raw"."events"
    WHERE "event_ts" >= TIMESTAMP '2024-10-01 00:00:00'
    GROUP BY "customer_id", "session_id") SELECT "customer_id", "week_start", SUM("cart_adds") AS "total_cart_adds", COUNT(*) FILTER (WHERE "cart_adds" > 0 AND "purchases" = 0) AS "abandoned_sessions", CASE WHEN SUM("cart_adds") = 0 THEN NULL ELSE CAST(COUNT(*) FILTER (WHERE "cart_adds" > 0 AND "purchases" = 0) AS DOUBLE) / COUNT(*) END AS "abandon_rate"
    FROM "carts"
    GROUP BY "customer_id", "week_start"
    HAVING SUM("cart_adds") > 0
ORDER BY "customer_id", "week_start"
