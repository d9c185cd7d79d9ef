package dev.bramble.train;

/**
 * Adam as microGPT uses it: m = β1 m + (1−β1) g, v = β2 v + (1−β2) g², bias-corrected, and
 * w −= lr · m̂ / (√v̂ + ε), with β1 = 0.85, β2 = 0.99, ε = 1e-8.
 */
public final class Adam {
    public static final double BETA1 = 0.85;
    public static final double BETA2 = 0.99;
    public static final double EPSILON = 1e-8;

    private final double[] m;
    private final double[] v;
    /** β1^t and β2^t, kept as running products (exact, and no pow per step). */
    private double beta1Power = 1;
    private double beta2Power = 1;

    public Adam(int parameters) {
        m = new double[parameters];
        v = new double[parameters];
    }

    /** One update of {@code weights} from {@code grads} at learning rate {@code lr}. */
    public void update(double[] weights, double[] grads, double lr) {
        beta1Power *= BETA1;
        beta2Power *= BETA2;
        double c1 = 1 / (1 - beta1Power);
        double c2 = 1 / (1 - beta2Power);
        for (int i = 0; i < weights.length; i++) {
            double g = grads[i];
            double mi = BETA1 * m[i] + (1 - BETA1) * g;
            double vi = BETA2 * v[i] + (1 - BETA2) * g * g;
            m[i] = mi;
            v[i] = vi;
            weights[i] -= lr * (mi * c1) / (Math.sqrt(vi * c2) + EPSILON);
        }
    }
}
