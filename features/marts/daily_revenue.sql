{{ config(materialized='incremental', unique_key='order_date') }}
-- Revenue per day, merged incrementally: each run recomputes the last three days it already has.
select
    order_date,
    count(*) as orders,
    count(distinct customer_id) as customers,
    sum(net_amount) as revenue
from {{ ref('stg_orders') }}
where status = 'completed'
{% if is_incremental() %}
  and order_date >= (select max(order_date) from {{ this }}) - interval '3' day
{% endif %}
group by order_date
