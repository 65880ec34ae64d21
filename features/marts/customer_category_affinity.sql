{{ config(materialized='table') }}
-- Each customer's favourite category by completed spend (ties: alphabetical).
with spend as (
    select
        o.customer_id,
        i.category,
        sum(i.quantity * i.unit_price) as category_spend
    from {{ source('raw', 'order_items') }} as i
    join {{ ref('stg_orders') }} as o on o.order_id = i.order_id
    where o.status = 'completed'
    group by o.customer_id, i.category
)
select
    customer_id,
    category as top_category,
    category_spend as top_category_spend,
    category_spend / sum(category_spend) over (partition by customer_id) as top_category_share
from spend
qualify row_number() over (partition by customer_id order by category_spend desc, category) = 1
