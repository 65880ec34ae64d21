"""Computes the expected marts of the jaffle_shop test fixture independently of segflow (pandas, no SQL).

Run once from the repository root; the CSVs it writes are what DbtProjectBuildTest compares segflow's tables with:
    python3 docs/dbt/jaffle_expected.py
"""
from pathlib import Path

import pandas as pd

FIXTURE = Path("runner/segflow-core/src/test/resources/dbt/jaffle_shop")
OUT = Path("runner/segflow-core/src/test/resources/dbt/jaffle_shop_expected")
METHODS = ["credit_card", "coupon", "bank_transfer", "gift_card"]

customers = pd.read_csv(FIXTURE / "seeds/raw_customers.csv").rename(columns={"id": "customer_id"})
orders = pd.read_csv(FIXTURE / "seeds/raw_orders.csv").rename(columns={"id": "order_id", "user_id": "customer_id"})
payments = pd.read_csv(FIXTURE / "seeds/raw_payments.csv").rename(columns={"id": "payment_id"})
payments["amount"] = payments["amount"] / 100

per_order = payments.pivot_table(index="order_id", columns="payment_method", values="amount", aggfunc="sum", fill_value=0)
per_order = per_order.reindex(columns=METHODS, fill_value=0).add_suffix("_amount")
per_order["amount"] = payments.groupby("order_id")["amount"].sum()
orders_mart = orders.merge(per_order, left_on="order_id", right_index=True, how="left")

facts = orders.groupby("customer_id").agg(first_order=("order_date", "min"), most_recent_order=("order_date", "max"),
                                          number_of_orders=("order_id", "count"))
value = payments.merge(orders, on="order_id").groupby("customer_id")["amount"].sum().rename("customer_lifetime_value")
customers_mart = customers.merge(facts, left_on="customer_id", right_index=True, how="left") \
    .merge(value, left_on="customer_id", right_index=True, how="left")
customers_mart["number_of_orders"] = customers_mart["number_of_orders"].astype("Int64")

OUT.mkdir(parents=True, exist_ok=True)
money = lambda df, cols: df.assign(**{c: df[c].map(lambda v: "" if pd.isna(v) else f"{v:.2f}") for c in cols})
money(customers_mart, ["customer_lifetime_value"]).sort_values("customer_id").to_csv(OUT / "customers.csv", index=False)
money(orders_mart, [m + "_amount" for m in METHODS] + ["amount"]).sort_values("order_id").to_csv(OUT / "orders.csv", index=False)
