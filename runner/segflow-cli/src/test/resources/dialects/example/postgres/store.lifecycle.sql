-- stage (table query)
select n."entity_id", n."segment", cast(n."score" as double precision) as "score", n."explanation", cast(null as text) as "previous_segment" from (SELECT "entity_id", CAST(CASE WHEN "rule_no" = 1 THEN 'new' WHEN "rule_no" = 2 THEN 'loyal' WHEN "rule_no" = 3 THEN 'active' WHEN "rule_no" = 4 THEN 'at_risk' WHEN "rule_no" = 5 THEN 'lapsed' WHEN "rule_no" = 0 THEN 'never_bought' ELSE NULL END AS VARCHAR) AS "segment", "score", CAST(CASE WHEN "rule_no" = 1 THEN '{"rule":"new","index":1,"when":"tenure_days <= 90"}' WHEN "rule_no" = 2 THEN '{"rule":"loyal","index":2,"when":"orders_count >= 5 and days_since_last_order <= 120"}' WHEN "rule_no" = 3 THEN '{"rule":"active","index":3,"when":"days_since_last_order <= 180"}' WHEN "rule_no" = 4 THEN '{"rule":"at_risk","index":4,"when":"days_since_last_order <= 365"}' WHEN "rule_no" = 5 THEN '{"rule":"lapsed","index":5,"when":"orders_count > 0"}' WHEN "rule_no" = 0 THEN '{"rule":"else"}' ELSE NULL END AS VARCHAR) AS "explanation"
FROM (SELECT "t"."customer_id" AS "entity_id", CASE WHEN "tenure_days" <= 90 THEN 1 WHEN "orders_count" >= 5 AND "days_since_last_order" <= 120 THEN 2 WHEN "days_since_last_order" <= 180 THEN 3 WHEN "days_since_last_order" <= 365 THEN 4 WHEN "orders_count" > 0 THEN 5 ELSE 0 END AS "rule_no", CAST("total_revenue" AS double precision) AS "score"
    FROM "analytics"."customer_features" AS "t") AS "r"
WHERE "rule_no" IS NOT NULL) n;

-- create members
create table if not exists "segments"."lifecycle_members" as select "entity_id", "segment", "score", "explanation", cast('' as text) as "run_id", cast(null as timestamp) as "updated_at" from "segments"."lifecycle__staging" where 1 = 0;

-- create history closed
create table if not exists "segments"."lifecycle_history_closed" as select "entity_id", "segment", "score", cast(null as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", cast('' as text) as "run_id" from "segments"."lifecycle__staging" where 1 = 0;

-- create changes
create table if not exists "segments"."lifecycle_changes" as select cast('' as text) as "run_id", "entity_id", cast('' as text) as "change", cast('' as text) as "from_segment", cast('' as text) as "to_segment", cast(null as timestamp) as "changed_at" from "segments"."lifecycle__staging" where 1 = 0;

-- create history view
create or replace view "segments"."lifecycle_history" as select "entity_id", "segment", "score", "valid_from", "valid_to", "run_id" from "segments"."lifecycle_history_closed" union all select "entity_id", "segment", "score", cast("updated_at" as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", "run_id" from "segments"."lifecycle_members";

-- create runs
create table if not exists "segments"."segflow_runs" ("run_id" text, "segmentation" text, "started_at" timestamp, "finished_at" timestamp, "definition_hash" text, "total_members" bigint, "sizes" text, "changed" boolean, "agreement" double precision, "transitions" text, "status" text, "reason" text);

-- add reason
alter table "segments"."segflow_runs" add column if not exists "reason" text;

-- stage over members (table query)
select n."entity_id", n."segment", cast(n."score" as double precision) as "score", n."explanation", p."segment" as "previous_segment" from (SELECT "entity_id", CAST(CASE WHEN "rule_no" = 1 THEN 'new' WHEN "rule_no" = 2 THEN 'loyal' WHEN "rule_no" = 3 THEN 'active' WHEN "rule_no" = 4 THEN 'at_risk' WHEN "rule_no" = 5 THEN 'lapsed' WHEN "rule_no" = 0 THEN 'never_bought' ELSE NULL END AS VARCHAR) AS "segment", "score", CAST(CASE WHEN "rule_no" = 1 THEN '{"rule":"new","index":1,"when":"tenure_days <= 90"}' WHEN "rule_no" = 2 THEN '{"rule":"loyal","index":2,"when":"orders_count >= 5 and days_since_last_order <= 120"}' WHEN "rule_no" = 3 THEN '{"rule":"active","index":3,"when":"days_since_last_order <= 180"}' WHEN "rule_no" = 4 THEN '{"rule":"at_risk","index":4,"when":"days_since_last_order <= 365"}' WHEN "rule_no" = 5 THEN '{"rule":"lapsed","index":5,"when":"orders_count > 0"}' WHEN "rule_no" = 0 THEN '{"rule":"else"}' ELSE NULL END AS VARCHAR) AS "explanation"
FROM (SELECT "t"."customer_id" AS "entity_id", CASE WHEN "tenure_days" <= 90 THEN 1 WHEN "orders_count" >= 5 AND "days_since_last_order" <= 120 THEN 2 WHEN "days_since_last_order" <= 180 THEN 3 WHEN "days_since_last_order" <= 365 THEN 4 WHEN "orders_count" > 0 THEN 5 ELSE 0 END AS "rule_no", CAST("total_revenue" AS double precision) AS "score"
    FROM "analytics"."customer_features" AS "t") AS "r"
WHERE "rule_no" IS NOT NULL) n left join "segments"."lifecycle_members" p on p."entity_id" = n."entity_id";

-- staged transitions
select "previous_segment", "segment", count(*) from "segments"."lifecycle__staging" group by "previous_segment", "segment";

-- current sizes
select "segment", count(*) from "segments"."lifecycle_members" group by "segment";

-- apply 1
insert into "segments"."lifecycle_changes" select 'run-20241231', "entity_id", case when "previous_segment" is null then 'entered' else 'moved' end, "previous_segment", "segment", timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle__staging" where "previous_segment" is null or "previous_segment" <> "segment";

-- apply 2
insert into "segments"."lifecycle_changes" select 'run-20241231', p."entity_id", 'exited', p."segment", cast(null as text), timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle_members" p where not exists (select 1 from "segments"."lifecycle__staging" n where p."entity_id" = n."entity_id");

-- apply 3
insert into "segments"."lifecycle_history_closed" select "entity_id", "segment", "score", cast("updated_at" as timestamp), timestamp '2024-12-31 06:00:00.000000', "run_id" from "segments"."lifecycle_members" where "entity_id" in (select "closed_entity" from (select "entity_id" as "closed_entity", "from_segment" as "closed_segment" from "segments"."lifecycle_changes" where "run_id" = 'run-20241231' and "change" <> 'entered') x);

-- apply 4
delete from "segments"."lifecycle_members" where "entity_id" in (select "closed_entity" from (select "entity_id" as "closed_entity", "from_segment" as "closed_segment" from "segments"."lifecycle_changes" where "run_id" = 'run-20241231' and "change" <> 'entered') x);

-- apply 5
insert into "segments"."lifecycle_members" select "entity_id", "segment", "score", "explanation", 'run-20241231', timestamp '2024-12-31 06:00:00.000000' from "segments"."lifecycle__staging" where "previous_segment" is null or "previous_segment" <> "segment";

-- record run
insert into "segments"."segflow_runs" values ('run-20241231', 'lifecycle', timestamp '2024-12-31 06:00:00.000000', timestamp '2024-12-31 06:00:05.000000', 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success', cast(null as text));

-- drop staging
drop table "segments"."lifecycle__staging";

-- export (view query)
select "entity_id", "segment" from "segments"."lifecycle_members" where "segment" in (select "segment" from "segments"."lifecycle_members" group by "segment" having count(*) >= 25);

-- record blocked
insert into "segments"."segflow_runs" values ('run-20241231', 'lifecycle', timestamp '2024-12-31 06:00:00.000000', cast(null as timestamp), 'definition-hash', 0, '{}', false, cast(null as double precision), '{}', 'blocked', 'guard not_empty: no input');

-- migrate history table 1
delete from "segments"."lifecycle_history_closed" where true;

-- migrate history table 2
insert into "segments"."lifecycle_history_closed" select "entity_id", "segment", "score", "valid_from", "valid_to", "run_id" from "segments"."lifecycle_history" where "valid_to" is not null;

-- migrate history table 3
drop table "segments"."lifecycle_history" cascade;

-- migrate history table 4
create or replace view "segments"."lifecycle_history" as select "entity_id", "segment", "score", "valid_from", "valid_to", "run_id" from "segments"."lifecycle_history_closed" union all select "entity_id", "segment", "score", cast("updated_at" as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", "run_id" from "segments"."lifecycle_members";
