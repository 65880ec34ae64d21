SELECT "customer_id", lower("email") AS "email_lower", substr("email", 1, 3) AS "email_prefix", length(coalesce("first_name", '')) AS "first_name_length", upper("country") || '-' || coalesce("city", 'unknown') AS "region", replace(TRIM(BOTH ' ' FROM coalesce("acquisition_channel", '')), '_', ' ') AS "channel_label", nullif("gender", '') AS "gender", ("email" ~ '@example\.(com|org)$') AS "example_domain", TO_CHAR("signup_date", 'YYYY-MM') AS "signup_month", CASE WHEN "marketing_opt_in" AND "birth_year" >= 1990 THEN 'young_opted_in' WHEN "marketing_opt_in" THEN 'opted_in' ELSE 'no_marketing' END AS "marketing_segment", greatest(2024 - "birth_year", 0) AS "age", COALESCE("city", "country") AS "locality"
FROM "raw"."customers"
WHERE "signup_date" >= DATE '2024-06-01'
ORDER BY "customer_id"
