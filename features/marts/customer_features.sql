{{ config(materialized='table', tags=['core']) }}
-- The wide, one-row-per-customer feature table that segments and models read.
select
    c.customer_id,
    c.email,
    c.country,
    r.region,
    c.acquisition_channel,
    c.marketing_opt_in,
    {{ days_before_as_of('c.signup_date') }} as tenure_days,
    extract(year from {{ as_of() }}) - c.birth_year as age,
    o.orders_count,
    o.returned_orders,
    o.total_revenue,
    o.avg_order_value,
    o.days_since_last_order,
    o.days_since_first_order,
    coalesce(e.sessions, 0) as sessions_90d,
    coalesce(e.product_views, 0) as product_views_90d,
    coalesce(e.cart_adds, 0) as cart_adds_90d,
    coalesce(e.searches, 0) as searches_90d,
    e.cart_abandon_rate,
    e.days_since_last_event,
    a.top_category,
    a.top_category_share,
    coalesce(s.tickets, 0) as tickets,
    coalesce(s.open_tickets, 0) as open_tickets,
    s.avg_csat
from {{ source('raw', 'customers') }} as c
left join {{ ref('customer_orders') }} as o on o.customer_id = c.customer_id
left join {{ ref('customer_engagement') }} as e on e.customer_id = c.customer_id
left join {{ ref('customer_category_affinity') }} as a on a.customer_id = c.customer_id
left join {{ ref('customer_support') }} as s on s.customer_id = c.customer_id
left join {{ ref('country_regions') }} as r on r.country = c.country
