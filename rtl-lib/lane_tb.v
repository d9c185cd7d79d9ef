// Testbench for one matrix-vector lane: weight_rom feeding mac_lane, wired as the emitted core
// wires them (the ROM word is `a`, the activation `b`; the ROM read takes one clock, so the
// activation and the control travel one register behind the address). The ROM holds a
// ROWS x COLS matrix row after row (ROM_FILE); X_FILE holds the COLS activations. Addresses are
// issued back to back, `first` on each row's first term, and "R row acc" is printed once a
// row's last product is in. The Java test checks acc against the exact integer dot product.
module lane_tb #(
    parameter integer ROWS = 4,
    parameter integer COLS = 8,
    parameter integer AW = 16,
    parameter integer BW = 16,
    parameter integer ACCW = 40,
    parameter integer BLOCK = 1,
    parameter integer SOFTB = 0,               // low bits of b the lane adds in logic (mac_lane)
    parameter ROM_FILE = "rom.hex",
    parameter X_FILE = "x.hex"
) (
    input wire clk
);
    localparam integer DEPTH = ROWS * COLS;
    localparam integer ADDRW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    reg [BW-1:0] x [0:COLS-1];
    initial $readmemh(X_FILE, x);

    // Issue stage: the address and what goes with the word it returns.
    integer issue = 0;
    reg [ADDRW-1:0] addr = 0;
    reg issued = 1'b0, issued_first = 1'b0, issued_last = 1'b0;
    reg [BW-1:0] issued_x = 0;
    integer issued_row = 0;
    // Data stage: the ROM word is valid now; the lane accumulates it.
    wire [AW-1:0] word;
    reg en = 1'b0, first = 1'b0, last = 1'b0;
    reg [BW-1:0] xb = 0;
    integer row = 0;
    // Result stage: acc holds the row's sum.
    reg report = 1'b0;
    integer report_row = 0;
    wire signed [ACCW-1:0] acc;

    weight_rom #(.DEPTH(DEPTH), .WIDTH(AW), .INIT_FILE(ROM_FILE), .BLOCK(BLOCK)) rom (.clk(clk), .addr(addr), .data(word));
    mac_lane #(.AW(AW), .BW(BW), .ACCW(ACCW), .SOFTB(SOFTB)) lane (.clk(clk), .en(en), .first(first), .a(word), .b(xb), .acc(acc));

    always @(posedge clk) begin
        issued <= issue < DEPTH;
        if (issue < DEPTH) begin
            addr <= issue[ADDRW-1:0];
            issued_first <= (issue % COLS) == 0;
            issued_last <= (issue % COLS) == COLS - 1;
            issued_x <= x[issue % COLS];
            issued_row <= issue / COLS;
            issue <= issue + 1;
        end
        en <= issued;
        first <= issued_first;
        last <= issued && issued_last;
        xb <= issued_x;
        row <= issued_row;
        report <= en && last;
        report_row <= row;
        if (report) $display("R %0d %0d", report_row, acc);
        if (issue >= DEPTH && !issued && !en && !report) $finish;
    end
endmodule
