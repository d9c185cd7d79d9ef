// board_frame_tx: the board -> host half of the serial protocol of docs/board.md, shared by
// board_link (token board) and board_link_vector (vector board). Both answer with the same five
// frames laid out alike, so the layout and the sending live here once: the 8N1 transmitter, and
// a walk that hands it SYNC (0xA5), the frame's bytes and the check byte (the XOR of the bytes
// after SYNC) one by one. Each byte is picked by its index from the frame's type and fields as
// it goes out (no frame is held in registers: that costs far more LUTs, docs/benchmarks.md).
//
// Frames (as docs/board.md's "Board -> host")
//   0xA5 'A' V CTX BOS TEMP[2] CLOCK_HZ[4] chk   accepted (the parameters)
//   0xA5 'T' value chk                           a chosen token or class
//   0xA5 'E' value cycles[4] chk                 end of a sample: its steps, the core's cycles
//   0xA5 'D' chk                                 done
//   0xA5 'X' value chk                           dropped: the error code
//
// Ports
//   clk, rst       clock; synchronous reset (the line goes idle high)
//   start          one cycle: send frame `kind` (only while none is going out)
//   kind           "A", "T", "E", "D" or "X"; kind, value and cycles hold until done
//   value          'T': the token; 'E': the steps; 'X': the code (unused by 'A' and 'D')
//   cycles         'E': the core cycles
//   done           one-cycle strobe: the check byte goes to the transmitter on this edge; the
//                  frame is sent and the next may start on the following cycle
//   tx             the serial line
// Parameters
//   CLKS_PER_BIT   clock cycles per bit: round(clock / baud)
//   V, CTX, BOS    the 'A' frame's vocabulary (classes), context and BOS (a vector board: 1, 255)
//   TEMP           the core's temperature, Q8.8
//   CLOCK_HZ       the clock the board runs at
module board_frame_tx #(
    parameter integer CLKS_PER_BIT = 104,
    parameter [7:0]   V = 8'd27,
    parameter [7:0]   CTX = 8'd16,
    parameter [7:0]   BOS = 8'd26,
    parameter [15:0]  TEMP = 16'd128,
    parameter [31:0]  CLOCK_HZ = 32'd12000000
) (
    input  wire        clk,
    input  wire        rst,
    input  wire        start,
    input  wire [7:0]  kind,
    input  wire [7:0]  value,
    input  wire [31:0] cycles,
    output wire        done,
    output wire        tx
);
    localparam [7:0] SYNC = 8'hA5;
    reg sending;                                     // a frame is going out (after its start cycle)
    reg [3:0] index;                                 // the byte of the frame that goes out next
    reg [7:0] chk;
    reg tx_valid;
    reg [7:0] tx_data;
    wire tx_ready;
    uart_tx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (.clk(clk), .rst(rst), .valid(tx_valid), .data(tx_data), .ready(tx_ready), .tx(tx));

    // the frame's bytes before the check byte, SYNC included; and byte `index` of it (1 .. len-1)
    wire [3:0] len = kind == "A" ? 4'd11 : kind == "E" ? 4'd7 : kind == "D" ? 4'd2 : 4'd3;
    reg [7:0] fbyte;
    always @(*) begin
        case (index)
            4'd1: fbyte = kind;
            4'd2: fbyte = kind == "A" ? V : value;
            4'd3: fbyte = kind == "A" ? CTX : cycles[7:0];
            4'd4: fbyte = kind == "A" ? BOS : cycles[15:8];
            4'd5: fbyte = kind == "A" ? TEMP[7:0] : cycles[23:16];
            4'd6: fbyte = kind == "A" ? TEMP[15:8] : cycles[31:24];
            4'd7: fbyte = CLOCK_HZ[7:0];
            4'd8: fbyte = CLOCK_HZ[15:8];
            4'd9: fbyte = CLOCK_HZ[23:16];
            default: fbyte = CLOCK_HZ[31:24];
        endcase
    end

    wire hand = (sending || start) && tx_ready && !tx_valid;   // a byte goes to the transmitter on this edge
    assign done = hand && index == len;

    always @(posedge clk) begin
        tx_valid <= 1'b0;
        if (rst) begin
            sending <= 1'b0; index <= 0; chk <= 0; tx_data <= 0;
        end else begin
            if (start) sending <= 1'b1;
            if (hand) begin
                tx_valid <= 1'b1;
                if (done) begin                      // the check byte: the frame is sent
                    tx_data <= chk;
                    sending <= 1'b0; index <= 0; chk <= 0;
                end else begin
                    tx_data <= index == 0 ? SYNC : fbyte;
                    if (index != 0) chk <= chk ^ fbyte;
                    index <= index + 1'b1;
                end
            end
        end
    end
endmodule
