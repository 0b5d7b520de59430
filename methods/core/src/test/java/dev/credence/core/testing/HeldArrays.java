package dev.credence.core.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An exact census of the primitive arrays an object graph holds: payload bytes (length × element size, headers left
 * out), each array counted once however many references reach it. Fields are followed into Credence and EJML
 * objects (transient ones included: they are the work buffers) and through arrays, collections and maps; other JDK
 * objects (strings, boxed numbers, random generators) are not entered.
 */
public final class HeldArrays {
    private HeldArrays() {
    }

    /**
     * @param roots objects to start from
     * @return payload bytes of every distinct primitive array reachable from them
     */
    public static long bytes(Object... roots) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        for (Object r : roots) {
            if (r != null) {
                todo.push(r);
            }
        }
        long total = 0;
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            Class<?> c = o.getClass();
            if (c.isArray()) {
                Class<?> e = c.getComponentType();
                if (e.isPrimitive()) {
                    total += (long) Array.getLength(o) * size(e);
                } else {
                    for (Object x : (Object[]) o) {
                        push(todo, x);
                    }
                }
            } else if (o instanceof Collection<?> col) {
                col.forEach(x -> push(todo, x));
            } else if (o instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    push(todo, k);
                    push(todo, v);
                });
            } else if (entered(c)) {
                for (Class<?> k = c; k != null && entered(k); k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                            continue;
                        }
                        f.setAccessible(true);
                        try {
                            push(todo, f.get(o));
                        } catch (IllegalAccessException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                }
            }
        }
        return total;
    }

    private static void push(Deque<Object> todo, Object o) {
        if (o != null) {
            todo.push(o);
        }
    }

    private static boolean entered(Class<?> c) {
        String n = c.getName();
        return n.startsWith("dev.credence.") || n.startsWith("org.ejml.");
    }

    private static long size(Class<?> primitive) {
        if (primitive == long.class || primitive == double.class) {
            return 8;
        }
        if (primitive == int.class || primitive == float.class) {
            return 4;
        }
        if (primitive == short.class || primitive == char.class) {
            return 2;
        }
        return 1;
    }
}
