-- Behavioural events up to the analysis date.
select
    e.event_id,
    e.customer_id,
    e.session_id,
    e.event_ts,
    cast(e.event_ts as date) as event_date,
    e.event_type,
    e.category,
    e.device
from {{ source('raw', 'events') }} as e
where cast(e.event_ts as date) <= {{ as_of() }}
