-- stage (table query)
select n."entity_id", n."segment", cast(n."score" as double precision) as "score", n."explanation", cast(null as text) as "previous_segment" from (SELECT "t"."customer_id" AS "entity_id", CAST('browser' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"browser","index":1,"when":"sessions_90d >= 5"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("sessions_90d" >= 5, FALSE)
UNION ALL
SELECT "t"."customer_id" AS "entity_id", CAST('cart_abandoner' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"cart_abandoner","index":2,"when":"cart_abandon_rate > 0.5"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("cart_abandon_rate" > 0.5, FALSE)
UNION ALL
SELECT "t"."customer_id" AS "entity_id", CAST('support_heavy' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"support_heavy","index":3,"when":"tickets >= 3"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("tickets" >= 3, FALSE)) n;

-- create members
create table if not exists "segments"."engagement_flags_members" as select "entity_id", "segment", "score", "explanation", cast('' as text) as "run_id", cast(null as timestamp) as "updated_at" from "segments"."engagement_flags__staging" where 1 = 0;

-- create history closed
create table if not exists "segments"."engagement_flags_history_closed" as select "entity_id", "segment", "score", cast(null as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", cast('' as text) as "run_id" from "segments"."engagement_flags__staging" where 1 = 0;

-- create changes
create table if not exists "segments"."engagement_flags_changes" as select cast('' as text) as "run_id", "entity_id", cast('' as text) as "change", cast('' as text) as "from_segment", cast('' as text) as "to_segment", cast(null as timestamp) as "changed_at" from "segments"."engagement_flags__staging" where 1 = 0;

-- create history view
create or replace view "segments"."engagement_flags_history" as select "entity_id", "segment", "score", "valid_from", "valid_to", "run_id" from "segments"."engagement_flags_history_closed" union all select "entity_id", "segment", "score", cast("updated_at" as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", "run_id" from "segments"."engagement_flags_members";

-- create runs
create table if not exists "segments"."segflow_runs" ("run_id" text, "segmentation" text, "started_at" timestamp, "finished_at" timestamp, "definition_hash" text, "total_members" bigint, "sizes" text, "changed" boolean, "agreement" double precision, "transitions" text, "status" text, "reason" text);

-- add reason
alter table "segments"."segflow_runs" add column if not exists "reason" text;

-- stage over members (table query)
select n."entity_id", n."segment", cast(n."score" as double precision) as "score", n."explanation", p."segment" as "previous_segment" from (SELECT "t"."customer_id" AS "entity_id", CAST('browser' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"browser","index":1,"when":"sessions_90d >= 5"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("sessions_90d" >= 5, FALSE)
UNION ALL
SELECT "t"."customer_id" AS "entity_id", CAST('cart_abandoner' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"cart_abandoner","index":2,"when":"cart_abandon_rate > 0.5"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("cart_abandon_rate" > 0.5, FALSE)
UNION ALL
SELECT "t"."customer_id" AS "entity_id", CAST('support_heavy' AS VARCHAR) AS "segment", CAST(NULL AS double precision) AS "score", CAST('{"rule":"support_heavy","index":3,"when":"tickets >= 3"}' AS VARCHAR) AS "explanation"
FROM "analytics"."customer_features" AS "t"
WHERE coalesce("tickets" >= 3, FALSE)) n left join "segments"."engagement_flags_members" p on p."entity_id" = n."entity_id" and p."segment" = n."segment";

-- staged transitions
select "previous_segment", "segment", count(*) from "segments"."engagement_flags__staging" group by "previous_segment", "segment";

-- current sizes
select "segment", count(*) from "segments"."engagement_flags_members" group by "segment";

-- apply 1
insert into "segments"."engagement_flags_changes" select 'run-20241231', "entity_id", case when "previous_segment" is null then 'entered' else 'moved' end, "previous_segment", "segment", timestamp '2024-12-31 06:00:00.000000' from "segments"."engagement_flags__staging" where "previous_segment" is null;

-- apply 2
insert into "segments"."engagement_flags_changes" select 'run-20241231', p."entity_id", 'exited', p."segment", cast(null as text), timestamp '2024-12-31 06:00:00.000000' from "segments"."engagement_flags_members" p where not exists (select 1 from "segments"."engagement_flags__staging" n where p."entity_id" = n."entity_id" and p."segment" = n."segment");

-- apply 3
insert into "segments"."engagement_flags_history_closed" select "entity_id", "segment", "score", cast("updated_at" as timestamp), timestamp '2024-12-31 06:00:00.000000', "run_id" from "segments"."engagement_flags_members" where "entity_id" in (select "closed_entity" from (select "entity_id" as "closed_entity", "from_segment" as "closed_segment" from "segments"."engagement_flags_changes" where "run_id" = 'run-20241231' and "change" <> 'entered') x) and exists (select 1 from (select "entity_id" as "closed_entity", "from_segment" as "closed_segment" from "segments"."engagement_flags_changes" where "run_id" = 'run-20241231' and "change" <> 'entered') x where x."closed_entity" = "entity_id" and x."closed_segment" = "segment");

-- apply 4
delete from "segments"."engagement_flags_members" where "entity_id" in (select "closed_entity" from (select "entity_id" as "closed_entity", "from_segment" as "closed_segment" from "segments"."engagement_flags_changes" where "run_id" = 'run-20241231' and "change" <> 'entered') x) and exists (select 1 from (select "entity_id" as "closed_entity", "from_segment" as "closed_segment" from "segments"."engagement_flags_changes" where "run_id" = 'run-20241231' and "change" <> 'entered') x where x."closed_entity" = "entity_id" and x."closed_segment" = "segment");

-- apply 5
insert into "segments"."engagement_flags_members" select "entity_id", "segment", "score", "explanation", 'run-20241231', timestamp '2024-12-31 06:00:00.000000' from "segments"."engagement_flags__staging" where "previous_segment" is null;

-- record run
insert into "segments"."segflow_runs" values ('run-20241231', 'engagement_flags', timestamp '2024-12-31 06:00:00.000000', timestamp '2024-12-31 06:00:05.000000', 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success', cast(null as text));

-- drop staging
drop table "segments"."engagement_flags__staging";

-- export (view query)
select "entity_id", "segment" from "segments"."engagement_flags_members" where "segment" in (select "segment" from "segments"."engagement_flags_members" group by "segment" having count(*) >= 25);

-- record blocked
insert into "segments"."segflow_runs" values ('run-20241231', 'engagement_flags', timestamp '2024-12-31 06:00:00.000000', cast(null as timestamp), 'definition-hash', 0, '{}', false, cast(null as double precision), '{}', 'blocked', 'guard not_empty: no input');

-- migrate history table 1
delete from "segments"."engagement_flags_history_closed" where true;

-- migrate history table 2
insert into "segments"."engagement_flags_history_closed" select "entity_id", "segment", "score", "valid_from", "valid_to", "run_id" from "segments"."engagement_flags_history" where "valid_to" is not null;

-- migrate history table 3
drop table "segments"."engagement_flags_history" cascade;

-- migrate history table 4
create or replace view "segments"."engagement_flags_history" as select "entity_id", "segment", "score", "valid_from", "valid_to", "run_id" from "segments"."engagement_flags_history_closed" union all select "entity_id", "segment", "score", cast("updated_at" as timestamp) as "valid_from", cast(null as timestamp) as "valid_to", "run_id" from "segments"."engagement_flags_members";
