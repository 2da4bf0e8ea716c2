package org.trm4j.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of the model: its reference state-dict name, shape (row-major, as PyTorch stores it: a linear
 * layer's weight is [out_features, in_features]), how it is trained and how it is initialised.
 *
 * @param name  the reference's state-dict name, e.g. {@code model.inner.lm_head.weight}
 * @param shape dimensions (a copy is kept and handed out)
 * @param role  who updates it
 * @param init  how {@link Parameters#init(long)} fills it
 */
public record TensorSpec(String name, int[] shape, Role role, Init init) {

    /** Who updates a tensor. */
    public enum Role {
        /** A weight trained by AdamATan2 (a torch nn.Parameter of the reference); gets Adam m/v and an EMA copy. */
        ADAM,
        /** The puzzle embedding table: trained by sign-SGD on the rows used (a persistent buffer in the reference). */
        SIGN_SGD,
        /** Saved with the model but never trained (H_init, L_init). */
        BUFFER;

        /** True for tensors some optimizer updates. */
        public boolean trained() { return this != BUFFER; }
    }

    /** How a tensor is initialised. */
    public sealed interface Init {
        /** Truncated normal with the given true std (cut at +-2 std, see {@link TruncatedNormal}). */
        record TruncNormal(double std) implements Init {}
        /** Every element = value (0 for the puzzle embedding, -5 for q_head.bias). */
        record Constant(float value) implements Init {}
    }

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(init, "init");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 1) throw new IllegalArgumentException("tensor " + name + ": dimensions must be >= 1, got " + Arrays.toString(shape));
            n *= d;
        }
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("tensor " + name + " " + Arrays.toString(shape) + " has " + n + " elements, more than one array holds");
    }

    /** The dimensions (a copy). */
    @Override public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public int dim(int i) { return shape[i]; }

    /** Elements (product of the dimensions). */
    public int numel() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** The shape as "[a, b]". */
    public String shapeString() { return Arrays.toString(shape); }

    @Override public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape) && role == t.role && init.equals(t.init);
    }

    @Override public int hashCode() { return Objects.hash(name, Arrays.hashCode(shape), role, init); }

    @Override public String toString() { return name + " " + shapeString() + " " + role + " " + init; }
}
