select MOD(TO_NUMBER(UPPER(SUBSTR(MD5('winback-2024:' || TO_VARCHAR(entity_id)), 1, 8)), 'XXXXXXXX'), 10000) as bucket
