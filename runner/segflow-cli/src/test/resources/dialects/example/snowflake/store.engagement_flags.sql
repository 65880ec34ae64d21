-- stage (table query)
select n.entity_id, n.segment, cast(n.score as double) as score, n.explanation, cast(null as varchar) as previous_segment from (SELECT t.customer_id AS entity_id, CAST('browser' AS VARCHAR) AS segment, CAST(NULL AS DOUBLE) AS score, CAST('{"rule":"browser","index":1,"when":"sessions_90d >= 5"}' AS VARCHAR) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(sessions_90d >= 5, FALSE)
UNION ALL
SELECT t.customer_id AS entity_id, CAST('cart_abandoner' AS VARCHAR) AS segment, CAST(NULL AS DOUBLE) AS score, CAST('{"rule":"cart_abandoner","index":2,"when":"cart_abandon_rate > 0.5"}' AS VARCHAR) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(cart_abandon_rate > 0.5, FALSE)
UNION ALL
SELECT t.customer_id AS entity_id, CAST('support_heavy' AS VARCHAR) AS segment, CAST(NULL AS DOUBLE) AS score, CAST('{"rule":"support_heavy","index":3,"when":"tickets >= 3"}' AS VARCHAR) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(tickets >= 3, FALSE)) n;

-- create members
create table if not exists segments.engagement_flags_members as select entity_id, segment, score, explanation, cast('' as varchar) as run_id, cast(null as timestamp_ntz) as updated_at from segments.engagement_flags__staging where 1 = 0;

-- create history closed
create table if not exists segments.engagement_flags_history_closed as select entity_id, segment, score, cast(null as timestamp_ntz) as valid_from, cast(null as timestamp_ntz) as valid_to, cast('' as varchar) as run_id from segments.engagement_flags__staging where 1 = 0;

-- create changes
create table if not exists segments.engagement_flags_changes as select cast('' as varchar) as run_id, entity_id, cast('' as varchar) as change, cast('' as varchar) as from_segment, cast('' as varchar) as to_segment, cast(null as timestamp_ntz) as changed_at from segments.engagement_flags__staging where 1 = 0;

-- create history view
create or replace view segments.engagement_flags_history as select entity_id, segment, score, valid_from, valid_to, run_id from segments.engagement_flags_history_closed union all select entity_id, segment, score, cast(updated_at as timestamp_ntz) as valid_from, cast(null as timestamp_ntz) as valid_to, run_id from segments.engagement_flags_members;

-- create runs
create table if not exists segments.segflow_runs (run_id varchar, segmentation varchar, started_at timestamp_ntz, finished_at timestamp_ntz, definition_hash varchar, total_members bigint, sizes varchar, changed boolean, agreement double, transitions varchar, status varchar, reason varchar);

-- add reason
alter table segments.segflow_runs add column if not exists reason varchar;

-- stage over members (table query)
select n.entity_id, n.segment, cast(n.score as double) as score, n.explanation, p.segment as previous_segment from (SELECT t.customer_id AS entity_id, CAST('browser' AS VARCHAR) AS segment, CAST(NULL AS DOUBLE) AS score, CAST('{"rule":"browser","index":1,"when":"sessions_90d >= 5"}' AS VARCHAR) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(sessions_90d >= 5, FALSE)
UNION ALL
SELECT t.customer_id AS entity_id, CAST('cart_abandoner' AS VARCHAR) AS segment, CAST(NULL AS DOUBLE) AS score, CAST('{"rule":"cart_abandoner","index":2,"when":"cart_abandon_rate > 0.5"}' AS VARCHAR) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(cart_abandon_rate > 0.5, FALSE)
UNION ALL
SELECT t.customer_id AS entity_id, CAST('support_heavy' AS VARCHAR) AS segment, CAST(NULL AS DOUBLE) AS score, CAST('{"rule":"support_heavy","index":3,"when":"tickets >= 3"}' AS VARCHAR) AS explanation
FROM analytics.customer_features AS t
WHERE COALESCE(tickets >= 3, FALSE)) n left join segments.engagement_flags_members p on p.entity_id = n.entity_id and p.segment = n.segment;

-- staged transitions
select previous_segment, segment, count(*) from segments.engagement_flags__staging group by previous_segment, segment;

-- current sizes
select segment, count(*) from segments.engagement_flags_members group by segment;

-- apply 1
insert into segments.engagement_flags_changes select 'run-20241231', entity_id, case when previous_segment is null then 'entered' else 'moved' end, previous_segment, segment, cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.engagement_flags__staging where previous_segment is null;

-- apply 2
insert into segments.engagement_flags_changes select 'run-20241231', p.entity_id, 'exited', p.segment, cast(null as varchar), cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.engagement_flags_members p where not exists (select 1 from segments.engagement_flags__staging n where p.entity_id = n.entity_id and p.segment = n.segment);

-- apply 3
insert into segments.engagement_flags_history_closed select entity_id, segment, score, cast(updated_at as timestamp_ntz), cast('2024-12-31 06:00:00.000000' as timestamp_ntz), run_id from segments.engagement_flags_members where entity_id in (select closed_entity from (select entity_id as closed_entity, from_segment as closed_segment from segments.engagement_flags_changes where run_id = 'run-20241231' and change <> 'entered') x) and exists (select 1 from (select entity_id as closed_entity, from_segment as closed_segment from segments.engagement_flags_changes where run_id = 'run-20241231' and change <> 'entered') x where x.closed_entity = entity_id and x.closed_segment = segment);

-- apply 4
delete from segments.engagement_flags_members where entity_id in (select closed_entity from (select entity_id as closed_entity, from_segment as closed_segment from segments.engagement_flags_changes where run_id = 'run-20241231' and change <> 'entered') x) and exists (select 1 from (select entity_id as closed_entity, from_segment as closed_segment from segments.engagement_flags_changes where run_id = 'run-20241231' and change <> 'entered') x where x.closed_entity = entity_id and x.closed_segment = segment);

-- apply 5
insert into segments.engagement_flags_members select entity_id, segment, score, explanation, 'run-20241231', cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.engagement_flags__staging where previous_segment is null;

-- record run
insert into segments.segflow_runs values ('run-20241231', 'engagement_flags', cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast('2024-12-31 06:00:05.000000' as timestamp_ntz), 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success', cast(null as varchar));

-- drop staging
drop table segments.engagement_flags__staging;

-- export (view query)
select entity_id, segment from segments.engagement_flags_members where segment in (select segment from segments.engagement_flags_members group by segment having count(*) >= 25);

-- record blocked
insert into segments.segflow_runs values ('run-20241231', 'engagement_flags', cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast(null as timestamp_ntz), 'definition-hash', 0, '{}', false, cast(null as double), '{}', 'blocked', 'guard not_empty: no input');

-- migrate history table 1
delete from segments.engagement_flags_history_closed where true;

-- migrate history table 2
insert into segments.engagement_flags_history_closed select entity_id, segment, score, valid_from, valid_to, run_id from segments.engagement_flags_history where valid_to is not null;

-- migrate history table 3
drop table segments.engagement_flags_history;

-- migrate history table 4
create or replace view segments.engagement_flags_history as select entity_id, segment, score, valid_from, valid_to, run_id from segments.engagement_flags_history_closed union all select entity_id, segment, score, cast(updated_at as timestamp_ntz) as valid_from, cast(null as timestamp_ntz) as valid_to, run_id from segments.engagement_flags_members;
