{% test is_after(model, column_name, date) %}
select * from {{ model }} where {{ column_name }} < cast('{{ date }}' as date)
{% endtest %}
