"""One-off cross-check of the Java GMM against scikit-learn on Mall Customers (income, spending score).

Run from the repo root: python3 runner/segflow-ml/src/test/python/gmm_mall_crosscheck.py
Prints per-k BIC for full and diagonal covariance (sklearn's BIC uses the same parameter count and -2LL + p ln n).
Not used by the Java tests.
"""
import csv
import pathlib
import sys

import numpy as np
from sklearn.mixture import GaussianMixture


def find_data():
    here = pathlib.Path.cwd().resolve()
    for d in [here, *here.parents]:
        f = d / "shared" / "data" / "mall_customers" / "Mall_Customers.csv"
        if f.exists():
            return f
    sys.exit("shared/data not found")


rows = list(csv.reader(open(find_data())))[1:]
X = np.array([[float(r[3]), float(r[4])] for r in rows])
for cov in ("full", "diag"):
    bics = []
    for k in range(1, 9):
        gm = GaussianMixture(k, covariance_type=cov, reg_covar=1e-6, tol=1e-3, max_iter=200, n_init=5,
                             random_state=0).fit(X)
        bics.append(gm.bic(X))
        print(f"{cov} k={k} bic={gm.bic(X):.3f} ll={gm.score(X) * len(X):.3f}")
    print(f"{cov}: best k by BIC = {int(np.argmin(bics)) + 1}")

# k-means on z-scored (income, score): silhouette and Davies-Bouldin per k (compare KMeansClusteringTest output)
from sklearn.cluster import KMeans
from sklearn.metrics import davies_bouldin_score, silhouette_score

Z = (X - X.mean(axis=0)) / X.std(axis=0)
for k in range(2, 9):
    labels = KMeans(k, n_init=10, random_state=0).fit_predict(Z)
    print(f"kmeans k={k} silhouette={silhouette_score(Z, labels):.4f} davies-bouldin={davies_bouldin_score(Z, labels):.4f}")
