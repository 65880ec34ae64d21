SELECT order_date, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS customers, SUM(net_amount) AS revenue
FROM analytics.stg_orders
WHERE status = 'completed' AND order_date >= DATE_SUB((SELECT MAX(order_date)
      FROM analytics.daily_revenue), INTERVAL 3 DAY)
GROUP BY order_date
