// The logits' maximum M (the sampler's, docs/numerics.md "Sample"), kept while the logits
// linear writes them: R row lanes give up to R logits per pass, so each pass goes through a
// tournament tree of R leaves and one comparison with the running maximum — R comparators in
// all, where a chain over every logit took V - 1 (and the sampler reads M the clock after).
//
// Ports
//   wb      a pass of the logits linear is written this clock (the logit registers take it)
//   first   ... and it is the first pass: M restarts from it
//   z       row lane l's logit at bits l*32 (signed)
//   valid   row lane l holds a logit in this pass (the last pass may hold fewer than R)
//   zmax    M over the logits written since `first`, registered
module logit_max #(
    parameter integer R = 16                  // row lanes of the logits linear
) (
    input  wire               clk,
    input  wire               wb,
    input  wire               first,
    input  wire [R*32-1:0]    z,
    input  wire [R-1:0]       valid,
    output reg signed [31:0]  zmax
);
    localparam integer P = (R > 1) ? (1 << $clog2(R)) : 1;
    // Icarus, an event-driven simulator, would wake the tree on every lane's sum of every
    // linear; there it sees the logits only in their write clock (__ICARUS__ is its own macro).
    // Synthesis and Verilator read z itself; both simulators are held bit-exact to the reference.
`ifdef __ICARUS__
    wire [R*32-1:0] zg = wb ? z : {(R*32){1'b0}};
`else
    wire [R*32-1:0] zg = z;
`endif
    // split_var: each node its own signal to Verilator (nodes read nodes of the same array)
    wire signed [31:0] val [1:2*P-1] /*verilator split_var*/;
    wire ok [1:2*P-1] /*verilator split_var*/;
    genvar n;
    generate
        for (n = 0; n < P; n = n + 1) begin : g_leaf
            if (n < R) begin : g_lane
                assign val[P + n] = zg[n*32 +: 32];
                assign ok[P + n] = valid[n];
            end else begin : g_pad
                assign val[P + n] = 32'sh80000000;
                assign ok[P + n] = 1'b0;
            end
        end
        for (n = P - 1; n >= 1; n = n - 1) begin : g_node
            wire right = ok[2*n + 1] && (!ok[2*n] || val[2*n + 1] > val[2*n]);
            assign val[n] = right ? val[2*n + 1] : val[2*n];
            assign ok[n] = ok[2*n] || ok[2*n + 1];
        end
    endgenerate
    always @(posedge clk) begin
        if (wb && ok[1] && (first || val[1] > zmax)) zmax <= val[1];
    end
endmodule
