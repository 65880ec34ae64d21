SELECT "child"."customer_id"
FROM "analytics"."customer_engagement" AS "child"
  LEFT JOIN "raw"."customers" AS "parent" ON "child"."customer_id" = "parent"."customer_id"
WHERE "child"."customer_id" IS NOT NULL AND "parent"."customer_id" IS NULL
