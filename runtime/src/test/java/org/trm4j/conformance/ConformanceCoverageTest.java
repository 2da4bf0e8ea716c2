package org.trm4j.conformance;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite is as big as promised and every kernel is exercised by at least one case. */
class ConformanceCoverageTest {

    @Test
    void suiteHasAtLeastFortyKernels() {
        int n = ConformanceKernels.kernels().size();
        assertTrue(n >= 40, "the conformance suite has only " + n + " kernels");
    }

    @Test
    void everyKernelIsInACase() {
        Set<Method> covered = ConformanceKernels.kernelsOf(allCases());
        List<String> uncovered = ConformanceKernels.kernels().stream().filter(m -> !covered.contains(m))
                .map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName()).toList();
        assertEquals(List.of(), uncovered, "kernels without a case");
    }

    @Test
    void everyCaseRunsASuiteKernel() {
        Set<Method> kernels = new HashSet<>(ConformanceKernels.kernels());
        List<String> strays = allCases().stream().filter(c -> !kernels.contains(ConformanceKernels.kernelOf(c)))
                .map(ConformanceCase::name).toList();
        assertEquals(List.of(), strays, "cases whose kernel is not a public static method of a kernel class");
    }

    @Test
    void caseNamesAreUnique() {
        Set<String> seen = new HashSet<>();
        List<String> dups = allCases().stream().map(ConformanceCase::name).filter(n -> !seen.add(n)).toList();
        assertEquals(List.of(), dups, "duplicate case names");
    }

    @Test
    void sameSeedGivesSameInputs() {
        for (ConformanceCase c : allCases()) {
            List<KernelArg> a = c.makeArgs(42), b = c.makeArgs(42);
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof KernelArg.In in) {
                    Mismatch m = OutputComparison.compareArrays(i, in.value(), (org.trm4j.api.NativeArray) b.get(i).value(), Tolerance.BIT_EXACT);
                    assertEquals(null, m, c.name() + ": inputs are not a function of the seed");
                } else if (a.get(i) instanceof KernelArg.Scalar s) {
                    assertEquals(s.value(), b.get(i).value(), c.name() + ": scalar argument " + i + " is not a function of the seed");
                }
            }
        }
    }

    /** All cases, ignoring any trm.conformance.only filter. */
    private static List<ConformanceCase> allCases() {
        String only = System.clearProperty("trm.conformance.only");
        try {
            return ConformanceKernels.cases();
        } finally {
            if (only != null) System.setProperty("trm.conformance.only", only);
        }
    }
}
