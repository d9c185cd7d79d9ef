// GELU (tanh form) per docs/numerics.md: ReLU(x) - c(|x|), c from a 257-entry table with
// linear interpolation between entries (steps of 1/64), zero for |x| >= 4. Combinational.
// With ERF = 1 the erf form's table (GELU_ERF_TABLE) follows it in the same ROM and `erf`
// picks the form: the two forms differ only in the table, so they share the one interpolation.
// With ERF = 2 (a model whose GELUs are all the erf form, GPT-2's) the ROM holds the
// erf table alone: the select of two tables costs about as much as a table (Yosys 0.23 on iCE40:
// 1,274 LUT4 with both tables, 749 with one).
module fx_gelu #(
    parameter integer NA = 16,                 // activation bits
    parameter integer FA = 12,                 // activation fraction bits
    parameter TABLE = "gelu_table.hex",        // GELU_TABLE, 257 x 16-bit
    parameter integer ERF = 0,                 // 1: also the erf form, chosen by `erf`; 2: the erf form only
    /* verilator lint_off UNUSEDPARAM */
    parameter ERF_TABLE = "gelu_erf_table.hex" // GELU_ERF_TABLE, 257 x 16-bit (ERF = 1)
    /* verilator lint_on UNUSEDPARAM */
) (
    input  wire signed [NA-1:0] x,
    /* verilator lint_off UNUSEDSIGNAL */ // read only with ERF = 1
    input  wire                 erf,
    /* verilator lint_on UNUSEDSIGNAL */
    output wire signed [NA-1:0] y
);
    localparam integer ENTRIES = ERF == 1 ? 514 : 257;
    reg [15:0] table_rom [0:ENTRIES-1];
    generate
        if (ERF == 2) begin : g_erf_only
            initial $readmemh(ERF_TABLE, table_rom, 0, 256);
        end else begin : g_tanh_table
            initial $readmemh(TABLE, table_rom, 0, 256);
        end
        if (ERF == 1) begin : g_erf_table
            initial $readmemh(ERF_TABLE, table_rom, 257, 513);
        end
    endgenerate

    wire [NA-1:0] a = x[NA-1] ? -x : x;        // |x|; |-2^(NA-1)| fits unsigned
    // a12 = rescale(a, FA, 12)
    localparam integer AW = NA + 13;
    wire [AW-1:0] a12;
    generate
        if (FA > 12) begin : g_down
            assign a12 = ({13'd0, a} + ({{(AW-1){1'b0}}, 1'b1} << (FA - 13))) >> (FA - 12);
        end else begin : g_up
            assign a12 = {13'd0, a} << (12 - FA);
        end
    endgenerate
    wire far = a12 >= 16384;
    wire [7:0] i = a12[13:6];
    wire [5:0] f = a12[5:0];
    localparam integer IXW = ERF == 1 ? 10 : 9;                      // the table's index width
    wire [IXW-1:0] base = (ERF == 1 && erf) ? IXW'(257) : {IXW{1'b0}};   // the erf form's entries follow the tanh form's
    wire [IXW-1:0] ix = base + IXW'(i);
    wire [15:0] t0 = table_rom[ix];
    wire [15:0] t1 = table_rom[ix + 1'b1];
    // diff·f by its six rows, no multiplier: every lane has a GELU, and a DSP cell a lane for
    // it would break "DSP cells = lanes + a constant" (issue #14). The tables' steps fit DIFW
    // bits signed (GeluTableStepsTest checks both tables against this file's DIFW), so each row is
    // DIFW bits: about 50 iCE40 LUT4 a lane.
    localparam integer DIFW = 11;
    /* verilator lint_off UNUSEDSIGNAL */ // the steps fit the low DIFW bits
    wire signed [17:0] diff = $signed({2'b0, t1}) - $signed({2'b0, t0});
    /* verilator lint_on UNUSEDSIGNAL */
    wire signed [DIFW-1:0] step = diff[DIFW-1:0];
    reg signed [DIFW+6:0] rows;
    integer r;
    always @* begin
        rows = {(DIFW+7){1'b0}};
        for (r = 0; r < 6; r = r + 1)
            if (f[r]) rows = rows + ((DIFW+7)'(step) <<< r);
    end
    wire signed [24:0] dif_f = 25'(rows);
    wire signed [24:0] interp = (dif_f + 25'sd32) >>> 6;
    wire signed [24:0] c16 = far ? 25'sd0 : $signed({9'd0, t0}) + interp;
    // rescale(c16, 16, FA), round half up. 0 <= c16 < 2^16, so c(|x|) in FA fraction bits is
    // below 2^FA: CW bits hold it for every FA (FA > 23 shifts it past 25 bits).
    localparam integer CW = (FA + 2 > 25) ? FA + 2 : 25;
    wire signed [CW-1:0] c16w = CW'(c16);
    wire signed [CW-1:0] cfa;
    generate
        if (FA < 16) begin : g_c
            assign cfa = (c16w + (CW'(1) <<< (15 - FA))) >>> (16 - FA);
        end else begin : g_c_up
            assign cfa = c16w <<< (FA - 16);
        end
    endgenerate
    // relu - c in DW bits (26 for NA <= 24, as before): wide enough for any NA and FA, and the
    // size casts sign-extend (no repeat count that a wide NA would make negative)
    localparam integer DW = ((NA + 1 > CW) ? NA + 1 : CW) + 1;
    wire signed [NA:0] relu = x[NA-1] ? {(NA+1){1'b0}} : {1'b0, x};
    wire signed [DW-1:0] diffy = DW'(relu) - DW'(cfa);
    // saturated to NA bits: it fits when bits NA-1 and up are one sign run (no comparators)
    wire [DW-NA:0] dhi = diffy[DW-1:NA-1];
    assign y = (&dhi || ~|dhi) ? diffy[NA-1:0] : diffy[DW-1] ? {1'b1, {(NA-1){1'b0}}} : {1'b0, {(NA-1){1'b1}}};
endmodule
