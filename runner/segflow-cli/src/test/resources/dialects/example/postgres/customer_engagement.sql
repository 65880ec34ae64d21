WITH "recent" AS (SELECT *
    FROM "analytics"."stg_events"
    WHERE "event_date" > DATE '2024-12-31' - INTERVAL '90' DAY), "per_customer" AS (SELECT "customer_id", count(DISTINCT "session_id") AS "sessions", count(*) AS "events", count(CASE WHEN "event_type" = 'product_view' THEN 1 ELSE NULL END) AS "product_views", count(CASE WHEN "event_type" = 'add_to_cart' THEN 1 ELSE NULL END) AS "cart_adds", count(CASE WHEN "event_type" = 'search' THEN 1 ELSE NULL END) AS "searches", count(CASE WHEN "event_type" = 'purchase' THEN 1 ELSE NULL END) AS "purchases", max("event_date") AS "last_event_date"
    FROM "recent"
    GROUP BY "customer_id") SELECT "customer_id", "sessions", "events", "product_views", "cart_adds", "searches", "purchases", CASE WHEN "cart_adds" = 0 THEN NULL ELSE (CAST(CAST("cart_adds" - least("purchases", "cart_adds") AS double precision) AS double precision) / NULLIF("cart_adds", 0)) END AS "cart_abandon_rate", (CAST(DATE '2024-12-31' AS date) - CAST(CAST("last_event_date" AS DATE) AS date)) AS "days_since_last_event"
    FROM "per_customer"
