WITH recent AS (SELECT *
    FROM analytics.stg_events
    WHERE event_date > DATE_SUB(DATE '2024-12-31', INTERVAL 90 DAY)), per_customer AS (SELECT customer_id, COUNT(DISTINCT session_id) AS sessions, COUNT(*) AS events, COUNT(CASE WHEN event_type = 'product_view' THEN 1 ELSE NULL END) AS product_views, COUNT(CASE WHEN event_type = 'add_to_cart' THEN 1 ELSE NULL END) AS cart_adds, COUNT(CASE WHEN event_type = 'search' THEN 1 ELSE NULL END) AS searches, COUNT(CASE WHEN event_type = 'purchase' THEN 1 ELSE NULL END) AS purchases, MAX(event_date) AS last_event_date
    FROM recent
    GROUP BY customer_id) SELECT customer_id, sessions, events, product_views, cart_adds, searches, purchases, CASE WHEN cart_adds = 0 THEN NULL ELSE CAST(cart_adds - least(purchases, cart_adds) AS FLOAT64) / cart_adds END AS cart_abandon_rate, DATE_DIFF(DATE '2024-12-31', CAST(last_event_date AS DATE), DAY) AS days_since_last_event
    FROM per_customer
