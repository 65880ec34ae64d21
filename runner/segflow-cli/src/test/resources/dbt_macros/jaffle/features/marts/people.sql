{{ dbt_utils.union_relations([ref('raw_customers'), ref('raw_employees')]) }}
