package io.segflow.ml;

import io.segflow.core.seed.CsvReader;
import java.util.ArrayList;
import java.util.List;

/** Mall Customers (income k$, spending score) from shared/data. */
public final class MallCustomers {
    private MallCustomers() {
    }

    /** Rows of [annual income (k$), spending score (1-100)]. */
    public static double[][] incomeAndScore() {
        List<double[]> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(TestData.file("mall_customers/Mall_Customers.csv"))) {
            csv.forEachRemaining(f -> rows.add(new double[] {Double.parseDouble(f[3].trim()), Double.parseDouble(f[4].trim())}));
        }
        return rows.toArray(double[][]::new);
    }
}
