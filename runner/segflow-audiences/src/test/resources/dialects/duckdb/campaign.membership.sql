WITH "eligible" AS (SELECT "m"."entity_id", 1 AS "priority", CAST("m"."score" AS DOUBLE) AS "score", CAST(CASE WHEN "m"."segment" = 'vip' THEN '{"audience":"vip_care","segmentation":"tiers","group":"vip"}' ELSE '{"audience":"vip_care","segmentation":"tiers"}' END AS VARCHAR) AS "explanation"
      FROM "segments"."tiers_members" AS "m"
      WHERE "m"."segment" IN ('vip')
      UNION ALL
      SELECT "m"."entity_id", 2 AS "priority", CAST("m"."score" AS DOUBLE) AS "score", CAST(CASE WHEN "m"."segment" = 'cart' THEN '{"audience":"cart_push","segmentation":"flags","group":"cart"}' ELSE '{"audience":"cart_push","segmentation":"flags"}' END AS VARCHAR) AS "explanation"
      FROM "segments"."flags_members" AS "m"
      WHERE "m"."segment" IN ('cart')
      UNION ALL
      SELECT "m"."entity_id", 3 AS "priority", CAST("m"."score" AS DOUBLE) AS "score", CAST(CASE WHEN "m"."segment" = 'regular' THEN '{"audience":"reactivate","segmentation":"tiers","group":"regular"}' ELSE '{"audience":"reactivate","segmentation":"tiers"}' END AS VARCHAR) AS "explanation"
      FROM "segments"."tiers_members" AS "m"
      WHERE "m"."segment" IN ('regular')
      UNION ALL
      SELECT "m"."entity_id", 3 AS "priority", CAST("m"."score" AS DOUBLE) AS "score", CAST(CASE WHEN "m"."segment" = 'browser' THEN '{"audience":"reactivate","segmentation":"flags","group":"browser"}' ELSE '{"audience":"reactivate","segmentation":"flags"}' END AS VARCHAR) AS "explanation"
      FROM "segments"."flags_members" AS "m"
      WHERE "m"."segment" IN ('browser')), "suppressed" AS (SELECT "t"."customer_id" AS "entity_id"
      FROM "analytics"."customers" AS "t"
      WHERE COALESCE(NOT "opted_in", FALSE)
      UNION ALL
      SELECT "t"."customer_id" AS "entity_id"
      FROM "analytics"."customers" AS "t"
      WHERE COALESCE("days_since_order" <= 3, FALSE)), "candidates" AS (SELECT "entity_id", "priority", "score", "explanation"
    FROM (SELECT "e"."entity_id", "e"."priority", "e"."score", "e"."explanation", ROW_NUMBER() OVER (PARTITION BY "e"."entity_id", "e"."priority" ORDER BY CASE WHEN "e"."score" IS NULL THEN 1 ELSE 0 END, "e"."score" DESC, "e"."explanation") AS "pick"
        FROM "eligible" AS "e"
        WHERE NOT EXISTS (SELECT 1
            FROM "suppressed" AS "s"
            WHERE "s"."entity_id" = "e"."entity_id")) AS "d"
    WHERE "pick" = 1), "a1" AS (SELECT "entity_id", "score", "explanation"
    FROM (SELECT "c"."entity_id", "c"."score", "c"."explanation", ROW_NUMBER() OVER (ORDER BY CASE WHEN "c"."score" IS NULL THEN 1 ELSE 0 END, "c"."score" DESC, "c"."entity_id") AS "place"
        FROM "candidates" AS "c"
        WHERE "c"."priority" = 1) AS "x"
    WHERE "place" <= 5), "a2" AS (SELECT "c"."entity_id", "c"."score", "c"."explanation"
    FROM "candidates" AS "c"
    WHERE "c"."priority" = 2 AND NOT EXISTS (SELECT 1
        FROM "a1" AS "t"
        WHERE "t"."entity_id" = "c"."entity_id")), "a3" AS (SELECT "c"."entity_id", "c"."score", "c"."explanation"
    FROM "candidates" AS "c"
    WHERE "c"."priority" = 3 AND NOT EXISTS (SELECT 1
        FROM "a1" AS "t"
        WHERE "t"."entity_id" = "c"."entity_id") AND NOT EXISTS (SELECT 1
        FROM "a2" AS "t"
        WHERE "t"."entity_id" = "c"."entity_id")) SELECT "entity_id", CAST('vip_care' AS VARCHAR) AS "segment", "score", "explanation"
    FROM "a1"
    UNION ALL
    SELECT "entity_id", CAST('cart_push' AS VARCHAR) AS "segment", "score", "explanation"
    FROM "a2"
    UNION ALL
    SELECT "entity_id", CAST('reactivate' AS VARCHAR) AS "segment", "score", "explanation"
    FROM "a3"
