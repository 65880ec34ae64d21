package io.segflow.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Mall Customers (income k$, spending score) from shared/data. */
public final class MallCustomers {
    private MallCustomers() {
    }

    /** Rows of [annual income (k$), spending score (1-100)]. */
    public static double[][] incomeAndScore() {
        try {
            List<String> lines = Files.readAllLines(TestData.file("mall_customers/Mall_Customers.csv"));
            return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> {
                String[] f = l.split(",");
                return new double[] {Double.parseDouble(f[3].trim()), Double.parseDouble(f[4].trim())};
            }).toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
