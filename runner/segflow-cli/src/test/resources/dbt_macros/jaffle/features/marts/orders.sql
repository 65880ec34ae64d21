{{ config(materialized='table') }}
with order_payments as (
    select
        order_id,
        {{ dbt_utils.pivot('payment_method', payment_methods(), then_value='amount', else_value='null', suffix='_amount') }},
        sum(amount) as total_amount
    from {{ ref('stg_payments') }}
    group by order_id
)
select
    {{ dbt_utils.star(ref('stg_orders'), relation_alias='o', except=['order_month']) }},
    {%- for method in payment_methods() %}
    p.{{ method }}_amount,
    {%- endfor %}
    p.total_amount
from {{ ref('stg_orders') }} as o
left join order_payments as p on o.order_id = p.order_id
