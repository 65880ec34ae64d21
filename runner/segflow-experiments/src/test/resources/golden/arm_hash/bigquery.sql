select MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CONCAT('winback-2024:', CAST(entity_id AS STRING)))), 1, 8)) AS INT64), 10000) as bucket
