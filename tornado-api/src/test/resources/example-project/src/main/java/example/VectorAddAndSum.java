package example;

import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.annotations.Reduce;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/** A TornadoVM-style program: vector addition and a @Reduce sum on every device; prints one line per device. */
public class VectorAddAndSum {

    public static void add(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) {
            c.set(i, a.get(i) + b.get(i));
        }
    }

    public static void sum(FloatArray input, @Reduce FloatArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) {
            result.set(0, result.get(0) + input.get(i));
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        FloatArray a = new FloatArray(n), b = new FloatArray(n), c = new FloatArray(n), total = new FloatArray(1);
        for (int i = 0; i < n; i++) {
            a.set(i, i);
            b.set(i, 1);
        }
        TaskGraph graph = new TaskGraph("s0")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, a, b, total)
                .task("add", VectorAddAndSum::add, a, b, c)
                .task("sum", VectorAddAndSum::sum, c, total)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c, total);
        ImmutableTaskGraph itg = graph.snapshot();
        float expected = (float) ((double) n * (n + 1) / 2);
        boolean ok = true;
        TornadoRuntime runtime = TornadoRuntimeProvider.getTornadoRuntime();
        for (int backend = 0; backend < runtime.getNumBackends(); backend++) {
            for (int d = 0; d < runtime.getBackend(backend).getDeviceCount(); d++) {
                TornadoDevice device = TornadoExecutionPlan.getDevice(backend, d);
                total.set(0, 0f);
                try (TornadoExecutionPlan plan = new TornadoExecutionPlan(itg)) {
                    plan.withDevice(device).execute();
                }
                boolean good = total.get(0) == expected && c.get(n - 1) == n;
                ok &= good;
                System.out.println((good ? "OK   " : "FAIL ") + device.getDescription() + ": sum = " + total.get(0) + " (expected " + expected + ")");
            }
        }
        if (!ok) System.exit(1);
    }
}
