-- Cart abandonment per customer and week: carts without a purchase in the same session.
with carts as (
    select
        customer_id,
        session_id,
        date_trunc('week', min(event_ts)) as week_start,
        count(*) filter (where event_type = 'add_to_cart') as cart_adds,
        count_if(event_type = 'purchase') as purchases
    from raw.events
    where event_ts >= timestamp '2024-10-01 00:00:00'
    group by customer_id, session_id
)
select
    customer_id,
    week_start,
    sum(cart_adds) as total_cart_adds,
    count(*) filter (where cart_adds > 0 and purchases = 0) as abandoned_sessions,
    case when sum(cart_adds) = 0 then null
         else cast(count(*) filter (where cart_adds > 0 and purchases = 0) as double) / count(*) end as abandon_rate
from carts
group by customer_id, week_start
having sum(cart_adds) > 0
order by customer_id, week_start
