select MOD(CAST(CAST('x' || substr(md5('winback-2024:' || CAST(entity_id AS text)), 1, 8) AS bit(32)) AS bigint), 10000) as bucket
