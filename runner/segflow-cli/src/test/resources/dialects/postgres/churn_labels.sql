WITH "observed" AS (SELECT "customer_id", max(CAST("order_ts" AS DATE)) AS "last_order_date"
    FROM "raw"."orders"
    WHERE "status" = 'completed' AND CAST("order_ts" AS DATE) <= DATE '2024-09-30'
    GROUP BY "customer_id"), "future" AS (SELECT DISTINCT "customer_id"
    FROM "raw"."orders"
    WHERE "status" = 'completed' AND CAST("order_ts" AS DATE) > DATE '2024-09-30' AND CAST("order_ts" AS DATE) <= DATE '2024-09-30' + INTERVAL '90' DAY) SELECT "c"."customer_id", "c"."country", "o"."last_order_date", (CAST(DATE '2024-09-30' AS date) - CAST("o"."last_order_date" AS date)) AS "days_inactive", CASE WHEN "f"."customer_id" IS NULL THEN 1 ELSE 0 END AS "churned", CAST(EXTRACT(YEAR FROM "c"."signup_date") AS bigint) AS "signup_year", DATE_TRUNC('month', CAST("c"."signup_date" AS timestamp)) AS "signup_month"
    FROM "raw"."customers" AS "c"
      INNER JOIN "observed" AS "o" ON "o"."customer_id" = "c"."customer_id"
      LEFT JOIN "future" AS "f" ON "f"."customer_id" = "c"."customer_id"
    WHERE "c"."signup_date" < DATE '2024-09-30' - INTERVAL '6' MONTH
ORDER BY "c"."customer_id"
