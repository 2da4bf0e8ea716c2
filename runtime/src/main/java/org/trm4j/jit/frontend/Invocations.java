package org.trm4j.jit.frontend;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * Calls and field reads in a kernel's bytecode: intrinsics (java.lang.Math, KernelMath) become IR
 * calls, other static methods are inlined by a nested {@link MethodTranslator} (recursion and deep
 * nesting are refused), virtual calls go to {@link ApiCalls}, and static final constants become values.
 */
final class Invocations {
    private Invocations() {}

    private static List<StackEntry> popArgs(CompileSession s, Frame f, MethodTypeDesc type, Where w) {
        List<StackEntry> args = new ArrayList<>();
        for (int i = 0; i < type.parameterCount(); i++) {
            StackEntry e = MethodTranslator.pop(f);
            // Arguments are evaluated now: a pending compare becomes its int value.
            args.addFirst(e instanceof StackEntry.PendingCompare ? new StackEntry.Scalar(s.em.valueOf(e, w)) : e);
        }
        return args;
    }

    /** {@code new HalfFloat(float)}: every copy of the pending object on the stack becomes that value. */
    private static void constructHalf(CompileSession s, Frame f, MethodTypeDesc type, Where w) {
        if (!type.descriptorString().equals("(F)V"))
            throw w.error("new HalfFloat" + type.descriptorString() + " is not supported in kernels (new HalfFloat(float) is)");
        List<StackEntry> args = popArgs(s, f, type, w);
        StackEntry recv = MethodTranslator.pop(f);
        if (!(recv instanceof StackEntry.Ref(Sym.NewHalf pending))) throw w.error("internal error: HalfFloat constructor on " + recv);
        // A copy in a register: the float argument's register may be reassigned later.
        Value.Reg v = s.em.temp(Type.FLOAT);
        s.em.emit(new org.trm4j.jit.ir.Instr.Move(v, s.em.valueOf(args.getFirst(), w)));
        StackEntry done = new StackEntry.Ref(new Sym.Half(v));
        f.stack.replaceAll(e -> e instanceof StackEntry.Ref(Sym.NewHalf p) && p.equals(pending) ? done : e);
    }

    /** {@code new Float4(x, y, z, w)} (or {@code new Float4()}, all zero): every copy of the pending object becomes the value. */
    private static void constructVector(CompileSession s, Frame f, String owner, MethodTypeDesc type, Where w) {
        ApiNames.Lanes lanes = ApiNames.vector(owner);
        String simple = owner.substring(owner.lastIndexOf('/') + 1);
        if (type.parameterCount() != 0 && type.parameterCount() != lanes.width())
            throw w.error("new " + simple + type.descriptorString() + " is not supported in kernels (new " + simple + "() and with "
                    + lanes.width() + " elements are)");
        List<StackEntry> args = popArgs(s, f, type, w);
        StackEntry recv = MethodTranslator.pop(f);
        if (!(recv instanceof StackEntry.Ref(Sym.NewVec pending))) throw w.error("internal error: vector constructor on " + recv);
        List<Value> values = new ArrayList<>();
        for (int k = 0; k < lanes.width(); k++) {
            // Copies in registers: the arguments' registers may be reassigned later.
            Value.Reg v = s.em.temp(lanes.type());
            Value src = args.isEmpty() ? zero(lanes.type()) : s.em.valueOf(args.get(k), w);
            s.em.emit(new org.trm4j.jit.ir.Instr.Move(v, src));
            values.add(v);
        }
        StackEntry done = new StackEntry.Ref(new Sym.Vec(List.copyOf(values)));
        f.stack.replaceAll(e -> e instanceof StackEntry.Ref(Sym.NewVec p) && p.equals(pending) ? done : e);
    }

    private static Value zero(Type t) {
        return switch (t) {
            case INT -> Value.Const.i32(0);
            case DOUBLE -> Value.Const.f64(0);
            default -> Value.Const.f32(0);
        };
    }

    /** invokestatic (an intrinsic, or an inlined call) or invokevirtual (the trm4j arrays and KernelContext). */
    static void invoke(CompileSession s, InvokeInstruction inv, Frame f, Where w) {
        String owner = ApiNames.canonical(inv.owner().asInternalName());
        String name = inv.name().stringValue();
        MethodTypeDesc type = inv.typeSymbol();
        StackEntry result;
        if (inv.opcode() == Opcode.INVOKESPECIAL && name.equals("<init>") && owner.equals(ApiCalls.HALF_FLOAT)) {
            constructHalf(s, f, type, w);
            return;
        }
        if (inv.opcode() == Opcode.INVOKESPECIAL && name.equals("<init>") && ApiNames.vector(owner) != null) {
            constructVector(s, f, owner, type, w);
            return;
        }
        switch (inv.opcode()) {
            case INVOKESTATIC -> {
                List<StackEntry> args = popArgs(s, f, type, w);
                Op.Intrinsic fn = Intrinsics.lookup(owner, name, type);
                if (fn != null) {
                    List<Value> vals = new ArrayList<>();
                    for (StackEntry a : args) vals.add(s.em.valueOf(a, w));
                    result = new StackEntry.Scalar(fn == Op.Intrinsic.ISNAN
                            ? s.em.boolToInt(s.em.call(fn, Type.BOOL, vals))
                            : s.em.call(fn, MethodTranslator.irType(TypeKind.from(type.returnType())), vals));
                } else if (isLibrary(owner)) {
                    throw w.error("call to " + owner.replace('/', '.') + "." + name + type.descriptorString()
                            + " is not supported in kernels (use KernelMath or the java.lang.Math functions the JIT knows)");
                } else {
                    result = inline(s, owner, name, type, args, w);
                }
            }
            case INVOKEVIRTUAL -> {
                List<StackEntry> args = popArgs(s, f, type, w);
                StackEntry recv = MethodTranslator.pop(f);
                if (!(recv instanceof StackEntry.Ref r))
                    throw w.error("internal error: virtual call on a primitive");
                if (r.sym() instanceof Sym.Conflict c) throw w.error(c.why());
                result = ApiCalls.invokeVirtual(s, w, owner, name, type, r.sym(), args);
            }
            case INVOKEINTERFACE -> throw w.error("interface call to " + owner + "." + name
                    + " is not supported in kernels (only static methods are inlined)");
            default -> throw w.error((name.equals("<init>") ? "constructor call " : "instance method call ") + owner + "." + name
                    + " is not supported in kernels (only static methods are inlined)");
        }
        if (result != null) f.stack.add(result);
    }

    private static boolean isLibrary(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
                || owner.startsWith("sun/") || owner.startsWith("com/sun/") || owner.startsWith(ApiCalls.API);
    }

    private static StackEntry inline(CompileSession s, String owner, String name, MethodTypeDesc type, List<StackEntry> args, Where w) {
        String key = CompileSession.methodKey(owner, name, type.descriptorString());
        if (s.callChain.contains(key)) {
            List<String> chain = new ArrayList<>(s.callChain);
            Collections.reverse(chain);
            chain.add(key);
            throw w.error("recursion is not supported in kernels: " + String.join(" -> ", chain.stream().map(Invocations::shortKey).toList()));
        }
        if (s.callChain.size() >= CompileSession.MAX_INLINE_DEPTH)
            throw w.error("calls nested deeper than " + CompileSession.MAX_INLINE_DEPTH + " levels are not supported in kernels");
        Class<?> cls = ClassModels.load(owner, s.loader, false);
        if (cls == null) throw w.error("cannot load class " + owner.replace('/', '.') + " to inline " + name);
        // invokestatic may name a subclass of the declaring class: look up the superclasses too.
        MethodModel callee = null;
        Class<?> declaring = cls;
        while (declaring != null && (callee = ClassModels.findMethod(declaring, name, type)) == null)
            declaring = declaring.getSuperclass();
        if (callee == null || !ClassModels.isStatic(callee))
            throw w.error("cannot find static method " + owner.replace('/', '.') + "." + name + type.descriptorString());
        ClassModel model = ClassModels.of(declaring);
        BytecodeMethod bm = new BytecodeMethod(model, callee, w);
        s.callChain.push(key);
        try {
            return new MethodTranslator(s, bm, ParallelLoops.none(), false, Map.of()).translate(args).value();
        } finally {
            s.callChain.pop();
        }
    }

    private static String shortKey(String key) {
        String noDesc = key.substring(0, key.indexOf('('));
        int dot = noDesc.lastIndexOf('.');
        String cls = noDesc.substring(0, dot);
        return cls.substring(cls.lastIndexOf('/') + 1) + noDesc.substring(dot);
    }

    /** getfield of a KernelContext geometry field, or getstatic of a static final constant. */
    static void field(CompileSession s, FieldInstruction fi, Frame f, Where w) {
        String owner = ApiNames.canonical(fi.owner().asInternalName());
        String name = fi.name().stringValue();
        switch (fi.opcode()) {
            case GETFIELD -> {
                StackEntry recv = MethodTranslator.pop(f);
                if (owner.equals(ApiCalls.CONTEXT) && recv instanceof StackEntry.Ref(Sym.Context c))
                    f.stack.add(ApiCalls.contextField(s, w, name));
                else
                    throw w.error("reading field " + owner.replace('/', '.') + "." + name + " is not supported in kernels (objects cannot be used)");
            }
            case PUTFIELD -> throw w.error("writing field " + owner.replace('/', '.') + "." + name + " is not supported in kernels");
            case GETSTATIC -> f.stack.add(new StackEntry.Scalar(staticConstant(s, owner, name, w)));
            case PUTSTATIC -> throw w.error("writing static field " + owner.replace('/', '.') + "." + name + " is not supported in kernels");
            default -> throw w.error("bytecode " + fi.opcode().name().toLowerCase() + " is not supported in kernels");
        }
    }

    /** A static final primitive field read becomes its value (javac inlines most such constants already). */
    private static Value staticConstant(CompileSession s, String owner, String name, Where w) {
        if (name.equals("$assertionsDisabled"))
            throw w.error("assert statements are not supported in kernels (a failing assert throws an exception)");
        Class<?> cls = ClassModels.load(owner, s.loader, true);
        Field field = null;
        for (Class<?> c = cls; c != null && field == null; c = c.getSuperclass()) {
            try { field = c.getDeclaredField(name); } catch (NoSuchFieldException e) { /* try the superclass */ }
        }
        String what = "reading static field " + owner.replace('/', '.') + "." + name;
        if (field == null || !Modifier.isStatic(field.getModifiers()) || !Modifier.isFinal(field.getModifiers())
                || !field.getType().isPrimitive())
            throw w.error(what + " is not supported in kernels (only static final primitive constants can be read)");
        try {
            field.setAccessible(true);
            return switch (field.get(null)) {
                case Integer i -> Value.Const.i32(i);
                case Short x -> Value.Const.i32(x);
                case Byte x -> Value.Const.i32(x);
                case Character x -> Value.Const.i32(x);
                case Boolean x -> Value.Const.i32(x ? 1 : 0);
                case Long x -> Value.Const.i64(x);
                case Float x -> Value.Const.f32(x);
                case Double x -> Value.Const.f64(x);
                default -> throw w.error(what + ": unexpected value type");
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof KernelCompileException k) throw k;
            throw w.error(what + " failed: " + e);
        }
    }
}
