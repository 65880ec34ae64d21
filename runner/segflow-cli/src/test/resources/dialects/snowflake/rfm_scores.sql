WITH per_customer AS (SELECT o.customer_id, DATEDIFF(DAY, MAX(CAST(o.order_ts AS DATE)), DATE '2024-12-31') AS recency_days, COUNT(*) AS frequency, SUM(o.gross_amount - COALESCE(o.discount_amount, 0)) AS monetary
    FROM raw.orders AS o
    WHERE o.status = 'completed' AND o.order_ts < TIMESTAMP '2025-01-01 00:00:00'
    GROUP BY o.customer_id) SELECT customer_id, recency_days, frequency, monetary, NTILE(5) OVER (ORDER BY recency_days DESC, customer_id) AS r_score, NTILE(5) OVER (ORDER BY frequency, customer_id) AS f_score, NTILE(5) OVER (ORDER BY monetary, customer_id) AS m_score
    FROM per_customer
ORDER BY customer_id
