{{ config(materialized='table') }}
with customer_orders as (
    select
        customer_id,
        min(order_date) as first_order,
        max(order_date) as most_recent_order,
        count(*) as number_of_orders,
        sum(total_amount) as customer_lifetime_value
    from {{ ref('orders') }}
    group by customer_id
)
select
    c.customer_id,
    c.first_name,
    c.customer_key,
    co.first_order,
    co.most_recent_order,
    {{ dbt.datediff('co.first_order', 'co.most_recent_order', 'day') }} as days_active,
    co.number_of_orders,
    co.customer_lifetime_value
from {{ ref('stg_customers') }} as c
join customer_orders as co on c.customer_id = co.customer_id
