package dev.bramble.golden;

import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.weights.WeightsCheck;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Runs the float and the fixed-point model side by side on the same tokens and measures how far
 * the fixed point drifts: logit errors, top-1 agreement, and (on a corpus) cross-entropy of both.
 * Without a corpus the fixed model chooses the tokens (as the hardware would) and both read them.
 */
public final class Comparison {
    /** The figures {@code bramble compare} prints. Losses are NaN without a corpus. */
    public record Result(int steps, double top1Agreement, double maxLogitError, double meanLogitError,
                         double floatLoss, double fixedLoss, Saturation saturation) {}

    /**
     * Activations of the fixed model that sit at the limit of the activation format (layer
     * outputs, logits excepted), the layer with the most, and the largest magnitude the float
     * model reached — with a format of the same width that would hold it.
     */
    public record Saturation(long atLimit, long values, String worstLayer, double floatLargest, FixedFormat holding) {}

    private final Generator<long[]> fixed;
    private final Generator<double[]> floating;
    private final Model model;

    private int steps;
    private int agree;
    private double maxError;
    private double errorSum;
    private long logitCount;
    private double floatLossSum;
    private double fixedLossSum;
    private int lossCount;
    private long atLimit;
    private long activationValues;
    private final Map<String, Long> atLimitByLayer = new HashMap<>();
    private double floatLargest;

    public Comparison(ModelWeights weights) throws UserError {
        this.fixed = ReferenceModels.fixed(weights);
        this.floating = ReferenceModels.floating(weights);
        this.model = weights.model();
        LinearLayer logits = Interpreter.logitsLayer(model);
        int na = model.activationFormat().totalBits();
        long max = (1L << (na - 1)) - 1, min = -(1L << (na - 1));
        fixed.interpreter().observe((layer, position, in, out) -> {
            if (layer == logits || layer instanceof BlockLayer) return;
            long n = 0;
            for (long v : out) if (v == max || v == min) n++;
            activationValues += out.length;
            if (n > 0) {
                atLimit += n;
                atLimitByLayer.merge(layer.path() + " (line " + (layer.range().start().line() + 1) + ")", n, Long::sum);
            }
        });
        floating.interpreter().observe((layer, position, in, out) -> {
            if (layer == logits) return;
            for (double v : out) floatLargest = Math.max(floatLargest, Math.abs(v));
        });
    }

    /** Token models: {@code steps} positions, sequences restarting at BOS or a full context. */
    public Result generated(int maxSteps, long seed) {
        Xorshift32 random = new Xorshift32(seed);
        int bos = model.tokens() != null ? model.tokens().bosId() : -1;
        while (steps < maxSteps) {
            reset();
            int token = bos >= 0 ? bos : 0;
            for (int position = 0; position < model.context() && steps < maxSteps; position++) {
                long[] z = fixed.interpreter().step(token, null, position);
                double[] f = floating.interpreter().step(token, null, position);
                record(fixed.interpreter().arithmetic().toDouble(z), f, -1);
                token = fixedChoice(z, random);
                if (token == bos) break;
            }
        }
        return result();
    }

    /** Token models on a corpus: each document is BOS, its tokens, BOS; teacher-forced. */
    public Result corpus(List<List<Integer>> documents, int maxSteps) {
        int bos = model.tokens() != null ? model.tokens().bosId() : -1;
        for (List<Integer> doc : documents) {
            List<Integer> seq = new ArrayList<>();
            if (bos >= 0) seq.add(bos);
            seq.addAll(doc);
            if (bos >= 0) seq.add(bos);
            reset();
            int n = Math.min(model.context(), seq.size() - 1);
            for (int position = 0; position < n && steps < maxSteps; position++) {
                long[] z = fixed.interpreter().step(seq.get(position), null, position);
                double[] f = floating.interpreter().step(seq.get(position), null, position);
                record(fixed.interpreter().arithmetic().toDouble(z), f, seq.get(position + 1));
            }
            if (steps >= maxSteps) break;
        }
        return result();
    }

    /** Vector models: {@code inputs} one step each. */
    public Result vectors(List<double[]> inputs) {
        for (double[] x : inputs) {
            reset();
            long[] z = fixed.interpreter().step(-1, x, 0);
            double[] f = floating.interpreter().step(-1, x, 0);
            record(fixed.interpreter().arithmetic().toDouble(z), f, -1);
        }
        return result();
    }

    private void reset() {
        fixed.interpreter().reset();
        floating.interpreter().reset();
    }

    private int fixedChoice(long[] z, Xorshift32 random) {
        if (model.outputLayer().orElse(null) instanceof dev.bramble.lang.model.SampleLayer s) {
            int fa = model.activationFormat().fracBits();
            return FixedMath.sample(z, FixedMath.inverseTemperature(s.temperature()), fa, random.next());
        }
        return FixedMath.argmax(z);
    }

    private void record(double[] fixedValues, double[] floatValues, int target) {
        steps++;
        if (ReferenceModels.argmax(fixedValues) == ReferenceModels.argmax(floatValues)) agree++;
        for (int i = 0; i < fixedValues.length; i++) {
            double e = Math.abs(fixedValues[i] - floatValues[i]);
            maxError = Math.max(maxError, e);
            errorSum += e;
            logitCount++;
        }
        if (target >= 0) {
            floatLossSum += crossEntropy(floatValues, target);
            fixedLossSum += crossEntropy(fixedValues, target);
            lossCount++;
        }
    }

    /** −log softmax(z)[target], in nats. */
    public static double crossEntropy(double[] z, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        for (double v : z) sum += Math.exp(v - max);
        return Math.log(sum) - (z[target] - max);
    }

    private Result result() {
        return new Result(steps, steps == 0 ? 0 : (double) agree / steps, maxError,
                logitCount == 0 ? 0 : errorSum / logitCount,
                lossCount == 0 ? Double.NaN : floatLossSum / lossCount,
                lossCount == 0 ? Double.NaN : fixedLossSum / lossCount, saturation());
    }

    private Saturation saturation() {
        String worst = atLimitByLayer.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        FixedFormat holding = WeightsCheck.holding(floatLargest, model.activationFormat().totalBits());
        return new Saturation(atLimit, activationValues, worst, floatLargest, holding);
    }
}
