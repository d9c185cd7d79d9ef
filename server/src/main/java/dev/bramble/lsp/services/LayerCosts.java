package dev.bramble.lsp.services;

import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.LayerEstimate;
import dev.bramble.lang.source.Range;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The estimate's rows by source layer: what each layer as written costs. The estimator gives
 * each row its layer's range; a repeated block's expansions share one source range, so their
 * rows add up on that line.
 */
public final class LayerCosts {
    /** One source layer's share of the estimate. {@code cycles} is per token, averaged over the context. */
    public record Cost(long params, long weightBits, int bram, int dsp, double cycles) {
        Cost plus(LayerEstimate e) {
            return new Cost(params + e.params(), weightBits + e.weightBits(), bram + e.bram(), dsp + e.dsp(), cycles + e.cycles());
        }
    }

    private LayerCosts() {}

    public static Map<Range, Cost> of(Estimate estimate) {
        Map<Range, Cost> out = new LinkedHashMap<>();
        for (LayerEstimate row : estimate.layers()) {
            Range r = row.range();   // the estimator names each row's source layer (one source of truth)
            if (r == null) continue;
            out.merge(r, new Cost(0, 0, 0, 0, 0).plus(row), (a, b) -> new Cost(a.params + b.params, a.weightBits + b.weightBits,
                    a.bram + b.bram, a.dsp + b.dsp, a.cycles + b.cycles));
        }
        return out;
    }
}
