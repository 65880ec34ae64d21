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
{%- for col in columns if col.name | lower in keep -%}{%- do kept.append('"' ~ col.name ~ '"') -%}{%- endfor -%}
{%- set first = [true] -%}
{%- for col in columns if col.name | lower not in keep and col.name | lower not in drop -%}
{%- if not first[0] %}
union all
{% endif -%}
{%- do first.pop() -%}{%- do first.append(false) -%}
select {% for k in kept %}{{ k }}, {% endfor -%}
cast('{{ col.name }}' as {{ dbt.type_string() }}) as "{{ field_name }}", cast("{{ col.name }}" as {{ cast_to }}) as "{{ value_name }}"
from {{ relation }}
{%- endfor -%}
{%- endmacro %}

{% macro union_relations(relations, column_override={}, include=[], exclude=[], source_column_name='_dbt_source_relation') -%}
{%- set names = [] -%}
{%- set types = {} -%}
{%- set per_relation = [] -%}
{%- set inc = include | map('lower') | list -%}
{%- set exc = exclude | map('lower') | list -%}
{%- for relation in relations -%}
{%- set have = {} -%}
{%- for col in adapter.get_columns_in_relation(relation) -%}
{%- set key = col.name | lower -%}
{%- if (not inc or key in inc) and key not in exc -%}
{%- if key not in types -%}{%- do names.append(col.name) -%}{%- do types.update({key: col.data_type}) -%}{%- endif -%}
{%- if types[key] is none and col.data_type is not none -%}{%- do types.update({key: col.data_type}) -%}{%- endif -%}
{%- do have.update({key: col.name}) -%}
{%- endif -%}
{%- endfor -%}
{%- do per_relation.append(have) -%}
{%- endfor -%}
{%- for relation in relations -%}
{%- set have = per_relation[loop.index0] %}
select
  cast('{{ relation | replace("'", "''") }}' as {{ dbt.type_string() }}) as "{{ source_column_name }}"
{%- for name in names -%}
{%- set key = name | lower -%}
{%- set type = column_override.get(name) or types[key] or dbt.type_string() -%}
,
  {% if key in have %}cast("{{ have[key] }}" as {{ type }}){% else %}cast(null as {{ type }}){% endif %} as "{{ name }}"
{%- endfor %}
from {{ relation }}
{% if not loop.last %}union all{% endif -%}
{%- endfor -%}
{%- endmacro %}

{% macro get_column_values(table, column, order_by='count(*) desc', max_records=false, default=false, where=false) -%}
{%- if default is not sameas false and not sf_connected() -%}
{{ return(default) }}
{%- else -%}
{%- set query -%}
select {{ column }} as value from {{ table }}
{%- if where %} where {{ where }}{% endif %}
group by {{ column }}
order by {{ order_by }}
{%- if max_records %} limit {{ max_records }}{% endif %}
{%- endset -%}
{%- set result = run_query(query) -%}
{{ return(result.columns[0].values() if result.columns else ([] if default is sameas false else default)) }}
{%- endif -%}
{%- endmacro %}
