SELECT "t"."customer_id" AS "entity_id", CAST('browser' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"browser","index":1,"when":"sessions_90d >= 5"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("sessions_90d" >= 5, FALSE)
UNION ALL
SELECT "t"."customer_id" AS "entity_id", CAST('cart_abandoner' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"cart_abandoner","index":2,"when":"cart_abandon_rate > 0.5"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("cart_abandon_rate" > 0.5, FALSE)
UNION ALL
SELECT "t"."customer_id" AS "entity_id", CAST('support_heavy' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"support_heavy","index":3,"when":"tickets >= 3"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("tickets" >= 3, FALSE)
