-- Support health: resolution hours, median satisfaction, recent ticket share.
select
    customer_id,
    count(*) as tickets,
    avg(date_diff('hour', created_ts, resolved_ts)) as avg_resolution_hours,
    median(csat) as median_csat,
    bool_or(priority = 'high') as had_high_priority,
    max(created_ts) as last_ticket_ts,
    sum(case when created_ts >= now() - interval '3650' day then 1 else 0 end) as tickets_last_10y
from raw.support_tickets
where created_ts < timestamp '2025-01-01 00:00:00'
group by customer_id
order by customer_id
