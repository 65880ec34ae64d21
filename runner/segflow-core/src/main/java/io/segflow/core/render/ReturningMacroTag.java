package io.segflow.core.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.tree.TagNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {% macro %}} whose macros can {@code return(value)} as in dbt: the call evaluates to the value (a list,
 * a mapping, a number...) instead of the rendered text. Statements after {@code return()} still run but their
 * output is dropped.
 */
final class ReturningMacroTag extends MacroTag {
    private static final ThreadLocal<Deque<Object[]>> FRAMES = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Object NOTHING = new Object();

    @Override
    protected MacroFunction constructMacroFunction(TagNode tagNode, JinjavaInterpreter interpreter, String name,
                                                   LinkedHashMap<String, Object> argNamesWithDefaults) {
        MacroFunction m = super.constructMacroFunction(tagNode, interpreter, name, argNamesWithDefaults);
        return new ReturningMacro(m, m.getName());
    }

    /** Sets the innermost running macro's result; false when no macro is running. */
    static boolean setReturn(Object value) {
        Object[] frame = FRAMES.get().peek();
        if (frame == null) return false;
        frame[0] = value;
        return true;
    }

    static final class ReturningMacro extends MacroFunction {
        ReturningMacro(MacroFunction source, String name) {
            super(source, name);
        }

        @Override
        public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
            Object[] frame = {NOTHING};
            FRAMES.get().push(frame);
            try {
                Object out = super.doEvaluate(argMap, kwargMap, varArgs);
                return frame[0] == NOTHING ? out : frame[0];
            } finally {
                FRAMES.get().pop();
            }
        }

        @Override
        public MacroFunction cloneWithNewName(String name) {
            return new ReturningMacro(this, name);
        }
    }
}
