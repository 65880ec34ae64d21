package io.segflow.ml;

/** Loads the IBM Telco churn CSV into a typed DuckDB table {@code telco} (11 blank TotalCharges become NULL). */
public final class TelcoTable {
    public static final int ROWS = 7043;
    public static final int NULL_TOTALS = 11;

    private TelcoTable() {
    }

    /** The shipped in-memory DuckDB adapter with {@code telco} loaded. */
    public static io.segflow.spi.WarehouseAdapter open() {
        io.segflow.spi.WarehouseAdapter db = TestData.duckdb();
        load(db);
        return db;
    }

    /**
     * {@code snapshot_date} is synthetic (Telco has no dates): each customer is assigned to one of three monthly
     * snapshots by a hash of the id, so time-based splits have something to split on.
     */
    public static void load(io.segflow.spi.WarehouseAdapter db) {
        String csv = TestData.sqlPath("telco_churn/telco_customer_churn.csv.gz");
        db.execute("CREATE OR REPLACE TABLE telco AS SELECT customerID AS customer_id,"
                + " CAST(SeniorCitizen AS INTEGER) AS senior, CAST(tenure AS INTEGER) AS tenure,"
                + " CAST(MonthlyCharges AS DOUBLE) AS monthly, TRY_CAST(TotalCharges AS DOUBLE) AS total,"
                + " Contract = 'Month-to-month' AS month_to_month, PaperlessBilling = 'Yes' AS paperless,"
                + " InternetService = 'Fiber optic' AS fiber, TechSupport = 'Yes' AS tech_support,"
                + " PaymentMethod = 'Electronic check' AS echeck, Churn = 'Yes' AS churned,"
                + " CAST(DATE '2024-01-01' + INTERVAL (CAST(hash(customerID) % 3 AS INTEGER)) MONTH AS DATE) AS snapshot_date"
                + " FROM read_csv('" + csv + "', header = true, all_varchar = true)");
    }
}
