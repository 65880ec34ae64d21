{{ config(materialized='table') }}
-- One row per customer: how often, how recently and how much they bought.
select
    c.customer_id,
    c.country,
    count(o.order_id) as orders_count,
    coalesce(sum(o.gross_amount - o.discount_amount), 0) as revenue,
    {{ days_since('max(o.order_ts)') }} as days_since_last_order
from {{ source('raw', 'customers') }} as c
left join {{ source('raw', 'orders') }} as o
    on o.customer_id = c.customer_id and o.status = 'completed'
group by c.customer_id, c.country
