package dev.credence.core.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.data.ImageShape;
import dev.credence.core.engine.ConvShape;
import dev.credence.core.engine.LayerSpec;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.NetworkShape;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code architecture} hyperparameter ({@link HyperParameter.Type#ARCHITECTURE}): the network a method builds,
 * declared once, in {@link dev.credence.core.tribuo.AbstractNetworkTrainer}. Its JSON form is
 * <ul>
 *   <li>{@code "mlp"} (the default): the MLP whose hidden widths {@code hidden} gives;</li>
 *   <li>{@code "lenet5"}: conv 6@5×5 padding 2, maxpool 2, conv 16@5×5, maxpool 2, dense 120, dense 84
 *       ({@link ConvShape#LENET5}), then the classes;</li>
 *   <li>a non-empty list of layer objects, each with exactly one kind key:
 *       {@code {"conv": C, "kernel": k or [kh, kw], "stride": s, "padding": p}} (stride 1 and padding 0 unless
 *       given), {@code {"maxpool": k, "stride": s}} and {@code {"avgpool": k, "stride": s}} (stride k unless
 *       given), {@code {"dense": n}}; then a dense layer to the classes.</li>
 * </ul>
 * Convolutions and hidden dense layers are followed by the {@code activation}; pooling layers are not. A list
 * without conv or pool layers is an MLP written out. A suite gives {@code architecture} or {@code hidden}, not both
 * ({@link #checkExclusive}). Sizes are checked against the data in the preflight ({@link #shape}), not here.
 *
 * <p>A trainer's field holds the value as text: {@code mlp}, {@code lenet5}, or the list's compact JSON.
 */
public final class Architecture {
    /** The hyperparameter's name. */
    public static final String FIELD = "architecture";
    /** The MLP shorthand it excludes. */
    public static final String HIDDEN_FIELD = "hidden";
    /** The default: the MLP of {@code hidden}. */
    public static final String MLP = "mlp";
    /** LeNet-5. */
    public static final String LENET5 = "lenet5";
    /** The valid values in words, for messages and the {@code methods} listing. */
    public static final String DOMAIN = "\"mlp\" (the MLP of 'hidden'), \"lenet5\", or a list of layers "
            + "{conv: C, kernel: k or [kh, kw], stride: 1, padding: 0}, {maxpool: k, stride: k}, {avgpool: k, stride: k}, "
            + "{dense: n}";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_SIZE = 65536;
    private static final Map<String, Set<String>> KEYS = Map.of(
            "conv", Set.of("conv", "kernel", "stride", "padding"),
            "maxpool", Set.of("maxpool", "stride"),
            "avgpool", Set.of("avgpool", "stride"),
            "dense", Set.of("dense"));

    private Architecture() {
    }

    /**
     * @param context where the value comes from, starting the message
     * @param node    the suite's JSON value
     * @return the validated value as {@link ResolvedParams} holds it: the string, or the list as lists and maps of
     *     integers (so a run's configuration records it as JSON)
     * @throws CredenceInputException one line naming the layer (0-based index) and what is wrong
     */
    public static Object parse(String context, JsonNode node) {
        if (node.isTextual() && (node.textValue().equals(MLP) || node.textValue().equals(LENET5))) {
            return node.textValue();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new CredenceInputException(context + ": hyperparameter '" + FIELD + "' must be " + DOMAIN + ", got " + node);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(layerValue(context, i, node.get(i)));
        }
        return List.copyOf(out);
    }

    private static Map<String, Object> layerValue(String context, int index, JsonNode layer) {
        String where = context + ": hyperparameter '" + FIELD + "' layer " + index;
        if (!layer.isObject()) {
            throw new CredenceInputException(where + " must be an object such as {\"conv\": 6, \"kernel\": 5}, got " + layer);
        }
        String kind = null;
        for (String k : KEYS.keySet()) {
            if (layer.has(k)) {
                if (kind != null) {
                    throw new CredenceInputException(where + " has two kinds, '" + kind + "' and '" + k + "': one layer per object");
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw new CredenceInputException(where + " names no kind (one of conv, maxpool, avgpool, dense), got " + layer);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = layer.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            if (!KEYS.get(kind).contains(key)) {
                throw new CredenceInputException(where + " (" + kind + "): " + Names.unknown("key of a " + kind + " layer",
                        key, KEYS.get(kind)));
            }
            JsonNode v = f.getValue();
            if (key.equals("kernel") && v.isArray()) {
                if (v.size() != 2 || !size(v.get(0), 1) || !size(v.get(1), 1)) {
                    throw new CredenceInputException(where + " (conv): 'kernel' must be an integer in [1, " + MAX_SIZE
                            + "] or a list [kh, kw] of two, got " + v);
                }
                out.put(key, List.of(v.get(0).intValue(), v.get(1).intValue()));
            } else {
                int min = key.equals("padding") ? 0 : 1;
                if (!size(v, min)) {
                    throw new CredenceInputException(where + " (" + kind + "): '" + key + "' must be an integer in ["
                            + min + ", " + MAX_SIZE + "], got " + v);
                }
                out.put(key, v.intValue());
            }
        }
        if (kind.equals("conv") && !out.containsKey("kernel")) {
            throw new CredenceInputException(where + " (conv): needs a 'kernel' (k or [kh, kw])");
        }
        return out;
    }

    private static boolean size(JsonNode v, int min) {
        return v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= min && v.intValue() <= MAX_SIZE;
    }

    /**
     * The rule a range cannot state: a suite gives {@code architecture} (other than {@code mlp}) or {@code hidden},
     * not both.
     *
     * @param context    where the values come from
     * @param given      the suite's JSON object of values, or null
     * @throws CredenceInputException when both are given
     */
    static void checkExclusive(String context, JsonNode given) {
        if (given != null && given.isObject() && given.has(FIELD) && given.has(HIDDEN_FIELD)
                && !(given.get(FIELD).isTextual() && given.get(FIELD).textValue().equals(MLP))) {
            throw new CredenceInputException(context + ": give '" + HIDDEN_FIELD + "' (an MLP) or '" + FIELD
                    + "', not both");
        }
    }

    /**
     * @param value a validated value ({@link #parse})
     * @return the text a trainer's field holds
     */
    public static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write architecture " + value, e);
        }
    }

    /**
     * @param text a field's text ({@link #toText})
     * @return the validated value, or null when the text is not a valid architecture
     */
    public static Object fromText(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals(MLP) || text.equals(LENET5)) {
            return text;
        }
        try {
            return parse(FIELD, MAPPER.readTree(text));
        } catch (JsonProcessingException | CredenceInputException e) {
            return null;
        }
    }

    /**
     * @param text a field's text
     * @return the hidden layers it describes, or null for {@code mlp}
     */
    public static List<LayerSpec> layers(String text) {
        Object value = fromText(text);
        if (value == null) {
            throw new IllegalArgumentException("not an architecture: " + text);
        }
        if (value.equals(MLP)) {
            return null;
        }
        if (value.equals(LENET5)) {
            return ConvShape.LENET5;
        }
        List<LayerSpec> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add(layer((Map<?, ?>) o));
        }
        return out;
    }

    private static LayerSpec layer(Map<?, ?> m) {
        if (m.containsKey("conv")) {
            int kh;
            int kw;
            if (m.get("kernel") instanceof List<?> k) {
                kh = (Integer) k.get(0);
                kw = (Integer) k.get(1);
            } else {
                kh = (Integer) m.get("kernel");
                kw = kh;
            }
            return new LayerSpec.Conv((Integer) m.get("conv"), kh, kw, intOr(m, "stride", 1), intOr(m, "padding", 0));
        }
        if (m.containsKey("maxpool")) {
            int k = (Integer) m.get("maxpool");
            return new LayerSpec.MaxPool(k, intOr(m, "stride", k));
        }
        if (m.containsKey("avgpool")) {
            int k = (Integer) m.get("avgpool");
            return new LayerSpec.AvgPool(k, intOr(m, "stride", k));
        }
        return new LayerSpec.Dense((Integer) m.get("dense"));
    }

    private static int intOr(Map<?, ?> m, String key, int otherwise) {
        Object v = m.get(key);
        return v == null ? otherwise : (Integer) v;
    }

    /**
     * The network shape of a run, its sizes checked against the data.
     *
     * @param text       the field's text
     * @param hidden     the hidden widths of the MLP shorthand
     * @param features   D
     * @param image      the rows' image shape, or null
     * @param classes    K
     * @param activation the activation's name
     * @return the MLP ({@code mlp}, or a list of dense layers alone on any rows), or the convolutional shape
     * @throws CredenceInputException one line: a conv or pool layer on rows that are not images, or a size mismatch
     *                                naming the layer (index and kind)
     */
    public static NetworkShape shape(String text, int[] hidden, int features, ImageShape image, int classes, String activation) {
        List<LayerSpec> layers = layers(text);
        if (layers == null) {
            return new MlpShape(features, hidden, classes, activation);
        }
        if (layers.stream().allMatch(l -> l instanceof LayerSpec.Dense)) {
            return new MlpShape(features, layers.stream().mapToInt(l -> ((LayerSpec.Dense) l).units()).toArray(), classes,
                    activation);
        }
        if (image == null) {
            int first = 0;
            while (layers.get(first) instanceof LayerSpec.Dense) {
                first++;
            }
            throw new CredenceInputException("architecture layer " + first + " (" + layers.get(first)
                    + ") needs image rows (C×H×W), but the dataset's " + features + " features have no image shape");
        }
        return new ConvShape(image.channels(), image.height(), image.width(), layers, classes, activation);
    }
}
