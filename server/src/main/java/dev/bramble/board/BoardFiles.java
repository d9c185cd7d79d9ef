package dev.bramble.board;

import dev.bramble.errors.UserError;
import dev.bramble.rtl.Emitter;
import dev.bramble.rtl.RtlLibrary;
import dev.bramble.weights.ModelWeights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A board design on disk: the emitted core in {@code DIR/rtl} (as 'bramble emit' writes it) and
 * beside it the board top, {@code board_clock.v} (hardware) and {@code board_clock_sim.v}
 * (simulation), and the UART, framing and protocol modules. {@code sources(sim)} lists what a tool
 * reads, in order; tools run in {@code rtl()} (the ROM images are read from there).
 */
public record BoardFiles(Path dir, Path rtl, String top, String core, List<String> coreSources, BoardTopWriter.CoreFacts facts,
                         BoardTarget board) {
    /** The UART, the framing both protocol modules share (board_frame_rx / _tx), then the protocol module. */
    static final List<String> TOKEN_LINK_FILES = List.of("uart_rx.v", "uart_tx.v", "board_frame_rx.v", "board_frame_tx.v", "board_link.v");
    static final List<String> VECTOR_LINK_FILES = List.of("uart_rx.v", "uart_tx.v", "board_frame_rx.v", "board_frame_tx.v",
            "board_link_vector.v");

    public static BoardFiles write(ModelWeights weights, BoardTarget board, Path dir) throws UserError {
        Path rtl = dir.resolve("rtl");
        Emitter.Emitted core = Emitter.emit(weights, board.target(), rtl);
        BoardTopWriter.CoreFacts facts = BoardTopWriter.CoreFacts.of(core.program());
        String top = core.top() + "_board";
        List<String> coreSources = new ArrayList<>(core.sources());
        coreSources.remove(core.testbench() + ".v");
        try {
            for (String f : linkFiles(facts)) Files.writeString(rtl.resolve(f), RtlLibrary.read(f), StandardCharsets.UTF_8);
            Files.writeString(rtl.resolve("board_clock.v"), BoardTopWriter.clock(board), StandardCharsets.UTF_8);
            Files.writeString(rtl.resolve("board_clock_sim.v"), BoardTopWriter.simulationClock(), StandardCharsets.UTF_8);
            Files.writeString(rtl.resolve(top + ".v"), BoardTopWriter.top(core.top(), board, facts,
                    BoardTopWriter.LinkSizing.of(dev.bramble.rtl.PlanSource.plan(weights.model(), board.target()))), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the board design there (" + e.getMessage() + ")");
        }
        return new BoardFiles(dir, rtl, top, core.top(), List.copyOf(coreSources), facts, board);
    }

    /** The UART, the shared framing and the protocol module the top uses: {@code board_link} (tokens) or {@code board_link_vector}. */
    static List<String> linkFiles(BoardTopWriter.CoreFacts facts) {
        return facts.vector() ? VECTOR_LINK_FILES : TOKEN_LINK_FILES;
    }

    /** The board design's Verilog files in compile order: the core, the link, the clock (hardware or simulation), the top. */
    public List<String> sources(boolean simulation) {
        List<String> all = new ArrayList<>(coreSources);
        all.addAll(linkFiles(facts));
        all.add(simulation ? "board_clock_sim.v" : "board_clock.v");
        all.add(top + ".v");
        return all;
    }
}
