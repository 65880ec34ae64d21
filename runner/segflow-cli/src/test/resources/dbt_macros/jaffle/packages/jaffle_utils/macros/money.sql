{#- amounts are stored in cents; a warehouse may override the division with <type>__cents_to_dollars -#}
{% macro cents_to_dollars(column_name, scale=2) -%}
{{ return(adapter.dispatch('cents_to_dollars', 'jaffle_utils')(column_name, scale)) }}
{%- endmacro %}

{% macro default__cents_to_dollars(column_name, scale) -%}
round(cast({{ column_name }} as {{ dbt.type_numeric() }}) / 100, {{ scale }})
{%- endmacro %}

{% macro duckdb__cents_to_dollars(column_name, scale) -%}
round({{ column_name }} / 100.0, {{ scale }})
{%- endmacro %}

{% test positive(model, column_name) %}
select * from {{ model }} where {{ column_name }} <= 0
{% endtest %}
