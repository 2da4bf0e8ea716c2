package org.trm4j.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.NativeArray;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every case on every device, compared with the java backend: one test per (device, case).
 * The java backend is also checked against itself (the kernels must be deterministic and write
 * every output they should). {@code -Dtrm.conformance.devices=opencl:0:0,...} restricts the devices;
 * {@code TRM_REQUIRE_BACKENDS=java,opencl} fails the run when a listed backend has no device.
 */
class ConformanceSuiteTest {
    static final String DEVICES_PROPERTY = "trm.conformance.devices";
    private static final ConformanceSummary SUMMARY = new ConformanceSummary();

    @Test
    void requiredBackendsHaveDevices() {
        List<Device> devices = Devices.list();
        List<String> missing = RequiredBackends.missing(devices);
        if (!missing.isEmpty()) fail(RequiredBackends.explain(missing, devices));
    }

    @TestFactory
    Stream<DynamicContainer> everyCaseOnEveryDevice() {
        Device java = Devices.get("java");
        List<ConformanceCase> cases = ConformanceKernels.cases();
        System.out.println("conformance: " + cases.size() + " cases, " + ConformanceKernels.kernelsOf(cases).size()
                + " kernels, devices " + Devices.list().stream().map(Device::id).toList() + ", " + ConformanceSeed.replayHint());
        return devicesUnderTest().stream().map(device -> DynamicContainer.dynamicContainer(device.id(),
                cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + " on " + device.id(), () -> check(c, java, device)))));
    }

    @AfterAll
    static void writeSummary() throws IOException {
        SUMMARY.write(ConformanceSummary.defaultFile());
    }

    /** java first (self-check), then every other device, or those named by trm.conformance.devices. */
    private static List<Device> devicesUnderTest() {
        List<Device> all = Devices.list();
        String chosen = System.getProperty(DEVICES_PROPERTY, "");
        List<Device> out = new ArrayList<>();
        if (chosen.isBlank()) {
            out.addAll(all);
        } else {
            Set<String> ids = Set.of(chosen.split(","));
            for (String id : ids) Devices.get(id.trim()); // unknown ids fail loudly, listing what exists
            all.stream().filter(d -> ids.contains(d.id())).forEach(out::add);
        }
        return out;
    }

    /** A hung kernel fails its case after this long instead of stalling the suite (-Dtrm.conformance.timeoutSeconds). */
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(Long.getLong("trm.conformance.timeoutSeconds", 120));

    private static void check(ConformanceCase c, Device java, Device device) {
        try {
            assertTimeoutPreemptively(CASE_TIMEOUT, () -> checkNow(c, java, device),
                    () -> "case " + c.name() + " on " + device.id() + " (or its java reference run) did not finish within " + CASE_TIMEOUT);
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains("did not finish within"))
                SUMMARY.record(device, ConformanceKernels.kernelOf(c).getName(), c.name(), e.getMessage());
            throw e;
        }
    }

    private static void checkNow(ConformanceCase c, Device java, Device device) {
        long seed = ConformanceSeed.forCase(c.name());
        String kernel = ConformanceKernels.kernelOf(c).getName();
        String where = "case " + c.name() + " (kernel " + kernel + ") on " + device.id() + ", " + ConformanceSeed.replayHint()
                + " -Dtrm.conformance.only=" + c.name();
        List<KernelArg> expected = CaseRunner.run(c, java, seed);
        if (c.writesEveryOutput()) requireFullyWritten(expected, where);
        List<KernelArg> actual;
        try {
            actual = CaseRunner.run(c, device, seed);
        } catch (RuntimeException | Error e) {
            SUMMARY.record(device, kernel, c.name(), "run failed: " + e);
            throw new AssertionError(where + ": run failed: " + e, e);
        }
        List<Mismatch> mismatches = OutputComparison.compare(expected, actual, c.tolerance());
        if (mismatches.isEmpty()) {
            SUMMARY.record(device, kernel, c.name(), null);
            return;
        }
        StringBuilder sb = new StringBuilder(where).append(": output differs from java (tolerance ").append(c.tolerance()).append(")");
        for (Mismatch m : mismatches) sb.append("\n  ").append(m);
        SUMMARY.record(device, kernel, c.name(), sb.substring(where.length() + 2));
        fail(sb.toString());
    }

    /** The java reference must write every output element (unless the case says otherwise): else the case is broken. */
    private static void requireFullyWritten(List<KernelArg> args, String where) {
        for (int a = 0; a < args.size(); a++) {
            if (!(args.get(a) instanceof KernelArg.Out o)) continue;
            NativeArray arr = o.value();
            int i = Poison.firstPoisoned(arr);
            if (i >= 0) fail(where + ": the java reference left argument " + a + " element " + i + " unwritten; the case or kernel is wrong");
        }
    }
}
