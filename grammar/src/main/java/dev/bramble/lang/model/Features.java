package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * The features a model uses beyond microGPT's family — biases, learned norm gains and biases, a
 * tied output, per-layer weight formats, exact (erf) GELU — each with the line that uses it. The
 * reference models (and {@code bramble train}) compute them all; the hardware generator does not
 * yet, and refuses with these lines.
 */
public final class Features {
    private Features() {}

    /** One use of a feature: where, and what (for a message: "'bias' on linear fc1"). */
    public record Use(Range range, String layer, String feature) {
        public int line() {
            return range.start().line() + 1;
        }
    }

    public static List<Use> beyondMicrogpt(Model model) {
        List<Use> out = new ArrayList<>();
        for (Layer layer : model.flatLayers()) {
            String what = layer.kind() + (layer instanceof NormLayer n && n.name() == null ? "" : " " + layer.path());
            if (layer instanceof LinearLayer l) {
                if (l.hasBias()) out.add(new Use(l.range(), what, "'bias'"));
                if (l.tied()) out.add(new Use(l.range(), what, "'tied " + l.tiedTo() + "'"));
                if (l.activation() == Activation.GELU_ERF) out.add(new Use(l.range(), what, "'gelu erf'"));
            } else if (layer instanceof NormLayer n) {
                if (n.gain() != null) out.add(new Use(n.range(), what, "a learned 'gain'"));
                if (n.bias() != null) out.add(new Use(n.range(), what, "a learned 'bias'"));
            }
            for (Tensor t : layer.tensors()) {
                if (t.format() != null && !t.format().equals(model.weightFormat())) {
                    out.add(new Use(layer.range(), what, "its own weight format ('weights " + t.format() + "')"));
                    break;
                }
            }
        }
        return out;
    }
}
