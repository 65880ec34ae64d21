{# The analysis date every feature is computed as of; override with --vars '{as_of_date: 2024-06-30}'. #}
{% macro as_of() -%}
DATE '{{ var("as_of_date") }}'
{%- endmacro %}

{# Whole days between a date/timestamp column and the analysis date. #}
{% macro days_before_as_of(column) -%}
date_diff('day', cast({{ column }} as date), {{ as_of() }})
{%- endmacro %}
