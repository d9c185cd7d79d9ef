package dev.bramble.numerics;

/**
 * The fixed-point arithmetic of docs/numerics.md, one static function per step. This is the one
 * implementation: the fixed-point model calls it, and the RTL testbenches take their expected
 * values (and ROM tables) from it. Every function is pure integer arithmetic on {@code long};
 * the tables are built once with {@link StrictMath} so they are the same on every JVM.
 */
public final class FixedMath {
    private FixedMath() {}

    // ---- primitives (numerics.md §1) ----

    /** Clamp {@code x} to the range of a signed {@code bits}-bit integer. */
    public static long sat(long x, int bits) {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        return x > max ? max : Math.max(x, min);
    }

    /**
     * Round half up shift: {@code (x + 2^(s-1)) >> s} for s > 0, x for s = 0, {@code x << -s} for
     * s < 0 (saturating at the long range, which every caller then narrows further).
     */
    public static long rnd(long x, int s) {
        if (s > 0) {
            if (s > 63) return 0;
            if (s == 63) return x >= -(1L << 62) ? 0 : -1;
            return (x + (1L << (s - 1))) >> s;
        }
        if (s == 0 || x == 0) return x;
        int left = -s;
        if (left >= 63 || Math.abs(x) > (Long.MAX_VALUE >> left)) return x > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        return x << left;
    }

    /** Changes the number of fraction bits from {@code fromFrac} to {@code toFrac}, rounding half up. */
    public static long rescale(long x, int fromFrac, int toFrac) {
        return rnd(x, fromFrac - toFrac);
    }

    /** Quantises a float weight: {@code sat(floor(w·2^F + 0.5), N)}; NaN is 0. */
    public static long quantize(double w, int fracBits, int totalBits) {
        if (Double.isNaN(w)) return 0;
        double scaled = Math.floor(Math.scalb(w, fracBits) + 0.5);
        if (scaled >= 0x1p62) return sat(Long.MAX_VALUE, totalBits);
        if (scaled <= -0x1p62) return sat(Long.MIN_VALUE, totalBits);
        return sat((long) scaled, totalBits);
    }

    /** Number of bits to hold a non-negative value: {@code floor(log2 v) + 1} for v > 0. */
    public static int bitLength(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    /** {@code ceil(log2 n)} for n ≥ 1. */
    public static int ceilLog2(long n) {
        return n <= 1 ? 0 : bitLength(n - 1);
    }

    // ---- linear and activations (numerics.md §2) ----

    /** Exact dot product of {@code w[wOff .. wOff+n)} and {@code x[0..n)} (a linear layer's accumulator). */
    public static long dot(int[] w, int wOff, long[] x, int n) {
        long acc = 0;
        for (int j = 0; j < n; j++) acc += (long) w[wOff + j] * x[j];
        return acc;
    }

    /** A linear output: {@code sat(rnd(acc, Fw), outBits)} (outBits = Na, or 32 for logits). */
    public static long linearOut(long acc, int weightFrac, int outBits) {
        return sat(rnd(acc, weightFrac), outBits);
    }

    public static long relu(long y) {
        return Math.max(y, 0);
    }

    /** GELU (tanh form) as ReLU(x) − c(|x|), c from {@link #GELU_TABLE} with linear interpolation. */
    public static long gelu(long x, int actFrac, int actBits) {
        long a = Math.abs(x);
        long a12 = rescale(a, actFrac, 12);
        long c16 = 0;
        if (a12 < 16384) {
            int i = (int) (a12 >> 6);
            long f = a12 & 63;
            c16 = GELU_TABLE[i] + rnd((GELU_TABLE[i + 1] - GELU_TABLE[i]) * f, 6);
        }
        return sat(Math.max(x, 0) - rescale(c16, 16, actFrac), actBits);
    }

    /** {@code c(a) = a·0.5·(1 − tanh(√(2/π)(a + 0.044715a³)))} = ReLU(a) − GELU(a) for a ≥ 0. */
    public static double geluCorrection(double a) {
        return a * 0.5 * (1 - StrictMath.tanh(StrictMath.sqrt(2 / StrictMath.PI) * (a + 0.044715 * a * a * a)));
    }

    /**
     * GELU, erf form (PyTorch's default {@code nn.GELU()}), as ReLU(x) − c(|x|) with c from
     * {@link #GELU_ERF_TABLE}: the same interpolation as {@link #gelu}, another table.
     */
    public static long geluErf(long x, int actFrac, int actBits) {
        long a = Math.abs(x);
        long a12 = rescale(a, actFrac, 12);
        long c16 = 0;
        if (a12 < 16384) {
            int i = (int) (a12 >> 6);
            long f = a12 & 63;
            c16 = GELU_ERF_TABLE[i] + rnd((GELU_ERF_TABLE[i + 1] - GELU_ERF_TABLE[i]) * f, 6);
        }
        return sat(Math.max(x, 0) - rescale(c16, 16, actFrac), actBits);
    }

    /** {@code c(a) = a·0.5·(1 − erf(a/√2))} = ReLU(a) − GELU(a) for a ≥ 0, erf form. */
    public static double geluErfCorrection(double a) {
        return a * 0.5 * (1 - erf(a / StrictMath.sqrt(2)));
    }

    /**
     * The error function to double precision (relative error below 1e-15), from the series
     * {@code erf(x) = 2/√π · e^(−x²) · Σ x·(2x²)^n / (2n+1)!!}, whose terms are all positive (no
     * cancellation); |x| ≥ 6 gives ±1 (erfc(6) ≈ 2e-17). Java has no erf; StrictMath keeps it
     * the same on every JVM.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double a = Math.abs(x);
        if (a >= 6) return Math.signum(x);
        double twoX2 = 2 * a * a;
        double term = a;
        double sum = a;
        for (int n = 1; n < 400; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        double r = 2 / StrictMath.sqrt(StrictMath.PI) * StrictMath.exp(-a * a) * sum;
        return x < 0 ? -r : r;
    }

    /**
     * A learned norm's output: {@code sat(rnd(y·g, Fg) + rescale(b, Fg, Fa), Na)} with y the
     * normalised value (Fa), g and b integers of the norm's weight format (Fg); no gain is g = 2^Fg.
     */
    public static long affine(long y, long gain, long bias, int gainFrac, int actFrac, int actBits) {
        return sat(rnd(y * gain, gainFrac) + rescale(bias, gainFrac, actFrac), actBits);
    }

    // ---- norms ----

    /** ε of the norms in units 2^-(2·Fa): {@code max(1, floor(1e-5·2^(2Fa) + 0.5))}. */
    public static long normEpsilon(int actFrac) {
        return Math.max(1, (long) Math.floor(Math.scalb(1e-5, 2 * actFrac) + 0.5));
    }

    /** {@code floor(√n · 2^15 + 0.5)}. */
    public static long sqrtConstant(int n) {
        return (long) Math.floor(StrictMath.sqrt(n) * 32768.0 + 0.5);
    }

    /** {@code floor(2^24 / n + 0.5)}. */
    public static long reciprocalConstant(int n) {
        return (long) Math.floor(16777216.0 / n + 0.5);
    }

    /** RMSNorm of {@code x} (activation integers) into {@code y}. */
    public static void rmsnorm(long[] x, long[] y, int actFrac, int actBits) {
        int n = x.length;
        long ss = 0;
        for (long v : x) ss += v * v;
        normalize(x, y, ss, n, actFrac, actBits);
    }

    /** LayerNorm: subtract the mean (1/n as a constant multiply), then RMSNorm of the differences. */
    public static void layernorm(long[] x, long[] y, int actFrac, int actBits) {
        int n = x.length;
        long sum = 0;
        for (long v : x) sum += v;
        long mean = rnd(sum * reciprocalConstant(n), 24);
        long[] d = new long[n];
        long ss = 0;
        for (int j = 0; j < n; j++) {
            d[j] = x[j] - mean;
            ss += d[j] * d[j];
        }
        normalize(d, y, ss, n, actFrac, actBits);
    }

    private static void normalize(long[] x, long[] y, long ss, int n, int actFrac, int actBits) {
        long v = ss + n * normEpsilon(actFrac);
        long rs = rsqrt(v);
        long y1 = rs >>> 32;
        int e = (int) (rs & 0xFFFFFFFFL);
        long product = y1 * sqrtConstant(n);
        int k = gainShift(product);
        long gain = rnd(product, 15 + k);
        int shift = 15 + e / 2 - actFrac - k;
        for (int j = 0; j < x.length; j++) y[j] = sat(rnd(x[j] * gain, shift), actBits);
    }

    /** Bits the norm gain's mantissa gives up, {@code max(0, bitlength(y1·SQRT_N) − 31)}: the gain then stays ≤ 2^16 (18 bits signed). */
    public static int gainShift(long product) {
        return Math.max(0, 64 - Long.numberOfLeadingZeros(product) - 31);
    }

    /**
     * Reciprocal square root of v ≥ 1: returns {@code y1 << 32 | e} with
     * {@code 1/√v ≈ y1·2^-15·2^(-e/2)}, e even. Use {@link #rsqrtMantissa}/{@link #rsqrtExponent}.
     */
    public static long rsqrt(long v) {
        if (v < 1) throw new IllegalArgumentException("rsqrt of " + v);
        int p = bitLength(v) - 1;
        int e = p - (p & 1);
        long mq = e >= 14 ? v >> (e - 14) : v << (14 - e);
        long y0 = RSQRT_TABLE[(int) (mq >> 9) - 32];
        long s = rnd(y0 * y0, 15);
        long u = rnd(mq * s, 14);
        long h = 3L * 32768 - u;
        long y1 = rnd(y0 * h, 16);
        return y1 << 32 | e;
    }

    public static long rsqrtMantissa(long packed) {
        return packed >>> 32;
    }

    public static int rsqrtExponent(long packed) {
        return (int) (packed & 0xFFFFFFFFL);
    }

    /**
     * Reciprocal of S ≥ 2^15: returns {@code y1 << 32 | p} with {@code 1/S ≈ y1·2^-15·2^-p}.
     */
    public static long recip(long s) {
        if (s < 32768) throw new IllegalArgumentException("recip of " + s);
        int p = bitLength(s) - 1;
        long mq = s >> (p - 15);
        long y0 = RECIP_TABLE[(int) (mq >> 9) - 64];
        long t = rnd(mq * y0, 15);
        long h = 65536 - t;
        long y1 = rnd(y0 * h, 15);
        return y1 << 32 | p;
    }

    // ---- exp, softmax, attention ----

    /** exp(d·2^-Fa) for d ≤ 0, as unsigned q1.15 (32768 = 1.0); 0 below −16. */
    public static long expNeg(long d, int actFrac) {
        if (d > 0) throw new IllegalArgumentException("expNeg of positive " + d);
        long clamp = 1L << (actFrac + 4);
        long u = rescale(Math.min(-d, clamp), actFrac, 10);
        if (u >= 16384) return 0;
        int hi = (int) (u >> 6);
        int lo = (int) (u & 63);
        return rnd((long) EXP_HI[hi] * EXP_LO[lo], 15);
    }

    /** {@code floor(2^16/√hd + 0.5)}, the score scale when hd is not a power of 4. */
    public static long invSqrtConstant(int headDim) {
        return (long) Math.floor(65536.0 / StrictMath.sqrt(headDim) + 0.5);
    }

    /**
     * Non-zero digits of {@code k}'s non-adjacent form (digits −1, 0, +1, no two adjacent non-zero):
     * the terms of a product by the constant k in shifts and adds (rtl-lib/fx_cmul.v), the fewest
     * any signed-digit form has.
     */
    public static int nafDigits(long k) {
        int digits = 0;
        long x = Math.abs(k);
        while (x != 0) {
            if ((x & 1) != 0) {
                digits++;
                x = (x & 3) == 3 ? x + 1 : x - 1;   // digit −1 or +1, the next one 0
            }
            x >>= 1;
        }
        return digits;
    }

    /** Adders of a product by the constant {@code k} in shifts and adds (rtl-lib/fx_cmul.v): one a non-zero digit past the first. */
    public static int shiftAddAdders(long k) {
        return Math.max(0, nafDigits(k) - 1);
    }

    /** k when hd = 4^k, else −1. */
    public static int powerOfFour(int headDim) {
        if (headDim < 1 || Integer.bitCount(headDim) != 1) return -1;
        int log2 = Integer.numberOfTrailingZeros(headDim);
        return log2 % 2 == 0 ? log2 / 2 : -1;
    }

    /** A raw score q·k (units 2^-2Fa) scaled by 1/√hd into activation units, saturated to 32 bits. */
    public static long attentionScore(long raw, int headDim, int actFrac) {
        int k = powerOfFour(headDim);
        if (k >= 0) return sat(rnd(raw, actFrac + k), 32);
        return sat(rnd(raw * invSqrtConstant(headDim), actFrac + 16), 32);
    }

    /**
     * A softmax weight in q1.15: {@code π = rnd(e · y1, p)} with {@code (y1, p) = recip(S)}, so
     * {@code π ≈ 2^15 · e / S} (at most a little over 2^15: 17 bits signed).
     */
    public static long attentionWeight(long e, long recipPacked) {
        long y1 = recipPacked >>> 32;
        int p = (int) (recipPacked & 0xFFFFFFFFL);
        return rnd(e * y1, p);
    }

    /** An attention output from {@code acc = Σ π_τ · v_τ[d]}: {@code sat(rnd(acc, 15), Na)}. */
    public static long attentionOutput(long acc, int actBits) {
        return sat(rnd(acc, 15), actBits);
    }

    // ---- output: argmax and sampler ----

    /** Index of the largest value; ties go to the lowest index. */
    public static int argmax(long[] z) {
        int best = 0;
        for (int i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
        return best;
    }

    /** {@code min(2^24, max(1, floor(2^16/T + 0.5)))}. */
    public static long inverseTemperature(double temperature) {
        double v = Math.floor(65536.0 / temperature + 0.5);
        if (!(v >= 1)) return 1;
        return (long) Math.min(v, 16777216.0);
    }

    /** The initial xorshift32 state for a seed: {@code (seed mod 2^32) XOR 0x9E3779B9}, never 0. */
    public static int seedState(long seed) {
        int s = (int) seed ^ 0x9E3779B9;
        return s == 0 ? 0x9E3779B9 : s;
    }

    /** One xorshift32 step (13, 17, 5); the returned new state is also the drawn number. */
    public static int xorshift32(int x) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return x;
    }

    /** The exp weights e_i of {@link #sample}: {@code expNeg(rnd(max(z_i − M, −2^(Fa+7))·INV_T, 16))}. */
    public static long[] sampleWeights(long[] z, long invT, int actFrac) {
        long max = Long.MIN_VALUE;
        for (long v : z) max = Math.max(max, v);
        long floor = -(1L << (actFrac + 7));
        long[] e = new long[z.length];
        for (int i = 0; i < z.length; i++) {
            long d = Math.max(z[i] - max, floor);
            e[i] = expNeg(rnd(d * invT, 16), actFrac);
        }
        return e;
    }

    /** Picks a token from logits with the drawn number {@code r} (unsigned 32 bits). */
    public static int sample(long[] z, long invT, int actFrac, int r) {
        long[] e = sampleWeights(z, invT, actFrac);
        long total = 0;
        for (long v : e) total += v;
        // (r·C) >> 32 exactly, for any vocabulary: the 128-bit product's bits 32..95.
        long ru = Integer.toUnsignedLong(r);
        long target = Math.multiplyHigh(ru, total) << 32 | (ru * total) >>> 32;
        long cumulative = 0;
        for (int i = 0; i < e.length; i++) {
            cumulative += e[i];
            if (cumulative > target) return i;
        }
        return e.length - 1; // unreachable: target < total
    }

    // ---- tables (numerics.md gives the formulas) ----

    /** 96 entries: {@code floor(2^15 / sqrt((k + 32.5)/32) + 0.5)}. */
    public static final int[] RSQRT_TABLE = table(96, k -> 32768.0 / StrictMath.sqrt((k + 32.5) / 32.0));
    /** 64 entries: {@code floor(2^21 / (k + 64.5) + 0.5)}. */
    public static final int[] RECIP_TABLE = table(64, k -> 2097152.0 / (k + 64.5));
    /** 256 entries: {@code floor(2^15·exp(−h/16) + 0.5)}. */
    public static final int[] EXP_HI = table(256, h -> 32768.0 * StrictMath.exp(-h / 16.0));
    /** 64 entries: {@code floor(2^15·exp(−l/1024) + 0.5)}. */
    public static final int[] EXP_LO = table(64, l -> 32768.0 * StrictMath.exp(-l / 1024.0));
    /** 257 entries: {@code floor(2^16·c(k/64) + 0.5)}, c = {@link #geluCorrection}. */
    public static final int[] GELU_TABLE = table(257, k -> 65536.0 * geluCorrection(k / 64.0));

    /** {@link #GELU_TABLE} for the erf form: {@code c(k/64)·2^16}, k = 0 … 256. */
    public static final int[] GELU_ERF_TABLE = table(257, k -> 65536.0 * geluErfCorrection(k / 64.0));

    private static int[] table(int size, java.util.function.IntToDoubleFunction f) {
        int[] t = new int[size];
        for (int k = 0; k < size; k++) t[k] = (int) Math.floor(f.applyAsDouble(k) + 0.5);
        return t;
    }
}
