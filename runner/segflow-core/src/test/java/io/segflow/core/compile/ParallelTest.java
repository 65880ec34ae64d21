package io.segflow.core.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsKeepTheInputOrderAndMayBeNull() {
        try (Parallel parallel = new Parallel(2)) {
            List<String> out = parallel.map(ITEMS, i -> i % 7 == 0 ? null : "v" + i);
            assertEquals(ITEMS.size(), out.size());
            for (int i = 0; i < ITEMS.size(); i++) assertEquals(i % 7 == 0 ? null : "v" + i, out.get(i));
        }
    }

    @Test
    void aThreadDoneEarlyTakesTheNextItem() throws InterruptedException {
        // item 0 holds its thread until item 1 has started, which only another thread can do
        CountDownLatch secondStarted = new CountDownLatch(1);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Parallel parallel = new Parallel(2)) {
            List<Boolean> out = parallel.map(List.of(0, 1, 2, 3), i -> {
                threads.add(Thread.currentThread().getName());
                if (i == 1) secondStarted.countDown();
                if (i != 0) return true;
                try {
                    return secondStarted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(List.of(true, true, true, true), out);
        }
        assertEquals(2, threads.size(), "items ran on " + threads);
    }

    @Test
    void theFirstFailureIsThrownAsItWas() {
        IllegalArgumentException boom = new IllegalArgumentException("item 123");
        try (Parallel parallel = new Parallel(2)) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> parallel.map(ITEMS, i -> {
                if (i == 123) throw boom;
                return i;
            }));
            assertSame(boom, thrown);
            AssertionError error = assertThrows(AssertionError.class, () -> parallel.map(ITEMS, i -> {
                if (i == 7) throw new AssertionError("seven");
                return i;
            }));
            assertEquals("seven", error.getMessage());
            // the pool is still usable after a failure
            assertEquals(ITEMS, parallel.map(ITEMS, i -> i));
        }
    }

    @Test
    void anInterruptedCallerStopsTheMap() {
        Thread caller = Thread.currentThread();
        // the other thread holds its first item until the caller has taken one, so the caller surely takes one
        CountDownLatch callerTook = new CountDownLatch(1);
        try (Parallel parallel = new Parallel(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> parallel.map(ITEMS, i -> {
                if (Thread.currentThread() == caller) {
                    callerTook.countDown();
                    caller.interrupt();
                } else {
                    try {
                        assertTrue(callerTook.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
                return i;
            }));
            assertEquals("compile interrupted", e.getMessage());
            assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
        }
    }

    @Test
    void aMapInsideAnItemRunsOnThatThread() {
        try (Parallel parallel = new Parallel(2)) {
            List<List<Integer>> out = parallel.map(List.of(1, 2, 3, 4), i -> parallel.map(List.of(i, i * 10), j -> j + 1));
            assertEquals(List.of(List.of(2, 11), List.of(3, 21), List.of(4, 31), List.of(5, 41)), out);
        }
    }

    @Test
    void oneThreadRunsEverythingOnTheCaller() {
        List<String> seen = new ArrayList<>();
        try (Parallel parallel = new Parallel(1)) {
            parallel.map(List.of(1, 2, 3), i -> seen.add(Thread.currentThread().getName()));
        }
        assertEquals(List.of(Thread.currentThread().getName(), Thread.currentThread().getName(),
                Thread.currentThread().getName()), seen);
        assertTrue(seen.stream().noneMatch(n -> n.startsWith("segflow-compile")));
    }
}
