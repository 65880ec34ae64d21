{# Days between a date/timestamp expression and the analysis date (var as_of_date). #}
{% macro days_since(expr) -%}
date_diff('day', cast({{ expr }} as date), DATE '{{ var("as_of_date") }}')
{%- endmacro %}
