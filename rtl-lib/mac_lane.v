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
// Parameters
//   AW, BW     multiplier operand widths (the plan's WA, WB); the estimator's DSP rule is
//              a function of these two numbers only
//   ACCW       accumulator width (>= AW + BW + ceil(log2 terms) so it never overflows)
module mac_lane #(
    parameter integer AW = 16,
    parameter integer BW = 16,
    parameter integer ACCW = 40
) (
    input  wire                   clk,
    input  wire                   en,
    input  wire                   first,
    input  wire signed [AW-1:0]   a,
    input  wire signed [BW-1:0]   b,
    output reg  signed [ACCW-1:0] acc
);
    wire signed [AW+BW-1:0] product = a * b;

    initial acc = {ACCW{1'b0}};
    always @(posedge clk)
        if (en) acc <= (first ? {ACCW{1'b0}} : acc) + {{(ACCW-AW-BW){product[AW+BW-1]}}, product};
endmodule
