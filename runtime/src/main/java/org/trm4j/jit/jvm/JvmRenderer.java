package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Value;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.trm4j.jit.jvm.JvmNames.*;

/**
 * The fourth renderer: a loop-parallel kernel's IR as JVM bytecode (ClassFile API), for the {@code vector} device.
 * {@code static void run(params..., int lo, int hi, int g0, int g1, int g2, int vectorOk)} runs work-items lo..hi-1
 * of the grid g0 x g1 x g2 (linear index, x fastest), each as the kernel's blocks with Java semantics
 * ({@link ScalarCode}); innermost loops of the right shape (a body that branches first
 * if-converted into one block, {@link IfConversion}) run in methods of their own with vector steps before
 * their scalar loop ({@link VectorLoop}, {@link VectorCode}), which alone runs when {@code vectorOk} is 0 (arrays
 * that share memory). Kernels with
 * work-group semantics (KernelContext: barriers, local memory, atomics) or a lowered @Reduce are refused: the
 * device runs those as their own bytecode.
 */
public final class JvmRenderer {
    private JvmRenderer() {}

    public static final String RUN = "run";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * FloatVector.SPECIES_PREFERRED.length() of this JVM, read reflectively (our code compiles without the incubator
     * module), or 0 when the JVM runs without {@code --add-modules jdk.incubator.vector}.
     */
    public static int preferredFloatLanes() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) return 0;
        try {
            Object species = Class.forName(VECTOR_MODULE + ".FloatVector").getField("SPECIES_PREFERRED").get(null);
            return (int) Class.forName(VECTOR_MODULE + ".VectorSpecies").getMethod("length").invoke(species);
        } catch (ReflectiveOperationException | LinkageError e) {
            return 0;
        }
    }

    /**
     * The class {@code trm kernels show/export --target jvm} shows: relaxed maths, this JVM's lanes (16 where it runs
     * without the Vector API module).
     */
    public static Rendered forDisplay(Kernel k, ClassLoader loader) {
        int lanes = preferredFloatLanes();
        return render(k, ClassDesc.of("org.trm4j.backend.java.Jvm$" + k.name), lanes > 1 ? lanes : 16, true, false, loader);
    }

    /** What {@code trm kernels show --target jvm} prints: the loop report and the class size. */
    public static String describe(Kernel k) {
        int lanes = preferredFloatLanes();
        Rendered r = forDisplay(k, JvmRenderer.class.getClassLoader());
        StringBuilder sb = new StringBuilder("// " + k.source + " for the vector device (relaxed maths" + (lanes > 1 ? "" : "; 16 lanes assumed: this JVM runs without " + VECTOR_MODULE) + "): "
                + r.bytes().length + " bytes of class file; `trm kernels export --target jvm` writes it for javap -c -p\n");
        if (r.loops().isEmpty()) sb.append("// no innermost loop\n");
        for (String l : r.loops()) sb.append("//   loop ").append(l).append('\n');
        return sb.toString();
    }

    /**
     * @param bytes   the class file
     * @param runType the descriptor of {@link #RUN}
     * @param loops   one line per loop header: vectorised, or why not
     */
    public record Rendered(byte[] bytes, MethodTypeDesc runType, List<String> loops) {}

    /**
     * Throws UnsupportedOperationException ("cannot render kernel for jvm: ...") for what it cannot run.
     *
     * @param zeroRegisters start every register at zero: only needed (for the verifier) when the IR may read a
     *                      register on a path that did not assign it, which Java's definite assignment excludes for
     *                      the front end's IR; the device retries with it when the class does not verify
     */
    public static Rendered render(Kernel source, ClassDesc name, int lanes, boolean relaxed, boolean zeroRegisters, ClassLoader loader) {
        if (source.usesKernelContext) throw source.unsupported("jvm", null, "KernelContext kernel (work-groups, barriers)");
        if (!source.localArrays.isEmpty()) throw source.unsupported("jvm", null, "local arrays");
        if (source.reduction != null || !source.reductionParams.isEmpty()) throw source.unsupported("jvm", null, "@Reduce loop");
        Kernel k = source.copy(); // IfConversion rewrites loop bodies; the front end's IR is cached and shared
        Liveness live = new Liveness(k);
        Map<Block, VectorLoop> loops = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Block b : k.blocks) {
            IfConversion.Undo undo = null;
            try {
                try {
                    undo = IfConversion.convert(k, b, live);
                } catch (VectorLoop.NotVectorised e) {
                    throw new VectorLoop.NotVectorised("cannot if-convert the body: " + e.getMessage());
                }
                if (undo != null) live = new Liveness(k);
                VectorLoop l = VectorLoop.find(k, b, live, relaxed);
                if (l == null) {
                    if (undo != null) throw new VectorLoop.NotVectorised("the if-converted body has no vector shape");
                    continue;
                }
                loops.put(b, l);
                notes.add(b.label() + " (" + b.origin + "): vector steps of " + lanes + " lanes, " + l.accesses().size()
                        + " vector accesses, up to " + l.pairs().size() + " distances checked on entry");
            } catch (VectorLoop.NotVectorised e) {
                // A converted body that does not vectorise runs as it was: both arms of every branch would cost more.
                if (undo != null) {
                    undo.run();
                    live = new Liveness(k);
                }
                notes.add(b.label() + " (" + b.origin + "): scalar: " + e.getMessage());
            }
        }
        List<ClassDesc> params = new ArrayList<>();
        for (Param p : k.params)
            params.add(p instanceof Param.Array a ? arrayClass(a.elementType()) : regDesc(((Param.Scalar) p).reg().type()));
        for (int x = 0; x < 6; x++) params.add(CD_int);
        MethodTypeDesc runType = MethodTypeDesc.of(CD_void, params);
        Map<Block, String> methods = new HashMap<>();
        int n = 0;
        for (Block h : loops.keySet()) methods.put(h, "vector" + h.label() + "_" + n++);
        byte[] bytes = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                        ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofClassLoading(loader))))
                .build(name, cb -> {
                    cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
                    cb.withMethodBody(RUN, runType, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                            b -> new Run(k, b, loops, methods, name).emit(zeroRegisters));
                    for (var e : loops.entrySet()) VectorCode.emit(cb, methods.get(e.getKey()), k, e.getValue(), lanes);
                });
        return new Rendered(bytes, runType, List.copyOf(notes));
    }

    /** The body of {@code run}: the work-item loop around the kernel's blocks. */
    private static final class Run {
        private final Kernel k;
        private final CodeBuilder b;
        private final Map<Block, VectorLoop> loops;
        private final Map<Block, String> methods;
        private final ClassDesc owner;
        private final ScalarCode s;
        private final Map<Param, Integer> paramSlots = new HashMap<>();
        private final int lo, hi, vectorOk, linear;
        private final Map<Block, Label> labels = new HashMap<>(), vectorEntries = new HashMap<>();

        Run(Kernel k, CodeBuilder b, Map<Block, VectorLoop> loops, Map<Block, String> methods, ClassDesc owner) {
            this.k = k;
            this.b = b;
            this.loops = loops;
            this.methods = methods;
            this.owner = owner;
            int slot = 0;
            for (Param p : k.params) {
                paramSlots.put(p, slot);
                slot += p instanceof Param.Scalar sc ? ScalarCode.size(sc.reg().type()) : 1;
            }
            lo = slot;
            hi = slot + 1;
            int g0 = slot + 2;
            vectorOk = slot + 5;
            // gid0..2 and the linear index after the parameters.
            s = new ScalarCode(k, b, slot + 10);
            for (int d = 0; d < 3; d++) {
                s.gsize[d] = g0 + d;
                s.gid[d] = slot + 6 + d;
            }
            linear = slot + 9;
            for (Param p : k.params) if (p instanceof Param.Array a) s.bindArray(a, paramSlots.get(p));
        }

        void emit(boolean zeroRegisters) {
            for (Block blk : k.blocks) labels.put(blk, b.newLabel());
            for (Block h : loops.keySet()) vectorEntries.put(h, b.newLabel());
            Label item = b.newLabel(), next = b.newLabel(), end = b.newLabel();
            if (zeroRegisters) s.zeroRegisters();
            // gid0 = lo % g0; t = lo / g0; gid1 = t % g1; gid2 = t / g1
            b.iload(lo); b.iload(s.gsize[0]); b.irem(); b.istore(s.gid[0]);
            b.iload(lo); b.iload(s.gsize[0]); b.idiv(); b.iload(s.gsize[1]); b.irem(); b.istore(s.gid[1]);
            b.iload(lo); b.iload(s.gsize[0]); b.idiv(); b.iload(s.gsize[1]); b.idiv(); b.istore(s.gid[2]);
            b.iload(lo); b.istore(linear);
            b.labelBinding(item);
            b.iload(linear); b.iload(hi); b.if_icmpge(end);
            // Parameters may be reassigned by the kernel: each work-item starts from the arguments.
            for (Param p : k.params)
                if (p instanceof Param.Scalar sc) { b.loadLocal(kind(sc.reg().type()), paramSlots.get(p)); s.store(sc.reg()); }
            b.goto_(target(null, k.entry()));
            java.util.Set<Block> outlined = new java.util.HashSet<>();
            for (VectorLoop l : loops.values()) { outlined.add(l.header()); outlined.add(l.body()); }
            for (Block blk : k.blocks) {
                VectorLoop loop = loops.get(blk);
                if (loop != null) vectorEntry(loop);
                if (outlined.contains(blk)) continue; // the loop runs in its own method
                b.labelBinding(labels.get(blk));
                for (Instr x : blk.instrs) s.emit(x, blk);
                switch (blk.terminator) {
                    case Terminator.Jump j -> b.goto_(target(blk, j.target()));
                    case Terminator.Branch br -> {
                        s.load(br.cond());
                        b.ifne(target(blk, br.ifTrue()));
                        b.goto_(target(blk, br.ifFalse()));
                    }
                    case Terminator.Return r -> b.goto_(next);
                    case null -> throw k.unsupported("jvm", blk, "block without terminator");
                }
            }
            b.labelBinding(next);
            b.iinc(linear, 1);
            b.iinc(s.gid[0], 1);
            b.iload(s.gid[0]); b.iload(s.gsize[0]); b.if_icmplt(item);
            b.iconst_0(); b.istore(s.gid[0]);
            b.iinc(s.gid[1], 1);
            b.iload(s.gid[1]); b.iload(s.gsize[1]); b.if_icmplt(item);
            b.iconst_0(); b.istore(s.gid[1]);
            b.iinc(s.gid[2], 1);
            b.goto_(item);
            b.labelBinding(end);
            b.return_();
        }

        /** Where a jump from {@code from} to {@code to} goes: a vectorised loop entered from outside starts with its vector steps. */
        private Label target(Block from, Block to) {
            VectorLoop loop = loops.get(to);
            return loop != null && from != loop.body() ? vectorEntries.get(to) : labels.get(to);
        }

        /** i = vectorBn(live-ins..., arrays..., vectorOk); i = vectorBnRest(...): the whole loop; then on to its exit. */
        private void vectorEntry(VectorLoop loop) {
            b.labelBinding(vectorEntries.get(loop.header()));
            callLoopMethod(loop, methods.get(loop.header()));
            s.load(loop.index());                // the scalar rest only when iterations are left (a call of ~50 arguments)
            s.load(loop.bound());
            b.if_icmpge(target(loop.header(), loop.exit()));
            callLoopMethod(loop, methods.get(loop.header()) + "Rest");
            b.goto_(target(loop.header(), loop.exit()));
        }

        /** i = name(live-ins..., arrays..., vectorOk): one of the loop's two methods ({@link VectorCode#type}). */
        private void callLoopMethod(VectorLoop loop, String name) {
            for (Value.Reg r : loop.liveIn()) s.load(r);
            for (Param.Array a : loop.arrays()) b.aload(s.arraySlot(a));
            b.iload(vectorOk);
            b.invokestatic(owner, name, VectorCode.type(loop));
            s.store(loop.index());
        }
    }
}
