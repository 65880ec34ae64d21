package io.segflow.ml.clv;

import io.segflow.core.seed.CsvReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds and reads per-customer {@link CustomerRfm} summaries. */
public final class RfmSummary {
    private RfmSummary() {
    }

    /**
     * Summarises transactions up to and including {@code periodEnd}, as lifetimes' summary_data_from_transaction_data
     * does with daily granularity: purchases on the same day are one purchase (amounts summed), frequency counts the
     * purchase days after the first, recency/age are measured in days divided by {@code daysPerUnit} (7 for weeks),
     * and monetary value is the mean amount of the repeat purchase days. Customers keep first-seen order.
     */
    public static List<CustomerRfm> fromTransactions(Collection<Transaction> transactions, LocalDate periodEnd,
                                                     double daysPerUnit) {
        Map<String, TreeMap<LocalDate, Double>> byCustomer = new LinkedHashMap<>();
        for (Transaction t : transactions) {
            if (!t.date().isAfter(periodEnd)) {
                byCustomer.computeIfAbsent(t.customerId(), k -> new TreeMap<>()).merge(t.date(), t.amount(), Double::sum);
            }
        }
        List<CustomerRfm> out = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((id, days) -> {
            LocalDate first = days.firstKey();
            int frequency = days.size() - 1;
            double repeatSpend = 0;
            for (Map.Entry<LocalDate, Double> e : days.tailMap(first, false).entrySet()) {
                repeatSpend += e.getValue();
            }
            double recency = ChronoUnit.DAYS.between(first, days.lastKey()) / daysPerUnit;
            double age = ChronoUnit.DAYS.between(first, periodEnd) / daysPerUnit;
            out.add(new CustomerRfm(id, frequency, recency, age, frequency == 0 ? 0 : repeatSpend / frequency));
        });
        return out;
    }

    /**
     * Reads a summary CSV with a header: id column first, then frequency, recency and age columns, and optionally a
     * monetary column (the lifetimes CDNOW files: {@code ID,frequency,recency,T} or {@code ID,x,t_x,T,zbar}).
     */
    public static List<CustomerRfm> readCsv(Path csv) {
        List<CustomerRfm> out = new ArrayList<>();
        try (CsvReader in = new CsvReader(csv)) {
            while (in.hasNext()) {
                String[] f = in.next();
                double monetary = f.length > 4 ? Double.parseDouble(f[4].trim()) : 0;
                out.add(new CustomerRfm(f[0].trim(), Integer.parseInt(f[1].trim()), Double.parseDouble(f[2].trim()),
                        Double.parseDouble(f[3].trim()), monetary));
            }
        }
        return out;
    }
}
