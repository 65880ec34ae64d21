package io.segflow.ml.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segflow.ml.TestData;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fits BG/NBD and Gamma-Gamma on the CDNOW 39-week calibration sample and compares with the published estimates
 * (Fader, Hardie &amp; Lee 2005: r=0.243, alpha=4.414, a=0.793, b=2.426, LL=-9582.4; Gamma-Gamma note: p=6.25,
 * q=3.74, gamma=15.44) and with the lifetimes Quickstart outputs for the same data.
 */
class CdnowClvTest {
    static List<CustomerRfm> customers;
    static BgNbdFitter.Fit bg;
    static GammaGammaFitter.Fit gg;
    static Map<String, CustomerRfm> byId;

    @BeforeAll
    static void fit() {
        customers = RfmSummary.readCsv(TestData.file("cdnow/cdnow_customers_summary_with_transactions.csv"));
        long t0 = System.nanoTime();
        bg = BgNbdFitter.fit(customers);
        long t1 = System.nanoTime();
        gg = GammaGammaFitter.fit(customers);
        long t2 = System.nanoTime();
        System.out.printf("CDNOW BG/NBD %s LL=%.4f evals=%d in %d ms; Gamma-Gamma %s LL=%.4f n=%d in %d ms%n",
                bg.model(), bg.logLikelihood(), bg.evaluations(), (t1 - t0) / 1_000_000,
                gg.model(), gg.logLikelihood(), gg.customersUsed(), (t2 - t1) / 1_000_000);
        byId = customers.stream().collect(Collectors.toMap(CustomerRfm::customerId, Function.identity()));
    }

    static void assertSignificant(double expected, double actual, int digits, String what) {
        double scale = Math.pow(10, Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
        assertEquals(Math.round(expected / scale), Math.round(actual / scale), what + " expected " + expected + " got " + actual);
    }

    @Test
    void bgNbdMatchesPublishedEstimates() {
        BgNbdModel m = bg.model();
        assertSignificant(0.243, m.r(), 3, "r");
        assertSignificant(4.414, m.alpha(), 4, "alpha");
        assertSignificant(0.793, m.a(), 3, "a");
        assertSignificant(2.426, m.b(), 4, "b");
        assertEquals(-9582.4, bg.logLikelihood(), 0.05);
    }

    @Test
    void gammaGammaMatchesPublishedEstimates() {
        GammaGammaModel m = gg.model();
        assertEquals(946, gg.customersUsed());
        assertSignificant(6.25, m.p(), 3, "p");
        assertSignificant(3.74, m.q(), 3, "q");
        assertSignificant(15.44, m.gamma(), 3, "gamma");
    }

    @Test
    void predictionsMatchLifetimesQuickstart() {
        BgNbdModel m = bg.model();
        // lifetimes Quickstart: top predicted purchases next week, customer 1516 (x=26, t_x=30.86, T=31.0)
        assertEquals(0.710623, m.expectedPurchases(1, 26, 30.86, 31.0), 5e-4);
        assertEquals(0.662396, m.expectedPurchases(1, 29, 37.71, 38.0), 5e-4);
        GammaGammaModel s = gg.model();
        assertEquals(24.658619, s.conditionalExpectedAverageSpend(2, 22.35), 0.02);
        assertEquals(35.170981, s.conditionalExpectedAverageSpend(0, 0), 0.03);
        // lifetimes customer_lifetime_value(time=12, discount_rate=0.01) with its default 30 periods per month
        CustomerLifetimeValue clv = new CustomerLifetimeValue(m, s, 30);
        assertEquals(140.096211, clv.of(byId.get("1"), 12, 0.01), 0.15);
        assertEquals(1003.868107, clv.of(byId.get("6"), 12, 0.01), 1.0);
        assertEquals(38.180574, clv.of(byId.get("3"), 12, 0.01), 0.04);
    }

    @Test
    void probabilityAliveBehaves() {
        BgNbdModel m = bg.model();
        assertEquals(1.0, m.probabilityAlive(0, 0, 38.86));
        double recent = m.probabilityAlive(10, 38.0, 38.86);
        double stale = m.probabilityAlive(10, 5.0, 38.86);
        assertTrue(recent > 0.9 && stale < 0.01, "recent=" + recent + " stale=" + stale);
    }

    @Test
    void conditionalExpectationTracksHoldoutPurchases() throws java.io.IOException {
        BgNbdModel m = bg.model();
        // Actual repeat purchase days in weeks 40-78 (1997-10-01..1998-06-30), counted from the raw sample: 1,882.
        long actual = RfmSummaryTest.readCdnowSample("cdnow/CDNOW_sample.txt.gz").stream()
                .filter(t -> t.date().isAfter(RfmSummaryTest.CALIBRATION_END))
                .map(t -> t.customerId() + "|" + t.date()).distinct().count();
        assertEquals(1882, actual);
        double expected = customers.stream()
                .mapToDouble(c -> m.expectedPurchases(39, c.frequency(), c.recency(), c.age())).sum();
        System.out.printf("CDNOW holdout: expected %.1f vs actual %d repeat purchases%n", expected, actual);
        assertEquals(actual, expected, 0.15 * actual);
    }

    @Test
    void newCustomerExpectationIsConsistentWithConditionalOne() {
        BgNbdModel m = bg.model();
        // A customer with x=0 observed for T=0 is a new customer.
        assertEquals(m.expectedPurchasesNewCustomer(52), m.expectedPurchases(52, 0, 0, 0), 1e-10);
        assertTrue(m.expectedPurchasesNewCustomer(52) > m.expectedPurchasesNewCustomer(26));
    }
}
