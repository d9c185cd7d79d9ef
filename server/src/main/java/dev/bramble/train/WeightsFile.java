package dev.bramble.train;

import dev.bramble.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A trained network's weights as F32 safetensors, keyed by the model's tensor paths, with how they were made. */
public final class WeightsFile {
    private WeightsFile() {}

    public static void write(Path file, Network network, int steps, double learningRate, long seed, String corpusName)
            throws IOException {
        Parameters p = network.parameters();
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (Parameters.Slot s : p.slots()) entries.add(new SafetensorsWriter.Entry(s.path(), s.shape(), p.tensor(s.path())));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("producer", "bramble train");
        metadata.put("model", network.model().name());
        metadata.put("corpus", corpusName);
        metadata.put("steps", Integer.toString(steps));
        metadata.put("lr", String.format(Locale.ROOT, "%s", learningRate));
        metadata.put("seed", Long.toString(seed));
        SafetensorsWriter.write(file, entries, metadata);
    }
}
