SELECT customer_id, LOWER(email) AS email_lower, substr(email, 1, 3) AS email_prefix, length(COALESCE(first_name, '')) AS first_name_length, UPPER(country) || '-' || COALESCE(city, 'unknown') AS region, REPLACE(TRIM(COALESCE(acquisition_channel, '')), '_', ' ') AS channel_label, NULLIF(gender, '') AS gender, REGEXP_CONTAINS(email, '@example\\.(com|org)$') AS example_domain, FORMAT_DATE('%Y-%m', signup_date) AS signup_month, CASE WHEN marketing_opt_in AND birth_year >= 1990 THEN 'young_opted_in' WHEN marketing_opt_in THEN 'opted_in' ELSE 'no_marketing' END AS marketing_segment, greatest(2024 - birth_year, 0) AS age, ifnull(city, country) AS locality
FROM raw.customers
WHERE signup_date >= DATE '2024-06-01'
ORDER BY customer_id
