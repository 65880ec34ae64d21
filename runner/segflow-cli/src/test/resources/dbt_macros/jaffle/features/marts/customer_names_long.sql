{{ dbt_utils.unpivot(ref('raw_customers'), exclude=['id'], field_name='attribute', value_name='value') }}
