SELECT order_date, COUNT(*) AS orders, COUNT(DISTINCT customer_id) AS customers, SUM(net_amount) AS revenue
FROM analytics.stg_orders
WHERE status = 'completed' AND order_date >= DATEADD(DAY, -3, (SELECT MAX(order_date)
      FROM analytics.daily_revenue))
GROUP BY order_date
