package org.trm4j.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Whether the JVM's signal handlers survive the native libraries we load.
 *
 * <p>The JVM handles its own SIGSEGV, SIGBUS, SIGILL and SIGFPE: a null dereference, a safepoint poll or an
 * integer division by zero in compiled Java code raises one, and the JVM turns it into an exception or a pause.
 * PoCL replaces those handlers when it starts: LLVM installs its crash handler for SIGSEGV/SIGBUS/SIGILL, and
 * PoCL a SIGFPE handler that skips a kernel's faulting division. Measured on PoCL 3.1: afterwards an
 * {@code int} division by zero in hot Java code returns garbage instead of throwing, and now and then the JVM
 * dies of a plain "Segmentation fault" with no hs_err file (the JVM's own signal reached LLVM's handler).
 *
 * <p>The JDK's remedy is signal chaining: {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so} keeps the JVM's handlers
 * first and passes on to a library's handler only the signals that are not the JVM's. {@code ./trm}, the bundle's
 * launcher and the test build set it; a program that loads OpenCL in a JVM started without it is warned once.
 */
public final class SignalChaining {
    /** A symbol only libjsig defines. */
    private static final String LIBJSIG_SYMBOL = "JVM_get_signal_action";
    private static final Linker LINKER = Linker.nativeLinker();
    private static boolean warned;

    private SignalChaining() {}

    /** True when libjsig is loaded in this process (preloaded: loading it later does not help). */
    public static boolean active() {
        try {
            MethodHandle dlsym = LINKER.downcallHandle(libc("dlsym"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
            try (Arena a = Scratch.open()) {
                MemorySegment symbol = (MemorySegment) dlsym.invokeExact(MemorySegment.NULL /* RTLD_DEFAULT */, a.allocateFrom(LIBJSIG_SYMBOL));
                return symbol.address() != 0;
            }
        } catch (Throwable t) {
            return false; // no dlsym: not a glibc system; we cannot tell, and say so through the warning
        }
    }

    /** The launcher setting that turns signal chaining on for a JVM started from {@code javaHome}. */
    public static String preload(Path javaHome) { return "LD_PRELOAD=" + javaHome.resolve("lib").resolve("libjsig.so"); }

    /**
     * Says once on stderr, when {@code library} is about to be loaded into a JVM without signal chaining, what can go
     * wrong and how to start the JVM instead. Never throws: the program may still run correctly for a long time.
     */
    public static synchronized void warnIfInactive(String library) {
        if (warned || active()) return;
        warned = true;
        System.err.println("trm4j: warning: " + library + " replaces the JVM's signal handlers (LLVM's crash handler, PoCL's SIGFPE),"
                + " which can turn a Java division by zero into a wrong result or crash the JVM; start java with "
                + preload(Path.of(System.getProperty("java.home"))) + " (./trm and the test build do)");
    }

    /**
     * The shared object whose function handles {@code signal} now (from sigaction and dladdr), e.g. ".../libjvm.so"; empty
     * when there is no handler function (default or ignored) or it lies in no shared object.
     */
    public static Optional<String> handlerLibrary(int signal) {
        try (Arena a = Scratch.open()) {
            MethodHandle sigaction = LINKER.downcallHandle(libc("sigaction"), FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
            MethodHandle dladdr = LINKER.downcallHandle(libc("dladdr"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
            MemorySegment action = a.allocate(512); // struct sigaction: the handler is its first field
            if ((int) sigaction.invokeExact(signal, MemorySegment.NULL, action) != 0) return Optional.empty();
            long handler = action.get(JAVA_LONG, 0);
            if (handler == 0 || handler == 1) return Optional.empty(); // SIG_DFL, SIG_IGN
            MemorySegment info = a.allocate(32); // Dl_info: dli_fname, dli_fbase, dli_sname, dli_saddr
            if ((int) dladdr.invokeExact(MemorySegment.ofAddress(handler), info) == 0) return Optional.empty();
            MemorySegment name = info.get(ADDRESS, 0);
            return name.address() == 0 ? Optional.empty() : Optional.of(name.reinterpret(4096).getString(0));
        } catch (Throwable t) {
            throw new IllegalStateException("cannot read the handler of signal " + signal + ": " + t.getMessage(), t);
        }
    }

    private static MemorySegment libc(String function) {
        Optional<MemorySegment> f = LINKER.defaultLookup().find(function);
        if (f.isEmpty()) f = SymbolLookup.libraryLookup("libc.so.6", Arena.global()).find(function); // dladdr lives in libc since glibc 2.34
        return f.orElseThrow(() -> new IllegalStateException("no " + function + " in the C library"));
    }
}
