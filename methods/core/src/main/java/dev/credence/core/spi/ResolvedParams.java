package dev.credence.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated hyperparameter values of one method: every declared name, given or defaulted, in declaration order. */
public final class ResolvedParams {
    private final String method;
    private final Map<String, Object> values;

    /**
     * @param method method name
     * @param values validated values by name
     */
    public ResolvedParams(String method, Map<String, Object> values) {
        this.method = method;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return method name */
    public String method() {
        return method;
    }

    /** @return every value by name, in declaration order */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null && !values.containsKey(name)) {
            throw new IllegalStateException("method " + method + " has no hyperparameter '" + name + "'");
        }
        return v;
    }

    /** @return an INT value */
    public int getInt(String name) {
        return (Integer) get(name);
    }

    /** @return a DOUBLE value */
    public double getDouble(String name) {
        return (Double) get(name);
    }

    /** @return a BOOLEAN value */
    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    /** @return a CHOICE value */
    public String getString(String name) {
        return (String) get(name);
    }

    /** @return an INT_LIST value as an array */
    @SuppressWarnings("unchecked")
    public int[] getIntArray(String name) {
        return ((List<Integer>) get(name)).stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return a DOUBLE_LIST value as an array */
    @SuppressWarnings("unchecked")
    public double[] getDoubleArray(String name) {
        return ((List<Double>) get(name)).stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public String toString() {
        return method + values;
    }
}
