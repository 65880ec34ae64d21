SELECT "e"."event_id", "e"."customer_id", "e"."session_id", "e"."event_ts", CAST("e"."event_ts" AS DATE) AS "event_date", "e"."event_type", "e"."category", "e"."device"
FROM "raw"."events" AS "e"
WHERE CAST("e"."event_ts" AS DATE) <= DATE '2024-12-31'
