{{ config(materialized='table') }}
-- Web/app engagement in the active window: sessions, views, carts, searches, cart abandonment.
with recent as (
    select *
    from {{ ref('stg_events') }}
    where event_date > {{ as_of() }} - interval '{{ var("active_window_days") }}' day
),
per_customer as (
    select
        customer_id,
        count(distinct session_id) as sessions,
        count(*) as events,
        count(case when event_type = 'product_view' then 1 end) as product_views,
        count(case when event_type = 'add_to_cart' then 1 end) as cart_adds,
        count(case when event_type = 'search' then 1 end) as searches,
        count(case when event_type = 'purchase' then 1 end) as purchases,
        max(event_date) as last_event_date
    from recent
    group by customer_id
)
select
    customer_id,
    sessions,
    events,
    product_views,
    cart_adds,
    searches,
    purchases,
    {{ safe_ratio('cart_adds - least(purchases, cart_adds)', 'cart_adds') }} as cart_abandon_rate,
    {{ days_before_as_of('last_event_date') }} as days_since_last_event
from per_customer
