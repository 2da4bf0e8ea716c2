package org.trm4j.bench;

/**
 * The three passes of a linear layer as column-major sgemm calls (the only order cuBLAS has), on row-major arrays:
 * a row-major [r, c] matrix is a column-major [c, r] one. Checked on the CPU against the java kernels with OpenBLAS's
 * column-major order, so that a GPU's BLAS gets the same, already tested, arguments.
 */
public final class ColumnMajorGemm {
    private ColumnMajorGemm() {}

    /** One column-major call: C[m, n] = alpha op(A) op(B) + beta C, with which operand buffer is A and which B. */
    public record Call(boolean transA, boolean transB, int m, int n, int k, Operand a, int lda, Operand b, int ldb, float beta, Operand c, int ldc) {}

    /** The arrays of a pass: x [rows, in], w [out, in], y [rows, out], dy [rows, out], dx [rows, in], dw [out, in]. */
    public enum Operand { X, W, Y, DY, DX, DW }

    /** y = x W^T: y^T [out, rows] = W [out, in] x^T, i.e. op(A) = (w as [in, out])^T, B = x as [in, rows]. */
    public static Call forward(int rows, int in, int out) {
        return new Call(true, false, out, rows, in, Operand.W, in, Operand.X, in, 0f, Operand.Y, out);
    }

    /** dx = dy W: dx^T [in, rows] = W^T [in, out] dy^T [out, rows]. */
    public static Call backwardInput(int rows, int in, int out) {
        return new Call(false, false, in, rows, out, Operand.W, in, Operand.DY, out, 0f, Operand.DX, in);
    }

    /** dW += dy^T x: dW^T [in, out] += x^T [in, rows] (dy as [out, rows])^T. */
    public static Call backwardWeight(int rows, int in, int out) {
        return new Call(false, true, in, out, rows, Operand.X, in, Operand.DY, out, 1f, Operand.DW, in);
    }

    public static Call of(LinearSuite.Pass p, int rows, int in, int out) {
        return switch (p) {
            case forward -> forward(rows, in, out);
            case backwardInput -> backwardInput(rows, in, out);
            case backwardWeight -> backwardWeight(rows, in, out);
        };
    }
}
