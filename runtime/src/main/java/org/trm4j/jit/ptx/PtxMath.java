package org.trm4j.jit.ptx;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import static org.trm4j.jit.ptx.PtxFunctionText.d;

/**
 * Double-precision maths for PTX, which has no exp/log/sin/cos/tanh/pow/atan2/fmod instructions for
 * .f64 (only approximate single-precision ones). Each helper is a {@code .func} with a classic
 * algorithm: argument reduction, then a Taylor polynomial evaluated with fma, to about 1e-15
 * relative. Float kernels call them too (widening is exact, the result rounds once to float): far
 * inside the 1e-4 the conformance suite allows, and free of the small-argument and large-argument
 * failures of {@code lg2.approx}/{@code sin.approx}. The renderer emits only the helpers a kernel
 * uses, with their dependencies, in this enum's order (callees first).
 */
enum PtxMath {
    EXP("jv_exp", 1), LOG("jv_log", 1), SIN("jv_sin", 1), COS("jv_cos", 1), TANH("jv_tanh", 1, EXP),
    POW("jv_pow", 2, EXP, LOG), ATAN2("jv_atan2", 2), FMOD("jv_fmod", 2);

    final String function;
    final int arity;
    final List<PtxMath> needs;

    PtxMath(String function, int arity, PtxMath... needs) {
        this.function = function;
        this.arity = arity;
        this.needs = List.of(needs);
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts (fdlibm's): the high part has trailing zero bits, so k * LN2_HI is exact. */
    private static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = 1.4142135623730951;
    private static final double PI = Math.PI, PI_2 = Math.PI / 2, PI_4 = Math.PI / 4;
    /** pi/2 as the sum of three doubles (Cody-Waite reduction), from a 110-digit pi. */
    private static final double[] PIO2 = splitPiOver2();

    String source() {
        return switch (this) {
            case EXP -> exp();
            case LOG -> log();
            case SIN -> sinCos(false);
            case COS -> sinCos(true);
            case TANH -> tanh();
            case POW -> pow();
            case ATAN2 -> atan2();
            case FMOD -> fmod();
        };
    }

    private static double[] splitPiOver2() {
        BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651");
        BigDecimal rest = pi.divide(BigDecimal.TWO, new MathContext(120));
        double[] parts = new double[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = rest.doubleValue();
            rest = rest.subtract(new BigDecimal(parts[i]));
        }
        return parts;
    }

    /** Taylor coefficients sign * 1/n! for n = from, from+step, ..., count terms. */
    private static double[] factorialSeries(int from, int step, int count, boolean alternate) {
        double[] c = new double[count];
        for (int i = 0; i < count; i++) {
            int n = from + i * step;
            double f = 1;
            for (int j = 2; j <= n; j++) f *= j;
            c[i] = (alternate && i % 2 == 1 ? -1 : 1) / f;
        }
        return c;
    }

    private static String exp() {
        PtxFunctionText f = new PtxFunctionText("jv_exp", List.of("x"), """
                exp(x) for doubles: x = k*ln2 + r with |r| <= ln2/2, e^r by its Taylor series to r^13
                (error < 1e-17), then scaled by 2^k in two steps so that each factor is a normal number.""");
        f.op("ld.param.f64 %%fd0, [x]");
        f.comment("clamp so that 2^k is buildable; out-of-range results are fixed up at the end");
        f.op("min.f64 %%fd1, %%fd0, %s", d(710.0)).op("max.f64 %%fd1, %%fd1, %s", d(-746.0));
        f.op("mul.rn.f64 %%fd2, %%fd1, %s", d(LOG2E)).op("cvt.rni.f64.f64 %%fd2, %%fd2");
        f.op("neg.f64 %%fd3, %%fd2");
        f.op("fma.rn.f64 %%fd4, %%fd3, %s, %%fd1", d(LN2_HI)).op("fma.rn.f64 %%fd4, %%fd3, %s, %%fd4", d(LN2_LO));
        f.horner("%fd5", "%fd4", factorialSeries(0, 1, 14, false));
        f.comment("2^k = 2^(k>>1) * 2^(k - (k>>1)), k in [-1077, 1025]");
        f.op("cvt.rzi.s32.f64 %%r0, %%fd2").op("shr.s32 %%r1, %%r0, 1").op("sub.s32 %%r2, %%r0, %%r1");
        f.powerOfTwo("%fd6", "%r1", "%r3", "%rd0").powerOfTwo("%fd7", "%r2", "%r4", "%rd1");
        f.op("mul.rn.f64 %%fd8, %%fd5, %%fd6").op("mul.rn.f64 %%fd8, %%fd8, %%fd7");
        f.comment("overflow -> +inf, underflow -> 0, NaN -> NaN");
        f.op("setp.gt.f64 %%p0, %%fd0, %s", d(709.782712893384)).op("selp.f64 %%fd8, %s, %%fd8, %%p0", d(Double.POSITIVE_INFINITY));
        f.op("setp.lt.f64 %%p1, %%fd0, %s", d(-745.1332191019412)).op("selp.f64 %%fd8, %s, %%fd8, %%p1", d(0.0));
        f.op("setp.nan.f64 %%p2, %%fd0, %%fd0").op("selp.f64 %%fd8, %%fd0, %%fd8, %%p2");
        return f.end("%fd8");
    }

    private static String log() {
        PtxFunctionText f = new PtxFunctionText("jv_log", List.of("x"), """
                log(x) for doubles: x = 2^e * m with m in [sqrt(1/2), sqrt(2)], log(m) = 2 atanh(s) with
                s = (m-1)/(m+1), |s| <= 0.172, by its series to s^23 (error < 1e-16).""");
        f.op("ld.param.f64 %%fd0, [x]");
        f.comment("subnormals: scale by 2^54 first so that the exponent field is meaningful");
        f.op("setp.lt.f64 %%p0, %%fd0, %s", d(0x1p-1022)).op("mul.rn.f64 %%fd1, %%fd0, %s", d(0x1p54));
        f.op("selp.f64 %%fd1, %%fd1, %%fd0, %%p0").op("selp.s32 %%r0, -54, 0, %%p0");
        f.op("mov.b64 %%rd0, %%fd1").op("shr.u64 %%rd1, %%rd0, 52").op("cvt.u32.u64 %%r1, %%rd1");
        f.op("and.b32 %%r1, %%r1, 2047").op("sub.s32 %%r1, %%r1, 1023").op("add.s32 %%r1, %%r1, %%r0");
        f.op("and.b64 %%rd2, %%rd0, 0x000FFFFFFFFFFFFF").op("or.b64 %%rd2, %%rd2, 0x3FF0000000000000").op("mov.b64 %%fd2, %%rd2");
        f.comment("m in [1, 2): halve it above sqrt(2)");
        f.op("setp.gt.f64 %%p1, %%fd2, %s", d(SQRT2)).op("mul.rn.f64 %%fd3, %%fd2, %s", d(0.5));
        f.op("selp.f64 %%fd2, %%fd3, %%fd2, %%p1").op("selp.s32 %%r2, 1, 0, %%p1").op("add.s32 %%r1, %%r1, %%r2");
        f.op("sub.rn.f64 %%fd4, %%fd2, %s", d(1.0)).op("add.rn.f64 %%fd5, %%fd2, %s", d(1.0)).op("div.rn.f64 %%fd6, %%fd4, %%fd5");
        f.op("mul.rn.f64 %%fd7, %%fd6, %%fd6");
        double[] c = new double[12];
        for (int n = 0; n < c.length; n++) c[n] = 2.0 / (2 * n + 1);
        f.horner("%fd8", "%fd7", c).op("mul.rn.f64 %%fd8, %%fd8, %%fd6");
        f.op("cvt.rn.f64.s32 %%fd9, %%r1");
        f.op("fma.rn.f64 %%fd10, %%fd9, %s, %%fd8", d(LN2_LO)).op("fma.rn.f64 %%fd10, %%fd9, %s, %%fd10", d(LN2_HI));
        f.comment("log(+inf) = +inf, log(+-0) = -inf, log(x < 0) = log(NaN) = NaN");
        f.op("setp.eq.f64 %%p2, %%fd0, %s", d(Double.POSITIVE_INFINITY)).op("selp.f64 %%fd10, %%fd0, %%fd10, %%p2");
        f.op("setp.eq.f64 %%p3, %%fd0, %s", d(0.0)).op("selp.f64 %%fd10, %s, %%fd10, %%p3", d(Double.NEGATIVE_INFINITY));
        f.op("setp.ltu.f64 %%p4, %%fd0, %s", d(0.0)).op("selp.f64 %%fd10, %s, %%fd10, %%p4", d(Double.NaN));
        return f.end("%fd10");
    }

    private static String sinCos(boolean cos) {
        String name = cos ? "jv_cos" : "jv_sin";
        PtxFunctionText f = new PtxFunctionText(name, List.of("x"), (cos ? "cos" : "sin") + """
                (x) for doubles: x = k*pi/2 + r with |r| <= pi/4 (Cody-Waite with pi/2 in three parts,
                each step one fma), then the sine or cosine Taylor polynomial of r picked by k mod 4.
                Accurate to ~1e-15 for |x| < 2^50; beyond that k*pi/2 needs more bits of pi (Payne-Hanek),
                which this reduction does not have, and the result degrades.""");
        f.op("ld.param.f64 %%fd0, [x]");
        f.op("mul.rn.f64 %%fd1, %%fd0, %s", d(2 / Math.PI)).op("cvt.rni.f64.f64 %%fd1, %%fd1").op("neg.f64 %%fd2, %%fd1");
        f.op("fma.rn.f64 %%fd3, %%fd2, %s, %%fd0", d(PIO2[0]));
        f.op("fma.rn.f64 %%fd3, %%fd2, %s, %%fd3", d(PIO2[1]));
        f.op("fma.rn.f64 %%fd3, %%fd2, %s, %%fd3", d(PIO2[2]));
        f.comment("quadrant q = k mod 4" + (cos ? ", plus one: cos(x) = sin(x + pi/2)" : ""));
        f.op("cvt.rzi.s64.f64 %%rd0, %%fd1").op("cvt.u32.u64 %%r0, %%rd0");
        if (cos) f.op("add.s32 %%r0, %%r0, 1");
        f.op("mul.rn.f64 %%fd4, %%fd3, %%fd3");
        f.comment("sin r = r + r^3 * (-1/3! + r^2/5! - ... ), to r^19");
        f.horner("%fd5", "%fd4", factorialSeries(3, 2, 9, true)).op("mul.rn.f64 %%fd6, %%fd3, %%fd4").op("fma.rn.f64 %%fd5, %%fd6, %%fd5, %%fd3");
        f.comment("cos r = 1 - r^2/2! + r^4/4! - ..., to r^18");
        f.horner("%fd7", "%fd4", factorialSeries(0, 2, 10, true));
        f.comment("q = 0: sin r, 1: cos r, 2: -sin r, 3: -cos r");
        f.op("and.b32 %%r1, %%r0, 1").op("setp.ne.s32 %%p0, %%r1, 0").op("selp.f64 %%fd8, %%fd7, %%fd5, %%p0");
        f.op("and.b32 %%r2, %%r0, 2").op("setp.ne.s32 %%p1, %%r2, 0").op("neg.f64 %%fd9, %%fd8").op("selp.f64 %%fd8, %%fd9, %%fd8, %%p1");
        if (!cos) {
            f.comment("tiny |x|: sin x = x, which also keeps the sign of -0.0");
            f.op("abs.f64 %%fd10, %%fd0").op("setp.lt.f64 %%p2, %%fd10, %s", d(0x1p-27)).op("selp.f64 %%fd8, %%fd0, %%fd8, %%p2");
        }
        return f.end("%fd8");
    }

    private static String tanh() {
        PtxFunctionText f = new PtxFunctionText("jv_tanh", List.of("x"), """
                tanh(x) for doubles: with a = 2|x| and E = e^a - 1, tanh|x| = E / (E + 2). E comes from its
                own Taylor series for a <= 0.5 (no cancellation near 0), else from jv_exp; |x| > 22 gives 1.""");
        f.op("ld.param.f64 %%fd0, [x]").op("abs.f64 %%fd1, %%fd0").op("add.rn.f64 %%fd2, %%fd1, %%fd1");
        double[] c = factorialSeries(1, 1, 15, false); // a^1/1! ... a^15/15!
        f.horner("%fd3", "%fd2", c).op("mul.rn.f64 %%fd3, %%fd3, %%fd2");
        f.raw(PtxCalls.call("jv_exp", "%fd4", List.of("%fd2"), "    "));
        f.op("sub.rn.f64 %%fd4, %%fd4, %s", d(1.0));
        f.op("setp.le.f64 %%p0, %%fd2, %s", d(0.5)).op("selp.f64 %%fd5, %%fd3, %%fd4, %%p0");
        f.op("add.rn.f64 %%fd6, %%fd5, %s", d(2.0)).op("div.rn.f64 %%fd7, %%fd5, %%fd6");
        f.op("setp.gt.f64 %%p1, %%fd1, %s", d(22.0)).op("selp.f64 %%fd7, %s, %%fd7, %%p1", d(1.0));
        f.comment("PTX copysign takes the sign from its FIRST source operand");
        f.op("copysign.f64 %%fd8, %%fd0, %%fd7");
        return f.end("%fd8");
    }

    private static String pow() {
        PtxFunctionText f = new PtxFunctionText("jv_pow", List.of("x", "y"), """
                Math.pow(x, y) for doubles: exp(y * log|x|), then java.lang.Math's special cases: y == 0 -> 1
                (even for NaN x), negative finite x with non-integer y -> NaN, negative x (or -0.0) with an
                odd integer y -> negative result. pow(+-1, +-inf) = NaN and the zero/infinity cases fall out
                of the IEEE arithmetic of exp(y * log|x|).""");
        f.op("ld.param.f64 %%fd0, [x]").op("ld.param.f64 %%fd1, [y]").op("abs.f64 %%fd2, %%fd0");
        f.raw(PtxCalls.call("jv_log", "%fd3", List.of("%fd2"), "    "));
        f.op("mul.rn.f64 %%fd4, %%fd1, %%fd3");
        f.raw(PtxCalls.call("jv_exp", "%fd5", List.of("%fd4"), "    "));
        f.comment("y integral? odd? (|y| >= 2^53 and infinities count as even integers)");
        f.op("cvt.rmi.f64.f64 %%fd6, %%fd1").op("setp.eq.f64 %%p0, %%fd6, %%fd1");
        f.op("mul.rn.f64 %%fd7, %%fd1, %s", d(0.5)).op("cvt.rmi.f64.f64 %%fd8, %%fd7").op("setp.ne.f64 %%p1, %%fd8, %%fd7");
        f.op("and.pred %%p2, %%p0, %%p1");
        f.comment("sign bit of x set and y odd: negate");
        f.op("mov.b64 %%rd0, %%fd0").op("setp.lt.s64 %%p3, %%rd0, 0").op("and.pred %%p3, %%p3, %%p2");
        f.op("neg.f64 %%fd9, %%fd5").op("selp.f64 %%fd5, %%fd9, %%fd5, %%p3");
        f.comment("finite x < 0 and non-integral y: NaN");
        f.op("setp.lt.f64 %%p4, %%fd0, %s", d(0.0)).op("testp.finite.f64 %%p5, %%fd0").op("and.pred %%p4, %%p4, %%p5");
        f.op("not.pred %%p6, %%p0").op("and.pred %%p4, %%p4, %%p6").op("selp.f64 %%fd5, %s, %%fd5, %%p4", d(Double.NaN));
        f.op("setp.eq.f64 %%p7, %%fd1, %s", d(0.0)).op("selp.f64 %%fd5, %s, %%fd5, %%p7", d(1.0));
        return f.end("%fd5");
    }

    private static String atan2() {
        PtxFunctionText f = new PtxFunctionText("jv_atan2", List.of("y", "x"), """
                Math.atan2(y, x) for doubles: t = min(|x|,|y|) / max(|x|,|y|) in [0, 1]; atan t by
                atan t = pi/4 + atan((t-1)/(t+1)) above tan(pi/8), then the series of atan u, |u| <= 0.415,
                to u^41; then the octant: pi/2 - a when |y| > |x|, pi - a when x is negative (or -0.0), and
                the sign of y. Equal magnitudes give t = 1 (t = 0 for two zeros), so infinities work too.""");
        f.op("ld.param.f64 %%fd0, [y]").op("ld.param.f64 %%fd1, [x]").op("abs.f64 %%fd2, %%fd0").op("abs.f64 %%fd3, %%fd1");
        f.op("min.f64 %%fd4, %%fd2, %%fd3").op("max.f64 %%fd5, %%fd2, %%fd3").op("div.rn.f64 %%fd6, %%fd4, %%fd5");
        f.op("setp.eq.f64 %%p0, %%fd2, %%fd3").op("setp.eq.f64 %%p1, %%fd3, %s", d(0.0));
        f.op("selp.f64 %%fd7, %s, %s, %%p1", d(0.0), d(1.0)).op("selp.f64 %%fd6, %%fd7, %%fd6, %%p0");
        f.op("setp.gt.f64 %%p2, %%fd6, %s", d(0.41421356237309503));
        f.op("sub.rn.f64 %%fd8, %%fd6, %s", d(1.0)).op("add.rn.f64 %%fd9, %%fd6, %s", d(1.0)).op("div.rn.f64 %%fd8, %%fd8, %%fd9");
        f.op("selp.f64 %%fd10, %%fd8, %%fd6, %%p2").op("mul.rn.f64 %%fd11, %%fd10, %%fd10");
        double[] c = new double[21];
        for (int n = 0; n < c.length; n++) c[n] = (n % 2 == 0 ? 1.0 : -1.0) / (2 * n + 1);
        f.horner("%fd12", "%fd11", c).op("mul.rn.f64 %%fd12, %%fd12, %%fd10");
        f.op("add.rn.f64 %%fd13, %%fd12, %s", d(PI_4)).op("selp.f64 %%fd12, %%fd13, %%fd12, %%p2");
        f.op("setp.gt.f64 %%p3, %%fd2, %%fd3").op("sub.rn.f64 %%fd14, %s, %%fd12", d(PI_2)).op("selp.f64 %%fd12, %%fd14, %%fd12, %%p3");
        f.op("mov.b64 %%rd0, %%fd1").op("setp.lt.s64 %%p4, %%rd0, 0").op("sub.rn.f64 %%fd15, %s, %%fd12", d(PI)).op("selp.f64 %%fd12, %%fd15, %%fd12, %%p4");
        f.comment("PTX copysign takes the sign from its FIRST source operand");
        f.op("copysign.f64 %%fd16, %%fd0, %%fd12");
        f.op("setp.nan.f64 %%p5, %%fd0, %%fd1").op("add.rn.f64 %%fd17, %%fd0, %%fd1").op("selp.f64 %%fd16, %%fd17, %%fd16, %%p5");
        return f.end("%fd16");
    }

    private static String fmod() {
        PtxFunctionText f = new PtxFunctionText("jv_fmod", List.of("x", "y"), """
                Java's % on doubles (C fmod), exactly: r = |x|; while r >= |y|: t = |y| * 2^j with j chosen so
                that r / t < 2^27, r -= trunc(r / t) * t by one fma (the result is representable, so exact),
                add t back if the quotient was rounded up. Each round removes >= 26 bits of exponent gap.
                The result has the sign of x; x infinite, y zero or a NaN give NaN; |x| < |y| gives x.""");
        f.op("ld.param.f64 %%fd0, [x]").op("ld.param.f64 %%fd1, [y]").op("abs.f64 %%fd2, %%fd0").op("abs.f64 %%fd3, %%fd1");
        exponent(f, "%fd3", "%r0", "%fd20", "%p10", "%rd10");
        f.label("FMOD_LOOP");
        f.op("setp.ge.f64 %%p0, %%fd2, %%fd3").op("@!%%p0 bra FMOD_DONE");
        exponent(f, "%fd2", "%r1", "%fd20", "%p10", "%rd10");
        f.comment("j = max(0, e(r) - e(|y|) - 26), applied as three powers of two (j may exceed 1023)");
        f.op("sub.s32 %%r2, %%r1, %%r0").op("sub.s32 %%r2, %%r2, 26").op("max.s32 %%r2, %%r2, 0");
        f.op("div.s32 %%r3, %%r2, 3").op("sub.s32 %%r4, %%r2, %%r3").op("sub.s32 %%r4, %%r4, %%r3");
        f.powerOfTwo("%fd4", "%r3", "%r5", "%rd1").powerOfTwo("%fd5", "%r4", "%r6", "%rd2");
        f.op("mul.rn.f64 %%fd6, %%fd3, %%fd4").op("mul.rn.f64 %%fd6, %%fd6, %%fd4").op("mul.rn.f64 %%fd6, %%fd6, %%fd5");
        f.op("div.rn.f64 %%fd7, %%fd2, %%fd6").op("cvt.rzi.f64.f64 %%fd7, %%fd7").op("neg.f64 %%fd7, %%fd7");
        f.op("fma.rn.f64 %%fd2, %%fd7, %%fd6, %%fd2");
        f.op("setp.lt.f64 %%p1, %%fd2, %s", d(0.0)).op("add.rn.f64 %%fd8, %%fd2, %%fd6").op("selp.f64 %%fd2, %%fd8, %%fd2, %%p1");
        f.op("bra.uni FMOD_LOOP");
        f.label("FMOD_DONE");
        f.comment("PTX copysign takes the sign from its FIRST source operand");
        f.op("copysign.f64 %%fd9, %%fd0, %%fd2");
        f.op("testp.infinite.f64 %%p2, %%fd0").op("setp.eq.f64 %%p3, %%fd1, %s", d(0.0)).op("or.pred %%p2, %%p2, %%p3");
        f.op("setp.nan.f64 %%p4, %%fd0, %%fd1").op("or.pred %%p2, %%p2, %%p4").op("selp.f64 %%fd9, %s, %%fd9, %%p2", d(Double.NaN));
        return f.end("%fd9");
    }

    /** e = the binary exponent of a positive finite v (subnormals included, via a 2^54 pre-scale). */
    private static void exponent(PtxFunctionText f, String v, String e, String tmpF, String tmpP, String tmpL) {
        f.op("setp.lt.f64 %s, %s, %s", tmpP, v, d(0x1p-1022)).op("mul.rn.f64 %s, %s, %s", tmpF, v, d(0x1p54));
        f.op("selp.f64 %s, %s, %s, %s", tmpF, tmpF, v, tmpP);
        f.op("mov.b64 %s, %s", tmpL, tmpF).op("shr.u64 %s, %s, 52", tmpL, tmpL).op("cvt.u32.u64 %s, %s", e, tmpL);
        f.op("and.b32 %s, %s, 2047", e, e).op("sub.s32 %s, %s, 1023", e, e);
        f.op("@%s sub.s32 %s, %s, 54", tmpP, e, e);
    }
}
