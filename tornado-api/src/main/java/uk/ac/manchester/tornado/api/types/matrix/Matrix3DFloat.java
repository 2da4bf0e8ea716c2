package uk.ac.manchester.tornado.api.types.matrix;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * A sizeX x sizeY x sizeZ array of float, stored in a {@link FloatArray} with z fastest. Part of trm4j's TornadoVM bridge, not TornadoVM.
 * Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it. ({@link #getFlattenedArray()} is a FloatArray kernels do take: (i, j, k) is at (i * sizeY + j) * sizeZ + k.)
 */
public final class Matrix3DFloat {
    private final FloatArray storage;
    private final int sizeX, sizeY, sizeZ;

    public Matrix3DFloat(int sizeX, int sizeY, int sizeZ) {
        if (sizeX < 0 || sizeY < 0 || sizeZ < 0) throw new IllegalArgumentException("matrix shape must be >= 0");
        this.sizeX = sizeX;
        this.sizeY = sizeY;
        this.sizeZ = sizeZ;
        this.storage = new FloatArray(sizeX * sizeY * sizeZ);
    }

    public float get(int i, int j, int k) { return storage.get(index(i, j, k)); }

    public void set(int i, int j, int k, float value) { storage.set(index(i, j, k), value); }

    public int getSizeX() { return sizeX; }

    public int getSizeY() { return sizeY; }

    public int getSizeZ() { return sizeZ; }

    public void fill(float value) { storage.init(value); }

    public FloatArray getFlattenedArray() { return storage; }

    private int index(int i, int j, int k) {
        if (i < 0 || i >= sizeX || j < 0 || j >= sizeY || k < 0 || k >= sizeZ)
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ", " + k + ") out of bounds for " + sizeX + " x " + sizeY + " x " + sizeZ);
        return (i * sizeY + j) * sizeZ + k;
    }
}
