package org.trm4j.runtime;

import org.trm4j.api.Tasks;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finds the static method a task's method reference names, through the reference's SerializedLambda. */
public final class TaskMethods {
    private TaskMethods() {}

    public static Method resolve(Tasks.TaskFunction code) {
        SerializedLambda lambda = serializedForm(code);
        if (lambda.getImplMethodKind() != java.lang.invoke.MethodHandleInfo.REF_invokeStatic || lambda.getCapturedArgCount() != 0)
            throw new IllegalArgumentException("a task must be a reference to a static method (Class::method), got "
                    + lambda.getImplClass().replace('/', '.') + "." + lambda.getImplMethodName());
        if (lambda.getImplMethodName().startsWith("lambda$"))
            throw new IllegalArgumentException("a task must be a method reference (Class::method), not a lambda expression ("
                    + lambda.getImplClass().replace('/', '.') + ")");
        try {
            Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, code.getClass().getClassLoader());
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(lambda.getImplMethodName())
                        && Modifier.isStatic(m.getModifiers())
                        && descriptor(m).equals(lambda.getImplMethodSignature())) return m;
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load kernel class " + lambda.getImplClass(), e);
        }
        throw new IllegalStateException("kernel method not found: " + lambda.getImplClass() + "." + lambda.getImplMethodName() + lambda.getImplMethodSignature());
    }

    private static SerializedLambda serializedForm(Object code) {
        try {
            Method writeReplace = code.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return (SerializedLambda) writeReplace.invoke(code);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("a task must be a method reference (Class::method), got " + code.getClass().getName(), e);
        }
    }

    /** Indices of the parameters marked {@code @Reduce} (trm4j's annotation or the TornadoVM bridge's). */
    public static java.util.List<Integer> reduceParameters(Method m) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        java.lang.reflect.Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
            boolean reduce = false;
            for (java.lang.annotation.Annotation a : ps[i].getAnnotations())
                reduce |= org.trm4j.jit.frontend.ApiNames.is(a.annotationType(), org.trm4j.api.Reduce.class);
            for (java.lang.annotation.Annotation a : ps[i].getAnnotatedType().getAnnotations())
                reduce |= org.trm4j.jit.frontend.ApiNames.is(a.annotationType(), org.trm4j.api.Reduce.class);
            if (reduce) out.add(i);
        }
        return out;
    }

    /** JVM descriptor of a method, e.g. (Lorg/trm4j/api/FloatArray;I)V. */
    public static String descriptor(Method m) {
        return java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }
}
