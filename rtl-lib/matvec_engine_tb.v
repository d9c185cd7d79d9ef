// Testbench for matvec_engine: multiplies the OUT x IN matrix in W_FILE (row after row) by
// COUNT input vectors from X_FILE (IN elements each), one linear op per vector, and prints
// "R vector row y z" for every row at the engine's write-back. It plays the core's parts around
// the engine: the weight ROM (lane l's word for pass p, column c is W[p*RL + l%RL][(l/RL)*SEG + c],
// read one clock after the issue) and the broadcast operands (group g gets x[g*SEG + col]).
// The Java test checks y and z against the reference's linear (FixedMath.linearOut, ReLU, GELU).
module matvec_engine_tb #(
    parameter integer LANES = 4,
    parameter integer OUT = 8,
    parameter integer IN = 16,
    parameter integer SPLIT = 1,               // this linear's column groups
    parameter integer COUNT = 1,
    parameter integer NW = 16,
    parameter integer NA = 16,
    parameter integer FA = 12,
    parameter integer FW = 12,
    parameter integer ACCW = 37,
    parameter integer PSW = 38,
    parameter integer MAXSPLIT = 1,
    parameter [LANES:1] SPLITS = 1,
    parameter integer GELU = 0,
    parameter integer ACT = 0,
    parameter integer SAT32 = 0,
    parameter W_FILE = "w.hex",
    parameter X_FILE = "x.hex",
    parameter GELU_TABLE = "gelu_table.hex"
) (
    input wire clk
);
    localparam integer RL = LANES / SPLIT;                 // row lanes
    localparam integer PASSES = (OUT + RL - 1) / RL;
    localparam integer SEG = (IN + SPLIT - 1) / SPLIT;
    localparam integer ISSUES = PASSES * SEG;

    reg [NW-1:0] ws [0:OUT*IN-1];
    reg [NA-1:0] xs [0:COUNT*IN-1];
    initial begin
        $readmemh(W_FILE, ws);
        $readmemh(X_FILE, xs);
    end

    // one idle clock first (restart), then per vector ISSUES issue clocks and 4 to drain and restart
    integer vec = -1, t = 0;
    always @(posedge clk) begin
        if (vec < 0) begin
            vec <= 0; t <= 0;
        end else if (vec < COUNT) begin
            if (t < ISSUES + 3) t <= t + 1;
            else begin t <= 0; vec <= vec + 1; end
        end else $finish;
    end
    wire issue = vec >= 0 && vec < COUNT && t < ISSUES;
    wire restart = vec < 0 || t == ISSUES + 3;

    wire [15:0] col;
    always @(negedge clk) if (issue && col != 16'(t % SEG)) $display("ERROR column %0d at issue %0d of vector %0d", col, t, vec);

    // the broadcast operands of this issue
    reg [MAXSPLIT*NA-1:0] xb;
    integer g, c;
    always @* begin
        xb = {(MAXSPLIT*NA){1'b0}};
        for (g = 0; g < SPLIT; g = g + 1) begin
            c = g * SEG + t % SEG;
            if (issue && c < IN) xb[g*NA +: NA] = xs[vec * IN + c];
        end
    end

    // the ROM: the address registered at the issue, the word out one clock later
    integer r_pass = 0, r_col = 0;
    always @(posedge clk) begin
        r_pass <= t / SEG;
        r_col <= t % SEG;
    end
    reg [LANES*NW-1:0] w;
    integer l, row, cc;
    always @* begin
        for (l = 0; l < LANES; l = l + 1) begin
            row = r_pass * RL + l % RL;
            cc = (l / RL) * SEG + r_col;
            w[l*NW +: NW] = (row < OUT && cc < IN) ? ws[row * IN + cc] : {NW{1'b0}};
        end
    end

    wire wb;
    wire [15:0] wb_pass;
    wire [LANES*NA-1:0] y;
    wire [LANES*32-1:0] z;
    matvec_engine #(.LANES(LANES), .NW(NW), .NA(NA), .FA(FA), .FW(FW), .ACCW(ACCW), .PSW(PSW), .MAXSPLIT(MAXSPLIT), .SPLITS(SPLITS),
                    .GELU(GELU), .GELU_TABLE(GELU_TABLE))
        dut (.clk(clk), .restart(restart), .issue(issue), .seg(16'(SEG)), .split(16'(SPLIT)), .act(2'(ACT)), .sat32(SAT32 != 0),
             .col(col), .xb(xb), .w(w), .wb(wb), .wb_pass(wb_pass), .y(y), .z(z),
             .ext_en(1'b0), .ext_acc(1'b0), .ext_first(1'b0));

    always @(negedge clk) begin
        if (wb) begin
            for (l = 0; l < RL; l = l + 1) begin
                if (wb_pass * RL + l < OUT) $display("R %0d %0d %0d %0d", vec, wb_pass * RL + l, $signed(y[l*NA +: NA]), $signed(z[l*32 +: 32]));
            end
        end
    end
endmodule
