-- Support contact per customer: tickets, open tickets, satisfaction.
select
    t.customer_id,
    count(*) as tickets,
    count(case when t.resolved_ts is null then 1 end) as open_tickets,
    avg(t.csat) as avg_csat,
    max(cast(t.created_ts as date)) as last_ticket_date
from {{ source('raw', 'support_tickets') }} as t
where cast(t.created_ts as date) <= {{ as_of() }}
group by t.customer_id
