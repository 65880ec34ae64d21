-- last published
select started_at, run_id from segments.segflow_runs where segmentation = 'campaign' and status in ('success', 'forced') order by started_at desc limit 1;

-- create cursors
create table if not exists audiences.export_cursors (cursor_key string, export string, audience_set string, as_of timestamp, run_id string, exported_at timestamp, adds int64, removes int64, file string);

-- last cursor
select max(as_of) from audiences.export_cursors where cursor_key = 'ads:campaign';

-- delta
select c.audience, c.action, c.entity_id, TO_HEX(SHA256(lower(trim(cast(i.email as string))))) as email_sha256 from (select n.segment as audience, 'add' as action, n.entity_id from (select entity_id, segment from segments.campaign_history where valid_from <= timestamp '2024-12-31 06:00:00.000000' and (valid_to is null or valid_to > timestamp '2024-12-31 06:00:00.000000') and segment in ('vip_care')) n where not exists (select 1 from (select entity_id, segment from segments.campaign_history where valid_from <= timestamp '2024-12-01 06:00:00.000000' and (valid_to is null or valid_to > timestamp '2024-12-01 06:00:00.000000') and segment in ('vip_care')) b where b.entity_id = n.entity_id and b.segment = n.segment)
union all
select b.segment, 'remove', b.entity_id from (select entity_id, segment from segments.campaign_history where valid_from <= timestamp '2024-12-01 06:00:00.000000' and (valid_to is null or valid_to > timestamp '2024-12-01 06:00:00.000000') and segment in ('vip_care')) b where not exists (select 1 from (select entity_id, segment from segments.campaign_history where valid_from <= timestamp '2024-12-31 06:00:00.000000' and (valid_to is null or valid_to > timestamp '2024-12-31 06:00:00.000000') and segment in ('vip_care')) n where n.entity_id = b.entity_id and n.segment = b.segment)) c left join analytics.customers i on i.customer_id = c.entity_id order by c.audience, c.action, c.entity_id;

-- record cursor
insert into audiences.export_cursors values ('ads:campaign', 'ads', 'campaign', timestamp '2024-12-31 06:00:00.000000', 'r1', timestamp '2024-12-31 06:00:00.000000', 3, 1, 'target/exports/ads/x.csv');
