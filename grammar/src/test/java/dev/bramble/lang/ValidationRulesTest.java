package dev.bramble.lang;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Severity;
import static dev.bramble.lang.DiagnosticAssert.assertDiagnostics;
import static dev.bramble.lang.DiagnosticAssert.assertFileDiagnostics;
import static dev.bramble.lang.DiagnosticAssert.d;
import static dev.bramble.lang.DiagnosticAssert.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.LinearLayer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per validation rule; each file under test resources/invalid/ breaks exactly one. */
class ValidationRulesTest {

    @Test
    void linearInputMustMatchTheWidthFlowingIn() {
        Design design = assertFileDiagnostics("invalid/width-mismatch.bramble", d(5, 20, 5, 23, Codes.WIDTH_MISMATCH));
        assertEquals("linear mlp_fc2 expects 16 inputs, but mlp_fc1 gives it 64", message(design, Codes.WIDTH_MISMATCH));
    }

    @Test
    void unknownConstantSuggestsTheClosestName() {
        Design design = assertFileDiagnostics("invalid/unknown-name.bramble", d(3, 23, 3, 27, Codes.UNKNOWN_NAME));
        assertTrue(message(design, Codes.UNKNOWN_NAME).contains("did you mean 'dim'"));
        assertEquals(List.of("dim"), design.diagnostics().get(0).data().get("suggestions"));
    }

    @Test
    void duplicateConstantAndLayerNames() {
        assertFileDiagnostics("invalid/duplicate-name.bramble",
                d(2, 4, 2, 7, Codes.DUPLICATE_NAME),
                d(6, 11, 6, 13, Codes.DUPLICATE_NAME));
    }

    @Test
    void residualBodyMustKeepTheWidth() {
        assertFileDiagnostics("invalid/residual-width.bramble", d(3, 4, 3, 12, Codes.RESIDUAL_WIDTH));
    }

    @Test
    void headsMustDivideTheAttentionWidth() {
        assertFileDiagnostics("invalid/heads-divide.bramble", d(4, 20, 4, 21, Codes.HEADS_DIVIDE));
    }

    @Test
    void positionEmbeddingNeedsARowPerContextPosition() {
        assertFileDiagnostics("invalid/position-rows.bramble", d(4, 19, 4, 20, Codes.POSITION_ROWS));
    }

    @Test
    void repeatRangeMustNotBeEmpty() {
        assertFileDiagnostics("invalid/empty-repeat.bramble", d(3, 16, 3, 20, Codes.EMPTY_REPEAT));
    }

    @Test
    void numericFormatMustHoldTwoToThirtyTwoBits() {
        assertFileDiagnostics("invalid/numeric-range.bramble", d(2, 20, 2, 26, Codes.NUMERIC_RANGE));
    }

    @Test
    void modelNeedsAnOutputLayer() {
        assertFileDiagnostics("invalid/no-output.bramble", d(0, 6, 0, 12, Codes.NO_OUTPUT));
    }

    @Test
    void targetNeedsEveryRequiredField() {
        Design design = assertFileDiagnostics("invalid/missing-field.bramble", d(7, 7, 7, 8, Codes.MISSING_FIELD));
        assertEquals("clock", design.diagnostics().get(0).data().get("field"));
    }

    @Test
    void targetFieldMayAppearOnce() {
        assertFileDiagnostics("invalid/duplicate-field.bramble", d(11, 4, 11, 16, Codes.DUPLICATE_FIELD));
    }

    @Test
    void lanesMustBeAtLeastOne() {
        assertFileDiagnostics("invalid/lanes-range.bramble", d(10, 10, 10, 11, Codes.LANES_RANGE));
    }

    @Test
    void clockMustBePositive() {
        assertFileDiagnostics("invalid/clock-range.bramble", d(9, 10, 9, 16, Codes.CLOCK_RANGE));
    }

    @Test
    void everySyntaxErrorIsReportedAndTheRestStillResolves() {
        Design design = assertFileDiagnostics("invalid/three-syntax-errors.bramble",
                d(2, 4, 2, 11, Codes.SYNTAX),
                d(4, 22, 4, 23, Codes.SYNTAX),
                d(6, 16, 6, 18, Codes.WIDTH_MISMATCH),
                d(7, 11, 7, 12, Codes.SYNTAX));
        assertTrue(design.model().orElseThrow().flatLayers().stream()
                .anyMatch(l -> l instanceof LinearLayer lin && lin.name().equals("fc0")), "fc0 still resolves");
    }

    // ---------------------------------------------------------------- rules stated inline

    @Test
    void attentionNeedsFourLinears() {
        assertDiagnostics("""
                model m {
                    weights random seed 1
                    embedding wte [27, 16]
                    attention heads 4 {
                        linear wq [16 -> 16]
                    }
                    linear lm_head [16 -> 27]
                    argmax
                }
                """, d(3, 4, 3, 13, Codes.ATTENTION_SHAPE));
    }

    @Test
    void outputLayerMustBeLast() {
        assertDiagnostics("""
                model m {
                    input x [4]
                    weights random seed 1
                    argmax
                    linear fc [4 -> 2]
                }
                """, d(4, 4, 4, 22, Codes.LAYER_ORDER));
    }

    @Test
    void normNeedsSomethingToRead() {
        assertDiagnostics("""
                model m {
                    weights random seed 1
                    rmsnorm
                    input x [4]
                    argmax
                }
                """, d(2, 4, 2, 11, Codes.NO_INPUT));
    }

    @Test
    void tokensMustCoverTheVocabulary() {
        assertDiagnostics("""
                model m {
                    weights random seed 1
                    tokens "abc" bos
                    embedding wte [5, 4]
                    linear lm_head [4 -> 5]
                    argmax
                }
                """, d(2, 4, 2, 20, Codes.TOKENS_VOCAB));
    }

    @Test
    void lastLinearMustGiveOneLogitPerToken() {
        assertDiagnostics("""
                model m {
                    weights random seed 1
                    embedding wte [5, 4]
                    linear lm_head [4 -> 6]
                    argmax
                }
                """, d(4, 4, 4, 10, Codes.VOCAB_MISMATCH));
    }

    @Test
    void constantCycleIsAnErrorNotACrash() {
        assertDiagnostics("""
                model m {
                    a = b + 1
                    b = a
                    input x [a]
                    weights random seed 1
                    argmax
                }
                """, d(1, 4, 1, 5, Codes.BAD_EXPRESSION));
    }

    @Test
    void divisionByZero() {
        assertDiagnostics("""
                model m {
                    input x [4 / (2 - 2)]
                    weights random seed 1
                    argmax
                }
                """, d(1, 13, 1, 24, Codes.BAD_EXPRESSION));
    }

    @Test
    void deviceNameWithASpace() {
        assertDiagnostics("""
                model m {
                    input x [4]
                    weights random seed 1
                    argmax
                }
                target t {
                    device xc7a35t csg324
                    clock 100 MHz
                    lanes 4
                }
                """, d(6, 11, 6, 25, Codes.DEVICE_NAME));
    }

    @Test
    void missingWeightsIsAWarning() {
        Design design = assertDiagnostics("""
                model m {
                    input x [4]
                    argmax
                }
                """, d(0, 6, 0, 7, Codes.NO_WEIGHTS));
        assertEquals(Severity.WARNING, design.diagnostics().get(0).severity());
    }

    @Test
    void columnsCountUtf16UnitsAsEditorsDo() {
        // The emoji before the error is one code point but two UTF-16 units.
        assertDiagnostics("""
                model m {
                    /* 🙂 */ input x [nope]
                    weights random seed 1
                    argmax
                }
                """, d(1, 22, 1, 26, Codes.UNKNOWN_NAME));   // 21 if code points were counted
    }
}
