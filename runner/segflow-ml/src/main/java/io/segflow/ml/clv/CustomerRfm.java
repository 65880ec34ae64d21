package io.segflow.ml.clv;

/**
 * Sufficient statistics of one customer's purchase history for BG/NBD and Gamma-Gamma.
 *
 * @param customerId    customer key
 * @param frequency     number of repeat purchases x (purchases after the first)
 * @param recency       time of the last purchase, measured from the first purchase (t_x)
 * @param age           time from the first purchase to the end of the observation period (T)
 * @param monetaryValue mean value of the repeat purchases (0 when frequency is 0)
 */
public record CustomerRfm(String customerId, int frequency, double recency, double age, double monetaryValue) {
    public CustomerRfm {
        if (frequency < 0 || recency < 0 || age < recency) {
            throw new IllegalArgumentException("invalid RFM for customer " + customerId
                    + ": need frequency >= 0 and 0 <= recency <= age, got x=" + frequency + " t_x=" + recency
                    + " T=" + age);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("customer " + customerId + " has recency " + recency + " but no repeat purchase");
        }
    }
}
