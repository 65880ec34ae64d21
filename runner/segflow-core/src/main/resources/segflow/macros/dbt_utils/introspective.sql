{#- dbt_utils macros that read a relation's columns (adapter.get_columns_in_relation) or data (run_query). -#}

{% macro star(from, relation_alias=false, except=[], prefix='', suffix='', quote_identifiers=true) -%}
{%- set skip = except | map('lower') | list -%}
{%- set out = [] -%}
{%- for col in adapter.get_columns_in_relation(from) -%}
{%- if col.name | lower not in skip -%}
{%- set ident = ('"' ~ col.name ~ '"') if quote_identifiers else col.name -%}
{%- set qualified = (relation_alias ~ '.' ~ ident) if relation_alias else ident -%}
{%- if prefix or suffix -%}
{%- do out.append(qualified ~ ' as "' ~ prefix ~ col.name ~ suffix ~ '"') -%}
{%- else -%}
{%- do out.append(qualified) -%}
{%- endif -%}
{%- endif -%}
{%- endfor -%}
{%- if out | length == 0 -%}
{{ exceptions.raise_compiler_error("star(): no columns left to select from " ~ from) }}
{%- endif -%}
{{ out | join(',\n  ') }}
{%- endmacro %}

{% macro unpivot(relation, cast_to='varchar', exclude=[], remove=[], field_name='field_name', value_name='value', quote_identifiers=true) -%}
{%- set keep = exclude | map('lower') | list -%}
{%- set drop = remove | map('lower') | list -%}
{%- set columns = adapter.get_columns_in_relation(relation) -%}
{%- set kept = [] -%}
{%- set unpivoted = [] -%}
{%- for col in columns -%}
{%- if col.name | lower in keep -%}{%- do kept.append('"' ~ col.name ~ '"') -%}
{%- elif col.name | lower not in drop -%}{%- do unpivoted.append(col.name) -%}
{%- endif -%}
{%- endfor -%}
{%- for name in unpivoted -%}
{%- if not loop.first %}
union all
{% endif -%}
select {% for k in kept %}{{ k }}, {% endfor -%}
cast('{{ name }}' as {{ dbt.type_string() }}) as "{{ field_name }}", cast("{{ name }}" as {{ cast_to }}) as "{{ value_name }}"
from {{ relation }}
{%- endfor -%}
{%- endmacro %}

{#- columns in order of first appearance; a relation without one selects a typed null (types from the first
    relation that declares one, else text) -#}
{% macro union_relations(relations, column_override={}, include=[], exclude=[], source_column_name='_dbt_source_relation') -%}
{%- set inc = include | map('lower') | list -%}
{%- set exc = exclude | map('lower') | list -%}
{%- set names = [] -%}
{%- set keys = [] -%}
{%- set per_relation = [] -%}
{%- for relation in relations -%}
{%- set cols = adapter.get_columns_in_relation(relation) -%}
{%- do per_relation.append(cols) -%}
{%- for col in cols -%}
{%- set key = col.name | lower -%}
{%- if (not inc or key in inc) and key not in exc and key not in keys -%}
{%- do names.append(col.name) -%}{%- do keys.append(key) -%}
{%- endif -%}
{%- endfor -%}
{%- endfor -%}
{%- for relation in relations -%}
{%- set cols = per_relation[loop.index0] %}
select
  cast('{{ relation | replace("'", "''") }}' as {{ dbt.type_string() }}) as "{{ source_column_name }}"
{%- for name in names -%}
{%- set key = name | lower -%}
{%- set typed = [] -%}
{%- for other in per_relation -%}{%- for col in other -%}
{%- if col.name | lower == key and col.data_type -%}{%- do typed.append(col.data_type) -%}{%- endif -%}
{%- endfor -%}{%- endfor -%}
{%- set type = column_override.get(name) or (typed | first) or dbt.type_string() -%}
{%- set present = [] -%}
{%- for col in cols -%}{%- if col.name | lower == key -%}{%- do present.append(col.name) -%}{%- endif -%}{%- endfor -%}
,
  {% if present %}cast("{{ present | first }}" as {{ type }}){% else %}cast(null as {{ type }}){% endif %} as "{{ name }}"
{%- endfor %}
from {{ relation }}
{% if not loop.last %}union all{% endif -%}
{%- endfor -%}
{%- endmacro %}

{#- the default order is count(*) desc (Jinjava splits macro defaults on parentheses, so it is set in the body) -#}
{% macro get_column_values(table, column, order_by=false, max_records=false, default=false, where=false) -%}
{%- if default is not sameas false and not sf_connected() -%}
{{ return(default) }}
{%- else -%}
{%- set query -%}
select {{ column }} as value from {{ table }}
{%- if where %} where {{ where }}{% endif %}
group by {{ column }}
order by {{ order_by or 'count(*) desc' }}
{%- if max_records %} limit {{ max_records }}{% endif %}
{%- endset -%}
{%- set result = run_query(query) -%}
{{ return(result.columns[0].values() if result.columns else ([] if default is sameas false else default)) }}
{%- endif -%}
{%- endmacro %}
