// board_link_vector: the board's side of the serial protocol of docs/board.md for a vector-input
// core (an `input` layer: the ports in_data / in_valid / in_ready of an emitted top, see the
// design's README). It receives a vector request, answers with an acknowledgement, resets the
// core with the request's seed (unless the request says to continue), feeds the vector chunk by
// chunk as the emitted testbench does (LANES elements per transfer, one transfer per cycle while
// in_ready), and sends the chosen class, the step's core cycle count and a done frame.
//
// Frames (every one: 0xA5, then bytes, then a check byte: the XOR of the bytes after 0xA5)
//   host -> board  0xA5 0x00 LEN[2] seed[4] temp[2] flags x[N*EB] chk   (LEN = 7 + N*EB; EB = ceil(NI/8))
//                  x: N elements, each EB bytes little-endian, two's complement in the input format
//                  (the board takes the low NI bits); flags bit 0: continue (no reset: the sampler
//                  goes on from the previous request), the other bits 0
//   board -> host  0xA5 'A' V 1 255 temp[2] clock_hz[4] chk       accepted (context 1, no BOS)
//                  0xA5 'T' class chk                              the chosen class
//                  0xA5 'E' 1 cycles[4] chk                        one step: the core's cycles
//                  0xA5 'D' chk                                    done
//                  0xA5 'X' code chk                               the request was dropped
// A token request (its second byte is its length, at least 9) is read to its end by its length
// and refused with code 8. Robustness as board_link: bytes before 0xA5 are skipped; a frame that
// stops for TIMEOUT cycles is dropped (code 3); bytes that arrive while the core runs are ignored;
// a core that does not answer within WATCHDOG cycles ends the request (code 6).
//
// Error codes: 1 check byte, 2 length (not 7 + N*EB), 3 truncated (timeout), 4 temperature is not
//              the core's, 6 the core did not answer, 8 a token request to a vector board
//
// The line is shared with board_link: board_frame_rx (UART receiver, SYNC, check byte, timeout,
// error LED) and board_frame_tx (UART transmitter and the board -> host frames above); this
// module parses its request and feeds the core.
module board_link_vector #(
    parameter integer TW = 4,              // class width of the core (out_token)
    parameter integer N = 64,              // input elements
    parameter integer NI = 8,              // bits per element (the input format's)
    parameter integer LANES = 4,           // elements per in_data transfer
    parameter integer V = 10,              // classes
    parameter [15:0]  TEMP = 16'd0,        // the core's temperature, Q8.8; 0: argmax
    parameter [31:0]  CLOCK_HZ = 32'd12000000,
    parameter integer CLKS_PER_BIT = 104,
    parameter integer TIMEOUT = 1200000,   // silent cycles inside a frame before it is dropped
    parameter integer WATCHDOG = 16777215  // cycles a step may take before the request is ended
) (
    input  wire                clk,
    input  wire                rst,
    input  wire                rx,
    output wire                tx,
    output reg                 core_rst,
    output reg  [31:0]         seed,
    output reg                 start,
    output reg                 in_valid,
    input  wire                in_ready,
    output wire [LANES*NI-1:0] in_data,
    input  wire                out_valid,
    output reg                 out_ready,
    input  wire [TW-1:0]       out_token,
    output wire                busy,
    output wire                error
);
    localparam integer EB = (NI + 7) / 8;                  // bytes per element on the line
    localparam integer CHUNKS = (N + LANES - 1) / LANES;   // in_data transfers per vector
    localparam [15:0] BODY = 16'(7 + N * EB);
    localparam integer CW = CHUNKS > 1 ? $clog2(CHUNKS) : 1;
    localparam integer LW = LANES > 1 ? $clog2(LANES) : 1;
    localparam integer BW = EB > 1 ? $clog2(EB) : 1;
    localparam [CW-1:0] LAST_CHUNK = CW'(CHUNKS - 1);
    localparam [LW-1:0] LAST_LANE = LW'(LANES - 1);
    localparam [BW-1:0] LAST_BYTE = BW'(EB - 1);

    // ---- the run ----
    localparam [3:0] S_IDLE = 4'd0, S_SEND = 4'd1, S_RESET = 4'd2, S_START = 4'd3, S_FEED = 4'd4, S_WAIT = 4'd5,
                     S_CLASS = 4'd6, S_STEP_END = 4'd7, S_DONE_FRAME = 4'd8;
    localparam [7:0] V8 = 8'(V);
    localparam [24:0] WATCHDOG25 = 25'(WATCHDOG);
    reg [3:0] state, after;
    reg frame_start;                                 // one cycle: board_frame_tx sends the frame ftype
    reg [7:0] ftype, fvalue;                         // the frame being sent: "A", "T", "E", "D" or "X"; its class, steps or code
    reg [TW-1:0] tok;
    reg [31:0] cycles;
    reg [24:0] step_cycles;
    reg counting;                                    // the first transfer has happened: the step runs
    reg [1:0] hold;
    reg [CW-1:0] rc;                                 // the chunk on in_data
    wire fire = in_valid && in_ready;
    wire [CW-1:0] ra = (fire && rc != LAST_CHUNK) ? rc + 1'b1 : rc;   // the chunk in_data holds after this edge

    // ---- request parser (listens only while the board waits) ----
    localparam [2:0] P_HUNT = 3'd0, P_KIND = 3'd1, P_LEN0 = 3'd2, P_LEN1 = 3'd3, P_BODY = 3'd4, P_CHK = 3'd5, P_SKIP = 3'd6;
    reg [2:0] ps;
    reg [15:0] idx, skip_left;
    reg [7:0] len0;
    reg [31:0] req_seed;
    reg [15:0] req_temp;
    reg req_continue;
    reg req_ok, err_pending;
    reg [7:0] err_code;

    // ---- the line: board_frame_rx (UART, SYNC, check byte, timeout, error LED), board_frame_tx (frames out) ----
    wire rx_valid, rx_sync, rx_check_ok, rx_timeout, frame_done;
    wire [7:0] rx_data;
    board_frame_rx #(.CLKS_PER_BIT(CLKS_PER_BIT), .TIMEOUT(TIMEOUT)) u_rx (.clk(clk), .rst(rst), .rx(rx),
        .listen(state == S_IDLE), .in_frame(ps != P_HUNT), .valid(rx_valid), .data(rx_data), .sync(rx_sync), .check_ok(rx_check_ok),
        .timeout(rx_timeout), .flag(frame_start && ftype == "X"), .clear(frame_start && ftype == "A"), .error(error));
    board_frame_tx #(.CLKS_PER_BIT(CLKS_PER_BIT), .V(V8), .CTX(8'd1), .BOS(8'd255), .TEMP(TEMP), .CLOCK_HZ(CLOCK_HZ)) u_tx (.clk(clk), .rst(rst),
        .start(frame_start), .kind(ftype), .value(fvalue), .cycles(cycles), .done(frame_done), .tx(tx));

    // where the next element goes: lane wl of chunk wc, byte wb of it
    reg [CW-1:0] wc;
    reg [LW-1:0] wl;
    reg [BW-1:0] wb;
    reg [8*EB-1:0] asm;                               // the element's bytes so far (shifted in from the top)
    /* verilator lint_off UNUSEDSIGNAL */ // the low byte falls out; bits above NI are not taken
    wire [8*EB+7:0] shifted = {rx_data, asm};
    wire [8*EB-1:0] element = shifted[8*EB+7:8];
    /* verilator lint_on UNUSEDSIGNAL */
    wire in_data_byte = ps == P_BODY && idx >= 16'd7;
    wire write_element = state == S_IDLE && rx_valid && in_data_byte && wb == LAST_BYTE;

    // the vector: one memory per lane, chunk by chunk (written by the parser, read by the feeder)
    genvar g;
    generate
        for (g = 0; g < LANES; g = g + 1) begin : lane
            reg [NI-1:0] mem [0:CHUNKS-1];
            reg [NI-1:0] q;
            always @(posedge clk) begin
                if (write_element && wl == LW'(g)) mem[wc] <= element[NI-1:0];
                q <= mem[ra];
            end
            // past the last element the core takes zeros (as the emitted testbench gives)
            wire live = (32'(rc) * LANES + g) < N;
            assign in_data[g*NI +: NI] = live ? q : {NI{1'b0}};
        end
    endgenerate

    assign busy = state != S_IDLE;

    always @(posedge clk) begin
        if (rst) begin
            ps <= P_HUNT; idx <= 0; skip_left <= 0; len0 <= 0; req_ok <= 1'b0; err_pending <= 1'b0;
            err_code <= 0; req_seed <= 0; req_temp <= 0; req_continue <= 1'b0; wc <= 0; wl <= 0; wb <= 0; asm <= 0;
        end else begin
            if (state == S_IDLE && (req_ok || err_pending)) begin
                req_ok <= 1'b0;                          // taken by the run below
                err_pending <= 1'b0;
            end
            if (state != S_IDLE) ps <= P_HUNT;           // bytes during a run are ignored
            else if (rx_valid) begin
                case (ps)
                    P_HUNT: if (rx_sync) ps <= P_KIND;
                    P_KIND: begin
                        if (rx_data == 8'd0) ps <= P_LEN0;
                        else begin                       // a token request: read past it, then refuse it
                            skip_left <= {8'd0, rx_data} + 16'd1;
                            ps <= P_SKIP;
                        end
                    end
                    P_LEN0: begin len0 <= rx_data; ps <= P_LEN1; end
                    P_LEN1: begin
                        idx <= 0; wc <= 0; wl <= 0; wb <= 0;
                        if ({rx_data, len0} != BODY) begin
                            ps <= P_HUNT; err_code <= 8'd2; err_pending <= 1'b1;
                        end else ps <= P_BODY;
                    end
                    P_BODY: begin
                        case (idx)
                            16'd0: req_seed[7:0] <= rx_data;
                            16'd1: req_seed[15:8] <= rx_data;
                            16'd2: req_seed[23:16] <= rx_data;
                            16'd3: req_seed[31:24] <= rx_data;
                            16'd4: req_temp[7:0] <= rx_data;
                            16'd5: req_temp[15:8] <= rx_data;
                            16'd6: req_continue <= rx_data[0];
                            default: begin               // an element byte (the memories take the element on its last byte)
                                asm <= element;
                                if (wb == LAST_BYTE) begin
                                    wb <= 0;
                                    if (wl == LAST_LANE) begin wl <= 0; wc <= wc + 1'b1; end
                                    else wl <= wl + 1'b1;
                                end else wb <= wb + 1'b1;
                            end
                        endcase
                        idx <= idx + 1'b1;
                        if (idx + 1'b1 == BODY) ps <= P_CHK;
                    end
                    P_SKIP: begin
                        skip_left <= skip_left - 1'b1;
                        if (skip_left == 16'd1) begin ps <= P_HUNT; err_code <= 8'd8; err_pending <= 1'b1; end
                    end
                    default: begin                       // P_CHK
                        ps <= P_HUNT;
                        if (!rx_check_ok) begin err_code <= 8'd1; err_pending <= 1'b1; end
                        else if (req_temp != TEMP && req_temp != 16'hFFFF) begin err_code <= 8'd4; err_pending <= 1'b1; end
                        else req_ok <= 1'b1;
                    end
                endcase
            end else if (rx_timeout) begin              // the frame stopped: dropped
                ps <= P_HUNT; err_pending <= 1'b1;
                err_code <= ps == P_SKIP ? 8'd8 : 8'd3;  // a token request cut short is still refused as one
            end
        end
    end

    always @(posedge clk) begin
        start <= 1'b0;
        out_ready <= 1'b0;
        frame_start <= 1'b0;
        if (rst) begin
            state <= S_IDLE; after <= S_IDLE; core_rst <= 1'b1; seed <= 0; in_valid <= 1'b0;
            tok <= 0; cycles <= 0; step_cycles <= 0; counting <= 1'b0; hold <= 0;
            ftype <= 0; fvalue <= 0; rc <= 0;
        end else begin
            case (state)
                S_IDLE: begin
                    core_rst <= 1'b0;
                    in_valid <= 1'b0;
                    if (err_pending) begin
                        ftype <= "X"; fvalue <= err_code; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                    end else if (req_ok) begin
                        ftype <= "A"; frame_start <= 1'b1; state <= S_SEND;
                        after <= req_continue ? S_START : S_RESET;
                        seed <= req_seed; hold <= 0;
                    end
                end
                S_SEND: if (frame_done) state <= after;  // board_frame_tx sends the frame, then on to `after`
                S_RESET: begin                           // two cycles of reset load the seed
                    core_rst <= 1'b1;
                    hold <= hold + 1'b1;
                    if (hold == 2'd2) begin core_rst <= 1'b0; state <= S_START; end
                end
                S_START: begin
                    start <= 1'b1; rc <= 0; cycles <= 0; step_cycles <= 0; counting <= 1'b0; state <= S_FEED;
                end
                S_FEED: begin                            // chunk rc on in_data until taken; the next one follows on the same edge
                    if (counting) cycles <= cycles + 1'b1;
                    step_cycles <= step_cycles + 1'b1;
                    if (fire) begin
                        counting <= 1'b1;
                        rc <= ra;
                        if (rc == LAST_CHUNK) begin in_valid <= 1'b0; state <= S_WAIT; end
                    end else if (in_ready && !start) in_valid <= 1'b1;
                    if (step_cycles == WATCHDOG25) begin
                        in_valid <= 1'b0;
                        ftype <= "X"; fvalue <= 8'd6; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                    end
                end
                S_WAIT: begin
                    if (out_valid) begin
                        out_ready <= 1'b1;
                        tok <= out_token;
                        state <= S_CLASS;
                    end else begin
                        cycles <= cycles + 1'b1;
                        step_cycles <= step_cycles + 1'b1;
                        if (step_cycles == WATCHDOG25) begin
                            ftype <= "X"; fvalue <= 8'd6; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                        end
                    end
                end
                S_CLASS: begin
                    ftype <= "T"; fvalue <= 8'(tok); frame_start <= 1'b1; after <= S_STEP_END; state <= S_SEND;
                end
                S_STEP_END: begin
                    ftype <= "E"; fvalue <= 8'd1; frame_start <= 1'b1; after <= S_DONE_FRAME; state <= S_SEND;
                end
                default: begin                           // S_DONE_FRAME
                    ftype <= "D"; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                end
            endcase
        end
    end
endmodule
