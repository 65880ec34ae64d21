-- Sessions rebuilt from events: a gap of more than 30 minutes starts a new session.
with ordered as (
    select
        customer_id,
        event_ts,
        event_type,
        lag(event_ts) over (partition by customer_id order by event_ts, event_id) as previous_ts
    from raw.events
    where event_ts >= timestamp '2024-12-31 00:00:00' - interval '14' day
),
flagged as (
    select
        customer_id,
        event_ts,
        event_type,
        case when previous_ts is null or event_ts > previous_ts + interval '30' minute then 1 else 0 end as new_session
    from ordered
),
numbered as (
    select
        customer_id,
        event_ts,
        event_type,
        sum(new_session) over (partition by customer_id order by event_ts
            rows between unbounded preceding and current row) as session_no
    from flagged
)
select
    customer_id,
    session_no,
    min(event_ts) as session_start,
    max(event_ts) as session_end,
    date_diff('minute', min(event_ts), max(event_ts)) as duration_minutes,
    count(*) as events
from numbered
group by customer_id, session_no
order by customer_id, session_no
