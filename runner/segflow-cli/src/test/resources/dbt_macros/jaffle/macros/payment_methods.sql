{% macro payment_methods() -%}
{{ return(['bank_transfer', 'coupon', 'credit_card', 'gift_card']) }}
{%- endmacro %}

{% macro assert_known_status(column_name) -%}
{%- set known = ['placed', 'shipped', 'completed', 'returned'] -%}
case when {{ column_name }} in ('{{ known | join("', '") }}') then {{ column_name }} end
{%- endmacro %}
