{#- segflow's own implementation of the most used dbt_utils SQL generators (same names and arguments). -#}

{% macro generate_surrogate_key(field_list) -%}
{{ dbt.hash(dbt_utils.sf_key_parts(field_list, '_dbt_utils_surrogate_key_null_')) }}
{%- endmacro %}

{#- the dbt_utils < 1.0 key: nulls hash as the empty string; fields as a list or as separate arguments -#}
{% macro surrogate_key(field_list) -%}
{%- set fields = (field_list if field_list is iterable and field_list is not string else [field_list]) + varargs -%}
{{ dbt.hash(dbt_utils.sf_key_parts(fields, '')) }}
{%- endmacro %}

{#- the fields as text, nulls replaced by null_text, joined with '-' (dbt_utils' key input) -#}
{% macro sf_key_parts(fields, null_text) -%}
{%- set parts = [] -%}
{%- for field in fields -%}
{%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ null_text ~ "')") -%}
{%- endfor -%}
{{ parts | join(" || '-' || ") }}
{%- endmacro %}

{% macro date_spine(datepart, start_date, end_date) -%}
{#- digits as a union (BigQuery has no VALUES table); 5 digits: up to 100,000 periods -#}
{%- set digits = "(select 0 as d union all select 1 union all select 2 union all select 3 union all select 4"
    ~ " union all select 5 union all select 6 union all select 7 union all select 8 union all select 9)" -%}
{%- set n = "(d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d)" -%}
select {{ dbt.dateadd(datepart, n, start_date) }} as date_{{ datepart }}
from {{ digits }} as d0
cross join {{ digits }} as d1
cross join {{ digits }} as d2
cross join {{ digits }} as d3
cross join {{ digits }} as d4
where {{ dbt.dateadd(datepart, n, start_date) }} < {{ end_date }}
{%- endmacro %}

{% macro pivot(column, values, alias=true, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=true, distinct=false) -%}
{%- for value in values -%}
{{ agg }}({% if distinct %}distinct {% endif %}case when {{ column }} {{ cmp }} '{{ dbt.escape_single_quotes(value) }}' then {{ then_value }} else {{ else_value }} end)
{%- if alias %} as {% if quote_identifiers %}"{{ prefix ~ value ~ suffix }}"{% else %}{{ prefix ~ value ~ suffix }}{% endif %}{% endif %}
{%- if not loop.last %},
{% endif -%}
{%- endfor -%}
{%- endmacro %}

{% macro deduplicate(relation, partition_by, order_by) -%}
select * from {{ relation }} as sf_dedup
qualify row_number() over (partition by {{ partition_by }} order by {{ order_by }}) = 1
{%- endmacro %}
