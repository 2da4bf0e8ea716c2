package org.trm4j.jit.ptx;

import org.junit.jupiter.api.Test;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;
import org.trm4j.jit.opencl.TestIr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline checks of the PTX text: the sequences that give PTX Java's semantics are present. Without
 * a GPU this is how they are checked; ptxas acceptance is PtxAssemblesEveryKernelTest's job.
 */
class PtxRendererTest {

    private static void has(String ptx, String... parts) {
        for (String p : parts) assertTrue(ptx.contains(p), "missing \"" + p + "\" in:\n" + ptx);
    }

    @Test
    void moduleHeaderEntryAndParametersWithHiddenLengths() {
        String ptx = PtxRenderer.render(TestIr.binary("add", Type.FLOAT, Op.Binary.ADD));
        has(ptx, ".version 7.0\n", ".target sm_70\n", ".address_size 64\n", ".visible .entry add(",
                ".param .u64 param_0_a,", ".param .u32 param_0_a_len,", ".param .u64 param_2_out,", ".param .u32 param_2_out_len\n",
                "cvta.to.global.u64", "mul.wide.s32", "ld.global.f32", "st.global.f32", "add.rn.f32", ".reg .f32 %f<", "@!%p0 bra B3;", "ret;",
                "// bci 0, line 1");
        // global id = ctaid * ntid + tid, global size = nctaid * ntid
        has(ptx, "%ctaid.x", "%ntid.x", "%tid.x", "mad.lo.s32", "%nctaid.x", "mul.lo.s32");
        assertFalse(ptx.contains(".func"), "no helper needed:\n" + ptx);
        assertEquals("add", PtxRenderer.entryName(TestIr.binary("add", Type.FLOAT, Op.Binary.ADD)));
    }

    @Test
    void targetIsDeclared() {
        String ptx = PtxRenderer.render(TestIr.binary("k", Type.INT, Op.Binary.ADD), new PtxTarget(8, 4, 90));
        has(ptx, ".version 8.4\n", ".target sm_90\n");
    }

    @Test
    void floatArithmeticIsRoundedPerStepAndNeverContracted() {
        for (Op.Binary op : new Op.Binary[]{Op.Binary.ADD, Op.Binary.SUB, Op.Binary.MUL, Op.Binary.DIV}) {
            String ptx = PtxRenderer.render(TestIr.binary("k", Type.DOUBLE, op));
            has(ptx, op.name().toLowerCase() + ".rn.f64");
            assertFalse(ptx.contains("fma"), ptx);
        }
        has(PtxRenderer.render(TestIr.call("k", Type.FLOAT, Type.FLOAT, Op.Intrinsic.FMA)), "fma.rn.f32");
        has(PtxRenderer.render(TestIr.call("k", Type.FLOAT, Type.FLOAT, Op.Intrinsic.SQRT)), "sqrt.rn.f32");
        has(PtxRenderer.render(TestIr.call("k", Type.DOUBLE, Type.DOUBLE, Op.Intrinsic.RSQRT)), "sqrt.rn.f64", "div.rn.f64");
    }

    @Test
    void shiftCountsAreMasked() {
        has(PtxRenderer.render(TestIr.binary("k", Type.INT, Op.Binary.SHL)), "and.b32 %r", ", 31;", "shl.b32");
        has(PtxRenderer.render(TestIr.binary("k", Type.LONG, Op.Binary.SHR)), ", 63;", "shr.s64");
        has(PtxRenderer.render(TestIr.binary("k", Type.INT, Op.Binary.USHR)), "shr.u32");
    }

    @Test
    void constantShiftCountIsMaskedAtCompileTime() {
        Kernel k = TestIr.map2("k", Type.INT, Type.INT, Type.INT, (kk, b, x, y) -> {
            Value.Reg r = kk.newReg(Type.INT, "r");
            b.instrs.add(new Instr.Binary(r, Op.Binary.SHL, x, Value.Const.i32(33)));
            return r;
        });
        has(PtxRenderer.render(k), "shl.b32 %r", ", 1;");
    }

    @Test
    void integerDivisionGuardsMinValueOverMinusOneAndZero() {
        String div = PtxRenderer.render(TestIr.binary("k", Type.INT, Op.Binary.DIV));
        has(div, "setp.eq.s32", ", -1;", "div.s32", "neg.s32", "selp.b32"); // the guard is JavaSemantics', as IR
        String rem = PtxRenderer.render(TestIr.binary("k", Type.LONG, Op.Binary.REM));
        has(rem, "setp.eq.s64", "rem.s64", "selp.b64");
        Kernel byConstant = TestIr.map2("k", Type.INT, Type.INT, Type.INT, (kk, b, x, y) -> {
            Value.Reg r = kk.newReg(Type.INT, "r");
            b.instrs.add(new Instr.Binary(r, Op.Binary.DIV, x, Value.Const.i32(7)));
            return r;
        });
        String c = PtxRenderer.render(byConstant);
        has(c, "div.s32 %r", ", 7;");
        assertFalse(c.contains("neg.s32"), "a constant divisor needs no guard:\n" + c);
    }

    @Test
    void floatRemainderIsExactFmod() {
        has(PtxRenderer.render(TestIr.binary("k", Type.FLOAT, Op.Binary.REM)), ".func (.param .f64 res) jv_fmod", "call.uni (ret), jv_fmod", "cvt.f64.f32", "cvt.rn.f32.f64");
    }

    @Test
    void floatToIntSaturatesAndMapsNanToZeroForEveryPair() {
        for (Type from : new Type[]{Type.FLOAT, Type.DOUBLE})
            for (Type to : new Type[]{Type.INT, Type.LONG}) {
                String ptx = PtxRenderer.render(TestIr.convert("k", from, to));
                String t = to == Type.INT ? ".s32" : ".s64", f = from == Type.FLOAT ? ".f32" : ".f64";
                // JavaSemantics converts only in-range values and selects MIN/MAX (NaN fails both range tests: 0)
                has(ptx, "cvt.rzi" + t + f, "setp.ge" + f, "setp.lt" + f, "selp.b" + t.substring(2));
            }
        has(PtxRenderer.render(TestIr.convert("k", Type.LONG, Type.INT)), "cvt.u32.u64");
        has(PtxRenderer.render(TestIr.convert("k", Type.INT, Type.LONG)), "cvt.s64.s32");
        has(PtxRenderer.render(TestIr.convert("k", Type.INT, Type.FLOAT)), "cvt.rn.f32.s32");
        has(PtxRenderer.render(TestIr.convert("k", Type.FLOAT, Type.DOUBLE)), "cvt.f64.f32");
        has(PtxRenderer.render(TestIr.convert("k", Type.DOUBLE, Type.FLOAT)), "cvt.rn.f32.f64");
    }

    @Test
    void minMaxFollowJavaForNanAndSignedZero() {
        String min = PtxRenderer.render(TestIr.call("k", Type.FLOAT, Type.FLOAT, Op.Intrinsic.MIN));
        has(min, "setp.lt.f32", "mov.b32", "or.b32", "setp.nan.f32"); // compares, bits OR for -0.0, NaN selects
        String max = PtxRenderer.render(TestIr.call("k", Type.DOUBLE, Type.DOUBLE, Op.Intrinsic.MAX));
        has(max, "setp.gt.f64", "mov.b64", "and.b64", "setp.nan.f64");
        has(PtxRenderer.render(TestIr.call("k", Type.INT, Type.INT, Op.Intrinsic.MIN)), "min.s32");
        // abs(MIN_VALUE) == MIN_VALUE: max(x, -x) with wrapping negation
        has(PtxRenderer.render(TestIr.call("k", Type.INT, Type.INT, Op.Intrinsic.ABS)), "neg.s32", "max.s32");
    }

    @Test
    void comparesKeepJavasNanBehaviour() {
        has(PtxRenderer.render(TestIr.compare("k", Type.FLOAT, Op.Cond.LT, false)), "setp.lt.f32");
        has(PtxRenderer.render(TestIr.compare("k", Type.FLOAT, Op.Cond.LT, true)), "setp.ltu.f32");
        has(PtxRenderer.render(TestIr.compare("k", Type.DOUBLE, Op.Cond.NE, true)), "setp.neu.f64");
        has(PtxRenderer.render(TestIr.compare("k", Type.DOUBLE, Op.Cond.NE, false)), "setp.ne.f64");
        has(PtxRenderer.render(TestIr.compare("k", Type.INT, Op.Cond.GE, false)), "setp.ge.s32");
    }

    @Test
    void constantsAreBitExact() {
        has(PtxRenderer.render(TestIr.constant("k", Value.Const.f32(0.1f))), "0f3DCCCCCD");
        has(PtxRenderer.render(TestIr.constant("k", Value.Const.f64(-0.0))), "0d8000000000000000");
        has(PtxRenderer.render(TestIr.constant("k", Value.Const.f32(Float.NaN))), "0f7FC00000");
        has(PtxRenderer.render(TestIr.constant("k", Value.Const.i32(Integer.MIN_VALUE))), "-2147483648");
    }

    @Test
    void transcendentalsUseDoublePrecisionHelpersWithTheirDependencies() {
        has(PtxRenderer.render(TestIr.call("k", Type.FLOAT, Type.FLOAT, Op.Intrinsic.SIN)), ".func (.param .f64 res) jv_sin", "Cody-Waite");
        String pow = PtxRenderer.render(TestIr.call("k", Type.DOUBLE, Type.DOUBLE, Op.Intrinsic.POW));
        has(pow, "jv_exp(", "jv_log(", "jv_pow(");
        assertTrue(pow.indexOf("jv_exp(") < pow.indexOf("jv_pow("), "callees are declared before callers");
        has(PtxRenderer.render(TestIr.call("k", Type.FLOAT, Type.FLOAT, Op.Intrinsic.EXP)), "ex2.approx.f32", "testp.finite.f32");
        has(PtxRenderer.render(TestIr.call("k", Type.DOUBLE, Type.DOUBLE, Op.Intrinsic.TANH)), "jv_tanh", "jv_exp");
        has(PtxRenderer.render(TestIr.call("k", Type.FLOAT, Type.BOOL, Op.Intrinsic.ISNAN)), "setp.nan.f32");
    }

    @Test
    void sharedArraysBarriersAndAtomics() {
        Kernel k = new Kernel("reduce", "test.K.reduce");
        k.usesKernelContext = true;
        Param.Array out = new Param.Array("out", 0, Type.INT);
        k.params.add(out);
        LocalArray tile = new LocalArray("tile", Type.FLOAT, 256);
        LocalArray counts = new LocalArray("counts", Type.INT, 4);
        k.localArrays.add(tile);
        k.localArrays.add(counts);
        Value.Reg lid = k.newReg(Type.INT, "lid");
        Value.Reg old = k.newReg(Type.INT, "old");
        Block b = k.newBlock();
        b.instrs.add(new Instr.Thread(lid, Op.ThreadQuery.LOCAL_ID, 1));
        b.instrs.add(new Instr.Store(tile, lid, Value.Const.f32(1f)));
        b.instrs.add(new Instr.Barrier(Op.BarrierScope.LOCAL));
        b.instrs.add(new Instr.AtomicAdd(old, out, Value.Const.i32(0), Value.Const.i32(1)));
        b.instrs.add(new Instr.AtomicAdd(null, out, Value.Const.i32(1), lid));
        b.instrs.add(new Instr.AtomicAdd(null, counts, lid, Value.Const.i32(1)));
        b.terminator = new Terminator.Return();
        String ptx = PtxRenderer.render(k);
        has(ptx, ".shared .align 4 .f32 shared_tile[256];", "mov.u32 %r", "%tid.y", "st.shared.f32", "bar.sync 0;",
                "atom.global.add.u32", "red.global.add.u32", "red.shared.add.u32", "[%rd1+4]");
    }

    @Test
    void byteArraysLoadSignExtendedAndStoreTheLowByte() {
        String ptx = PtxRenderer.render(TestIr.map2("k", Type.BYTE, Type.BYTE, Type.BYTE, (k, b, x, y) -> x));
        has(ptx, "ld.global.s8", "st.global.b8");
    }

    @Test
    void namesThatAreNotPtxIdentifiersAreSanitised() {
        Kernel k = new Kernel("jv_$odd", "test.K.odd");
        Block b = k.newBlock();
        b.terminator = new Terminator.Return();
        String name = PtxRenderer.entryName(k);
        assertEquals("kjv__odd", name);
        has(PtxRenderer.render(k), ".visible .entry kjv__odd(");
    }
}
