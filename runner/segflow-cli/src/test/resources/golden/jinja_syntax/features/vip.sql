select customer_id
from {{ ref('customers') }}
{% if var('only_big', true) %}
where revenue > 100
