-- stage (table query)
select "entity_id", "segment", cast("score" as double precision) as "score", "explanation" from (SELECT "entity_id", CAST(CASE WHEN "rule_no" = 1 THEN 'new' WHEN "rule_no" = 2 THEN 'loyal' WHEN "rule_no" = 3 THEN 'active' WHEN "rule_no" = 4 THEN 'at_risk' WHEN "rule_no" = 5 THEN 'lapsed' WHEN "rule_no" = 0 THEN 'never_bought' ELSE NULL END AS VARCHAR) AS "segment", "score", CAST(CASE WHEN "rule_no" = 1 THEN '{"rule":"new","index":1,"when":"tenure_days <= 90"}' WHEN "rule_no" = 2 THEN '{"rule":"loyal","index":2,"when":"orders_count >= 5 and days_since_last_order <= 120"}' WHEN "rule_no" = 3 THEN '{"rule":"active","index":3,"when":"days_since_last_order <= 180"}' WHEN "rule_no" = 4 THEN '{"rule":"at_risk","index":4,"when":"days_since_last_order <= 365"}' WHEN "rule_no" = 5 THEN '{"rule":"lapsed","index":5,"when":"orders_count > 0"}' WHEN "rule_no" = 0 THEN '{"rule":"else"}' ELSE NULL END AS VARCHAR) AS "explanation"
FROM (SELECT "t"."customer_id" AS "entity_id", CASE WHEN "tenure_days" <= 90 THEN 1 WHEN "orders_count" >= 5 AND "days_since_last_order" <= 120 THEN 2 WHEN "days_since_last_order" <= 180 THEN 3 WHEN "days_since_last_order" <= 365 THEN 4 WHEN "orders_count" > 0 THEN 5 ELSE 0 END AS "rule_no", CAST("total_revenue" AS double precision) AS "score"
    FROM "analytics"."customer_features" AS "t") AS "r"
WHERE "rule_no" IS NOT NULL) m;

-- create members
create table if not exists "segments"."lifecycle_members" as select "entity_id", "segment", "score", "explanation", cast('' as text) as "run_id", cast(null as timestamp) as "updated_at" from "segments"."lifecycle__staging" where 1 = 0;

-- create history
create table if not exists "segments"."lifecycle_history" as select "entity_id", "segment", "score", cast(null as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", cast('' as text) as "run_id" from "segments"."lifecycle__staging" where 1 = 0;

-- create changes
create table if not exists "segments"."lifecycle_changes" as select cast('' as text) as "run_id", "entity_id", cast('' as text) as "change", cast('' as text) as "from_segment", cast('' as text) as "to_segment", cast(null as timestamp) as "changed_at" from "segments"."lifecycle__staging" where 1 = 0;

-- create runs
create table if not exists "segments"."segflow_runs" ("run_id" text, "segmentation" text, "started_at" timestamp, "finished_at" timestamp, "definition_hash" text, "total_members" bigint, "sizes" text, "changed" boolean, "agreement" double precision, "transitions" text, "status" text);

-- sizes
select "segment", count(*) from "segments"."lifecycle__staging" group by "segment";

-- staged count
select count(*) from "segments"."lifecycle__staging";

-- current count
select count(*) from "segments"."lifecycle_members";

-- entered
select count(*) from "segments"."lifecycle__staging" n where not exists (select 1 from "segments"."lifecycle_members" p where p."entity_id" = n."entity_id");

-- exited
select count(*) from "segments"."lifecycle_members" p where not exists (select 1 from "segments"."lifecycle__staging" n where p."entity_id" = n."entity_id");

-- moved
select count(*) from "segments"."lifecycle_members" p join "segments"."lifecycle__staging" n on p."entity_id" = n."entity_id" where p."segment" <> n."segment";

-- kept pairs
select count(*) from "segments"."lifecycle_members" p join "segments"."lifecycle__staging" n on p."entity_id" = n."entity_id" and p."segment" = n."segment";

-- transitions
select coalesce(p."segment", '(none)'), coalesce(n."segment", '(none)'), count(*) from "segments"."lifecycle_members" p full outer join "segments"."lifecycle__staging" n on p."entity_id" = n."entity_id" group by 1, 2;

-- apply 1
insert into "segments"."lifecycle_changes" select 'run-20241231', n."entity_id", 'entered', cast(null as text), n."segment", timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle__staging" n where not exists (select 1 from "segments"."lifecycle_members" p where p."entity_id" = n."entity_id");

-- apply 2
insert into "segments"."lifecycle_changes" select 'run-20241231', p."entity_id", 'exited', p."segment", cast(null as text), timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle_members" p where not exists (select 1 from "segments"."lifecycle__staging" n where p."entity_id" = n."entity_id");

-- apply 3
insert into "segments"."lifecycle_changes" select 'run-20241231', p."entity_id", 'moved', p."segment", n."segment", timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle_members" p join "segments"."lifecycle__staging" n on p."entity_id" = n."entity_id" where p."segment" <> n."segment";

-- apply 4
update "segments"."lifecycle_history" set "valid_to" = timestamp '2024-12-31 06:00:00.000000' where "valid_to" is null and not exists (select 1 from (select "entity_id" as "staged_entity", "segment" as "staged_segment" from "segments"."lifecycle__staging") n where n."staged_entity" = "entity_id" and n."staged_segment" = "segment");

-- apply 5
insert into "segments"."lifecycle_history" select n."entity_id", n."segment", n."score", timestamp '2024-12-31 06:00:00.000000', cast(null as timestamp), 'run-20241231' from "segments"."lifecycle__staging" n where not exists (select 1 from "segments"."lifecycle_members" p where p."entity_id" = n."entity_id" and p."segment" = n."segment");

-- apply 6
delete from "segments"."lifecycle_members" where true;

-- apply 7
insert into "segments"."lifecycle_members" select "entity_id", "segment", "score", "explanation", 'run-20241231', timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle__staging";

-- record run
insert into "segments"."segflow_runs" values ('run-20241231', 'lifecycle', timestamp '2024-12-31 06:00:00.000000', timestamp '2024-12-31 06:00:05.000000', 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success');

-- drop staging
drop table "segments"."lifecycle__staging";

-- export (view query)
select "entity_id", "segment" from "segments"."lifecycle_members" where "segment" in (select "segment" from "segments"."lifecycle_members" group by "segment" having count(*) >= 25);

-- record failure
insert into "segments"."segflow_runs" values ('run-20241231', 'lifecycle', timestamp '2024-12-31 06:00:00.000000', cast(null as timestamp), 'definition-hash', 0, '{}', false, cast(null as double precision), '{}', 'failed');
