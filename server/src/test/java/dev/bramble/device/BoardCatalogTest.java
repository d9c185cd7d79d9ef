package dev.bramble.device;

import dev.bramble.cli.CliRun;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Target;
import dev.bramble.lang.source.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boards are data in devices.json: each names a catalogued part, and a target may say {@code board NAME}. */
class BoardCatalogTest {
    final DeviceCatalog catalog = DeviceCatalog.standard();

    static final String MODEL = """
            model m {
                vocab = 4
                context = 4
                dim = 4
                weights random seed 1
                tokens "abc" bos
                numeric weights q4.12, activations q6.10
                embedding wte [vocab, dim]
                linear lm_head [dim -> vocab]
                argmax
            }
            """;

    @Test
    void theIssuesBoardsAreCataloguedWithTheirParts() {
        assertEquals("ice40up5k", catalog.board("icebreaker").orElseThrow().device().base());
        assertEquals(12.0, catalog.board("icebreaker").orElseThrow().clockMHz());
        assertEquals("lfe5u-25f", catalog.board("ulx3s-25f").orElseThrow().device().base());
        assertEquals("lfe5u-85f", catalog.board("ULX3S").orElseThrow().device().base());
        assertEquals("xc7a35t", catalog.board("arty-a7-35t").orElseThrow().device().base());
        assertEquals("xc7a100t", catalog.board("arty-a7-100t").orElseThrow().device().base());
        assertEquals("5CSEMA5", catalog.board("de1-soc").orElseThrow().device().base());
        assertEquals("gw1nr-9", catalog.board("tang-nano-9k").orElseThrow().device().base());
        for (Board b : catalog.boards()) {
            assertTrue(b.clockMHz() > 0, b.id());
            assertTrue(!b.leds().isEmpty() && b.leds().size() == b.ledNames().size(), b.id());
            Set<String> sites = new java.util.HashSet<>();
            for (Board.Pin p : pins(b)) assertTrue(sites.add(p.site()), b.id() + ": pin " + p.site() + " used twice");
        }
    }

    static List<Board.Pin> pins(Board b) {
        List<Board.Pin> all = new java.util.ArrayList<>(List.of(b.clock(), b.reset(), b.uartRx(), b.uartTx()));
        all.addAll(b.leds());
        return all;
    }

    @Test
    void aTargetMayNameABoardInsteadOfAPart() {
        Design d = Bramble.analyze("t.bramble", MODEL + "target t {\n    board icebreaker\n    clock 12 MHz\n    lanes 1\n}\n");
        assertTrue(d.diagnostics().stream().noneMatch(Diagnostic::isError), d.diagnostics().toString());
        Target t = d.targets().get(0);
        assertEquals("icebreaker", t.board());
        assertEquals("ice40up5k", catalog.find(t.device()).orElseThrow().base());
    }

    @Test
    void anUnknownBoardNamesTheBoards() {
        Design d = Bramble.analyze("t.bramble", MODEL + "target t {\n    board icebreakr\n    clock 12 MHz\n    lanes 1\n}\n");
        List<Diagnostic> found = BudgetCheck.check(d.model().orElseThrow(), d.targets().get(0));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("unknown board 'icebreakr'"), found.get(0).message());
        assertTrue(found.get(0).message().contains("did you mean 'icebreaker'"), found.get(0).message());
        assertEquals(12, found.get(0).range().start().line(), "on the board line (0-based)");
    }

    @Test
    void boardAndDeviceTogetherIsAnError() {
        Design d = Bramble.analyze("t.bramble", MODEL + "target t {\n    board icebreaker\n    device xc7a35t\n    clock 12 MHz\n    lanes 1\n}\n");
        assertTrue(d.diagnostics().stream().anyMatch(x -> x.isError() && x.message().contains("not both")), d.diagnostics().toString());
    }

    @Test
    void boardsCommandListsThemAsTextAndJson() {
        CliRun text = CliRun.of("boards");
        assertEquals(0, text.status(), text.err());
        for (Board b : catalog.boards()) assertTrue(text.out().contains(b.id()), text.out());
        CliRun json = CliRun.of("boards", "--format", "json");
        assertEquals(0, json.status(), json.err());
        var array = com.google.gson.JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(catalog.boards().size(), array.size());
        assertEquals("6", array.get(0).getAsJsonObject().getAsJsonObject("uartRx").get("site").getAsString());
    }
}
