select (CAST(('0x' || substr(md5('winback-2024:' || CAST(entity_id AS VARCHAR)), 1, 8)) AS BIGINT) % 10000) as bucket
