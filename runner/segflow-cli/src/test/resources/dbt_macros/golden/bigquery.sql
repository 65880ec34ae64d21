-- order_calendar
SELECT CAST('2024-01-01' AS DATE) + (d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d) * INTERVAL 1 DAY AS date_day
FROM (SELECT 0 AS d
      UNION ALL
      SELECT 1
      UNION ALL
      SELECT 2
      UNION ALL
      SELECT 3
      UNION ALL
      SELECT 4
      UNION ALL
      SELECT 5
      UNION ALL
      SELECT 6
      UNION ALL
      SELECT 7
      UNION ALL
      SELECT 8
      UNION ALL
      SELECT 9) AS d0
  CROSS JOIN (SELECT 0 AS d
      UNION ALL
      SELECT 1
      UNION ALL
      SELECT 2
      UNION ALL
      SELECT 3
      UNION ALL
      SELECT 4
      UNION ALL
      SELECT 5
      UNION ALL
      SELECT 6
      UNION ALL
      SELECT 7
      UNION ALL
      SELECT 8
      UNION ALL
      SELECT 9) AS d1
  CROSS JOIN (SELECT 0 AS d
      UNION ALL
      SELECT 1
      UNION ALL
      SELECT 2
      UNION ALL
      SELECT 3
      UNION ALL
      SELECT 4
      UNION ALL
      SELECT 5
      UNION ALL
      SELECT 6
      UNION ALL
      SELECT 7
      UNION ALL
      SELECT 8
      UNION ALL
      SELECT 9) AS d2
  CROSS JOIN (SELECT 0 AS d
      UNION ALL
      SELECT 1
      UNION ALL
      SELECT 2
      UNION ALL
      SELECT 3
      UNION ALL
      SELECT 4
      UNION ALL
      SELECT 5
      UNION ALL
      SELECT 6
      UNION ALL
      SELECT 7
      UNION ALL
      SELECT 8
      UNION ALL
      SELECT 9) AS d3
  CROSS JOIN (SELECT 0 AS d
      UNION ALL
      SELECT 1
      UNION ALL
      SELECT 2
      UNION ALL
      SELECT 3
      UNION ALL
      SELECT 4
      UNION ALL
      SELECT 5
      UNION ALL
      SELECT 6
      UNION ALL
      SELECT 7
      UNION ALL
      SELECT 8
      UNION ALL
      SELECT 9) AS d4
WHERE CAST('2024-01-01' AS DATE) + (d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d) * INTERVAL 1 DAY < CAST('2024-01-08' AS DATE);

-- customer_names_long
SELECT id, CAST('first_name' AS STRING) AS attribute, CAST(first_name AS STRING) AS value
FROM analytics.raw_customers
UNION ALL
SELECT id, CAST('last_name' AS STRING) AS attribute, CAST(last_name AS STRING) AS value
FROM analytics.raw_customers;

-- stg_customers
SELECT id AS customer_id, first_name, last_name, TO_HEX(MD5(CAST(COALESCE(CAST(id AS STRING), '_dbt_utils_surrogate_key_null_') || '-' || COALESCE(CAST(first_name AS STRING), '_dbt_utils_surrogate_key_null_') AS STRING))) AS customer_key
FROM analytics.raw_customers;

-- people
SELECT CAST('"analytics"."raw_customers"' AS STRING) AS `_dbt_source_relation`, CAST(id AS STRING) AS id, CAST(first_name AS STRING) AS first_name, CAST(last_name AS STRING) AS last_name, CAST(NULL AS STRING) AS team
FROM analytics.raw_customers
UNION ALL
SELECT CAST('"analytics"."raw_employees"' AS STRING) AS `_dbt_source_relation`, CAST(id AS STRING) AS id, CAST(first_name AS STRING) AS first_name, CAST(NULL AS STRING) AS last_name, CAST(team AS STRING) AS team
FROM analytics.raw_employees;

-- stg_orders
SELECT id AS order_id, user_id AS customer_id, CAST(order_date AS DATE) AS order_date, CASE WHEN status IN ('placed', 'shipped', 'completed', 'returned') THEN status ELSE NULL END AS status, DATE_TRUNC(order_date, MONTH) AS order_month
FROM analytics.raw_orders;

-- stg_payments
WITH deduplicated AS (SELECT *
    FROM analytics.raw_payments AS sf_dedup
    WHERE TRUE
    QUALIFY (ROW_NUMBER() OVER (PARTITION BY id ORDER BY order_id)) = 1) SELECT id AS payment_id, order_id, payment_method, ROUND(CAST(amount AS NUMERIC) / 100, 2) AS amount
    FROM deduplicated;

-- orders
WITH order_payments AS (SELECT order_id, SUM(CASE WHEN payment_method = 'bank_transfer' THEN amount ELSE NULL END) AS bank_transfer_amount, SUM(CASE WHEN payment_method = 'coupon' THEN amount ELSE NULL END) AS coupon_amount, SUM(CASE WHEN payment_method = 'credit_card' THEN amount ELSE NULL END) AS credit_card_amount, SUM(CASE WHEN payment_method = 'gift_card' THEN amount ELSE NULL END) AS gift_card_amount, SUM(amount) AS total_amount
    FROM analytics.stg_payments
    GROUP BY order_id) SELECT o.order_id, o.customer_id, o.order_date, o.status, p.bank_transfer_amount, p.coupon_amount, p.credit_card_amount, p.gift_card_amount, p.total_amount
    FROM analytics.stg_orders AS o
      LEFT JOIN order_payments AS p ON o.order_id = p.order_id;

-- customers
WITH customer_orders AS (SELECT customer_id, MIN(order_date) AS first_order, MAX(order_date) AS most_recent_order, COUNT(*) AS number_of_orders, SUM(total_amount) AS customer_lifetime_value
    FROM analytics.orders
    GROUP BY customer_id) SELECT c.customer_id, c.first_name, c.customer_key, co.first_order, co.most_recent_order, DATE_DIFF(co.most_recent_order, co.first_order, DAY) AS days_active, co.number_of_orders, co.customer_lifetime_value
    FROM analytics.stg_customers AS c
      INNER JOIN customer_orders AS co ON c.customer_id = co.customer_id;

-- prices
SELECT product, CAST(valid_from AS DATE) AS valid_from, CAST(valid_to AS DATE) AS valid_to, price
FROM analytics.raw_prices;

-- test.dbt_utils_accepted_range_customers_customer_lifetime_value_d16c3
SELECT *
FROM analytics.customers
WHERE NOT (1 = 1 AND customer_lifetime_value >= 0);

-- test.dbt_utils_accepted_range_customers_number_of_orders_2a94d
SELECT *
FROM analytics.customers
WHERE NOT (1 = 1 AND number_of_orders <= 1);

-- test.dbt_utils_accepted_range_customers_number_of_orders_85e71
SELECT *
FROM (SELECT *
    FROM analytics.customers
    WHERE customer_id = 2) AS dbt_subquery
WHERE NOT (1 = 1 AND number_of_orders <= 1);

-- test.dbt_utils_at_least_one_orders_order_date
SELECT *
FROM (SELECT COUNT(order_date) AS sf_non_null
    FROM analytics.orders) AS sf_counts
WHERE sf_non_null = 0;

-- test.dbt_utils_equal_rowcount_orders_137ee
SELECT *
FROM (SELECT COUNT(*) AS sf_rows
    FROM analytics.orders) AS sf_a
  CROSS JOIN (SELECT COUNT(*) AS sf_compare_rows
    FROM analytics.stg_orders) AS sf_b
WHERE sf_a.sf_rows <> sf_b.sf_compare_rows;

-- test.dbt_utils_expression_is_true_orders_9e321
SELECT *
FROM analytics.orders
WHERE NOT total_amount > 0;

-- test.dbt_utils_mutually_exclusive_ranges_prices_3c5a7
WITH sf_ranges AS (SELECT *, valid_from AS sf_lower, valid_to AS sf_upper, LEAD(valid_from) OVER (PARTITION BY product ORDER BY valid_from, valid_to) AS sf_next_lower
    FROM analytics.prices) SELECT *
    FROM sf_ranges
    WHERE NOT sf_lower < sf_upper OR sf_next_lower IS NOT NULL AND NOT sf_next_lower = sf_upper;

-- test.dbt_utils_not_constant_customers_first_name
SELECT *
FROM (SELECT COUNT(DISTINCT first_name) AS sf_distinct_values
    FROM analytics.customers) AS sf_counts
WHERE sf_distinct_values = 1;

-- test.dbt_utils_not_null_proportion_orders_credit_card_amount_a2bad
SELECT *
FROM (SELECT SUM(CASE WHEN credit_card_amount IS NOT NULL THEN 1 ELSE 0 END) * 1.0 / COUNT(*) AS not_null_proportion
    FROM analytics.orders) AS sf_proportion
WHERE not_null_proportion < 0.5 OR not_null_proportion > 1.0;

-- test.dbt_utils_recency_orders_2e4b7
SELECT *
FROM (SELECT MAX(CAST(order_date AS TIMESTAMP)) AS most_recent
    FROM analytics.orders) AS sf_recency
WHERE most_recent IS NULL OR most_recent < TIMESTAMP(DATETIME_SUB(DATETIME(CURRENT_TIMESTAMP), INTERVAL 100 YEAR));

-- test.dbt_utils_unique_combination_of_columns_orders_acc4a
SELECT order_id, customer_id, COUNT(*) AS n_records
FROM analytics.orders
GROUP BY order_id, customer_id
HAVING COUNT(*) > 1;

-- test.is_after_stg_orders_order_date_6c5a6
SELECT *
FROM analytics.stg_orders
WHERE order_date < CAST('2023-12-31' AS DATE);

-- test.jaffle_utils_positive_stg_payments_amount
SELECT *
FROM analytics.stg_payments
WHERE amount <= 0;

-- test.not_null_customers_customer_id
SELECT *
FROM analytics.customers
WHERE customer_id IS NULL;

-- test.not_null_stg_orders_order_id
SELECT *
FROM analytics.stg_orders
WHERE order_id IS NULL;

-- test.not_null_stg_orders_status
SELECT *
FROM analytics.stg_orders
WHERE status IS NULL;

-- test.unique_customers_customer_id
SELECT customer_id, COUNT(*) AS n_records
FROM analytics.customers
WHERE customer_id IS NOT NULL
GROUP BY customer_id
HAVING COUNT(*) > 1;

-- test.unique_stg_orders_order_id
SELECT order_id, COUNT(*) AS n_records
FROM analytics.stg_orders
WHERE order_id IS NOT NULL
GROUP BY order_id
HAVING COUNT(*) > 1;

-- test.unique_stg_payments_payment_id
SELECT payment_id, COUNT(*) AS n_records
FROM analytics.stg_payments
WHERE payment_id IS NOT NULL
GROUP BY payment_id
HAVING COUNT(*) > 1;
