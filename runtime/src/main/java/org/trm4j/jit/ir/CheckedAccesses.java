package org.trm4j.jit.ir;

import java.util.List;

/**
 * The array accesses of a bounds-checked kernel. On its first out-of-range access the kernel writes
 * {@code errors[0] = number of violations, errors[1] = index into sites, errors[2] = the index,
 * errors[3] = the array's length} and skips the access (a load gives 0), so that the host can report
 * what Java would have thrown instead of the device corrupting memory.
 *
 * @param errors the hidden int array parameter that receives the report (last of the kernel's parameters)
 * @param sites  one entry per checked access, in the order the pass numbered them
 */
public record CheckedAccesses(Param.Array errors, List<Site> sites) {
    /** Words of the error array. */
    public static final int COUNT = 0, SITE = 1, INDEX = 2, LENGTH = 3, WORDS = 4;

    /** One checked access: the array's name in the source and how it is used ("read", "write", "atomicAdd"). */
    public record Site(String array, String access) {}
}
