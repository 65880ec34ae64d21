package io.segflow.datagen;

/**
 * The latent customer types the generator draws from. They are not written to any table: RFM, clustering and
 * churn models are meant to rediscover them from behaviour alone.
 */
enum Behaviour {
    //                 share  orders/yr browse/yr discountP returnRate priceLevel ticketBoost
    LOYAL_HIGH_VALUE(0.08, 11.0, 1.0, 0.15, 0.05, 0.85, 0.10),
    REGULAR(0.25, 3.3, 0.6, 0.20, 0.06, 0.50, 0.00),
    BARGAIN_HUNTER(0.15, 4.2, 1.2, 0.85, 0.11, 0.15, 0.00),
    ONE_TIME(0.17, 0.0, 0.3, 0.20, 0.08, 0.40, 0.00),
    CHURNED(0.15, 4.2, 0.8, 0.25, 0.10, 0.50, 0.80),
    NEW(0.10, 5.0, 3.0, 0.30, 0.06, 0.50, 0.00),
    BROWSER_ONLY(0.10, 0.0, 3.0, 0.00, 0.00, 0.40, 0.00);

    final double share;
    final double ordersPerYear;
    final double browseSessionsPerYear;
    final double discountProbability;
    final double returnRate;
    final double priceLevel;
    final double extraTickets;

    Behaviour(double share, double ordersPerYear, double browseSessionsPerYear, double discountProbability,
            double returnRate, double priceLevel, double extraTickets) {
        this.share = share;
        this.ordersPerYear = ordersPerYear;
        this.browseSessionsPerYear = browseSessionsPerYear;
        this.discountProbability = discountProbability;
        this.returnRate = returnRate;
        this.priceLevel = priceLevel;
        this.extraTickets = extraTickets;
    }

    static final double[] SHARES;

    static {
        Behaviour[] all = values();
        SHARES = new double[all.length];
        for (int i = 0; i < all.length; i++) SHARES[i] = all[i].share;
    }
}
