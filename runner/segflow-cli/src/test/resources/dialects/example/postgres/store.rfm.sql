-- stage (table query)
select "entity_id", "segment", cast("score" as double precision) as "score", "explanation" from (WITH "agg" AS (SELECT "t"."customer_id" AS "entity_id", CAST((CAST(DATE '2024-12-31' AS date) - CAST(CAST(max("t"."order_date") AS DATE) AS date)) AS double precision) AS "recency_days", CAST(count(*) AS double precision) AS "frequency", CAST(sum("t"."net_amount") AS double precision) AS "monetary"
    FROM "analytics"."stg_orders" AS "t"
    GROUP BY "t"."customer_id"), "ranked_r" AS (SELECT "recency_days" AS "x", row_number() OVER (ORDER BY "recency_days") AS "rn", count(*) OVER () AS "n"
    FROM "agg"), "edges_r" AS (SELECT min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.2 AS double precision) - FLOOR(("n" - 1) * CAST(0.2 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "r1", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.4 AS double precision) - FLOOR(("n" - 1) * CAST(0.4 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "r2", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.6 AS double precision) - FLOOR(("n" - 1) * CAST(0.6 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "r3", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.8 AS double precision) - FLOOR(("n" - 1) * CAST(0.8 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "r4"
    FROM "ranked_r"), "ranked_f" AS (SELECT "frequency" AS "x", row_number() OVER (ORDER BY "frequency") AS "rn", count(*) OVER () AS "n"
    FROM "agg"), "edges_f" AS (SELECT min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.2 AS double precision) - FLOOR(("n" - 1) * CAST(0.2 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "f1", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.4 AS double precision) - FLOOR(("n" - 1) * CAST(0.4 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "f2", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.6 AS double precision) - FLOOR(("n" - 1) * CAST(0.6 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "f3", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.8 AS double precision) - FLOOR(("n" - 1) * CAST(0.8 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "f4"
    FROM "ranked_f"), "ranked_m" AS (SELECT "monetary" AS "x", row_number() OVER (ORDER BY "monetary") AS "rn", count(*) OVER () AS "n"
    FROM "agg"), "edges_m" AS (SELECT min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.2 AS double precision) - FLOOR(("n" - 1) * CAST(0.2 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.2 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "m1", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.4 AS double precision) - FLOOR(("n" - 1) * CAST(0.4 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.4 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "m2", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.6 AS double precision) - FLOOR(("n" - 1) * CAST(0.6 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.6 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "m3", min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END) + max(("n" - 1) * CAST(0.8 AS double precision) - FLOOR(("n" - 1) * CAST(0.8 AS double precision))) * (coalesce(min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 2 THEN "x" ELSE NULL END), min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END)) - min(CASE WHEN "rn" = FLOOR(("n" - 1) * CAST(0.8 AS double precision)) + 1 THEN "x" ELSE NULL END)) + 1 AS "m4"
    FROM "ranked_m"), "scored" AS (SELECT "a".*, CASE WHEN "a"."recency_days" < "er"."r1" THEN 5 WHEN "a"."recency_days" < "er"."r2" THEN 4 WHEN "a"."recency_days" < "er"."r3" THEN 3 WHEN "a"."recency_days" < "er"."r4" THEN 2 ELSE 1 END AS "r", CASE WHEN "a"."frequency" < "ef"."f1" THEN 1 WHEN "a"."frequency" < "ef"."f2" THEN 2 WHEN "a"."frequency" < "ef"."f3" THEN 3 WHEN "a"."frequency" < "ef"."f4" THEN 4 ELSE 5 END AS "f", CASE WHEN "a"."monetary" < "em"."m1" THEN 1 WHEN "a"."monetary" < "em"."m2" THEN 2 WHEN "a"."monetary" < "em"."m3" THEN 3 WHEN "a"."monetary" < "em"."m4" THEN 4 ELSE 5 END AS "m"
    FROM "agg" AS "a"
      CROSS JOIN "edges_r" AS "er"
      CROSS JOIN "edges_f" AS "ef"
      CROSS JOIN "edges_m" AS "em") SELECT "entity_id", "segment", "score", "explanation"
    FROM (SELECT "entity_id", CAST(CASE WHEN (("r") BETWEEN (5) AND (5)) AND (("f") BETWEEN (5) AND (5)) AND (("m") BETWEEN (5) AND (5)) THEN 'Champions' WHEN (("r") BETWEEN (3) AND (5)) AND (("f") BETWEEN (3) AND (5)) AND (("m") BETWEEN (2) AND (5)) THEN 'Potential Loyalist' WHEN (("r") BETWEEN (2) AND (4)) AND (("f") BETWEEN (2) AND (4)) AND (("m") BETWEEN (2) AND (4)) THEN 'Loyal Customers' WHEN (("r") BETWEEN (3) AND (4)) AND (("f") BETWEEN (1) AND (3)) AND (("m") BETWEEN (3) AND (5)) THEN 'Promising' WHEN (("r") BETWEEN (4) AND (5)) AND (("f") BETWEEN (1) AND (3)) AND (("m") BETWEEN (1) AND (5)) THEN 'New Customers' WHEN (("r") BETWEEN (1) AND (2)) AND (("f") BETWEEN (3) AND (4)) AND (("m") BETWEEN (4) AND (5)) THEN 'Can''t Lose Them' WHEN (("r") BETWEEN (1) AND (2)) AND (("f") BETWEEN (2) AND (5)) AND (("m") BETWEEN (4) AND (5)) THEN 'At Risk' WHEN (("r") BETWEEN (1) AND (3)) AND (("f") BETWEEN (3) AND (5)) AND (("m") BETWEEN (3) AND (5)) THEN 'Need Attention' WHEN (("r") BETWEEN (2) AND (3)) AND (("f") BETWEEN (1) AND (3)) AND (("m") BETWEEN (1) AND (4)) THEN 'About To Sleep' WHEN (("r") BETWEEN (1) AND (1)) AND (("f") BETWEEN (1) AND (5)) AND (("m") BETWEEN (1) AND (5)) THEN 'Lost' ELSE 'Others' END AS VARCHAR) AS "segment", CAST("r" * 100 + "f" * 10 + "m" AS double precision) AS "score", CAST('{"recency_days":' || coalesce((CASE WHEN CAST("recency_days" AS text) ~ '^-?[0-9]+$' THEN CAST("recency_days" AS text) || '.0' ELSE CAST("recency_days" AS text) END), 'null') || ',"frequency":' || coalesce((CASE WHEN CAST("frequency" AS text) ~ '^-?[0-9]+$' THEN CAST("frequency" AS text) || '.0' ELSE CAST("frequency" AS text) END), 'null') || ',"monetary":' || coalesce((CASE WHEN CAST("monetary" AS text) ~ '^-?[0-9]+$' THEN CAST("monetary" AS text) || '.0' ELSE CAST("monetary" AS text) END), 'null') || ',"r":' || CAST("r" AS VARCHAR) || ',"f":' || CAST("f" AS VARCHAR) || ',"m":' || CAST("m" AS VARCHAR) || '}' AS VARCHAR) AS "explanation"
        FROM "scored") AS "s") m;

-- create members
create table if not exists "segments"."rfm_members" as select "entity_id", "segment", "score", "explanation", cast('' as text) as "run_id", cast(null as timestamp) as "updated_at" from "segments"."rfm__staging" where 1 = 0;

-- create history
create table if not exists "segments"."rfm_history" as select "entity_id", "segment", "score", cast(null as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", cast('' as text) as "run_id" from "segments"."rfm__staging" where 1 = 0;

-- create changes
create table if not exists "segments"."rfm_changes" as select cast('' as text) as "run_id", "entity_id", cast('' as text) as "change", cast('' as text) as "from_segment", cast('' as text) as "to_segment", cast(null as timestamp) as "changed_at" from "segments"."rfm__staging" where 1 = 0;

-- create runs
create table if not exists "segments"."segflow_runs" ("run_id" text, "segmentation" text, "started_at" timestamp, "finished_at" timestamp, "definition_hash" text, "total_members" bigint, "sizes" text, "changed" boolean, "agreement" double precision, "transitions" text, "status" text);

-- sizes
select "segment", count(*) from "segments"."rfm__staging" group by "segment";

-- staged count
select count(*) from "segments"."rfm__staging";

-- current count
select count(*) from "segments"."rfm_members";

-- entered
select count(*) from "segments"."rfm__staging" n where not exists (select 1 from "segments"."rfm_members" p where p."entity_id" = n."entity_id");

-- exited
select count(*) from "segments"."rfm_members" p where not exists (select 1 from "segments"."rfm__staging" n where p."entity_id" = n."entity_id");

-- moved
select count(*) from "segments"."rfm_members" p join "segments"."rfm__staging" n on p."entity_id" = n."entity_id" where p."segment" <> n."segment";

-- kept pairs
select count(*) from "segments"."rfm_members" p join "segments"."rfm__staging" n on p."entity_id" = n."entity_id" and p."segment" = n."segment";

-- transitions
select coalesce(p."segment", '(none)'), coalesce(n."segment", '(none)'), count(*) from "segments"."rfm_members" p full outer join "segments"."rfm__staging" n on p."entity_id" = n."entity_id" group by 1, 2;

-- apply 1
insert into "segments"."rfm_changes" select 'run-20241231', n."entity_id", 'entered', cast(null as text), n."segment", timestamp '2024-12-31 06:00:00.000000' from "segments"."rfm__staging" n where not exists (select 1 from "segments"."rfm_members" p where p."entity_id" = n."entity_id");

-- apply 2
insert into "segments"."rfm_changes" select 'run-20241231', p."entity_id", 'exited', p."segment", cast(null as text), timestamp '2024-12-31 06:00:00.000000' from "segments"."rfm_members" p where not exists (select 1 from "segments"."rfm__staging" n where p."entity_id" = n."entity_id");

-- apply 3
insert into "segments"."rfm_changes" select 'run-20241231', p."entity_id", 'moved', p."segment", n."segment", timestamp '2024-12-31 06:00:00.000000' from "segments"."rfm_members" p join "segments"."rfm__staging" n on p."entity_id" = n."entity_id" where p."segment" <> n."segment";

-- apply 4
update "segments"."rfm_history" set "valid_to" = timestamp '2024-12-31 06:00:00.000000' where "valid_to" is null and not exists (select 1 from (select "entity_id" as "staged_entity", "segment" as "staged_segment" from "segments"."rfm__staging") n where n."staged_entity" = "entity_id" and n."staged_segment" = "segment");

-- apply 5
insert into "segments"."rfm_history" select n."entity_id", n."segment", n."score", timestamp '2024-12-31 06:00:00.000000', cast(null as timestamp), 'run-20241231' from "segments"."rfm__staging" n where not exists (select 1 from "segments"."rfm_members" p where p."entity_id" = n."entity_id" and p."segment" = n."segment");

-- apply 6
delete from "segments"."rfm_members" where true;

-- apply 7
insert into "segments"."rfm_members" select "entity_id", "segment", "score", "explanation", 'run-20241231', timestamp '2024-12-31 06:00:00.000000' from "segments"."rfm__staging";

-- record run
insert into "segments"."segflow_runs" values ('run-20241231', 'rfm', timestamp '2024-12-31 06:00:00.000000', timestamp '2024-12-31 06:00:05.000000', 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success');

-- drop staging
drop table "segments"."rfm__staging";

-- export (view query)
select "entity_id", "segment" from "segments"."rfm_members" where "segment" in (select "segment" from "segments"."rfm_members" group by "segment" having count(*) >= 25);

-- record failure
insert into "segments"."segflow_runs" values ('run-20241231', 'rfm', timestamp '2024-12-31 06:00:00.000000', cast(null as timestamp), 'definition-hash', 0, '{}', false, cast(null as double precision), '{}', 'failed');
