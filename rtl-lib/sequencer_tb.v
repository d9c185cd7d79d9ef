// Testbench for the sequencer: OPS ops whose length at position t is base + inc*t (LEN_FILE:
// OPS base words, then OPS increments, 16 bits each), POSITIONS steps back to back. Op STALL_OP
// (-1: none) stalls for STALL_CYCLES cycles at its first cycle, as an op waiting for streamed
// input does. Prints "R pos cycles" per step, cycles counted from the edge that accepts the
// step's input to out_valid; the Java test checks them against the op table.
module sequencer_tb #(
    parameter integer OPS = 3,
    parameter integer POSITIONS = 4,
    parameter integer STALL_OP = -1,
    parameter integer STALL_CYCLES = 0,
    parameter LEN_FILE = "len.hex"
) (
    input wire clk
);
    localparam integer OPW = 8, CYW = 16, PW = 8;
    reg [15:0] table_words [0:2*OPS-1];
    initial $readmemh(LEN_FILE, table_words);

    reg rst = 1'b1, start = 1'b0, in_valid = 1'b0, out_ready = 1'b0;
    wire [OPW-1:0] op;
    wire [CYW-1:0] cyc;
    wire [PW-1:0] pos;
    wire idle, running, out_valid, accept, advance;
    wire [OPW-1:0] op_n;
    wire [CYW-1:0] cyc_n;
    wire [PW-1:0] pos_n;
    wire running_n;
    wire [CYW-1:0] len = table_words[op] + table_words[OPS + op] * pos;
    integer stalled = 0;
    wire stall = running && op == STALL_OP && cyc == 0 && stalled < STALL_CYCLES;

    sequencer #(.OPW(OPW), .CYW(CYW), .PW(PW), .LAST_OP(OPS - 1), .TOKEN(1)) dut (
        .clk(clk), .rst(rst), .start(start), .in_valid(in_valid), .stall(stall), .len(len), .out_ready(out_ready),
        .op(op), .cyc(cyc), .pos(pos), .idle(idle), .running(running), .out_valid(out_valid), .accept(accept), .advance(advance),
        .op_n(op_n), .cyc_n(cyc_n), .pos_n(pos_n), .running_n(running_n));

    integer count = 0, steps = 0, edges = 0;
    // the next-state outputs say what the registers hold after the edge
    reg [OPW-1:0] op_q;
    reg [CYW-1:0] cyc_q;
    reg [PW-1:0] pos_q;
    reg running_q, check = 1'b0;
    always @(posedge clk) begin
        op_q <= op_n; cyc_q <= cyc_n; pos_q <= pos_n; running_q <= running_n; check <= !rst;
    end
    always @(negedge clk) if (check && (op_q != op || cyc_q != cyc || pos_q != pos || running_q != running))
        $display("ERROR next state %0d %0d %0d %0d, then %0d %0d %0d %0d", op_q, cyc_q, pos_q, running_q, op, cyc, pos, running);
    reg measuring = 1'b0;
    always @(posedge clk) begin
        edges <= edges + 1;
        if (stall) stalled <= stalled + 1;
        if (advance) stalled <= 0;
        if (accept) begin count <= 0; measuring <= 1'b1; end
        else if (measuring && !out_valid) count <= count + 1;
        if (measuring && out_valid) begin
            $display("R %0d %0d", pos, count);
            measuring <= 1'b0;
            steps <= steps + 1;
            if (steps + 1 == POSITIONS) $finish;
        end
        if (edges > 100000) begin $display("ERROR sequencer never finished"); $finish; end
    end
    // Inputs change on the falling edge (Icarus and Verilator agree on that).
    always @(negedge clk) begin
        rst <= edges < 2;
        start <= edges == 3;
        in_valid <= edges >= 4;
        out_ready <= 1'b1;
    end
endmodule
