package org.trm4j.jit.opencl;

/**
 * Small inline functions that give OpenCL C Java's semantics where the built-ins differ.
 * The renderer emits only the ones a kernel uses, in this enum's order.
 */
enum OpenClHelpers {
    /** Java: MIN_VALUE / -1 == MIN_VALUE (x86 traps, and PoCL runs on x86). Division by zero, which
     *  Java throws for, gives 0 here: a device cannot throw, and a trap would kill the JVM on CPU devices. */
    IDIV("jv_idiv", """
            static inline int jv_idiv(int a, int b) {
                return b == 0 ? 0 : (b == -1 ? (int)(0u - (uint)a) : a / b);
            }"""),
    IREM("jv_irem", """
            static inline int jv_irem(int a, int b) {
                return (b == 0 || b == -1) ? 0 : a % b;
            }"""),
    LDIV("jv_ldiv", """
            static inline long jv_ldiv(long a, long b) {
                return b == 0 ? 0L : (b == -1L ? (long)(0UL - (ulong)a) : a / b);
            }"""),
    LREM("jv_lrem", """
            static inline long jv_lrem(long a, long b) {
                return (b == 0 || b == -1L) ? 0L : a % b;
            }"""),

    /** Java float->int: round toward zero, saturate, NaN -> 0 (the _sat conversions should map NaN to 0; some don't). */
    F2I("jv_f2i", """
            static inline int jv_f2i(float x) { return isnan(x) ? 0 : convert_int_sat_rtz(x); }"""),
    F2L("jv_f2l", """
            static inline long jv_f2l(float x) { return isnan(x) ? 0L : convert_long_sat_rtz(x); }"""),
    D2I("jv_d2i", """
            static inline int jv_d2i(double x) { return isnan(x) ? 0 : convert_int_sat_rtz(x); }"""),
    D2L("jv_d2l", """
            static inline long jv_d2l(double x) { return isnan(x) ? 0L : convert_long_sat_rtz(x); }"""),

    /** Math.min/max: NaN wins (fmin/fmax return the other operand), and -0.0 < +0.0 (fmin may return either). */
    FMIN("jv_fmin", """
            static inline float jv_fmin(float a, float b) {
                if (isnan(a)) return a;
                if (isnan(b)) return b;
                if (a == b) return as_float(as_int(a) | as_int(b)); /* min(-0.0, 0.0) == -0.0 */
                return a < b ? a : b;
            }"""),
    FMAX("jv_fmax", """
            static inline float jv_fmax(float a, float b) {
                if (isnan(a)) return a;
                if (isnan(b)) return b;
                if (a == b) return as_float(as_int(a) & as_int(b)); /* max(-0.0, 0.0) == 0.0 */
                return a > b ? a : b;
            }"""),
    DMIN("jv_dmin", """
            static inline double jv_dmin(double a, double b) {
                if (isnan(a)) return a;
                if (isnan(b)) return b;
                if (a == b) return as_double(as_long(a) | as_long(b));
                return a < b ? a : b;
            }"""),
    DMAX("jv_dmax", """
            static inline double jv_dmax(double a, double b) {
                if (isnan(a)) return a;
                if (isnan(b)) return b;
                if (a == b) return as_double(as_long(a) & as_long(b));
                return a > b ? a : b;
            }"""),

    /** Math.pow differs from C99 pow in two cases: pow(x, NaN) is NaN even for x == 1, and pow(+-1, +-Inf) is NaN. */
    FPOW("jv_fpow", """
            static inline float jv_fpow(float x, float y) {
                if (isnan(y) || (fabs(x) == 1.0f && isinf(y))) return as_float(0x7fc00000u);
                return pow(x, y);
            }"""),
    DPOW("jv_dpow", """
            static inline double jv_dpow(double x, double y) {
                if (isnan(y) || (fabs(x) == 1.0 && isinf(y))) return as_double(0x7ff8000000000000UL);
                return pow(x, y);
            }"""),

    FSIGMOID("jv_fsigmoid", """
            static inline float jv_fsigmoid(float x) { return 1.0f / (1.0f + exp(-x)); }"""),
    DSIGMOID("jv_dsigmoid", """
            static inline double jv_dsigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }""");

    final String function;
    final String source;

    OpenClHelpers(String function, String source) {
        this.function = function;
        this.source = source;
    }
}
