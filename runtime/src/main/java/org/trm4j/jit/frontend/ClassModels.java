package org.trm4j.jit.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses class files of kernel classes. Bytes are read with {@code cls.getResourceAsStream}, which
 * finds classes on any class path the class was loaded from (a user's own jars included).
 */
final class ClassModels {
    private ClassModels() {}

    private static final Map<Class<?>, ClassModel> CACHE = new ConcurrentHashMap<>();

    static ClassModel of(Class<?> cls) {
        return CACHE.computeIfAbsent(cls, ClassModels::parse);
    }

    private static ClassModel parse(Class<?> cls) {
        // Nested classes live in "Outer$Inner.class" next to the outer class: the binary name after the package.
        String name = cls.getName();
        String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
        try (InputStream in = cls.getResourceAsStream(file)) {
            if (in == null) throw new KernelCompileException("cannot read the class file of " + name + " (" + file + " not found)");
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new KernelCompileException("cannot read the class file of " + name + ": " + e.getMessage(), e);
        }
    }

    /** The method with this name and descriptor declared by {@code cls}, or null. */
    static MethodModel findMethod(Class<?> cls, String name, MethodTypeDesc type) {
        for (MethodModel m : of(cls).methods())
            if (m.methodName().equalsString(name) && m.methodTypeSymbol().equals(type)) return m;
        return null;
    }

    static boolean isStatic(MethodModel m) { return m.flags().has(AccessFlag.STATIC); }

    /** Loads a class named by an internal name ("a/b/C$D") with the kernel's class loader. */
    static Class<?> load(String internalName, ClassLoader loader, boolean initialize) {
        try {
            return Class.forName(internalName.replace('/', '.'), initialize, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
