package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer kind's analytic gradient against central finite differences on small random
 * cases. Each case checks the gradient of every weight, including the token embedding's,
 * whose gradient has flowed back through every layer above it — so each layer's input
 * gradient is checked too.
 */
class GradientCheckTest {
    static Stream<Arguments> layerKinds() {
        return Stream.of(
                Arguments.of("token embedding + linear", TestModels.lm("""
                        embedding wte [6, 4]
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("position embedding", TestModels.lm("""
                        embedding wte [6, 4]
                        embedding wpe [5, 4] position
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("rmsnorm", TestModels.lm("""
                        embedding wte [6, 4]
                        rmsnorm
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("layernorm", TestModels.lm("""
                        embedding wte [6, 4]
                        layernorm
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("linear relu", TestModels.lm("""
                        embedding wte [6, 4]
                        linear fc [4 -> 7] relu
                        linear lm_head [7 -> 6]
                        """)),
                Arguments.of("linear gelu", TestModels.lm("""
                        embedding wte [6, 4]
                        linear fc [4 -> 7] gelu
                        linear lm_head [7 -> 6]
                        """)),
                Arguments.of("attention (3 heads, attention width differs from model width)", TestModels.lm("""
                        embedding wte [6, 4]
                        embedding wpe [5, 4] position
                        attention heads 3 {
                            linear q [4 -> 6]
                            linear k [4 -> 6]
                            linear v [4 -> 6]
                            linear o [6 -> 4]
                        }
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("residual", TestModels.lm("""
                        embedding wte [6, 4]
                        residual {
                            linear fc1 [4 -> 5] gelu
                            linear fc2 [5 -> 4]
                        }
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("repeated blocks", TestModels.lm("""
                        embedding wte [6, 4]
                        block b[0..2] {
                            residual {
                                layernorm
                                linear fc [4 -> 4] relu
                            }
                        }
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("microGPT-shaped, two layers", TestModels.SMALL_GPT),
                // Issue #16: what a PyTorch-trained GPT has.
                Arguments.of("linear bias, gelu erf", TestModels.lm("""
                        embedding wte [6, 4]
                        linear fc [4 -> 7] gelu erf bias
                        linear lm_head [7 -> 6] bias
                        """)),
                Arguments.of("layernorm gain bias, rmsnorm gain", TestModels.lm("""
                        embedding wte [6, 4]
                        layernorm ln gain bias
                        linear fc [4 -> 4] relu
                        rmsnorm rn gain
                        linear lm_head [4 -> 6]
                        """)),
                Arguments.of("tied head (wte's gradient from both uses)", TestModels.lm("""
                        embedding wte [6, 4]
                        layernorm ln gain bias
                        linear lm_head [4 -> 6] tied wte
                        """)),
                Arguments.of("nanoGPT-shaped block", TestModels.lm("""
                        embedding wte [6, 8]
                        embedding wpe [5, 8] position
                        block h[0..0] {
                            residual {
                                layernorm ln_1 gain bias
                                attention heads 2 {
                                    linear q [8 -> 8] bias
                                    linear k [8 -> 8] bias
                                    linear v [8 -> 8] bias
                                    linear o [8 -> 8] bias
                                }
                            }
                            residual {
                                layernorm ln_2 gain bias
                                linear fc [8 -> 16] gelu erf bias
                                linear proj [16 -> 8] bias
                            }
                        }
                        layernorm ln_f gain bias
                        linear lm_head [8 -> 6] tied wte
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerKinds")
    void analyticGradientMatchesFiniteDifference(String kind, String source) {
        Network net = TestModels.network(source);
        Parameters p = net.parameters();
        p.initializeRandom(11);
        for (int i = 0; i < p.count(); i++) p.values()[i] *= 6; // std 0.48: every nonlinearity is exercised
        Random random = new Random(3);
        int positions = net.context();
        int[] tokens = new int[positions + 1];
        for (int i = 0; i < tokens.length; i++) tokens[i] = random.nextInt(net.vocabulary());

        p.clearGrads();
        net.loss(tokens, positions);
        net.backward(tokens, positions, 1.0);
        double[] analytic = p.grads().clone();

        double h = 1e-5;
        double[] w = p.values();
        double largest = 0;
        for (int i = 0; i < w.length; i++) {
            double saved = w[i];
            w[i] = saved + h;
            double plus = net.loss(tokens, positions);
            w[i] = saved - h;
            double minus = net.loss(tokens, positions);
            w[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            double error = Math.abs(numeric - analytic[i]);
            if (error > 1e-7 * Math.max(1, Math.abs(numeric))) {
                fail(kind + ": weight " + i + " analytic " + analytic[i] + " numeric " + numeric);
            }
            largest = Math.max(largest, Math.abs(analytic[i]));
        }
        assertTrue(largest > 1e-3, kind + ": gradients all near zero, the check would prove nothing");
    }
}
