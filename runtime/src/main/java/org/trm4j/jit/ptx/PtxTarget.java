package org.trm4j.jit.ptx;

/**
 * What a PTX module declares: the PTX ISA version ({@code .version major.minor}) and the target
 * architecture ({@code .target sm_XY}).
 *
 * <p>A module may declare an older ISA and a lower target than the machine has: ptxas and the
 * driver's JIT compile a {@code sm_70} module for any newer GPU. The ISA version must not exceed
 * what the driver knows, or cuModuleLoadDataEx refuses the module; {@link #forDriver} picks the
 * highest ISA the installed driver accepts.
 *
 * @param isaMajor PTX ISA major version (7 in ".version 7.0")
 * @param isaMinor PTX ISA minor version
 * @param smArch   compute capability as major*10 + minor (75 for sm_75, 90 for sm_90, 120 for sm_120)
 */
public record PtxTarget(int isaMajor, int isaMinor, int smArch) {

    /**
     * The target for offline use ({@code trm kernels export}, tests with ptxas): ISA 7.0 and sm_70.
     * It loads on every driver from CUDA 11.0 on and JIT-compiles for Volta and every later GPU;
     * CUDA 13's ptxas refuses {@code -arch=sm_70} but assembles this module for sm_75 and newer.
     */
    public static final PtxTarget DEFAULT = new PtxTarget(7, 0, 70);

    public PtxTarget {
        if (isaMajor < 1 || isaMinor < 0 || isaMinor > 9) throw new IllegalArgumentException("bad PTX ISA version " + isaMajor + "." + isaMinor);
        if (smArch < 30) throw new IllegalArgumentException("bad target sm_" + smArch);
    }

    /**
     * Highest PTX ISA per CUDA driver version (cuDriverGetVersion: 1000*major + 10*minor), from the
     * "PTX ISA release history" of NVIDIA's PTX ISA documentation. Rows: {cuda, isaMajor, isaMinor}.
     */
    private static final int[][] ISA_BY_DRIVER = {
            {9000, 6, 0}, {9010, 6, 1}, {9020, 6, 2},
            {10000, 6, 3}, {10010, 6, 4}, {10020, 6, 5},
            {11000, 7, 0}, {11010, 7, 1}, {11020, 7, 2}, {11030, 7, 3}, {11040, 7, 4}, {11050, 7, 5},
            {11060, 7, 6}, {11070, 7, 7}, {11080, 7, 8},
            {12000, 8, 0}, {12010, 8, 1}, {12020, 8, 2}, {12030, 8, 3}, {12040, 8, 4}, {12050, 8, 5},
            {12060, 8, 5}, {12070, 8, 6}, {12080, 8, 7}, {12090, 8, 8},
            {13000, 9, 0},
    };

    /**
     * The module to hand a driver: the highest ISA the driver of version {@code cuDriverVersion}
     * accepts (a newer driver than this table knows gets the newest row), targeting the device's own
     * compute capability.
     *
     * @throws IllegalArgumentException for drivers older than CUDA 9.0
     */
    public static PtxTarget forDriver(int cuDriverVersion, int ccMajor, int ccMinor) {
        int[] best = null;
        for (int[] row : ISA_BY_DRIVER) if (row[0] <= cuDriverVersion) best = row;
        if (best == null)
            throw new IllegalArgumentException("CUDA driver " + versionString(cuDriverVersion) + " is too old: trm4j needs CUDA 9.0 or newer");
        return new PtxTarget(best[1], best[2], ccMajor * 10 + ccMinor);
    }

    /** "12.4" for 12040. */
    public static String versionString(int cuDriverVersion) {
        return cuDriverVersion / 1000 + "." + (cuDriverVersion % 1000) / 10;
    }

    /** "7.0" */
    public String isaVersion() { return isaMajor + "." + isaMinor; }

    /** "sm_70" */
    public String arch() { return "sm_" + smArch; }

    @Override public String toString() { return "PTX " + isaVersion() + " " + arch(); }
}
