{% macro money(col) %}round({{ col }}, 2){% endmacro %}
