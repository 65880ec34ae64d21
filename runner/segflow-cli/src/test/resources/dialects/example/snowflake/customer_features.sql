SELECT c.customer_id, c.email, c.country, r.region, c.acquisition_channel, c.marketing_opt_in, DATEDIFF(DAY, CAST(c.signup_date AS DATE), DATE '2024-12-31') AS tenure_days, EXTRACT(YEAR FROM DATE '2024-12-31') - c.birth_year AS age, o.orders_count, o.returned_orders, o.total_revenue, o.avg_order_value, o.days_since_last_order, o.days_since_first_order, COALESCE(e.sessions, 0) AS sessions_90d, COALESCE(e.product_views, 0) AS product_views_90d, COALESCE(e.cart_adds, 0) AS cart_adds_90d, COALESCE(e.searches, 0) AS searches_90d, e.cart_abandon_rate, e.days_since_last_event, a.top_category, a.top_category_share, COALESCE(s.tickets, 0) AS tickets, COALESCE(s.open_tickets, 0) AS open_tickets, s.avg_csat
FROM raw.customers AS c
  LEFT JOIN analytics.customer_orders AS o ON o.customer_id = c.customer_id
  LEFT JOIN analytics.customer_engagement AS e ON e.customer_id = c.customer_id
  LEFT JOIN analytics.customer_category_affinity AS a ON a.customer_id = c.customer_id
  LEFT JOIN analytics.customer_support AS s ON s.customer_id = c.customer_id
  LEFT JOIN analytics.country_regions AS r ON r.country = c.country
