package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * The features a model uses beyond microGPT's family — biases, learned norm gains and biases, a
 * tied output, per-layer weight formats, exact (erf) GELU — each with the line that uses it. The
 * reference models (and {@code bramble train}) compute them all; the hardware generator builds
 * the kinds it lists as built and refuses the others with these lines.
 */
public final class Features {
    private Features() {}

    /** What a use is, so a generator can say which kinds it builds. */
    public enum Kind { WEIGHT_FORMAT, LINEAR_BIAS, NORM_AFFINE, TIED_HEAD, GELU_ERF }

    /** One use of a feature: where, what kind, and what (for a message: "'bias' on linear fc1"). */
    public record Use(Range range, String layer, Kind kind, String feature) {
        public int line() {
            return range.start().line() + 1;
        }
    }

    /** The uses of kinds not in {@code built}: what a generator building only those must refuse. */
    public static List<Use> beyond(Model model, java.util.Set<Kind> built) {
        return beyondMicrogpt(model).stream().filter(u -> !built.contains(u.kind())).toList();
    }

    public static List<Use> beyondMicrogpt(Model model) {
        List<Use> out = new ArrayList<>();
        for (Layer layer : model.flatLayers()) {
            String what = layer.kind() + (layer instanceof NormLayer n && n.name() == null ? "" : " " + layer.path());
            if (layer instanceof LinearLayer l) {
                if (l.hasBias()) out.add(new Use(l.range(), what, Kind.LINEAR_BIAS, "'bias'"));
                if (l.tied()) out.add(new Use(l.range(), what, Kind.TIED_HEAD, "'tied " + l.tiedTo() + "'"));
                if (l.activation() == Activation.GELU_ERF) out.add(new Use(l.range(), what, Kind.GELU_ERF, "'gelu erf'"));
            } else if (layer instanceof NormLayer n) {
                if (n.gain() != null) out.add(new Use(n.range(), what, Kind.NORM_AFFINE, "a learned 'gain'"));
                if (n.bias() != null) out.add(new Use(n.range(), what, Kind.NORM_AFFINE, "a learned 'bias'"));
            }
            for (Tensor t : layer.tensors()) {
                if (t.format() != null && !t.format().equals(model.weightFormat())) {
                    out.add(new Use(layer.range(), what, Kind.WEIGHT_FORMAT, "its own weight format ('weights " + t.format() + "')"));
                    break;
                }
            }
        }
        return out;
    }
}
