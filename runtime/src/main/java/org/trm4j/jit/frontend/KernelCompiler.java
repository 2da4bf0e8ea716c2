package org.trm4j.jit.frontend;

import java.lang.classfile.MethodModel;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.LongArray;
import org.trm4j.runtime.TaskMethods;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * The bytecode front end: turns a static Java kernel method (and the static methods it calls,
 * inlined) into verified IR. {@code @Parallel} loops come out lowered to grid-stride loops.
 */
public final class KernelCompiler {
    private KernelCompiler() {}

    private static final Map<Method, Kernel> CACHE = new ConcurrentHashMap<>();

    /**
     * Parses the static kernel method and the static methods it calls (inlined) into IR. Cached per
     * Method: the returned Kernel is shared, so passes that change IR must work on
     * {@link #compileUncached(Method)} (or a copy) instead.
     */
    public static Kernel compile(Method kernelMethod) throws KernelCompileException {
        Kernel k = CACHE.get(kernelMethod);
        if (k == null) {
            k = compileUncached(kernelMethod);
            Kernel prev = CACHE.putIfAbsent(kernelMethod, k);
            if (prev != null) k = prev;
        }
        return k;
    }

    /** Like {@link #compile} but always builds a fresh Kernel that the caller owns. */
    public static Kernel compileUncached(Method kernelMethod) throws KernelCompileException {
        Class<?> cls = kernelMethod.getDeclaringClass();
        String name = kernelMethod.getName();
        MethodTypeDesc type = MethodTypeDesc.ofDescriptor(descriptorOf(kernelMethod));
        MethodModel mm = ClassModels.findMethod(cls, name, type);
        if (mm == null) throw new KernelCompileException("cannot find the bytecode of " + cls.getName() + "." + name);
        BytecodeMethod bm = new BytecodeMethod(ClassModels.of(cls), mm, null);
        Where methodStart = bm.at(0, bm.firstLine());
        if (!Modifier.isStatic(kernelMethod.getModifiers()))
            throw methodStart.error("kernel methods must be static");
        if (kernelMethod.getReturnType() != void.class)
            throw methodStart.error("kernel methods must return void (write results into an array parameter)");

        Kernel k = new Kernel(name, cls.getName() + "." + name);
        CompileSession s = new CompileSession(k, cls.getClassLoader());
        s.callChain.push(CompileSession.methodKey(bm.owner.thisClass().asInternalName(), name, type.descriptorString()));

        Parameter[] params = kernelMethod.getParameters();
        Map<Integer, String> names = new HashMap<>();
        List<ParallelLoops.ParamSlot> slots = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < params.length; i++) {
            String pn = params[i].isNamePresent() ? params[i].getName() : "arg" + i;
            names.put(slot, MethodTranslator.sanitize(pn));
            Class<?> pt = params[i].getType();
            slots.add(new ParallelLoops.ParamSlot(i, slot, pt == int.class, arrayElement(pt) != null));
            slot += (pt == long.class || pt == double.class) ? 2 : 1;
        }
        ParallelLoops parallel = ParallelLoops.find(bm, slots);
        MethodTranslator top = new MethodTranslator(s, bm, parallel, true, names);

        List<StackEntry> args = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            Class<?> pt = params[i].getType();
            String pn = names.get(slots.get(i).slot());
            Type elem = arrayElement(pt);
            if (ApiNames.is(pt, KernelContext.class)) {
                k.usesKernelContext = true;
                args.add(new StackEntry.Ref(new Sym.Context()));
            } else if (elem != null) {
                Param.Array p = new Param.Array(pn, i, elem);
                k.params.add(p);
                if (org.trm4j.api.Matrix2D.class.isAssignableFrom(pt)) {
                    // The column count travels as a hidden int taken from the same argument (KernelArguments).
                    Value.Reg columns = k.newReg(Type.INT, pn + "_columns");
                    k.params.add(new Param.Scalar(pn + "_columns", i, columns));
                    s.matrixColumns.put(p, columns);
                }
                args.add(new StackEntry.Ref(new Sym.Array(p)));
            } else if (pt.isPrimitive()) {
                Value.Reg r = top.localReg(slots.get(i).slot(), scalarType(pt));
                k.params.add(new Param.Scalar(pn, i, r));
                args.add(new StackEntry.Scalar(r));
            } else {
                throw methodStart.error("parameter " + pn + " of type " + pt.getTypeName() + " is not supported in kernels"
                        + (pt.isArray() ? ": of Java arrays only float[], int[], double[], long[], short[], char[] and byte[] can be used"
                                        : ": use primitives, FloatArray, IntArray, DoubleArray, LongArray, ByteArray, their primitive arrays or KernelContext"));
            }
        }

        Block entry = k.newBlock();
        entry.origin = "entry of " + k.source;
        s.em.cur = entry;
        top.translate(args);
        k.parallelDims.addAll(parallel.dims());
        k.reductionParams.addAll(TaskMethods.reduceParameters(kernelMethod));
        CfgCleanup.run(k);
        IrVerifier.verify(k, "front end");
        BarrierUniformity.check(k, s.barrierSites);
        return k;
    }

    /** Element type of an array parameter class (trm4j's arrays, their bridge subclasses, Java primitive arrays), or null. */
    private static Type arrayElement(Class<?> c) {
        ApiNames.Lanes collection = ApiNames.collection(c.getName().replace('.', '/'));
        if (collection != null) return collection.type();
        if (c == float[].class) return Type.FLOAT;
        if (c == int[].class) return Type.INT;
        if (c == double[].class) return Type.DOUBLE;
        if (c == long[].class) return Type.LONG;
        if (c == byte[].class) return Type.BYTE;
        if (c == short[].class) return Type.SHORT;
        if (c == char[].class) return Type.CHAR;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k == FloatArray.class) return Type.FLOAT;
            if (k == IntArray.class) return Type.INT;
            if (k == DoubleArray.class) return Type.DOUBLE;
            if (k == ByteArray.class) return Type.BYTE;
            if (k == LongArray.class) return Type.LONG;
            if (k == org.trm4j.api.HalfArray.class) return Type.HALF;
            if (k == org.trm4j.api.ShortArray.class) return Type.SHORT;
            if (k == org.trm4j.api.CharArray.class) return Type.CHAR;
        }
        return null;
    }

    private static Type scalarType(Class<?> c) {
        if (c == long.class) return Type.LONG;
        if (c == float.class) return Type.FLOAT;
        if (c == double.class) return Type.DOUBLE;
        return Type.INT;   // int, boolean, byte, short, char: ints on the JVM stack too
    }

    private static String descriptorOf(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) sb.append(p.descriptorString());
        return sb.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
