{{ config(materialized='table') }}
-- Purchase history per customer: the R, F and M of RFM and their friends.
select
    c.customer_id,
    count(o.order_id) as orders_count,
    count(case when o.status = 'returned' then 1 end) as returned_orders,
    min(o.order_date) as first_order_date,
    max(o.order_date) as last_order_date,
    coalesce(sum(case when o.status = 'completed' then o.net_amount end), 0) as total_revenue,
    avg(case when o.status = 'completed' then o.net_amount end) as avg_order_value,
    {{ days_before_as_of('max(o.order_date)') }} as days_since_last_order,
    {{ days_before_as_of('min(o.order_date)') }} as days_since_first_order
from {{ source('raw', 'customers') }} as c
left join {{ ref('stg_orders') }} as o
    on o.customer_id = c.customer_id
group by c.customer_id
