package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.cli.CliRun;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.project.DesignFiles;
import dev.bramble.weights.ModelWeights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights shipped in examples/microgpt are what bramble train made, and they beat the bigram table. */
class ExampleWeightsTest {
    @Test
    void shippedMicroGptWeightsReachTheHeldOutTarget() throws Exception {
        Design design = DesignFiles.load(TrainerTest.MICROGPT);
        assertTrue(!design.hasErrors(), design.diagnostics().toString());
        Model model = design.model().orElseThrow();
        ModelWeights weights = ModelWeights.load(model, TrainerTest.MICROGPT.toAbsolutePath().getParent());
        Network net = Network.compile(model, "microgpt.bramble");
        assertEquals(4192, net.parameters().count());
        net.parameters().load(weights);

        Corpus corpus = Corpus.read(TrainerTest.NAMES, model.tokens());
        double heldOut = Trainer.meanLoss(net, corpus.heldOut());
        double bigram = new BigramBaseline(corpus.training(), net.vocabulary()).meanLoss(corpus.heldOut(), net.context());
        assertTrue(heldOut <= 2.35, "held-out loss " + heldOut);
        assertTrue(heldOut < bigram - 0.2, "held-out loss " + heldOut + " vs bigram " + bigram);
    }

    static final Path SHIPPED = TrainerTest.MICROGPT.resolveSibling("microgpt.safetensors");

    static JsonObject metadata(byte[] bytes) {
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return JsonParser.parseString(new String(bytes, 8, (int) n, StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonObject("__metadata__");
    }

    @Test
    void theFileRecordsTheCommandTheReadmeGives() throws Exception {
        JsonObject meta = metadata(Files.readAllBytes(SHIPPED));
        String readme = Files.readString(TrainerTest.MICROGPT.resolveSibling("README.md"));
        String command = "--data examples/microgpt/" + meta.get("corpus").getAsString() + " --steps " + meta.get("steps").getAsString()
                + " --lr " + meta.get("lr").getAsString() + " --seed " + meta.get("seed").getAsString();
        assertEquals("bramble train", meta.get("producer").getAsString());
        assertTrue(readme.contains(command), "README must give the command that made the weights: " + command);
    }

    /**
     * Rerunning the recorded command reproduces the shipped file byte for byte. When a change to
     * training (or to 'weights random seed') breaks this, regenerate the weights with the
     * command in examples/microgpt/README.md and update the figures quoted there.
     */
    @Test
    void theRecordedCommandReproducesTheShippedBytes(@TempDir Path dir) throws Exception {
        byte[] shipped = Files.readAllBytes(SHIPPED);
        JsonObject meta = metadata(shipped);
        Path out = dir.resolve("microgpt.safetensors");
        CliRun r = CliRun.of("train", TrainerTest.MICROGPT.toString(), "--data", TrainerTest.NAMES.toString(),
                "--steps", meta.get("steps").getAsString(), "--lr", meta.get("lr").getAsString(),
                "--seed", meta.get("seed").getAsString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Arrays.equals(shipped, Files.readAllBytes(out)),
                "training no longer reproduces examples/microgpt/microgpt.safetensors: regenerate it with the README's command");
    }
}
