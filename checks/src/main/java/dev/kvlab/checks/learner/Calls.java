package dev.kvlab.checks.learner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The messages the checks send into the learner's process. */
public final class Calls {
    private Calls() {}

    /** A call of {@code method} ({@code <init>} for a constructor) of {@code type}, on object {@code target} or static. */
    public static ObjectNode message(String type, String method, Class<?>[] params, Integer target) {
        ObjectNode m = Wire.message("call");
        m.put("class", type);
        m.put("method", method);
        ArrayNode p = m.putArray("params");
        for (Class<?> c : params) {
            p.add(c.getName());
        }
        if (target != null) {
            m.put("target", target);
        }
        return m;
    }

    /** The JSON mapper both sides use for values. */
    public static ObjectMapper json() {
        return Wire.JSON;
    }
}
