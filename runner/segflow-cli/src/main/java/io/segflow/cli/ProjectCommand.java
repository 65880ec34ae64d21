package io.segflow.cli;

import io.segflow.core.diagnostic.DiagnosticException;
import io.segflow.core.diagnostic.LocalFileException;
import io.segflow.spi.WarehouseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * Base of commands that work on a project: maps outcomes to exit codes (0 ok, 1 failures, including files segflow
 * could not write, 2 project or usage errors) and keeps stack traces behind --debug.
 */
abstract class ProjectCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURES = 1;
    static final int PROJECT_ERROR = 2;

    @Mixin
    CommonOptions common;

    Console console;

    abstract int run(Workspace ws) throws Exception;

    /** Whether {@code --target} may name several targets (a,b); only compile emits several at once. */
    boolean acceptsTargetList() {
        return false;
    }

    @Override
    public Integer call() {
        if (!common.logFormat.equals("text") && !common.logFormat.equals("json")) {
            System.err.println("error: --log-format must be text or json, not '" + common.logFormat + "'");
            return PROJECT_ERROR;
        }
        console = new Console(System.out, System.err, common.logFormat, common.debug);
        DriverLogging.route(console, common.debug);
        if (!acceptsTargetList() && common.target != null && common.target.contains(",")) {
            console.error("--target takes one target here; only `segflow compile` accepts a list (a,b)");
            return PROJECT_ERROR;
        }
        try (Workspace ws = Workspace.open(common, console)) {
            return run(ws);
        } catch (LocalFileException e) {
            console.diagnostics(e.diagnostics(), common.projectDir.toAbsolutePath().normalize());
            if (common.debug) e.printStackTrace(System.err);
            return FAILURES;
        } catch (DiagnosticException e) {
            console.diagnostics(e.diagnostics(), common.projectDir.toAbsolutePath().normalize());
            return PROJECT_ERROR;
        } catch (TargetLock.LockedException e) {
            console.error(e.getMessage());
            return FAILURES;
        } catch (WarehouseException e) {
            console.error("warehouse: " + e.getMessage());
            if (common.debug) e.printStackTrace(System.err);
            return FAILURES;
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            console.error(msg + (common.debug ? "" : " (rerun with --debug for details)"));
            if (common.debug) e.printStackTrace(System.err);
            return FAILURES;
        }
    }
}
