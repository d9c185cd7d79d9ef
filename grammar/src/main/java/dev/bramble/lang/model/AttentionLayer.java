package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/**
 * Causal multi-head self-attention with a KV cache. The four projections are the body's
 * linears in order: query, key, value, output.
 */
public record AttentionLayer(String path, int heads, LinearLayer query, LinearLayer key, LinearLayer value, LinearLayer output,
                             Range range) implements Layer {
    public String kind() { return "attention"; }
    public int inWidth() { return query.inWidth(); }
    public int outWidth() { return output.outWidth(); }
    /** Width of queries, keys and values together (all heads). */
    public int attentionWidth() { return query.outWidth(); }
    public int headDim() { return query.outWidth() / heads; }
    public List<Layer> children() { return List.of(query, key, value, output); }
}
