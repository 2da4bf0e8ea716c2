package org.trm4j.runtime;

import org.trm4j.api.Device;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.ParallelDim;

import java.util.Arrays;

/**
 * The global and local work sizes of one launch, shared by every device backend.
 *
 * <p>With a user {@link WorkerGrid} its sizes are used. Otherwise a loop-parallel kernel gets, per
 * grid dimension, the bound of its @Parallel loop read from the actual arguments, and the driver
 * picks the work-group size. Loop-parallel kernels are lowered to grid-stride loops, so any global
 * size is correct; the bound only makes the launch efficient. A KernelContext kernel has no loop to
 * size the grid from, so it needs a WorkerGrid.
 */
public final class LaunchGeometry {
    /**
     * Global size of a @Parallel dimension whose bound is not known statically (e.g. an expression).
     * 4096 work-items fill any current device; the grid-stride loop covers the rest of the range.
     */
    /**
     * The work-items of a grid-stride loop whose bound is not known before the launch: enough to fill the device
     * (four full work-groups per compute unit), the loop covers the rest.
     */
    public static long fillingSize(Device device) {
        return 4L * Math.max(1, device.computeUnits()) * Math.max(1, device.maxWorkGroupSize());
    }

    private final long[] global;
    private final long[] local;

    private LaunchGeometry(long[] global, long[] local) {
        this.global = global;
        this.local = local;
    }

    /** Global work sizes, one per dimension. */
    public long[] global() { return global.clone(); }

    /** Local work sizes, or null when the driver chooses. */
    public long[] local() { return local == null ? null : local.clone(); }

    public int dimensions() { return global.length; }

    /** Total number of work-items. */
    public long totalWorkItems() { return Arrays.stream(global).reduce(1, Math::multiplyExact); }

    /**
     * The geometry of launching {@code k} on {@code args}.
     *
     * @param grid     the user's grid for this task, or null
     * @param taskName "graph.task" (or any name the user will recognise), for error messages
     */
    public static LaunchGeometry of(Kernel k, Object[] args, WorkerGrid grid, String taskName, Device device) {
        int dims = k.dimensions();
        if (k.reduction != null) return Reductions.geometry(k, args, device);
        // A @Reduce loop that was not lowered accumulates into one element: one work-item runs the whole grid-stride loop, so the
        // result is Java's sequential one (never a racy read-modify-write by many work-items).
        if (!k.reductionParams.isEmpty() && !k.parallelDims.isEmpty()) return new LaunchGeometry(ones(dims), null);
        if (grid != null) return fromGrid(k, grid, dims, taskName);
        if (k.parallelDims.isEmpty()) {
            if (k.usesKernelContext)
                throw new IllegalArgumentException("task " + taskName + " runs KernelContext kernel " + KernelArguments.kernelName(k)
                        + ", which needs a launch grid: pass a GridScheduler with a WorkerGrid for \"" + taskName
                        + "\" (e.g. new GridScheduler(\"" + taskName + "\", new WorkerGrid1D(n)))");
            // A kernel with neither @Parallel loops nor KernelContext is sequential: one work-item runs it.
            return new LaunchGeometry(ones(dims), null);
        }
        long[] global = ones(dims);
        for (ParallelDim d : k.parallelDims) global[d.dim()] = Math.max(1, bound(k, d.bound(), args, device));
        return new LaunchGeometry(global, null);
    }

    /** One work-item. */
    static LaunchGeometry single(int dims) { return new LaunchGeometry(ones(dims), ones(dims)); }

    /** {@code groups} work-groups of {@code groupSize} work-items along x. */
    static LaunchGeometry groups(int dims, long groups, int groupSize) {
        long[] global = ones(dims), local = ones(dims);
        global[0] = groups * groupSize;
        local[0] = groupSize;
        return new LaunchGeometry(global, local);
    }

    /** The iteration count of the kernel's @Parallel loop in x for these arguments (what fills {@code device} when not known). */
    static long parallelExtent(Kernel k, Object[] args, Device device) {
        for (ParallelDim d : k.parallelDims) if (d.dim() == 0) return Math.max(1, bound(k, d.bound(), args, device));
        return 1;
    }

    private static LaunchGeometry fromGrid(Kernel k, WorkerGrid grid, int kernelDims, String taskName) {
        int dims = Math.max(kernelDims, grid.dimensions());
        long[] global = ones(dims);
        System.arraycopy(grid.getGlobalWork(), 0, global, 0, grid.dimensions());
        long[] userLocal = grid.getLocalWork();
        if (userLocal == null) return new LaunchGeometry(global, null);
        long[] local = ones(dims);
        System.arraycopy(userLocal, 0, local, 0, userLocal.length);
        for (int d = 0; d < dims; d++) {
            if (global[d] % local[d] == 0) continue;
            if (!k.parallelDims.isEmpty()) {
                // Extra work-items of a grid-stride loop find no iteration to run: rounding up is safe.
                global[d] = (global[d] + local[d] - 1) / local[d] * local[d];
            } else {
                throw new IllegalArgumentException("task " + taskName + ": global work size " + global[d] + " is not a multiple of the local work size "
                        + local[d] + " in dimension " + d + " (" + grid + ")");
            }
        }
        return new LaunchGeometry(global, local);
    }

    private static long bound(Kernel k, ParallelDim.Bound b, Object[] args, Device device) {
        return switch (b) {
            case ParallelDim.Bound.Constant c -> c.value();
            case ParallelDim.Bound.Unknown u -> fillingSize(device);
            case ParallelDim.Bound.Arith a -> {
                long l = bound(k, a.left(), args, device), r = bound(k, a.right(), args, device);
                yield switch (a.op()) { // Java int arithmetic, as the loop compares
                    case '+' -> (int) (l + r);
                    case '-' -> (int) (l - r);
                    case '*' -> (int) (l * r);
                    default -> r == 0 ? 1 : (int) (l / r);
                };
            }
            case ParallelDim.Bound.ScalarArg s -> switch (arg(k, s.javaIndex(), args)) {
                case Integer i -> i;
                case Short v -> v;
                case Byte v -> v;
                case Long v -> v;
                case Object o -> throw new IllegalArgumentException("argument " + s.javaIndex() + " of " + KernelArguments.kernelName(k)
                        + " bounds a @Parallel loop and must be an int, got " + o.getClass().getSimpleName());
            };
            case ParallelDim.Bound.ArraySize a -> switch (arg(k, a.javaIndex(), args)) {
                case NativeArray arr -> arr.getSize();
                case Object arr when arr.getClass().isArray() -> java.lang.reflect.Array.getLength(arr);
                case Object o -> throw new IllegalArgumentException("argument " + a.javaIndex() + " of " + KernelArguments.kernelName(k)
                        + " bounds a @Parallel loop and must be an array, got " + o.getClass().getSimpleName());
            };
        };
    }

    private static Object arg(Kernel k, int javaIndex, Object[] args) {
        if (args == null || javaIndex >= args.length || args[javaIndex] == null)
            throw new IllegalArgumentException(KernelArguments.kernelName(k) + ": argument " + javaIndex
                    + ", which bounds a @Parallel loop, is missing or null");
        return args[javaIndex];
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    @Override public String toString() {
        return "LaunchGeometry(global=" + Arrays.toString(global) + ", local=" + (local == null ? "auto" : Arrays.toString(local)) + ")";
    }
}
