SELECT *
FROM "raw"."customers"
WHERE "signup_date" IS NULL
