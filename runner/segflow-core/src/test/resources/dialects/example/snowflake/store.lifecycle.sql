-- stage (table query)
select entity_id, segment, cast(score as double) as score, explanation from (SELECT entity_id, CAST(CASE WHEN rule_no = 1 THEN 'new' WHEN rule_no = 2 THEN 'loyal' WHEN rule_no = 3 THEN 'active' WHEN rule_no = 4 THEN 'at_risk' WHEN rule_no = 5 THEN 'lapsed' WHEN rule_no = 0 THEN 'never_bought' ELSE NULL END AS VARCHAR) AS segment, score, CAST(CASE WHEN rule_no = 1 THEN '{"rule":"new","index":1,"when":"tenure_days <= 90"}' WHEN rule_no = 2 THEN '{"rule":"loyal","index":2,"when":"orders_count >= 5 and days_since_last_order <= 120"}' WHEN rule_no = 3 THEN '{"rule":"active","index":3,"when":"days_since_last_order <= 180"}' WHEN rule_no = 4 THEN '{"rule":"at_risk","index":4,"when":"days_since_last_order <= 365"}' WHEN rule_no = 5 THEN '{"rule":"lapsed","index":5,"when":"orders_count > 0"}' WHEN rule_no = 0 THEN '{"rule":"else"}' ELSE NULL END AS VARCHAR) AS explanation
FROM (SELECT t.customer_id AS entity_id, CASE WHEN tenure_days <= 90 THEN 1 WHEN orders_count >= 5 AND days_since_last_order <= 120 THEN 2 WHEN days_since_last_order <= 180 THEN 3 WHEN days_since_last_order <= 365 THEN 4 WHEN orders_count > 0 THEN 5 ELSE 0 END AS rule_no, CAST(total_revenue AS DOUBLE) AS score
    FROM analytics.customer_features AS t) AS r
WHERE rule_no IS NOT NULL) m;

-- create members
create table if not exists segments.lifecycle_members as select entity_id, segment, score, explanation, cast('' as varchar) as run_id, cast(null as timestamp_ntz) as updated_at from segments.lifecycle__staging where 1 = 0;

-- create history
create table if not exists segments.lifecycle_history as select entity_id, segment, score, cast(null as timestamp_ntz) as valid_from, cast(null as timestamp_ntz) as valid_to, cast('' as varchar) as run_id from segments.lifecycle__staging where 1 = 0;

-- create changes
create table if not exists segments.lifecycle_changes as select cast('' as varchar) as run_id, entity_id, cast('' as varchar) as change, cast('' as varchar) as from_segment, cast('' as varchar) as to_segment, cast(null as timestamp_ntz) as changed_at from segments.lifecycle__staging where 1 = 0;

-- create runs
create table if not exists segments.segflow_runs (run_id varchar, segmentation varchar, started_at timestamp_ntz, finished_at timestamp_ntz, definition_hash varchar, total_members bigint, sizes varchar, changed boolean, agreement double, transitions varchar, status varchar, reason varchar);

-- add reason
alter table segments.segflow_runs add column if not exists reason varchar;

-- diff
select p.segment, n.segment, p.entity_id is null, n.entity_id is null, count(*) from segments.lifecycle_members p full outer join segments.lifecycle__staging n on p.entity_id = n.entity_id group by p.segment, n.segment, p.entity_id is null, n.entity_id is null;

-- apply 1
insert into segments.lifecycle_changes select 'run-20241231', coalesce(n.entity_id, p.entity_id), case when p.entity_id is null then 'entered' when n.entity_id is null then 'exited' else 'moved' end, p.segment, n.segment, cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.lifecycle_members p full outer join segments.lifecycle__staging n on p.entity_id = n.entity_id where p.entity_id is null or n.entity_id is null or p.segment <> n.segment;

-- apply 2
update segments.lifecycle_history set valid_to = cast('2024-12-31 06:00:00.000000' as timestamp_ntz) where valid_to is null and not exists (select 1 from (select entity_id as staged_entity, segment as staged_segment from segments.lifecycle__staging) n where n.staged_entity = entity_id and n.staged_segment = segment);

-- apply 3
insert into segments.lifecycle_history select n.entity_id, n.segment, n.score, cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast(null as timestamp_ntz), 'run-20241231' from segments.lifecycle__staging n where not exists (select 1 from segments.lifecycle_members p where p.entity_id = n.entity_id and p.segment = n.segment);

-- apply 4
delete from segments.lifecycle_members where true;

-- apply 5
insert into segments.lifecycle_members select entity_id, segment, score, explanation, 'run-20241231', cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.lifecycle__staging;

-- record run
insert into segments.segflow_runs values ('run-20241231', 'lifecycle', cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast('2024-12-31 06:00:05.000000' as timestamp_ntz), 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success', cast(null as varchar));

-- drop staging
drop table segments.lifecycle__staging;

-- export (view query)
select entity_id, segment from segments.lifecycle_members where segment in (select segment from segments.lifecycle_members group by segment having count(*) >= 25);

-- record blocked
insert into segments.segflow_runs values ('run-20241231', 'lifecycle', cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast(null as timestamp_ntz), 'definition-hash', 0, '{}', false, cast(null as double), '{}', 'blocked', 'guard not_empty: no input');
