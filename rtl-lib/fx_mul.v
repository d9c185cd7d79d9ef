// fx_mul: one multiplier, p = a * b at full width (AW + BW bits), both operands signed
// (SIGNED = 1) or both unsigned (SIGNED = 0). Combinational.
//
// Why a module of its own, kept in the hierarchy: every multiplier outside the MAC lanes goes
// through here so that synthesis maps exactly the multipliers the plan lists
// (Plan.multipliers(), docs/architecture.md "Multipliers"). Without the boundary Yosys's
// `share` pass merges multipliers it can prove are never active in the same cycle, and
// `wreduce` narrows operands it can prove constant-extended; both change the DSP count in ways
// the estimator cannot follow. Kept separate, each instance is an AW x BW multiplier, which
// DspRules maps by the family's rule.
//
// Ports
//   a  in   [AW-1:0]      (two's complement when SIGNED)
//   b  in   [BW-1:0]
//   p  out  [AW+BW-1:0]   the exact product
(* keep_hierarchy *)
module fx_mul #(
    parameter integer AW = 16,
    parameter integer BW = 16,
    parameter integer SIGNED = 1
) (
    input  wire [AW-1:0]    a,
    input  wire [BW-1:0]    b,
    output wire [AW+BW-1:0] p
);
    generate
        if (SIGNED != 0) begin : g_signed
            assign p = $signed(a) * $signed(b);
        end else begin : g_unsigned
            assign p = a * b;
        end
    endgenerate
endmodule
