package io.segflow.ml.math;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a function of strictly positive parameters by Nelder-Mead on their logarithms, restarting the simplex
 * at the best point until a restart no longer improves the objective (Nelder-Mead can stall on a ridge).
 */
public final class LogParameterOptimizer {
    private static final int MAX_RESTARTS = 30;
    private static final int MAX_EVALS_PER_RUN = 20_000;

    private LogParameterOptimizer() {
    }

    /** Result: parameters (natural scale), objective value at them and the number of evaluations. */
    public record Result(double[] parameters, double value, int evaluations) {
    }

    /** Maximises {@code objective} (taking natural-scale parameters) starting at {@code start} (all > 0). */
    public static Result maximise(ToDoubleFunction<double[]> objective, double[] start) {
        ObjectiveFunction onLogs = new ObjectiveFunction(logs -> {
            double value = objective.applyAsDouble(exp(logs));
            return Double.isFinite(value) ? value : -1e300;
        });
        double[] point = log(start);
        double best = Double.NEGATIVE_INFINITY;
        int evaluations = 0;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-14, 1e-14);
            PointValuePair pair = optimizer.optimize(new MaxEval(MAX_EVALS_PER_RUN), onLogs, GoalType.MAXIMIZE,
                    new InitialGuess(point), new NelderMeadSimplex(point.length, restart == 0 ? 0.5 : 0.05));
            evaluations += optimizer.getEvaluations();
            double improvement = pair.getValue() - best;
            if (pair.getValue() > best) {
                best = pair.getValue();
                point = pair.getPoint();
            }
            if (restart > 0 && improvement < 1e-10) {
                break;
            }
        }
        return new Result(exp(point), best, evaluations);
    }

    private static double[] exp(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.exp(v[i]);
        }
        return out;
    }

    private static double[] log(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException("start parameters must be > 0");
            }
            out[i] = Math.log(v[i]);
        }
        return out;
    }
}
