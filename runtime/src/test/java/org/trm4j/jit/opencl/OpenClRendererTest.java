package org.trm4j.jit.opencl;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline checks of the OpenCL C text; the device tests check that it computes what Java computes. */
class OpenClRendererTest {

    private static Kernel vectorAdd() {
        return TestIr.binary("add", Type.FLOAT, Op.Binary.ADD);
    }

    @Test
    void vectorAddHasKernelSignatureWithHiddenLengths() {
        String src = OpenClRenderer.render(vectorAdd());
        assertTrue(src.contains("#pragma OPENCL FP_CONTRACT OFF"), src);
        assertTrue(src.contains("__kernel void add("), src);
        assertTrue(src.contains("__global float* restrict a,"), src);
        assertTrue(src.contains("const int a_len"), src);
        assertTrue(src.contains("__global float* restrict out,"), src);
        assertTrue(src.contains("(int)get_global_id(0)"), src);
        assertTrue(src.contains("(int)get_global_size(0)"), src);
        assertTrue(src.contains("n_1 = out_len;"), src);
        assertTrue(src.contains("goto B1;"), src);
        assertTrue(src.contains("/* bci 0, line 1 */"), src);
        assertFalse(src.contains("cl_khr_fp64"), "no doubles, no fp64 pragma:\n" + src);
        assertFalse(src.contains("jv_"), "no helper is needed:\n" + src);
        // The loop counter's increment wraps like Java's int.
        assertTrue(src.contains("i_0 = (int)((uint)i_0 + (uint)step_2);"), src);
    }

    @Test
    void withoutRestrictForAliasedLaunches() {
        String src = OpenClRenderer.render(vectorAdd(), false);
        assertTrue(src.contains("__global float* a,"), src);
        assertFalse(src.contains("restrict"), src);
    }

    @Test
    void doublesEnableFp64() {
        String src = OpenClRenderer.render(TestIr.binary("addd", Type.DOUBLE, Op.Binary.ADD));
        assertTrue(src.contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable"), src);
        assertTrue(src.contains("__global double* restrict a"), src);
    }

    @Test
    void integerDivisionDividesOnlyBySafeDivisors() {
        String div = OpenClRenderer.render(TestIr.binary("div", Type.INT, Op.Binary.DIV));
        assertTrue(div.contains("r10 = r9 ? 1 : y_5;") && div.contains("r11 = x_4 / r10;"), div); // JavaSemantics' guard
        assertTrue(div.contains("r_6 = r7 ? 0 : r13;"), div);
        assertFalse(div.contains("jv_"), "no helper functions any more:\n" + div);
        String frem = OpenClRenderer.render(TestIr.binary("frem", Type.FLOAT, Op.Binary.REM));
        assertTrue(frem.contains("fmod(x_4, y_5)"), frem);
    }

    @Test
    void constantDivisorsAndShiftCountsNeedNoHelper() {
        String src = OpenClRenderer.render(TestIr.map2("c", Type.INT, Type.INT, Type.INT, (k, b, x, y) -> {
            Value.Reg q = k.newReg(Type.INT, "q"), r = k.newReg(Type.INT, "r"), m = k.newReg(Type.INT, "m"), s = k.newReg(Type.INT, "s");
            b.instrs.add(new Instr.Binary(q, Op.Binary.DIV, x, Value.Const.i32(4)));
            b.instrs.add(new Instr.Binary(r, Op.Binary.REM, q, Value.Const.i32(-3)));
            b.instrs.add(new Instr.Binary(m, Op.Binary.DIV, r, Value.Const.i32(-1)));
            b.instrs.add(new Instr.Binary(s, Op.Binary.SHL, m, Value.Const.i32(33)));
            return s;
        }));
        assertTrue(src.contains("q_6 = x_4 / 4;"), src);
        assertTrue(src.contains("r_7 = q_6 % (-3);"), src);
        assertTrue(src.contains("m_8 = (int)(0u - (uint)r_7);"), src); // x / -1 == -x, wrapping
        assertTrue(src.contains("s_9 = (int)((uint)m_8 << 1);"), src);
    }

    @Test
    void shiftsMaskTheirCount() {
        String shl = OpenClRenderer.render(TestIr.binary("shl", Type.INT, Op.Binary.SHL));
        assertTrue(shl.contains("r7 = y_5 & 31;") && shl.contains("r_6 = (int)((uint)x_4 << r7);"), shl);
        String ushr = OpenClRenderer.render(TestIr.binary("ushr", Type.LONG, Op.Binary.USHR));
        assertTrue(ushr.contains("r7 = y_5 & 63;") && ushr.contains("r_6 = (long)((ulong)x_4 >> r7);"), ushr);
    }

    @Test
    void floatToIntConvertsOnlyInRangeValues() {
        String src = OpenClRenderer.render(TestIr.convert("f2i", Type.FLOAT, Type.INT));
        assertTrue(src.contains("r11 = r9 ? x_4 : 0.0f;") && src.contains("r10 = (int)r11;"), src);
        assertTrue(src.contains("r14 = r12 ? 2147483647 : r10;") && src.contains("r_6 = r13 ? (-2147483647 - 1) : r14;"), src);
        assertTrue(OpenClRenderer.render(TestIr.convert("i2f", Type.INT, Type.FLOAT)).contains("r_6 = (float)x_4;"));
    }

    @Test
    void minMaxFollowJava() {
        String src = OpenClRenderer.render(TestIr.call("fmin", Type.FLOAT, Type.FLOAT, Op.Intrinsic.MIN));
        assertTrue(src.contains("r9 = as_int(x_4);") && src.contains("r11 = r9 | r10;") && src.contains("r13 = as_float(r11);"), src);
        assertTrue(src.contains("r_6 = r17 ? x_4 : r16;"), src);
        assertTrue(OpenClRenderer.render(TestIr.call("imax", Type.INT, Type.INT, Op.Intrinsic.MAX)).contains("r_6 = max(x_4, y_5);"));
        assertTrue(OpenClRenderer.render(TestIr.call("iabs", Type.INT, Type.INT, Op.Intrinsic.ABS)).contains("(int)abs(x_4)"));
    }

    @Test
    void comparesHonourTheUnorderedFlag() {
        assertTrue(OpenClRenderer.render(TestIr.compare("lt", Type.FLOAT, Op.Cond.LT, false)).contains("c_6 = x_4 < y_5;"));
        String ltu = OpenClRenderer.render(TestIr.compare("ltu", Type.FLOAT, Op.Cond.LT, true));
        assertTrue(ltu.contains("r8 = x_4 >= y_5;") && ltu.contains("c_6 = !r8;"), ltu);
        assertTrue(OpenClRenderer.render(TestIr.compare("ne", Type.FLOAT, Op.Cond.NE, false)).contains("islessgreater(x_4, y_5)"));
        String equ = OpenClRenderer.render(TestIr.compare("equ", Type.FLOAT, Op.Cond.EQ, true));
        assertTrue(equ.contains("r8 = islessgreater(x_4, y_5);") && equ.contains("c_6 = !r8;"), equ);
        assertTrue(OpenClRenderer.render(TestIr.compare("ilt", Type.INT, Op.Cond.LT, false)).contains("c_6 = x_4 < y_5;"));
    }

    @Test
    void constantsAreExact() {
        assertEquals("as_float(0x7fc00000u)", OpenClLiterals.floatLiteral(Float.NaN));
        assertEquals("as_float(0xff800000u)", OpenClLiterals.floatLiteral(Float.NEGATIVE_INFINITY));
        assertEquals("2.0f", OpenClLiterals.floatLiteral(2f));
        assertEquals("(-3.0f)", OpenClLiterals.floatLiteral(-3f));
        assertEquals("(-0x0.0p0f) /* -0.0 */", OpenClLiterals.floatLiteral(-0f));
        assertEquals("0x1.99999ap-4f /* 0.1 */", OpenClLiterals.floatLiteral(0.1f));
        assertEquals("as_double(0x7ff0000000000000UL)", OpenClLiterals.doubleLiteral(Double.POSITIVE_INFINITY));
        assertEquals("0x1.999999999999ap-4 /* 0.1 */", OpenClLiterals.doubleLiteral(0.1));
        assertEquals("(-2147483647 - 1)", OpenClLiterals.intLiteral(Integer.MIN_VALUE));
        assertEquals("(-9223372036854775807L - 1L)", OpenClLiterals.longLiteral(Long.MIN_VALUE));
        assertEquals("42L", OpenClLiterals.longLiteral(42));
        assertEquals("(-5)", OpenClLiterals.intLiteral(-5));
    }

    @Test
    void sigmoidRsqrtAndPowAreJavasEverywhere() {
        String s = OpenClRenderer.render(TestIr.call("sig", Type.FLOAT, Type.FLOAT, Op.Intrinsic.SIGMOID));
        assertTrue(s.contains("r7 = -x_4;") && s.contains("r8 = exp(r7);") && s.contains("r9 = 1.0f + r8;") && s.contains("r_6 = 1.0f / r9;"), s);
        String p = OpenClRenderer.render(TestIr.call("pw", Type.DOUBLE, Type.DOUBLE, Op.Intrinsic.POW));
        assertTrue(p.contains("r7 = pow(x_4, y_5);") && p.contains("as_double(0x7ff8000000000000UL) : r7;"), p);
        // 1/sqrt(x), correctly rounded steps as in PTX; never rsqrt(), whose error OpenCL allows to be several ulp
        String r = OpenClRenderer.render(TestIr.call("rs", Type.FLOAT, Type.FLOAT, Op.Intrinsic.RSQRT));
        assertTrue(r.contains("r7 = sqrt(x_4);") && r.contains("r_6 = 1.0f / r7;") && !r.contains("rsqrt("), r);
    }

    @Test
    void byteArraysAreSignedChar() {
        String src = OpenClRenderer.render(TestIr.map2("bytes", Type.BYTE, Type.BYTE, Type.BYTE, (k, b, x, y) -> x));
        assertTrue(src.contains("__global char* restrict a"), src);
        assertTrue(src.contains("out[i_0] = (char)x_4;"), src);
    }

    @Test
    void reservedNamesAreRenamed() {
        Kernel k = new Kernel("max", "test.K.max");
        Value.Reg v = k.newReg(Type.INT, "local");
        k.params.add(new Param.Scalar("local", 0, v));
        k.params.add(new Param.Array("global", 1, Type.INT));
        Block b = k.newBlock();
        b.instrs.add(new Instr.Store((Param.Array) k.params.get(1), Value.Const.i32(0), v));
        b.terminator = new Terminator.Return();
        String src = OpenClRenderer.render(k);
        assertTrue(src.contains("__kernel void max_("), src);
        assertTrue(src.contains("const int local_"), src);
        assertTrue(src.contains("__global int* restrict global_"), src);
        assertTrue(src.contains("local_0 = local_;"), src);
        assertEquals("max_", OpenClRenderer.functionName(k));
    }

    @Test
    void localArraysBarriersAndAtomics() {
        Kernel k = new Kernel("reduce", "test.K.reduce");
        k.usesKernelContext = true;
        Param.Array out = new Param.Array("out", 0, Type.INT);
        k.params.add(out);
        LocalArray tile = new LocalArray("tile", Type.FLOAT, 256);
        k.localArrays.add(tile);
        Value.Reg lid = k.newReg(Type.INT, "lid");
        Value.Reg old = k.newReg(Type.INT, "old");
        Block b = k.newBlock();
        b.instrs.add(new Instr.Thread(lid, Op.ThreadQuery.LOCAL_ID, 0));
        b.instrs.add(new Instr.Store(tile, lid, Value.Const.f32(1f)));
        b.instrs.add(new Instr.Barrier(Op.BarrierScope.LOCAL));
        b.instrs.add(new Instr.AtomicAdd(old, out, Value.Const.i32(0), Value.Const.i32(1)));
        b.instrs.add(new Instr.AtomicAdd(null, out, Value.Const.i32(1), lid));
        b.terminator = new Terminator.Return();
        String src = OpenClRenderer.render(k);
        assertTrue(src.contains("__local float tile[256];"), src);
        assertTrue(src.contains("barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);"), src);
        assertTrue(src.contains("old_1 = atomic_add(&out[0], 1);"), src);
        assertTrue(src.contains("    atomic_add(&out[1], lid_0);"), src);
    }

    @Test
    void branchesFallThroughWhereTheyCan() {
        Kernel k = new Kernel("br", "test.K.br");
        Value.Reg c = k.newReg(Type.BOOL, "c");
        Block b0 = k.newBlock(), b1 = k.newBlock(), b2 = k.newBlock();
        b0.instrs.add(new Instr.Move(c, Value.Const.bool(true)));
        b0.terminator = new Terminator.Branch(c, b2, b1);
        b1.terminator = new Terminator.Jump(b2);
        b2.terminator = new Terminator.Return();
        String src = OpenClRenderer.render(k);
        assertTrue(src.contains("if (c_0) goto B2;"), src);
        assertFalse(src.contains("goto B1"), src);
        assertTrue(src.contains("__kernel void br(void)"), src);
    }
}
