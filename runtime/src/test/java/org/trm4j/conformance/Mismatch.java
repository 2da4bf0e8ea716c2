package org.trm4j.conformance;

/** The first element where a device's output differs from the java backend's, and how many differ. */
record Mismatch(int argIndex, String arrayType, int index, String expected, String actual, int count, int size) {
    @Override public String toString() {
        return "argument " + argIndex + " (" + arrayType + "[" + size + "]): " + count + " element(s) differ, first at index "
                + index + ": java " + expected + ", device " + actual;
    }
}
