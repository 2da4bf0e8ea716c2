package org.trm4j.jit.frontend;

import java.util.Map;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Divergence;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;

/**
 * Rejects a barrier that not every work-item of a group is sure to reach. The java backend only
 * counts arrivals, so such a kernel would pass there, while on a GPU a barrier inside
 * {@code if (ctx.localIdx < 4)} or after an early {@code return} is undefined behaviour (a hang,
 * or silently wrong data). A barrier in a loop with uniform bounds is fine; see {@link Divergence}.
 */
final class BarrierUniformity {
    private BarrierUniformity() {}

    static void check(Kernel k, Map<Instr, Where> sites) {
        if (sites.isEmpty()) return;
        Divergence d = null;
        for (Block b : k.blocks)
            for (Instr i : b.instrs)
                if (i instanceof Instr.Barrier) {
                    if (d == null) d = Divergence.of(k);
                    if (!d.isDivergent(b)) continue;
                    Where w = sites.get(i);
                    String what = "a barrier must be reached by every work-item of the group, but this one depends on a value "
                            + "that differs between work-items (an if or loop on the local or global id or on loaded data, or "
                            + "code after a return or break taken by only some of them). Move the barrier out of the branch, "
                            + "or make the branch's condition the same for the whole group";
                    if (w == null) throw new KernelCompileException(k.source + ": " + what);
                    throw w.error(what);
                }
    }
}
