package io.segflow.core.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the seed-reader fuzzer (2,000 mutants by default). The long run is bench/csv_fuzz.sh
 * (-Dsegflow.csvfuzz.cases=100000, another seed with -Dsegflow.csvfuzz.seed=S). A case depends only on the seed
 * and its index, so a reported case I replays alone with -Dsegflow.csvfuzz.first=I -Dsegflow.csvfuzz.cases=1.
 */
class CsvFuzzTest {
    @TempDir
    Path work;

    @Test
    void mutatedFilesAndOptionsLoadOrFailWithAPositionedDiagnostic() {
        long seed = Long.getLong("segflow.csvfuzz.seed", 20261130L);
        int cases = Integer.getInteger("segflow.csvfuzz.cases", 2000);
        int fullEvery = Integer.getInteger("segflow.csvfuzz.fullEvery", 20);
        try (CsvFuzzHarness harness = new CsvFuzzHarness(work, Long.getLong("segflow.csvfuzz.timeoutMs", 20_000L))) {
            CsvFuzzHarness.Summary s = harness.run(seed, Integer.getInteger("segflow.csvfuzz.first", 0), cases,
                    fullEvery);
            System.out.println("CsvFuzzTest outcomes " + s.outcomes() + "\n" + s.resultLine());
            assertEquals(0, s.crashes().size(), s.crashes().size() + " crashes, first ones:\n"
                    + String.join("\n", s.crashes().subList(0, Math.min(10, s.crashes().size()))));
            assertEquals(0, s.hangs().size(), String.join("\n", s.hangs()));
            int loaded = s.outcomes().getOrDefault("loaded", 0);
            assertTrue(cases < 100 || loaded > cases / 10 && loaded < cases * 9 / 10,
                    "the mutants should both load and fail, or the fuzzer is not probing the reader: " + s.outcomes());
        }
    }
}
