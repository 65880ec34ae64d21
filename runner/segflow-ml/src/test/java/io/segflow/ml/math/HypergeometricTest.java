package io.segflow.ml.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HypergeometricTest {

    @Test
    void matchesClosedForms() {
        for (double z : new double[] {-0.9, -0.3, 0.0, 0.2, 0.7, 0.95, 0.995}) {
            // 2F1(1,1;2;z) = -ln(1-z)/z
            double expectedLog = z == 0 ? 1 : -Math.log1p(-z) / z;
            assertEquals(expectedLog, Hypergeometric.hyp2f1(1, 1, 2, z), 1e-13 * Math.abs(expectedLog));
            // 2F1(a,b;b;z) = (1-z)^-a
            double expectedPow = Math.pow(1 - z, -0.37);
            assertEquals(expectedPow, Hypergeometric.hyp2f1(0.37, 2.5, 2.5, z), 1e-13 * expectedPow);
        }
        // 2F1(1/2,1/2;3/2;z^2) = asin(z)/z
        double z = 0.8;
        assertEquals(Math.asin(z) / z, Hypergeometric.hyp2f1(0.5, 0.5, 1.5, z * z), 1e-13);
    }

    @Test
    void eulerTransformationAgrees() {
        double a = 26.24, b = 28.43, c = 29.22, z = 0.6;
        double direct = Hypergeometric.hyp2f1(a, b, c, z);
        double transformed = Math.pow(1 - z, c - a - b) * Hypergeometric.hyp2f1(c - a, c - b, c, z);
        assertEquals(direct, transformed, 1e-11 * direct);
    }

    @Test
    void rejectsOutsideUnitDisc() {
        assertThrows(ArithmeticException.class, () -> Hypergeometric.hyp2f1(1, 1, 2, 1.0));
        assertThrows(ArithmeticException.class, () -> Hypergeometric.hyp2f1(1, 1, -2, 0.5));
    }
}
