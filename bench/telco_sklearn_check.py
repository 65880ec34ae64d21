#!/usr/bin/env python3
"""Cross-check of segflow's Telco churn propensity (static label) with scikit-learn.

Same columns as ModelInputsEndToEndTest, standardised logistic regression, a stratified 25% held-out split and
stratified 5-fold CV AUC on the training part. The splits are scikit-learn's own (segflow's are a seeded hash of
the customer id), so the figures agree to about +-0.01, not digit for digit.

Not a segflow dependency: run it by hand in a virtualenv with scikit-learn installed:
    python3 bench/telco_sklearn_check.py [path/to/telco_customer_churn.csv(.gz)]
"""
import csv
import gzip
import sys

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

path = sys.argv[1] if len(sys.argv) > 1 else "runner/segflow-ml/src/test/resources/data/telco_churn/telco_customer_churn.csv.gz"
opener = gzip.open if path.endswith(".gz") else open
with opener(path, "rt", newline="") as f:
    rows = list(csv.DictReader(f))
X = [[float(r["tenure"]), float(r["MonthlyCharges"]), float(r["SeniorCitizen"]),
      r["Contract"] == "Month-to-month", r["InternetService"] == "Fiber optic",
      r["PaymentMethod"] == "Electronic check", r["TechSupport"] == "Yes", r["PaperlessBilling"] == "Yes"] for r in rows]
y = [r["Churn"] == "Yes" for r in rows]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=7)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
cv = cross_val_score(model, X_train, y_train, cv=StratifiedKFold(5, shuffle=True, random_state=7), scoring="roc_auc")
model.fit(X_train, y_train)
auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
print(f"rows={len(rows)} churners={sum(y)} held-out AUC {auc:.4f}; 5-fold CV AUC {cv.mean():.4f} +- {cv.std(ddof=1):.4f}")
print(f"RESULT telco_rows={len(rows)} sklearn_auc={auc:.4f} sklearn_cv_auc_mean={cv.mean():.4f} sklearn_cv_auc_sd={cv.std(ddof=1):.4f}")
