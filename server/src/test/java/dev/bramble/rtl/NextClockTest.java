package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NextClockTest {
    @Test
    void findsEveryDeclaredName() {
        String v = """
                    wire [7:0] rd_row = src_row + 8'(rd_chunk);
                    reg [15:0] rd_chunk, wr_chunk;
                    reg wr_en;
                    wire signed [16:0] left = 17'sd4;
                    assign brow0 = src_row + jr;
                """;
        assertEquals(List.of("rd_row", "rd_chunk", "wr_chunk", "wr_en", "left"), NextClock.declaredNames(v));
    }

    @Test
    void renamesWholeIdentifiersOnly() {
        String v = "wire [7:0] rd_row = src_row + 8'(cyc) + norm_c + cyc_count + width_n; // cyc\n";
        assertEquals("wire [7:0] rd_row_n = src_row_n + 8'(cyc_n) + norm_c + cyc_count + width_n_n; // cyc_n\n",
                NextClock.rename(v, List.of("rd_row", "src_row", "cyc", "width_n")));
    }

    @Test
    void leavesLiteralsAndSystemNamesAlone() {
        // a based literal's digits and a hex literal that spells a name are not identifiers
        assertEquals("x_n = 16'hcafe + $signed(x_n) + 8'd5;", NextClock.rename("x = 16'hcafe + $signed(x) + 8'd5;", List.of("x", "cafe", "d5", "signed")));
    }
}
