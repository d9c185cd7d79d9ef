// Argmax over V logits (32-bit, signed) in one cycle (docs/architecture.md ARGMAX), ties to the
// lowest index. A tournament tree, not a chain: log2(V) compare levels deep instead of V-1 —
// on iCE40 the chain was the core's critical path (docs/benchmarks.md, place and route). Each
// node keeps its left (lower-index) child unless the right one is strictly greater, so ties go
// to the lowest index, as in the reference. `token` is registered at cyc 0 while `active`.
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
    // Leaves P .. 2P-1 hold logits 0 .. P-1 (past V: the most negative value, on the right of
    // every real logit, so they never win); node n compares its children 2n and 2n+1.
    localparam integer P = (V > 1) ? (1 << $clog2(V)) : 1;
    // split_var: each node is its own signal to Verilator (one array would look like a
    // combinational loop, since nodes read nodes of the same array).
    wire signed [31:0] val [1:2*P-1] /*verilator split_var*/;
    wire [IW-1:0] idx [1:2*P-1] /*verilator split_var*/;
    genvar n;
    generate
        for (n = 0; n < P; n = n + 1) begin : g_leaf
            if (n < V) begin : g_logit
                assign val[P + n] = z[n*32 +: 32];
            end else begin : g_pad
                assign val[P + n] = 32'sh80000000;
            end
            assign idx[P + n] = IW'(n);
        end
        for (n = P - 1; n >= 1; n = n - 1) begin : g_node
            wire right = val[2*n + 1] > val[2*n];
            assign val[n] = right ? val[2*n + 1] : val[2*n];
            assign idx[n] = right ? idx[2*n + 1] : idx[2*n];
        end
    endgenerate
    always @(posedge clk) if (active && cyc == {CYW{1'b0}}) token <= idx[1];
endmodule
