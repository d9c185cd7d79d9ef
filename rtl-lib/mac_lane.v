// mac_lane: one MAC lane of the matrix-vector engine (docs/architecture.md §1).
// Every enabled clock: acc <= (first ? 0 : acc) + a * b, all signed two's complement.
//
// Ports
//   clk    in   clock
//   en     in   accumulate this cycle (acc holds when low)
//   first  in   this is the first term of a dot product: restart from 0 instead of acc
//   a      in   signed [AW-1:0]  (the ROM word in linears)
//   b      in   signed [BW-1:0]  (the broadcast activation)
//   acc    out  signed [ACCW-1:0] running sum, registered
//   p      out  signed [AW+BW-1:0] this clock's product a * b (other units borrow the lane's
//               multiplier through it while no linear runs: the norms' squares and scaling)
// Parameters
//   AW, BW     multiplier operand widths (the plan's lane widths); the estimator's DSP rule is
//              a function of these two numbers only
//   ACCW       accumulator width: wide enough for the sum of the dot products the lane makes
//              (the operands may be wider than those products need, for the borrowed ones)
//   SOFTB      low bits of b whose rows a·b[i]·2^i are added in logic, so that the rest,
//              a × b[BW-1:SOFTB], maps to one DSP cell (the plan's LaneWidths.softLowBits: on
//              iCE40 a 17 × 18 lane is two SB_MAC16, a 17 × 17 one and a thin slice). The
//              product is the same number either way.
module mac_lane #(
    parameter integer AW = 16,
    parameter integer BW = 16,
    parameter integer ACCW = 40,
    parameter integer SOFTB = 0
) (
    input  wire                   clk,
    input  wire                   en,
    input  wire                   first,
    input  wire signed [AW-1:0]   a,
    input  wire signed [BW-1:0]   b,
    output reg  signed [ACCW-1:0] acc,
    output wire signed [AW+BW-1:0] p
);
    wire signed [AW+BW-1:0] product;
    generate
        if (SOFTB == 0) begin : g_whole
            assign product = a * b;
        end else begin : g_soft_rows
            wire signed [BW-SOFTB-1:0] b_high = b[BW-1:SOFTB];
            wire signed [AW+BW-SOFTB-1:0] high = a * b_high;           // the DSP cell
            // the low bits' rows: b[i] ? a·2^i : 0, each bit of b unsigned
            reg signed [AW+SOFTB:0] low;
            integer i;
            always @* begin
                low = {(AW+SOFTB+1){1'b0}};
                for (i = 0; i < SOFTB; i = i + 1)
                    if (b[i]) low = low + ((AW+SOFTB+1)'(a) <<< i);
            end
            assign product = {high, {SOFTB{1'b0}}} + (AW+BW)'(low);
        end
    endgenerate
    assign p = product;

    // the product at the accumulator's width: sign-extended, or cut to bits the dot products
    // reach (the operands may be wider than a linear's, for the products other units borrow)
    wire signed [ACCW-1:0] term;
    generate
        if (ACCW > AW + BW) begin : g_extend
            assign term = {{(ACCW-AW-BW){product[AW+BW-1]}}, product};
        end else if (ACCW == AW + BW) begin : g_same
            assign term = product;
        end else begin : g_cut
            /* verilator lint_off UNUSEDSIGNAL */
            wire unused_high = &{1'b0, product[AW+BW-1:ACCW]};
            /* verilator lint_on UNUSEDSIGNAL */
            assign term = product[ACCW-1:0];
        end
    endgenerate

    initial acc = {ACCW{1'b0}};
    always @(posedge clk)
        if (en) acc <= (first ? {ACCW{1'b0}} : acc) + term;
endmodule
