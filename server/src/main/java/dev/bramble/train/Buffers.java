package dev.bramble.train;

import java.util.ArrayList;
import java.util.List;

/** Creates a network's buffers, all sized for its context, and clears their gradients together. */
final class Buffers {
    final int positions;
    private final List<Buffer> all = new ArrayList<>();

    Buffers(int positions) {
        this.positions = positions;
    }

    Buffer create(int width) {
        Buffer b = new Buffer(width, positions);
        all.add(b);
        return b;
    }

    void clearGrads(int used) {
        for (Buffer b : all) b.clearGrad(used);
    }
}
