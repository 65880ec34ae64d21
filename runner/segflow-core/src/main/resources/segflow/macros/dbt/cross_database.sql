{#- dbt's cross-database macros. Each dispatches, so a project can define <target type>__name to change one
    target's spelling; the default variants render segflow's neutral SQL, which every warehouse module
    translates for its target when the SQL is emitted. -#}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
{{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
{%- set n = interval | string | trim -%}
{%- if (n | int(0)) | string == n -%}
({{ from_date_or_timestamp }} + interval '{{ n }}' {{ datepart }})
{%- else -%}
({{ from_date_or_timestamp }} + ({{ interval }}) * interval '1' {{ datepart }})
{%- endif -%}
{%- endmacro %}

{% macro datediff(first_date, second_date, datepart) -%}
{{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
date_diff('{{ datepart }}', {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro date_trunc(datepart, date) -%}
{{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
{%- endmacro %}

{% macro default__date_trunc(datepart, date) -%}
date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{% macro last_day(date, datepart) -%}
{{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}

{% macro default__last_day(date, datepart) -%}
cast({{ dbt.dateadd('day', -1, dbt.dateadd(datepart, 1, dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{% macro safe_cast(field, type) -%}
{{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}

{#- as dbt's default variant: a plain cast (a target may override it with <type>__safe_cast) -#}
{% macro default__safe_cast(field, type) -%}
cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro concat(fields) -%}
{{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}

{% macro default__concat(fields) -%}
{{ fields | join(' || ') }}
{%- endmacro %}

{% macro hash(field) -%}
{{ return(adapter.dispatch('hash', 'dbt')(field)) }}
{%- endmacro %}

{% macro default__hash(field) -%}
md5(cast({{ field }} as {{ dbt.type_string() }}))
{%- endmacro %}

{% macro split_part(string_text, delimiter_text, part_number) -%}
{{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}

{% macro default__split_part(string_text, delimiter_text, part_number) -%}
split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{% macro current_timestamp() -%}
{{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
current_timestamp
{%- endmacro %}

{% macro any_value(expression) -%}
{{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__any_value(expression) -%}
any_value({{ expression }})
{%- endmacro %}

{% macro bool_or(expression) -%}
bool_or({{ expression }})
{%- endmacro %}

{#- the default delimiter is ',' (Jinjava splits macro defaults on commas, so it is set in the body) -#}
{% macro listagg(measure, delimiter_text=false, order_by_clause=false, limit_num=false) -%}
{{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if order_by_clause or limit_num -%}
{{ exceptions.raise_compiler_error("listagg: order_by_clause and limit_num are not supported by segflow (ordered aggregate arguments)") }}
{%- endif -%}
string_agg({{ measure }}, {{ delimiter_text or "','" }})
{%- endmacro %}

{% macro string_literal(value) -%}
'{{ value | replace("'", "''") }}'
{%- endmacro %}

{% macro escape_single_quotes(expression) -%}
{{ expression | replace("'", "''") }}
{%- endmacro %}

{% macro length(expression) -%}
length({{ expression }})
{%- endmacro %}

{% macro position(substring_text, string_text) -%}
position({{ substring_text }} in {{ string_text }})
{%- endmacro %}

{% macro right(string_text, length_expression) -%}
substr({{ string_text }}, length({{ string_text }}) - ({{ length_expression }}) + 1)
{%- endmacro %}
