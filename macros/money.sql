{# Net revenue of an order line: gross minus discount, never negative. #}
{% macro net_amount(gross, discount) -%}
greatest({{ gross }} - coalesce({{ discount }}, 0), 0)
{%- endmacro %}

{# Safe ratio: NULL instead of a division by zero. #}
{% macro safe_ratio(numerator, denominator) -%}
case when {{ denominator }} = 0 then null else cast({{ numerator }} as double) / {{ denominator }} end
{%- endmacro %}
