package io.segflow.core.render;

import io.segflow.core.diagnostic.Diagnostic;
import io.segflow.core.diagnostic.ErrorCode;

/**
 * {@code exceptions} in templates: {@code raise_compiler_error(msg)} fails the render with a positioned error at
 * the call (the macro file's line when raised inside a macro); {@code warn(msg)} reports a positioned warning.
 */
public final class ExceptionsValue {
    public String raise_compiler_error(Object message) {
        RenderState state = JinjaFunctions.STATE.get();
        state.error(ErrorCode.COMPILER_ERROR, JinjaFunctions.callPosition("raise_compiler_error"),
                TemplateMarkers.clean(String.valueOf(message)), null);
        return "";
    }

    public String warn(Object message) {
        RenderState state = JinjaFunctions.STATE.get();
        state.diagnostics.add(Diagnostic.warning(ErrorCode.COMPILER_ERROR, JinjaFunctions.callPosition("warn"),
                TemplateMarkers.clean(String.valueOf(message)), null));
        return "";
    }
}
