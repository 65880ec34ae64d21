package io.segflow.ml.clv;

/**
 * Discounted customer lifetime value from a purchase model and a spend model, as lifetimes'
 * customer_lifetime_value: sum over months i = 1..H of E[purchases in month i] * E[spend] / (1 + d)^i.
 */
public final class CustomerLifetimeValue {
    /** Average weeks per month, for models fitted in weeks. */
    public static final double WEEKS_PER_MONTH = 4.345;

    private final BgNbdModel purchases;
    private final GammaGammaModel spend;
    private final double periodsPerMonth;

    /**
     * @param periodsPerMonth model time units in one month (e.g. {@link #WEEKS_PER_MONTH}; lifetimes' default
     *                        assumes days and uses 30)
     */
    public CustomerLifetimeValue(BgNbdModel purchases, GammaGammaModel spend, double periodsPerMonth) {
        if (!(periodsPerMonth > 0)) {
            throw new IllegalArgumentException("periodsPerMonth must be > 0");
        }
        this.purchases = purchases;
        this.spend = spend;
        this.periodsPerMonth = periodsPerMonth;
    }

    /** CLV of one customer over {@code months} months at monthly discount rate {@code monthlyDiscount}. */
    public double of(CustomerRfm c, int months, double monthlyDiscount) {
        double avgSpend = spend.conditionalExpectedAverageSpend(c.frequency(), c.monetaryValue());
        double total = 0;
        double previous = 0;
        for (int i = 1; i <= months; i++) {
            double cumulative = purchases.expectedPurchases(i * periodsPerMonth, c.frequency(), c.recency(), c.age());
            total += avgSpend * (cumulative - previous) / Math.pow(1 + monthlyDiscount, i);
            previous = cumulative;
        }
        return total;
    }
}
