package io.segflow.ml.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segflow.core.seed.CsvOptions;
import io.segflow.core.seed.CsvReader;
import io.segflow.ml.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RfmSummaryTest {
    /** End of the 39-week CDNOW calibration period (1997-01-01 + 272 days). */
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    static List<Transaction> readCdnowSample(String relative) {
        Path file = TestData.uncompressed(relative);
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        CsvOptions whitespace = new CsvOptions(false, List.of("master_id", "id", "date", "cds", "dollars"),
                CsvOptions.WHITESPACE, StandardCharsets.US_ASCII, Set.of());
        List<Transaction> out = new ArrayList<>();
        try (CsvReader rows = new CsvReader(file, file, whitespace)) {
            rows.forEachRemaining(f -> out.add(new Transaction(String.valueOf(Integer.parseInt(f[1])),
                    LocalDate.parse(f[2], yyyymmdd), Double.parseDouble(f[4]))));
        }
        return out;
    }

    @Test
    void reproducesPublishedCdnowCalibrationSummary() throws IOException {
        List<Transaction> tx = readCdnowSample("cdnow/CDNOW_sample.txt.gz");
        List<CustomerRfm> computed = RfmSummary.fromTransactions(tx, CALIBRATION_END, 7.0);
        List<CustomerRfm> published = RfmSummary.readCsv(
                TestData.file("cdnow/cdnow_customers_summary_with_transactions.csv"));
        assertEquals(2357, published.size());
        assertEquals(published.size(), computed.size());
        Map<String, CustomerRfm> byId = computed.stream()
                .collect(Collectors.toMap(CustomerRfm::customerId, Function.identity()));
        for (CustomerRfm expected : published) {
            CustomerRfm actual = byId.get(expected.customerId());
            String id = "customer " + expected.customerId();
            assertEquals(expected.frequency(), actual.frequency(), id);
            assertEquals(expected.recency(), actual.recency(), 0.005 + 1e-9, id);
            assertEquals(expected.age(), actual.age(), 0.005 + 1e-9, id);
            assertEquals(expected.monetaryValue(), actual.monetaryValue(), 0.005 + 1e-9, id);
        }
    }

    @Test
    void sameDayPurchasesCountOnceAndLaterOnesAreIgnored() {
        LocalDate d = LocalDate.of(2020, 1, 1);
        List<CustomerRfm> s = RfmSummary.fromTransactions(List.of(
                new Transaction("a", d, 10), new Transaction("a", d.plusDays(7), 4), new Transaction("a", d.plusDays(7), 6),
                new Transaction("a", d.plusDays(30), 99), new Transaction("b", d.plusDays(14), 5)), d.plusDays(21), 7.0);
        assertEquals(List.of(new CustomerRfm("a", 1, 1.0, 3.0, 10.0), new CustomerRfm("b", 0, 0.0, 1.0, 0.0)), s);
    }
}
