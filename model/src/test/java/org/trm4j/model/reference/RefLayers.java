package org.trm4j.model.reference;

/**
 * The layers of TRM, forward and backward side by side, in float64 with obvious loops.
 *
 * <p>Conventions: every tensor is a row-major {@code double[]}; the shape is written next to it.
 * A linear weight is {@code [out, in]} (PyTorch layout), so {@code y = x W^T}. Backward functions
 * ADD into parameter gradients (so one weight used many times sums its gradients) and RETURN the
 * gradient of their input as a fresh array.
 */
public final class RefLayers {
    private RefLayers() {}

    // ------------------------------------------------------------------ elementwise helpers

    public static double[] add(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " != " + b.length);
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
        return y;
    }

    /** a += b */
    public static void addInto(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " != " + b.length);
        for (int i = 0; i < a.length; i++) a[i] += b[i];
    }

    // ------------------------------------------------------------------ linear

    /** y[r, o] = sum_i x[r, i] * w[o, i] (+ b[o]).  x [rows, in], w [out, in], b [out] or null. */
    public static double[] linearForward(double[] x, double[] w, double[] b, int rows, int in, int out) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) s += x[r * in + i] * w[o * in + i];
                y[r * out + o] = s;
            }
        return y;
    }

    /** dw[o, i] += sum_r dy[r, o] x[r, i];  db[o] += sum_r dy[r, o];  returns dx[r, i] = sum_o dy[r, o] w[o, i]. */
    public static double[] linearBackward(double[] dy, double[] x, double[] w, double[] dw, double[] db,
                                          int rows, int in, int out) {
        double[] dx = new double[rows * in];
        for (int r = 0; r < rows; r++)
            for (int o = 0; o < out; o++) {
                double g = dy[r * out + o];
                if (db != null) db[o] += g;
                for (int i = 0; i < in; i++) {
                    dw[o * in + i] += g * x[r * in + i];
                    dx[r * in + i] += g * w[o * in + i];
                }
            }
        return dx;
    }

    // ------------------------------------------------------------------ RMS norm (no weight)

    /** y = x / sqrt(mean(x^2) + eps) over each row of length c.  x [rows, c]. */
    public static double[] rmsForward(double[] x, int rows, int c, double eps) {
        double[] y = new double[rows * c];
        for (int r = 0; r < rows; r++) {
            double ms = 0;
            for (int j = 0; j < c; j++) ms += x[r * c + j] * x[r * c + j];
            double rstd = 1 / Math.sqrt(ms / c + eps);
            for (int j = 0; j < c; j++) y[r * c + j] = x[r * c + j] * rstd;
        }
        return y;
    }

    /**
     * With s = 1/sqrt(mean(x^2)+eps), y_j = x_j s and ds/dx_k = -s^3 x_k / c:
     * dx_k = s dy_k - x_k s^3 (sum_j dy_j x_j) / c.
     */
    public static double[] rmsBackward(double[] dy, double[] x, int rows, int c, double eps) {
        double[] dx = new double[rows * c];
        for (int r = 0; r < rows; r++) {
            double ms = 0, dot = 0;
            for (int j = 0; j < c; j++) {
                ms += x[r * c + j] * x[r * c + j];
                dot += dy[r * c + j] * x[r * c + j];
            }
            double s = 1 / Math.sqrt(ms / c + eps);
            for (int j = 0; j < c; j++) dx[r * c + j] = s * dy[r * c + j] - x[r * c + j] * s * s * s * dot / c;
        }
        return dx;
    }

    // ------------------------------------------------------------------ SiLU

    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    public static double silu(double x) { return x * sigmoid(x); }

    /** d/dx x sigma(x) = sigma(x) (1 + x (1 - sigma(x))). */
    public static double siluGrad(double x) {
        double s = sigmoid(x);
        return s * (1 + x * (1 - s));
    }

    // ------------------------------------------------------------------ SwiGLU

    /**
     * What SwiGLU remembers.  x [rows, n], gateUp [rows, 2*inter] (gate | up halves),
     * act = silu(gate) * up [rows, inter], out [rows, n].
     */
    public record SwiGlu(double[] x, double[] gateUp, double[] act, double[] out, int rows, int n, int inter) {}

    /** out = down_proj(silu(gate) * up), [gate | up] = gate_up_proj(x).  wGateUp [2*inter, n], wDown [n, inter]. */
    public static SwiGlu swigluForward(double[] x, double[] wGateUp, double[] wDown, int rows, int n, int inter) {
        double[] gateUp = linearForward(x, wGateUp, null, rows, n, 2 * inter);
        double[] act = new double[rows * inter];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < inter; j++) {
                double gate = gateUp[r * 2 * inter + j], up = gateUp[r * 2 * inter + inter + j];
                act[r * inter + j] = silu(gate) * up;
            }
        double[] out = linearForward(act, wDown, null, rows, inter, n);
        return new SwiGlu(x, gateUp, act, out, rows, n, inter);
    }

    /** Returns dx; adds into dWGateUp and dWDown. */
    public static double[] swigluBackward(double[] dOut, SwiGlu c, double[] wGateUp, double[] wDown,
                                          double[] dWGateUp, double[] dWDown) {
        int rows = c.rows(), n = c.n(), inter = c.inter();
        double[] dAct = linearBackward(dOut, c.act(), wDown, dWDown, null, rows, inter, n);
        double[] dGateUp = new double[rows * 2 * inter];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < inter; j++) {
                double gate = c.gateUp()[r * 2 * inter + j], up = c.gateUp()[r * 2 * inter + inter + j];
                double da = dAct[r * inter + j];
                dGateUp[r * 2 * inter + j] = da * up * siluGrad(gate);
                dGateUp[r * 2 * inter + inter + j] = da * silu(gate);
            }
        return linearBackward(dGateUp, c.x(), wGateUp, dWGateUp, null, rows, n, 2 * inter);
    }

    // ------------------------------------------------------------------ transpose

    /** [batch, r, c] -> [batch, c, r].  Its backward is the transpose back. */
    public static double[] transpose(double[] x, int batch, int r, int c) {
        double[] y = new double[batch * r * c];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++) y[b * r * c + j * r + i] = x[b * r * c + i * c + j];
        return y;
    }

    // ------------------------------------------------------------------ RoPE (rotate half)

    /**
     * cos/sin tables [len, headDim]: angle(pos, j) = pos * theta^(-2 (j mod headDim/2) / headDim),
     * i.e. the reference's {@code cat(freqs, freqs)} layout.  Returns {cos, sin}.
     * (The reference builds these in float32; here they are float64.)
     */
    public static double[][] ropeTables(int len, int headDim, double theta) {
        int half = headDim / 2;
        double[] cos = new double[len * headDim], sin = new double[len * headDim];
        for (int pos = 0; pos < len; pos++)
            for (int j = 0; j < headDim; j++) {
                double invFreq = 1.0 / Math.pow(theta, (2.0 * (j % half)) / headDim);
                double angle = pos * invFreq;
                cos[pos * headDim + j] = Math.cos(angle);
                sin[pos * headDim + j] = Math.sin(angle);
            }
        return new double[][]{cos, sin};
    }

    /**
     * y = x cos + rotate_half(x) sin, where rotate_half(x) = [-x2, x1] for x = [x1, x2] (halves of head_dim).
     * x [batch, len, heads, headDim]; position = the index along len.
     */
    public static double[] ropeForward(double[] x, int batch, int len, int heads, int headDim, double[] cos, double[] sin) {
        int half = headDim / 2;
        double[] y = new double[x.length];
        for (int b = 0; b < batch; b++)
            for (int pos = 0; pos < len; pos++)
                for (int h = 0; h < heads; h++) {
                    int base = ((b * len + pos) * heads + h) * headDim;
                    for (int j = 0; j < headDim; j++) {
                        double rotated = j < half ? -x[base + j + half] : x[base + j - half];
                        y[base + j] = x[base + j] * cos[pos * headDim + j] + rotated * sin[pos * headDim + j];
                    }
                }
        return y;
    }

    /**
     * The transpose of the linear map above:  x_k appears in y_k (times cos_k) and in one rotated slot:
     * for k < half in y_{k+half} with +sin_{k+half}; for k >= half in y_{k-half} with -sin_{k-half}.
     */
    public static double[] ropeBackward(double[] dy, int batch, int len, int heads, int headDim, double[] cos, double[] sin) {
        int half = headDim / 2;
        double[] dx = new double[dy.length];
        for (int b = 0; b < batch; b++)
            for (int pos = 0; pos < len; pos++)
                for (int h = 0; h < heads; h++) {
                    int base = ((b * len + pos) * heads + h) * headDim, t = pos * headDim;
                    for (int k = 0; k < headDim; k++) {
                        double g = dy[base + k] * cos[t + k];
                        if (k < half) g += dy[base + k + half] * sin[t + k + half];
                        else g -= dy[base + k - half] * sin[t + k - half];
                        dx[base + k] = g;
                    }
                }
        return dx;
    }

    // ------------------------------------------------------------------ attention (non-causal)

    /**
     * q, k, v, out [batch, len, heads*headDim] (head h uses columns h*headDim..); probs [batch, heads, len, len].
     */
    public record Attn(double[] q, double[] k, double[] v, double[] probs, double[] out,
                       int batch, int len, int heads, int headDim) {}

    /** out_i = sum_j P_ij v_j,  P_i = softmax_j(q_i . k_j / sqrt(headDim)), per batch and head, no mask. */
    public static Attn attentionForward(double[] q, double[] k, double[] v, int batch, int len, int heads, int headDim) {
        int w = heads * headDim;
        double scale = 1 / Math.sqrt(headDim);
        double[] probs = new double[batch * heads * len * len];
        double[] out = new double[batch * len * w];
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < len; i++) {
                    int p0 = ((b * heads + h) * len + i) * len;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < len; j++) {
                        double s = 0;
                        for (int d = 0; d < headDim; d++)
                            s += q[(b * len + i) * w + h * headDim + d] * k[(b * len + j) * w + h * headDim + d];
                        probs[p0 + j] = s * scale;
                        max = Math.max(max, s * scale);
                    }
                    double sum = 0;
                    for (int j = 0; j < len; j++) {
                        probs[p0 + j] = Math.exp(probs[p0 + j] - max);
                        sum += probs[p0 + j];
                    }
                    for (int j = 0; j < len; j++) probs[p0 + j] /= sum;
                    for (int d = 0; d < headDim; d++) {
                        double o = 0;
                        for (int j = 0; j < len; j++) o += probs[p0 + j] * v[(b * len + j) * w + h * headDim + d];
                        out[(b * len + i) * w + h * headDim + d] = o;
                    }
                }
        return new Attn(q, k, v, probs, out, batch, len, heads, headDim);
    }

    /**
     * dP_ij = dout_i . v_j;  dv_j = sum_i P_ij dout_i;  dS_ij = P_ij (dP_ij - sum_j' P_ij' dP_ij');
     * dq_i = scale sum_j dS_ij k_j;  dk_j = scale sum_i dS_ij q_i.   Returns {dq, dk, dv}.
     */
    public static double[][] attentionBackward(double[] dOut, Attn a) {
        int batch = a.batch(), len = a.len(), heads = a.heads(), hd = a.headDim(), w = heads * hd;
        double scale = 1 / Math.sqrt(hd);
        double[] dq = new double[a.q().length], dk = new double[a.k().length], dv = new double[a.v().length];
        double[] dP = new double[len];
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < len; i++) {
                    int p0 = ((b * heads + h) * len + i) * len, oi = (b * len + i) * w + h * hd;
                    double rowDot = 0;
                    for (int j = 0; j < len; j++) {
                        int vj = (b * len + j) * w + h * hd;
                        double s = 0;
                        for (int d = 0; d < hd; d++) {
                            s += dOut[oi + d] * a.v()[vj + d];
                            dv[vj + d] += a.probs()[p0 + j] * dOut[oi + d];
                        }
                        dP[j] = s;
                        rowDot += a.probs()[p0 + j] * s;
                    }
                    for (int j = 0; j < len; j++) {
                        int kj = (b * len + j) * w + h * hd;
                        double dS = a.probs()[p0 + j] * (dP[j] - rowDot) * scale;
                        for (int d = 0; d < hd; d++) {
                            dq[oi + d] += dS * a.k()[kj + d];
                            dk[kj + d] += dS * a.q()[oi + d];
                        }
                    }
                }
        return new double[][]{dq, dk, dv};
    }

    // ------------------------------------------------------------------ losses

    /** The reference's epsilon inside s(x) for x < 0. */
    public static final double STABLEMAX_EPS = 1e-30;

    /** s(x) = x + 1 for x >= 0, 1/(1 - x + 1e-30) for x < 0. */
    public static double stablemaxS(double x) { return x < 0 ? 1 / (1 - x + STABLEMAX_EPS) : x + 1; }

    /** s'(x) = 1 for x >= 0, 1/(1 - x + 1e-30)^2 for x < 0. */
    public static double stablemaxSGrad(double x) {
        if (x >= 0) return 1;
        double d = 1 - x + STABLEMAX_EPS;
        return 1 / (d * d);
    }

    /**
     * -log(s(x_y) / sum_j s(x_j)) for one row x = logits[off .. off+v).  When dLogits is not null adds
     * scale * d/dx_i = scale * (s'(x_i)/sum_j s(x_j) - [i == y] s'(x_y)/s(x_y)).
     */
    public static double stablemaxCrossEntropy(double[] logits, int off, int v, int label, double[] dLogits, double scale) {
        double sum = 0;
        for (int i = 0; i < v; i++) sum += stablemaxS(logits[off + i]);
        double sy = stablemaxS(logits[off + label]);
        double loss = -Math.log(sy / sum);
        if (dLogits != null) {
            for (int i = 0; i < v; i++) dLogits[off + i] += scale * stablemaxSGrad(logits[off + i]) / sum;
            dLogits[off + label] -= scale * stablemaxSGrad(logits[off + label]) / sy;
        }
        return loss;
    }

    /** -log softmax(x)_y; gradient scale * (softmax_i - [i == y]). */
    public static double softmaxCrossEntropy(double[] logits, int off, int v, int label, double[] dLogits, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) max = Math.max(max, logits[off + i]);
        double sum = 0;
        for (int i = 0; i < v; i++) sum += Math.exp(logits[off + i] - max);
        double logZ = max + Math.log(sum);
        if (dLogits != null) {
            for (int i = 0; i < v; i++) dLogits[off + i] += scale * Math.exp(logits[off + i] - logZ);
            dLogits[off + label] -= scale;
        }
        return logZ - logits[off + label];
    }

    /** BCE with logits: max(x,0) - x y + log(1 + exp(-|x|)).  Its derivative is sigmoid(x) - y. */
    public static double bceWithLogits(double x, double y) {
        return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Index of the first maximum of row[off .. off+v) (torch.argmax picks the first). */
    public static int argmax(double[] row, int off, int v) {
        int best = 0;
        for (int i = 1; i < v; i++) if (row[off + i] > row[off + best]) best = i;
        return best;
    }
}
