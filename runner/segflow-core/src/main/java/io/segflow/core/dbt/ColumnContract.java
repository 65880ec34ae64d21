package io.segflow.core.dbt;

import io.segflow.core.diagnostic.Diagnostics;
import io.segflow.core.diagnostic.ErrorCode;
import io.segflow.core.diagnostic.SourcePosition;
import io.segflow.core.project.ColumnSpec;
import io.segflow.core.project.Feature;
import io.segflow.core.seed.SeedTypes;
import io.segflow.spi.ColumnDef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a feature's declared column types ({@code type:} or dbt's {@code data_type:}) against its validated row
 * type, and with an enforced dbt contract also that the columns are exactly the declared ones. Types are compared by
 * family, as dbt does: size, precision and scale are not compared ({@code numeric(38,2)} matches
 * {@code DECIMAL(19,2)}), but INTEGER is not BIGINT and VARCHAR is not BIGINT.
 */
public final class ColumnContract {
    private ColumnContract() {
    }

    /** Adds one error per disagreement, at the declared column (or at the feature's properties). */
    public static void check(Feature f, List<ColumnDef> actual, Diagnostics diags) {
        SourcePosition featureAt = f.propertiesPosition() != null ? f.propertiesPosition() : SourcePosition.of(f.path());
        for (ColumnSpec declared : f.columns()) {
            Optional<ColumnDef> found = actual.stream().filter(c -> c.name().equalsIgnoreCase(declared.name())).findFirst();
            if (found.isEmpty()) {
                if (f.contractEnforced()) {
                    diags.error(ErrorCode.CONTRACT, declared.position(), "contract of '" + f.name() + "': column '"
                            + declared.name() + "' is declared but the query does not return it",
                            "the query returns: " + names(actual));
                }
                continue;
            }
            if (declared.type() == null) {
                if (f.contractEnforced()) {
                    diags.error(ErrorCode.CONTRACT, declared.position(), "contract of '" + f.name() + "': column '"
                            + declared.name() + "' has no data_type", "add `data_type: " + found.get().type().toLowerCase(Locale.ROOT) + "`");
                }
                continue;
            }
            if (!family(declared.type()).equals(family(found.get().type()))) {
                diags.error(ErrorCode.CONTRACT, declared.position(), "column '" + declared.name() + "' of '" + f.name()
                        + "' is declared " + declared.type() + " but the query returns " + found.get().type(),
                        "cast it in the query (cast(" + declared.name() + " as " + declared.type() + ")) or declare "
                                + found.get().type().toLowerCase(Locale.ROOT));
            }
        }
        if (!f.contractEnforced()) return;
        for (ColumnDef c : actual) {
            if (f.columns().stream().noneMatch(d -> d.name().equalsIgnoreCase(c.name()))) {
                diags.error(ErrorCode.CONTRACT, featureAt, "contract of '" + f.name() + "': the query returns column '"
                        + c.name() + "' (" + c.type() + ") that is not declared",
                        "declare it under columns: with `data_type: " + c.type().toLowerCase(Locale.ROOT) + "`, or drop it from the query");
            }
        }
    }

    /** The type without size, precision or scale, in segflow's portable spelling where it has one. */
    static String family(String type) {
        String portable = SeedTypes.portable(type);
        String t = (portable != null ? portable : type).toUpperCase(Locale.ROOT).trim();
        int paren = t.indexOf('(');
        t = paren < 0 ? t : t.substring(0, paren).trim();
        return t.replace(" NOT NULL", "");
    }

    private static String names(List<ColumnDef> columns) {
        return String.join(", ", columns.stream().map(ColumnDef::name).toList());
    }
}
