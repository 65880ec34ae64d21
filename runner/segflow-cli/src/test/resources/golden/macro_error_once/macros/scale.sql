{% macro scaled(col) %}
  {{ col }} * {{ var('scale_factor') }}
{% endmacro %}
