WITH "per_customer" AS (SELECT "o"."customer_id", (CAST(DATE '2024-12-31' AS date) - CAST(max(CAST("o"."order_ts" AS DATE)) AS date)) AS "recency_days", count(*) AS "frequency", sum("o"."gross_amount" - coalesce("o"."discount_amount", 0)) AS "monetary"
    FROM "raw"."orders" AS "o"
    WHERE "o"."status" = 'completed' AND "o"."order_ts" < TIMESTAMP '2025-01-01 00:00:00'
    GROUP BY "o"."customer_id") SELECT "customer_id", "recency_days", "frequency", "monetary", ntile(5) OVER (ORDER BY "recency_days" DESC, "customer_id") AS "r_score", ntile(5) OVER (ORDER BY "frequency", "customer_id") AS "f_score", ntile(5) OVER (ORDER BY "monetary", "customer_id") AS "m_score"
    FROM "per_customer"
ORDER BY "customer_id"
