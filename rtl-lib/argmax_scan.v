// Argmax over V logits (32-bit, signed), one per cycle while `active`, cyc = 0 .. V-1.
// Ties go to the lowest index (strictly greater replaces). `token` holds the answer after cyc V-1.
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
    reg signed [31:0] best;
    wire [IW-1:0] i = cyc[IW-1:0];
    wire signed [31:0] zi = z[cyc*32 +: 32];
    always @(posedge clk) begin
        if (active && cyc < CYW'(V)) begin
            if (cyc == {CYW{1'b0}} || zi > best) begin
                best <= zi;
                token <= i;
            end
        end
    end
endmodule
