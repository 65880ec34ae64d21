SELECT "t"."customer_id", count(*) AS "tickets", count(CASE WHEN "t"."resolved_ts" IS NULL THEN 1 ELSE NULL END) AS "open_tickets", avg("t"."csat") AS "avg_csat", max(CAST("t"."created_ts" AS DATE)) AS "last_ticket_date"
FROM "raw"."support_tickets" AS "t"
WHERE CAST("t"."created_ts" AS DATE) <= DATE '2024-12-31'
GROUP BY "t"."customer_id"
