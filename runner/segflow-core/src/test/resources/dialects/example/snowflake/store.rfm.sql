-- stage (table query)
select entity_id, segment, cast(score as double) as score, explanation from (WITH agg AS (SELECT t.customer_id AS entity_id, CAST(DATEDIFF(DAY, CAST(MAX(t.order_date) AS DATE), DATE '2024-12-31') AS DOUBLE) AS recency_days, CAST(COUNT(*) AS DOUBLE) AS frequency, CAST(SUM(t.net_amount) AS DOUBLE) AS monetary
    FROM analytics.stg_orders AS t
    GROUP BY t.customer_id), ranked_r AS (SELECT recency_days AS x, ROW_NUMBER() OVER (ORDER BY recency_days) AS rn, COUNT(*) OVER () AS n
    FROM agg), edges_r AS (SELECT MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.2 AS DOUBLE) - FLOOR((n - 1) * CAST(0.2 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS r1, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.4 AS DOUBLE) - FLOOR((n - 1) * CAST(0.4 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS r2, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.6 AS DOUBLE) - FLOOR((n - 1) * CAST(0.6 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS r3, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.8 AS DOUBLE) - FLOOR((n - 1) * CAST(0.8 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS r4
    FROM ranked_r), ranked_f AS (SELECT frequency AS x, ROW_NUMBER() OVER (ORDER BY frequency) AS rn, COUNT(*) OVER () AS n
    FROM agg), edges_f AS (SELECT MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.2 AS DOUBLE) - FLOOR((n - 1) * CAST(0.2 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS f1, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.4 AS DOUBLE) - FLOOR((n - 1) * CAST(0.4 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS f2, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.6 AS DOUBLE) - FLOOR((n - 1) * CAST(0.6 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS f3, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.8 AS DOUBLE) - FLOOR((n - 1) * CAST(0.8 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS f4
    FROM ranked_f), ranked_m AS (SELECT monetary AS x, ROW_NUMBER() OVER (ORDER BY monetary) AS rn, COUNT(*) OVER () AS n
    FROM agg), edges_m AS (SELECT MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.2 AS DOUBLE) - FLOOR((n - 1) * CAST(0.2 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.2 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS m1, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.4 AS DOUBLE) - FLOOR((n - 1) * CAST(0.4 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.4 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS m2, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.6 AS DOUBLE) - FLOOR((n - 1) * CAST(0.6 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.6 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS m3, MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END) + MAX((n - 1) * CAST(0.8 AS DOUBLE) - FLOOR((n - 1) * CAST(0.8 AS DOUBLE))) * (COALESCE(MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 2 THEN x ELSE NULL END), MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END)) - MIN(CASE WHEN rn = FLOOR((n - 1) * CAST(0.8 AS DOUBLE)) + 1 THEN x ELSE NULL END)) + 1 AS m4
    FROM ranked_m), scored AS (SELECT a.*, CASE WHEN a.recency_days < er.r1 THEN 5 WHEN a.recency_days < er.r2 THEN 4 WHEN a.recency_days < er.r3 THEN 3 WHEN a.recency_days < er.r4 THEN 2 ELSE 1 END AS r, CASE WHEN a.frequency < ef.f1 THEN 1 WHEN a.frequency < ef.f2 THEN 2 WHEN a.frequency < ef.f3 THEN 3 WHEN a.frequency < ef.f4 THEN 4 ELSE 5 END AS f, CASE WHEN a.monetary < em.m1 THEN 1 WHEN a.monetary < em.m2 THEN 2 WHEN a.monetary < em.m3 THEN 3 WHEN a.monetary < em.m4 THEN 4 ELSE 5 END AS m
    FROM agg AS a
      CROSS JOIN edges_r AS er
      CROSS JOIN edges_f AS ef
      CROSS JOIN edges_m AS em) SELECT entity_id, segment, score, explanation
    FROM (SELECT entity_id, CAST(CASE WHEN ((r) BETWEEN (5) AND (5)) AND ((f) BETWEEN (5) AND (5)) AND ((m) BETWEEN (5) AND (5)) THEN 'Champions' WHEN ((r) BETWEEN (3) AND (5)) AND ((f) BETWEEN (3) AND (5)) AND ((m) BETWEEN (2) AND (5)) THEN 'Potential Loyalist' WHEN ((r) BETWEEN (2) AND (4)) AND ((f) BETWEEN (2) AND (4)) AND ((m) BETWEEN (2) AND (4)) THEN 'Loyal Customers' WHEN ((r) BETWEEN (3) AND (4)) AND ((f) BETWEEN (1) AND (3)) AND ((m) BETWEEN (3) AND (5)) THEN 'Promising' WHEN ((r) BETWEEN (4) AND (5)) AND ((f) BETWEEN (1) AND (3)) AND ((m) BETWEEN (1) AND (5)) THEN 'New Customers' WHEN ((r) BETWEEN (1) AND (2)) AND ((f) BETWEEN (3) AND (4)) AND ((m) BETWEEN (4) AND (5)) THEN 'Can''t Lose Them' WHEN ((r) BETWEEN (1) AND (2)) AND ((f) BETWEEN (2) AND (5)) AND ((m) BETWEEN (4) AND (5)) THEN 'At Risk' WHEN ((r) BETWEEN (1) AND (3)) AND ((f) BETWEEN (3) AND (5)) AND ((m) BETWEEN (3) AND (5)) THEN 'Need Attention' WHEN ((r) BETWEEN (2) AND (3)) AND ((f) BETWEEN (1) AND (3)) AND ((m) BETWEEN (1) AND (4)) THEN 'About To Sleep' WHEN ((r) BETWEEN (1) AND (1)) AND ((f) BETWEEN (1) AND (5)) AND ((m) BETWEEN (1) AND (5)) THEN 'Lost' ELSE 'Others' END AS VARCHAR) AS segment, CAST(r * 100 + f * 10 + m AS DOUBLE) AS score, CAST('{"recency_days":' || COALESCE(CAST(recency_days AS VARCHAR), 'null') || ',"frequency":' || COALESCE(CAST(frequency AS VARCHAR), 'null') || ',"monetary":' || COALESCE(CAST(monetary AS VARCHAR), 'null') || ',"r":' || CAST(r AS VARCHAR) || ',"f":' || CAST(f AS VARCHAR) || ',"m":' || CAST(m AS VARCHAR) || '}' AS VARCHAR) AS explanation
        FROM scored) AS s) m;

-- create members
create table if not exists segments.rfm_members as select entity_id, segment, score, explanation, cast('' as varchar) as run_id, cast(null as timestamp_ntz) as updated_at from segments.rfm__staging where 1 = 0;

-- create history
create table if not exists segments.rfm_history as select entity_id, segment, score, cast(null as timestamp_ntz) as valid_from, cast(null as timestamp_ntz) as valid_to, cast('' as varchar) as run_id from segments.rfm__staging where 1 = 0;

-- create changes
create table if not exists segments.rfm_changes as select cast('' as varchar) as run_id, entity_id, cast('' as varchar) as change, cast('' as varchar) as from_segment, cast('' as varchar) as to_segment, cast(null as timestamp_ntz) as changed_at from segments.rfm__staging where 1 = 0;

-- create runs
create table if not exists segments.segflow_runs (run_id varchar, segmentation varchar, started_at timestamp_ntz, finished_at timestamp_ntz, definition_hash varchar, total_members bigint, sizes varchar, changed boolean, agreement double, transitions varchar, status varchar, reason varchar);

-- add reason
alter table segments.segflow_runs add column if not exists reason varchar;

-- diff
select p.segment, n.segment, p.entity_id is null, n.entity_id is null, count(*) from segments.rfm_members p full outer join segments.rfm__staging n on p.entity_id = n.entity_id group by p.segment, n.segment, p.entity_id is null, n.entity_id is null;

-- apply 1
insert into segments.rfm_changes select 'run-20241231', coalesce(n.entity_id, p.entity_id), case when p.entity_id is null then 'entered' when n.entity_id is null then 'exited' else 'moved' end, p.segment, n.segment, cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.rfm_members p full outer join segments.rfm__staging n on p.entity_id = n.entity_id where p.entity_id is null or n.entity_id is null or p.segment <> n.segment;

-- apply 2
update segments.rfm_history set valid_to = cast('2024-12-31 06:00:00.000000' as timestamp_ntz) where valid_to is null and not exists (select 1 from (select entity_id as staged_entity, segment as staged_segment from segments.rfm__staging) n where n.staged_entity = entity_id and n.staged_segment = segment);

-- apply 3
insert into segments.rfm_history select n.entity_id, n.segment, n.score, cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast(null as timestamp_ntz), 'run-20241231' from segments.rfm__staging n where not exists (select 1 from segments.rfm_members p where p.entity_id = n.entity_id and p.segment = n.segment);

-- apply 4
delete from segments.rfm_members where true;

-- apply 5
insert into segments.rfm_members select entity_id, segment, score, explanation, 'run-20241231', cast('2024-12-31 06:00:00.000000' as timestamp_ntz) from segments.rfm__staging;

-- record run
insert into segments.segflow_runs values ('run-20241231', 'rfm', cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast('2024-12-31 06:00:05.000000' as timestamp_ntz), 'definition-hash', 0, '{"a":1}', true, 0.5, '{"(none)":{"a":1}}', 'success', cast(null as varchar));

-- drop staging
drop table segments.rfm__staging;

-- export (view query)
select entity_id, segment from segments.rfm_members where segment in (select segment from segments.rfm_members group by segment having count(*) >= 25);

-- record blocked
insert into segments.segflow_runs values ('run-20241231', 'rfm', cast('2024-12-31 06:00:00.000000' as timestamp_ntz), cast(null as timestamp_ntz), 'definition-hash', 0, '{}', false, cast(null as double), '{}', 'blocked', 'guard not_empty: no input');
