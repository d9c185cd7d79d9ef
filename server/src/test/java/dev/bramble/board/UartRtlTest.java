package dev.bramble.board;

import dev.bramble.rtl.RtlLibrary;
import dev.bramble.tools.ProcessRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rtl-lib's uart_tx looped into uart_rx in Icarus (uart_tb.v): all 256 bytes, a low stop bit dropped, a glitch ignored. */
class UartRtlTest {
    @Test
    void everyByteComesBackAndBrokenFramesAreDropped(@TempDir Path dir) {
        for (String f : List.of("uart_rx.v", "uart_tx.v", "uart_tb.v")) RtlLibrary.copy(f, dir);
        ProcessRunner.Result c = ProcessRunner.run(List.of("iverilog", "-g2012", "-s", "uart_tb", "-o", "uart.vvp", "uart_rx.v", "uart_tx.v", "uart_tb.v"),
                dir, Duration.ofMinutes(1));
        assertTrue(c.ok(), c.tail(10));
        ProcessRunner.Result r = ProcessRunner.run(List.of("vvp", "-n", "uart.vvp"), dir, Duration.ofMinutes(1));
        assertTrue(r.ok(), r.tail(10));
        assertEquals("PASS", r.stdout().strip(), r.stdout());
    }
}
