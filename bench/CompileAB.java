import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Same-JVM A/B of two builds of segflow (run by bench/ab.sh; JDK classes only, so that neither build is on the
 * application class path). Each build's classes get a class loader of their own over the shared third-party jars;
 * the two compile the same project in alternating turns (A B, then B A), so a slow spell of the host falls on both.
 * Separate JVMs read the same code 0.155 to 0.20 s per compile on this host, which hides changes under 10%; turns
 * in one JVM resolve about 2%. Each side keeps its own JIT-compiled code; the first half of the turns is warm-up.
 * Args: projectDir threads turns classDirsA classDirsB (class dirs: path-separated lists).
 */
public final class CompileAB {
    private static final String RUNNER = "io.segflow.bench.CompileABRun";

    public static void main(String[] args) throws Exception {
        String project = args[0];
        int threads = Integer.parseInt(args[1]);
        int turns = Integer.parseInt(args[2]);
        Runnable[] side = new Runnable[2];
        ClassLoader[] loader = new ClassLoader[2];
        for (int s = 0; s < 2; s++) {
            List<URL> urls = new ArrayList<>();
            for (String dir : args[3 + s].split(java.io.File.pathSeparator)) urls.add(Path.of(dir).toUri().toURL());
            loader[s] = new URLClassLoader(urls.toArray(new URL[0]), CompileAB.class.getClassLoader());
            // warehouse modules are found through ServiceLoader on the context class loader, compile threads inherit it
            Thread.currentThread().setContextClassLoader(loader[s]);
            side[s] = (Runnable) loader[s].loadClass(RUNNER).getConstructor(String.class, Integer.class)
                    .newInstance(project, threads);
        }
        double[][] ms = new double[2][turns];
        for (int i = 0; i < turns; i++) {
            for (int k = 0; k < 2; k++) {
                int s = i % 2 == 0 ? k : 1 - k;
                Thread.currentThread().setContextClassLoader(loader[s]);
                long t = System.nanoTime();
                side[s].run();
                ms[s][i] = (System.nanoTime() - t) / 1e6;
            }
        }
        int from = turns / 2;
        double[] ratios = new double[turns - from];
        for (int i = from; i < turns; i++) ratios[i - from] = ms[1][i] / ms[0][i];
        double a = median(Arrays.copyOfRange(ms[0], from, turns));
        double b = median(Arrays.copyOfRange(ms[1], from, turns));
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "compile A/B, %d turns (last %d timed), %d threads, %s%n", turns, turns - from,
                threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
                ManagementFactory.getRuntimeMXBean().getVmVersion());
        System.out.printf(Locale.ROOT, "  A (base) median %.1f ms, B (head) median %.1f ms%n", a, b);
        System.out.printf(Locale.ROOT, "  B/A per turn: p25 %.3f, median %.3f, p75 %.3f%n", ratios[ratios.length / 4],
                ratios[ratios.length / 2], ratios[3 * ratios.length / 4]);
        System.out.printf(Locale.ROOT, "RESULT ab_base_ms=%.1f ab_head_ms=%.1f ab_ratio=%.3f ab_ratio_p25=%.3f ab_ratio_p75=%.3f%n",
                a, b, ratios[ratios.length / 2], ratios[ratios.length / 4], ratios[3 * ratios.length / 4]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
