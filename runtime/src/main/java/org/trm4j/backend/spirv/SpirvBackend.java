package org.trm4j.backend.spirv;

import org.trm4j.backend.opencl.OpenCl;
import org.trm4j.backend.opencl.OpenClBackend;
import org.trm4j.backend.opencl.OpenClDevice;
import org.trm4j.backend.opencl.OpenClDeviceInfo;
import org.trm4j.runtime.DiscoveringBackend;

import java.util.List;
import java.util.Optional;

/**
 * The SPIR-V backend: every OpenCL device that can run SPIR-V, as "spirv:P:D" (the same P and D as
 * its "opencl:P:D"). A device takes SPIR-V directly when it has cl_khr_il_program or reports an IL
 * version ({@link SpirvLoadPath#IL}); otherwise, when it takes SPIR 1.2 bitcode (cl_khr_spir) and
 * llvm-spirv-15 is installed, through bitcode ({@link SpirvLoadPath#LLVM_BITCODE}). Devices that
 * can do neither are not listed; {@link #skipped()} says why for each, and {@link #unavailableReason()}
 * too when no device is left. Discovery happens on first use and never throws.
 */
public final class SpirvBackend extends DiscoveringBackend<SpirvDevice> {
    public SpirvBackend() {}

    @Override public String name() { return "spirv"; }

    /** One line per OpenCL device that is not listed, saying why (empty when every device is listed). */
    public List<String> skipped() { return problems(); }

    /**
     * How a device with {@code info} would load SPIR-V, or empty when it cannot.
     *
     * @param loaderHasIl         the ICD loader exports clCreateProgramWithIL
     * @param translatorInstalled llvm-spirv-15 is installed
     */
    public static Optional<SpirvLoadPath> loadPathFor(OpenClDeviceInfo info, boolean loaderHasIl, boolean translatorInstalled) {
        if (takesSpirv(info) && loaderHasIl) return Optional.of(SpirvLoadPath.IL);
        if (info.hasExtension("cl_khr_spir") && translatorInstalled) return Optional.of(SpirvLoadPath.LLVM_BITCODE);
        return Optional.empty();
    }

    /** cl_khr_il_program, or a core OpenCL 2.1+ device whose CL_DEVICE_IL_VERSION names SPIR-V. */
    private static boolean takesSpirv(OpenClDeviceInfo info) {
        return info.hasExtension("cl_khr_il_program") || info.ilVersion().contains("SPIR-V");
    }

    @Override protected void discover(List<SpirvDevice> found, List<String> problems) {
        OpenCl cl = OpenCl.get();
        Optional<LlvmSpirvTranslator> translator = LlvmSpirvTranslator.find();
        OpenClBackend.forEachDevice(cl, "spirv", problems, (id, platform, handle) -> {
            OpenClDevice device = new OpenClDevice(cl, platform, handle, id);
            Optional<SpirvLoadPath> path = loadPathFor(device.info(), cl.hasProgramWithIL(), translator.isPresent());
            if (path.isPresent()) {
                found.add(new SpirvDevice(device, path.get(), path.get() == SpirvLoadPath.LLVM_BITCODE ? translator.get() : null));
            } else {
                problems.add(id + " (" + device.info().name() + "): " + whyNot(device.info(), cl.library(), cl.hasProgramWithIL(), translator.isPresent()));
            }
        });
    }

    /** Why {@link #loadPathFor} found no way in, e.g. "no cl_khr_il_program or SPIR-V IL version, and no cl_khr_spir for LLVM bitcode". */
    static String whyNot(OpenClDeviceInfo info, String library, boolean loaderHasIl, boolean translatorInstalled) {
        String direct = !takesSpirv(info) ? "no cl_khr_il_program or SPIR-V IL version"
                : loaderHasIl ? "(IL path available)" : "it takes SPIR-V but " + library + " has no clCreateProgramWithIL";
        String bitcode = !info.hasExtension("cl_khr_spir") ? "no cl_khr_spir for LLVM bitcode"
                : translatorInstalled ? "(bitcode path available)" : LlvmSpirvTranslator.missingReason();
        return direct + ", and " + bitcode;
    }
}
