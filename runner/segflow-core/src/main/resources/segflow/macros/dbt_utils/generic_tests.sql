{#- segflow's own implementation of the most used dbt_utils generic tests: each selects the failing rows. -#}

{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
{%- set cols = [] -%}
{%- for c in combination_of_columns -%}{%- do cols.append(('"' ~ c ~ '"') if quote_columns else c) -%}{%- endfor -%}
select {{ cols | join(', ') }}, count(*) as n_records
from {{ model }}
group by {{ cols | join(', ') }}
having count(*) > 1
{% endtest %}

{% test accepted_range(model, column_name, min_value=false, max_value=false, inclusive=true) %}
{%- if min_value is sameas false and max_value is sameas false -%}
{{ exceptions.raise_compiler_error("accepted_range needs min_value or max_value") }}
{%- endif -%}
select *
from {{ model }}
where not (1 = 1
{%- if min_value is not sameas false %} and {{ column_name }} {{ '>=' if inclusive else '>' }} {{ min_value }}{% endif %}
{%- if max_value is not sameas false %} and {{ column_name }} {{ '<=' if inclusive else '<' }} {{ max_value }}{% endif -%}
)
{% endtest %}

{% test expression_is_true(model, expression, column_name=false) %}
select *
from {{ model }}
where not ({% if column_name %}{{ column_name }} {% endif %}{{ expression }})
{% endtest %}

{% test mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=false, gaps='allowed', zero_length_range_allowed=false) %}
{%- set next_ok = {'allowed': '>=', 'not_allowed': '=', 'required': '>'}.get(gaps, '>=') -%}
{%- if gaps not in ['allowed', 'not_allowed', 'required'] -%}
{{ exceptions.raise_compiler_error("mutually_exclusive_ranges: gaps must be allowed, not_allowed or required, got " ~ gaps) }}
{%- endif -%}
with sf_ranges as (
  select *,
    {{ lower_bound_column }} as sf_lower,
    {{ upper_bound_column }} as sf_upper,
    lead({{ lower_bound_column }}) over ({% if partition_by %}partition by {{ partition_by }} {% endif %}order by {{ lower_bound_column }}, {{ upper_bound_column }}) as sf_next_lower
  from {{ model }}
)
select *
from sf_ranges
where not (sf_lower {{ '<=' if zero_length_range_allowed else '<' }} sf_upper)
   or (sf_next_lower is not null and not (sf_next_lower {{ next_ok }} sf_upper))
{% endtest %}

{% test not_null_proportion(model, at_least, at_most=1.0, column_name=false) %}
select *
from (
  select sum(case when {{ column_name }} is not null then 1 else 0 end) * 1.0 / count(*) as not_null_proportion
  from {{ model }}
) as sf_proportion
where not_null_proportion < {{ at_least }} or not_null_proportion > {{ at_most }}
{% endtest %}

{% test equal_rowcount(model, compare_model) %}
select *
from (select count(*) as sf_rows from {{ model }}) as sf_a
cross join (select count(*) as sf_compare_rows from {{ compare_model }}) as sf_b
where sf_a.sf_rows <> sf_b.sf_compare_rows
{% endtest %}

{% test at_least_one(model, column_name) %}
select *
from (select count({{ column_name }}) as sf_non_null from {{ model }}) as sf_counts
where sf_non_null = 0
{% endtest %}

{% test not_constant(model, column_name) %}
select *
from (select count(distinct {{ column_name }}) as sf_distinct_values from {{ model }}) as sf_counts
where sf_distinct_values = 1
{% endtest %}

{% test recency(model, field, datepart, interval, ignore_time_component=false) %}
{%- set threshold = dbt.dateadd(datepart, -1 * interval, dbt.current_timestamp()) -%}
select *
from (select max(cast({{ field }} as {{ dbt.type_timestamp() }})) as most_recent from {{ model }}) as sf_recency
where most_recent is null or most_recent < {{ threshold }}
{% endtest %}
