package dev.credence.core.spi;

import com.oracle.labs.mlrg.olcut.config.Config;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hyperparameters of a trainer class, derived from its {@link Hyper} fields, each named by its field (in
 * snake_case, as a suite writes it) (superclasses' first, each class's in
 * declaration order), and the two directions between validated values and a trainer's fields. A trainer class
 * declares a hyperparameter once, as a field; see {@link Hyper} for what follows from it.
 */
public final class HyperParameterFields {
    private static final ClassValue<List<Declared>> DECLARED = new ClassValue<>() {
        @Override
        protected List<Declared> computeValue(Class<?> type) {
            return declare(type);
        }
    };

    private HyperParameterFields() {
    }

    /** A hyperparameter and the field that holds it. */
    private record Declared(HyperParameter spec, Field field) {
        boolean recordsDefault() {
            return field.getAnnotation(Hyper.class).recordDefault();
        }
    }

    /**
     * @param trainerClass a trainer class
     * @param params       values validated against {@link #of}{@code (trainerClass)}
     * @return the values a run's configuration records, in declaration order: all of them, except a hyperparameter
     *     declared with {@link Hyper#recordDefault()} false while it has its default
     */
    public static java.util.Map<String, Object> recorded(Class<?> trainerClass, ResolvedParams params) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>(params.asMap());
        for (Declared d : DECLARED.get(trainerClass)) {
            String name = d.spec().name();
            if (!d.recordsDefault() && java.util.Objects.equals(out.get(name), d.spec().defaultValue())) {
                out.remove(name);
            }
        }
        return out;
    }

    /**
     * @param trainerClass a trainer class with a no-argument constructor (OLCUT's), whose field initialisers are the
     *                     defaults
     * @return its hyperparameters
     * @throws IllegalStateException when a declaration is malformed (a programming error: no {@code @Config}, an
     *                               unsupported type, a numeric field without bounds, a default outside its range)
     */
    public static List<HyperParameter> of(Class<?> trainerClass) {
        return DECLARED.get(trainerClass).stream().map(Declared::spec).toList();
    }

    /**
     * Sets every hyperparameter field of {@code trainer} from validated values.
     *
     * @param trainer a trainer
     * @param params  values validated against {@link #of}{@code (trainer.getClass())}
     */
    public static void assign(Object trainer, ResolvedParams params) {
        for (Declared d : DECLARED.get(trainer.getClass())) {
            Object value = params.asMap().get(d.spec().name());
            if (value == null) {
                throw new IllegalArgumentException("method " + params.method() + " gives no value for '" + d.spec().name() + "'");
            }
            set(trainer, d.field(), toField(d.field().getType(), value));
        }
    }

    /**
     * @param trainerClass a trainer class
     * @param params       values validated against {@link #of}{@code (trainerClass)}
     * @param <T>          its type
     * @return a new, unconfigured instance (no-argument constructor) holding the values, for a provider that needs
     *     the values' rules or footprint before it has what the trainer is built from (a composed method's base)
     */
    public static <T> T holding(Class<T> trainerClass, ResolvedParams params) {
        T t = instantiate(trainerClass);
        assign(t, params);
        return t;
    }

    /**
     * @param trainer a trainer, e.g. configured by OLCUT from a file
     * @return the first hyperparameter outside its declared range, as "hyperparameter 'x' must be …, got …", or null
     */
    public static String problem(Object trainer) {
        for (Declared d : DECLARED.get(trainer.getClass())) {
            Object value = fromField(d.field(), get(trainer, d.field()));
            if (!admits(d.spec(), value)) {
                return "hyperparameter '" + d.spec().name() + "' must be " + d.spec().domain() + ", got " + value;
            }
        }
        return null;
    }

    /**
     * @param trainer a trainer
     * @return the field name of the first hyperparameter outside its range, or null (for OLCUT's PropertyException)
     */
    public static String problemField(Object trainer) {
        for (Declared d : DECLARED.get(trainer.getClass())) {
            if (!admits(d.spec(), fromField(d.field(), get(trainer, d.field())))) {
                return d.field().getName();
            }
        }
        return null;
    }

    /**
     * @param constant an enum constant
     * @return its choice value: the constant's name, in snake_case (suites, the {@code methods} listing, OLCUT
     *     configurations and the provenance all show it)
     */
    public static String choiceName(Enum<?> constant) {
        return constant.name();
    }

    /** A hyperparameter's name, and a choice's: lower-case words joined by '_' ({@code mixture_sigma1}). */
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private static List<Declared> declare(Class<?> type) {
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.push(c);
        }
        boolean concrete = !Modifier.isAbstract(type.getModifiers());
        Object defaults = concrete ? instantiate(type) : null;
        List<Declared> out = new ArrayList<>();
        java.util.Set<String> omitted = new java.util.HashSet<>();
        WithoutHyper without = type.getAnnotation(WithoutHyper.class);
        if (without != null) {
            omitted.addAll(List.of(without.value()));
        }
        java.util.Set<String> unmatched = new java.util.HashSet<>(omitted);
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                Hyper hyper = f.getAnnotation(Hyper.class);
                if (hyper == null) {
                    continue;
                }
                Config config = f.getAnnotation(Config.class);
                if (config == null) {
                    throw malformed(f, "has @Hyper but no @Config (the provenance and the description come from it)");
                }
                f.setAccessible(true);
                Object def = defaults == null ? null : fromField(f, get(defaults, f));
                HyperParameter spec = spec(f, hyper, config.description(), def);
                if (defaults != null && !admits(spec, def)) {
                    throw malformed(f, "default " + def + " is not " + spec.domain());
                }
                if (omitted.contains(spec.name()) && c != type) {
                    unmatched.remove(spec.name());
                    continue;
                }
                if (out.stream().anyMatch(d -> d.spec().name().equals(spec.name()))) {
                    throw malformed(f, "declares '" + spec.name() + "' a second time");
                }
                out.add(new Declared(spec, f));
            }
        }
        if (!unmatched.isEmpty()) {
            throw new IllegalStateException(type.getName() + ": @WithoutHyper names " + unmatched
                    + ", which no superclass declares");
        }
        return List.copyOf(out);
    }

    private static HyperParameter spec(Field f, Hyper h, String description, Object def) {
        Class<?> t = f.getType();
        String name = f.getName();
        if (!SNAKE_CASE.matcher(name).matches()) {
            throw malformed(f, "is not named in snake_case: the field's name is the hyperparameter's name in suites, "
                    + "OLCUT configurations and the provenance alike");
        }
        HyperParameter.Type type;
        List<String> choices = List.of();
        if (t == int.class) {
            type = HyperParameter.Type.INT;
        } else if (t == double.class) {
            type = HyperParameter.Type.DOUBLE;
        } else if (t == boolean.class) {
            type = HyperParameter.Type.BOOLEAN;
        } else if (t.isEnum()) {
            type = HyperParameter.Type.CHOICE;
            choices = Arrays.stream(t.getEnumConstants()).map(e -> choiceName((Enum<?>) e)).toList();
            for (String choice : choices) {
                if (!SNAKE_CASE.matcher(choice).matches()) {
                    throw malformed(f, "has the choice " + t.getSimpleName() + "." + choice + ", not in snake_case");
                }
            }
        } else if (t == int[].class) {
            type = HyperParameter.Type.INT_LIST;
        } else if (t == double[].class) {
            type = HyperParameter.Type.DOUBLE_LIST;
        } else if (t == String.class && name.equals(Architecture.FIELD)) {
            type = HyperParameter.Type.ARCHITECTURE;
        } else {
            throw malformed(f, "has type " + t.getSimpleName() + "; a hyperparameter is int, double, boolean, an enum, int[], "
                    + "double[], or the String '" + Architecture.FIELD + "'");
        }
        boolean numeric = type != HyperParameter.Type.BOOLEAN && type != HyperParameter.Type.CHOICE
                && type != HyperParameter.Type.ARCHITECTURE;
        if (numeric && (Double.isNaN(h.min()) || Double.isNaN(h.max()))) {
            throw malformed(f, "is numeric: @Hyper must give min and max");
        }
        if (!numeric && !(Double.isNaN(h.min()) && Double.isNaN(h.max()))) {
            throw malformed(f, "is not numeric: @Hyper takes no bounds");
        }
        return new HyperParameter(name, type, def, numeric ? h.min() : null, h.minOpen(), numeric ? h.max() : null,
                h.maxOpen(), choices, description);
    }

    private static boolean admits(HyperParameter spec, Object value) {
        return switch (spec.type()) {
            case INT, DOUBLE -> value instanceof Number n && spec.admits(n.doubleValue());
            case BOOLEAN -> value instanceof Boolean;
            case CHOICE -> value instanceof String s && spec.choices().contains(s);
            case INT_LIST, DOUBLE_LIST -> value instanceof List<?> l && !l.isEmpty()
                    && l.stream().allMatch(e -> e instanceof Number n && spec.admits(n.doubleValue()));
            case ARCHITECTURE -> value != null && Architecture.fromText(Architecture.toText(value)) != null;
        };
    }

    /** The field's value as {@link ResolvedParams} holds it: Integer, Double, Boolean, the choice string, or a list. */
    private static Object fromField(Field f, Object v) {
        if (v == null) {
            return null;
        }
        Class<?> t = f.getType();
        if (t.isEnum()) {
            return choiceName((Enum<?>) v);
        }
        if (t == int[].class) {
            return Arrays.stream((int[]) v).boxed().toList();
        }
        if (t == double[].class) {
            return Arrays.stream((double[]) v).boxed().toList();
        }
        if (t == String.class) {
            Object value = Architecture.fromText((String) v);
            return value != null ? value : v;
        }
        return v;
    }

    private static Object toField(Class<?> t, Object value) {
        if (t.isEnum()) {
            for (Object e : t.getEnumConstants()) {
                if (choiceName((Enum<?>) e).equals(value)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("no constant of " + t.getSimpleName() + " is named " + value);
        }
        if (t == int[].class) {
            return ((List<?>) value).stream().mapToInt(e -> ((Number) e).intValue()).toArray();
        }
        if (t == double[].class) {
            return ((List<?>) value).stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
        }
        if (t == String.class) {
            return Architecture.toText(value);
        }
        return value;
    }

    private static <T> T instantiate(Class<T> type) {
        try {
            Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " needs a no-argument constructor (OLCUT's) for its "
                    + "hyperparameters' defaults", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + "'s no-argument constructor failed", e.getCause());
        }
    }

    private static Object get(Object o, Field f) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Object o, Field f, Object v) {
        try {
            f.setAccessible(true);
            f.set(o, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException malformed(Field f, String what) {
        return new IllegalStateException("hyperparameter field " + f.getDeclaringClass().getSimpleName() + "." + f.getName() + " " + what);
    }
}
