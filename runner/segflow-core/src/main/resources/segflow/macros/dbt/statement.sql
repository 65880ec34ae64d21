{#- {% call statement('name', fetch_result=True) %}select ...{% endcall %}, then load_result('name'). -#}
{% macro statement(name=false, fetch_result=false, auto_begin=true) -%}
{%- do sf_statement(name, caller(), fetch_result) -%}
{%- endmacro %}
