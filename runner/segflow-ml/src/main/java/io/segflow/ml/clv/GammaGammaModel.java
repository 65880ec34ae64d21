package io.segflow.ml.clv;

import org.apache.commons.math3.special.Gamma;

/**
 * A fitted Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"): transaction values ~ Gamma(p, nu),
 * nu ~ Gamma(q, gamma) across customers.
 */
public record GammaGammaModel(double p, double q, double gamma) {

    /** Log-likelihood of a customer's mean repeat spend {@code mean} over {@code x} > 0 repeat purchases. */
    public double logLikelihood(int x, double mean) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(mean) + px * Math.log(x) - (px + q) * Math.log(x * mean + gamma);
    }

    /** E[Z | x, mean]: a weighted average of the population mean spend and the customer's own mean. */
    public double conditionalExpectedAverageSpend(int x, double mean) {
        double populationMean = p * gamma / (q - 1);
        double weight = p * x / (p * x + q - 1);
        return (1 - weight) * populationMean + weight * mean;
    }
}
