// Argmax over V logits (32-bit, signed) in one cycle (docs/architecture.md ARGMAX): a
// comparison chain from index 0 upwards, strictly greater replaces, so ties go to the lowest
// index. `token` is registered at cyc 0 while `active`.
module argmax_scan #(
    parameter integer V = 27,
    parameter integer IW = 5,                  // bits of a token index
    parameter integer CYW = 8
) (
    input  wire            clk,
    input  wire            active,
    input  wire [CYW-1:0]  cyc,
    input  wire [V*32-1:0] z,
    output reg  [IW-1:0]   token
);
    integer k;
    reg signed [31:0] best;
    reg [IW-1:0] best_i;
    always @* begin
        best = z[31:0];
        best_i = {IW{1'b0}};
        for (k = 1; k < V; k = k + 1) begin
            if ($signed(z[k*32 +: 32]) > best) begin
                best = z[k*32 +: 32];
                best_i = k[IW-1:0];
            end
        end
    end
    always @(posedge clk) if (active && cyc == {CYW{1'b0}}) token <= best_i;
endmodule
