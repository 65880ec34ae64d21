package io.segflow.cli;

import io.segflow.core.compile.CompiledNode;
import io.segflow.core.compile.CompiledProject;
import io.segflow.spi.Capability;
import io.segflow.spi.WarehouseAdapter;
import io.segflow.spi.WarehouseException;
import java.util.OptionalLong;

/** {@code compile --estimate}: dry-run byte estimates per feature, where the warehouse offers them. */
final class Estimates {
    private Estimates() {
    }

    static void print(CompiledProject cp, WarehouseAdapter adapter, Console console) {
        if (!adapter.capabilities().contains(Capability.DRY_RUN)) {
            console.info("target " + cp.options().targetName() + " (" + adapter.type() + ") cannot estimate cost "
                    + "without running queries; --estimate needs a warehouse that offers dry runs");
            return;
        }
        long total = 0;
        for (CompiledNode n : cp.nodes().values()) {
            OptionalLong bytes;
            try {
                bytes = adapter.estimateBytes(n.compiledSql());
            } catch (WarehouseException e) {
                // typically an upstream feature not built yet in this dataset
                console.info(String.format("estimate %-32s not available: %s", n.name(), e.getMessage()));
                continue;
            }
            if (bytes.isEmpty()) continue;
            total += bytes.getAsLong();
            console.info(String.format("estimate %-32s %s", n.name(), human(bytes.getAsLong())));
        }
        console.info("estimate total (full refresh)         " + human(total));
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
