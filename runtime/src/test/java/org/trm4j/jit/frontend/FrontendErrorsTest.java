package org.trm4j.jit.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every unsupported construct is a KernelCompileException naming class, method, bci and source line. */
class FrontendErrorsTest {
    private static final Path SOURCE = Path.of("src/test/java/org/trm4j/jit/frontend/BadKernels.java");

    /** Line of the "//!marker" comment in BadKernels.java. */
    static int lineOf(String marker) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++)
            if (lines.get(i).trim().endsWith("//!" + marker)) return i + 1;
        throw new AssertionError("no marker //!" + marker);
    }

    static Method method(String name) {
        for (Method m : BadKernels.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError("no kernel " + name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            allocation        | allocation        | object allocation 'new java/util/ArrayList'
            newArray          | newArray          | use FloatArray
            javaArrayParam    | javaArrayParam    | of Java arrays only float[], int[], double[], long[], short[], char[] and byte[] can be used
            throwing          | throwing          | throwing exceptions
            asserting         | asserting         | assert
            virtualCall       | virtualCall       | FloatArray.init is not supported
            lambda            | lambda            | invokedynamic
            stringConcat      | stringConcat      | invokedynamic
            recursive         | fact              | recursion is not supported in kernels: BadKernels.recursive -> BadKernels.fact -> BadKernels.fact
            mutualRecursion   | pong              | recursion is not supported in kernels: BadKernels.mutualRecursion -> BadKernels.ping -> BadKernels.pong -> BadKernels.ping
            staticField       | staticField       | reading static field
            staticWrite       | staticWrite       | writing static field
            synchronizedBlock | synchronizedBlock | synchronized
            tryCatch          | tryCatch          | try/catch
            libraryCall       | libraryCall       | java.lang.Math.round
            parallelStep      | parallelStep      | step by +1
            swappedBuffers    | swappedBuffers    | different array on the next loop iteration
            ternaryArray      | ternaryArray      | different arrays depending on the path
            nullCheck         | nullCheck         | null
            returnsValue      | returnsValue      | must return void
            instanceKernel    | instanceKernel    | must be static
            barrierInIf       | barrierInIf       | a barrier must be reached by every work-item of the group
            barrierAfterReturn | barrierAfterReturn | a barrier must be reached by every work-item of the group
            barrierInDataLoop | barrierInDataLoop | a barrier must be reached by every work-item of the group
            barrierAfterBreak | barrierAfterBreak | a barrier must be reached by every work-item of the group
            barrierInInlinedHelper | syncInHelper | a barrier must be reached by every work-item of the group
            """)
    void rejected(String kernel, String errorMethod, String expected) throws IOException {
        KernelCompileException e = assertThrows(KernelCompileException.class, () -> KernelCompiler.compile(method(kernel)));
        String msg = e.getMessage();
        int line = lineOf(errorMethod);
        String where = "BadKernels." + errorMethod + " (BadKernels.java:" + line + ", bci ";
        assertTrue(msg.startsWith(where), () -> "expected position " + where + "... in: " + msg);
        assertTrue(msg.contains(expected), () -> "expected '" + expected + "' in: " + msg);
        if (!kernel.equals(errorMethod))
            assertTrue(msg.contains("inlined into BadKernels." + kernel + " (BadKernels.java:"), () -> "call chain missing in: " + msg);
    }

    @org.junit.jupiter.api.Test
    void failedCompileIsNotCached() {
        Method m = method("allocation");
        KernelCompileException a = assertThrows(KernelCompileException.class, () -> KernelCompiler.compile(m));
        KernelCompileException b = assertThrows(KernelCompileException.class, () -> KernelCompiler.compile(m));
        assertEquals(a.getMessage(), b.getMessage());
    }
}
