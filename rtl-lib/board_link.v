// board_link: the board's side of the serial protocol of docs/board.md, and the driver of a
// token core (the ports of an emitted top, see the design's README). It receives a request
// frame, answers with an acknowledgement, resets the core with the request's seed, runs the
// requested samples exactly as the emitted testbench does (BOS, the prompt, then the core's own
// choices until BOS, the end of the context or the token limit) and streams every chosen token,
// then the sample's core cycle count, then a done frame.
//
// Frames (every one: 0xA5, then bytes, then a check byte: the XOR of the bytes after 0xA5)
//   host -> board  0xA5 LEN seed[4] temp[2] samples maxtok plen prompt[plen] chk     (LEN = 9 + plen)
//   board -> host  0xA5 'A' V CTX BOS temp[2] clock_hz[4] chk     accepted
//                  0xA5 'T' token chk                              a chosen token
//                  0xA5 'E' steps cycles[4] chk                    end of a sample: core cycles of its steps
//                  0xA5 'D' chk                                    all samples sent
//                  0xA5 'X' code chk                               the request was dropped (codes below)
// Multi-byte fields are little-endian; temp is Q8.8 (0: argmax) and must equal the core's own.
// Robustness: bytes before 0xA5 are skipped; a frame that stops for TIMEOUT cycles is dropped
// (code 3); bytes that arrive while samples run are ignored; a sample whose core cycles reach
// 2^WATCHDOG_BIT ends the request (code 6: the core did not answer). The board always comes back
// to waiting.
//
// A vector request (0xA5 0x00 LEN[2] ..., board_link_vector's) is skipped until the line is quiet
// for TIMEOUT cycles (its end: no length counter), then refused with code 8.
//
// Error codes: 1 check byte, 2 length, 3 truncated (timeout), 4 temperature is not the core's,
//              5 a prompt token outside the vocabulary, 6 the core did not answer, 7 samples = 0,
//              8 a vector request to a token board
//
// The line is shared with board_link_vector: board_frame_rx (UART receiver, SYNC, check byte,
// timeout, error LED) and board_frame_tx (UART transmitter and the board -> host frames above);
// this module parses its request and runs the core.
module board_link #(
    parameter integer TW = 5,              // token width of the core
    parameter integer CTX = 16,
    parameter integer V = 27,
    parameter integer BOS = 26,
    parameter [15:0]  TEMP = 16'd128,      // the core's temperature, Q8.8; 0: argmax
    parameter [31:0]  CLOCK_HZ = 32'd12000000,
    parameter integer CLKS_PER_BIT = 104,
    parameter integer TIMEOUT = 1200000,   // silent cycles inside a frame before it is dropped
    parameter integer WATCHDOG_BIT = 24,   // a sample's core cycles reach 2^WATCHDOG_BIT: the request is ended (at most 31)
    parameter integer FED_BLOCK = 0        // 1: the prompt in a block RAM (one the core leaves free), 0: flip-flops
) (
    input  wire          clk,
    input  wire          rst,
    input  wire          rx,
    output wire          tx,
    output reg           core_rst,
    output wire [31:0]   seed,
    output reg           start,
    output reg           in_valid,
    input  wire          in_ready,
    output reg  [TW-1:0] in_token,
    output reg           in_choose,
    input  wire          out_valid,
    output reg           out_ready,
    input  wire [TW-1:0] out_token,
    output wire          busy,
    output wire          error
);
    localparam integer MAXLEN = 9 + CTX - 2 > 255 ? 255 : 9 + CTX - 2;   // BOS + prompt must leave a position to choose
    localparam integer PW = $clog2(CTX + 1);
    localparam integer CI = CTX > 1 ? $clog2(CTX) : 1;   // index into the prompt buffer

    // ---- request parser (listens only while the board waits) ----
    localparam [1:0] P_HUNT = 2'd0, P_LEN = 2'd1, P_BODY = 2'd2, P_CHK = 2'd3;
    reg [1:0] ps;
    reg skipping;                                    // in a vector request: its bytes are ignored until the line is quiet
    reg [7:0] len, idx;
    reg [31:0] req_seed;                             // also the core's seed: it changes only while the core waits
    reg temp_lo_core, temp_lo_ff, temp_bad;          // the temperature's bytes as they come: the core's, or 0xFFFF (any)
    reg [7:0] req_samples, req_maxtok, req_plen;
    reg bad_token;
    // the prompt (CTX x TW bits): written as it arrives, read a clock after its index is set
    // (fed_q); a block RAM only when the core leaves one free (FED_BLOCK), else flip-flops
    reg [TW-1:0] fed_q;
    reg req_ok, err_pending;
    reg [7:0] err_code;

    // ---- the run ----
    localparam [3:0] S_IDLE = 4'd0, S_SEND = 4'd1, S_RESET = 4'd2, S_START = 4'd3, S_FEED = 4'd4, S_WAIT = 4'd5,
                     S_NEXT = 4'd6, S_SAMPLE_END = 4'd7, S_DONE_FRAME = 4'd8;
    localparam [7:0] V8 = 8'(V), CTX8 = 8'(CTX), BOS8 = 8'(BOS);
    localparam [TW-1:0] BOS_TOKEN = TW'(BOS);
    reg [3:0] state, after;
    reg frame_start;                                 // one cycle: board_frame_tx sends the frame ftype
    reg [7:0] ftype, fvalue;                         // the frame being sent: "A", "T", "E", "D" or "X"; its token, steps or code
    reg [PW-1:0] p;
    reg [7:0] s, generated;
    reg [TW-1:0] tok, next;
    reg [31:0] cycles;
    reg [1:0] hold;
    reg fresh;                                       // the first clock in S_FEED: fed_q is not yet the word at p

    // ---- the line: board_frame_rx (UART, SYNC, check byte, timeout, error LED), board_frame_tx (frames out) ----
    wire rx_valid, rx_sync, rx_check_ok, rx_timeout, frame_done;
    wire [7:0] rx_data;
    board_frame_rx #(.CLKS_PER_BIT(CLKS_PER_BIT), .TIMEOUT(TIMEOUT)) u_rx (.clk(clk), .rst(rst), .rx(rx),
        .listen(state == S_IDLE), .in_frame(ps != P_HUNT), .valid(rx_valid), .data(rx_data), .sync(rx_sync), .check_ok(rx_check_ok),
        .timeout(rx_timeout), .flag(frame_start && ftype == "X"), .clear(frame_start && ftype == "A"), .error(error));
    board_frame_tx #(.CLKS_PER_BIT(CLKS_PER_BIT), .V(V8), .CTX(CTX8), .BOS(BOS8), .TEMP(TEMP), .CLOCK_HZ(CLOCK_HZ)) u_tx (.clk(clk), .rst(rst),
        .start(frame_start), .kind(ftype), .value(fvalue), .cycles(cycles), .done(frame_done), .tx(tx));

    wire [PW:0] fedlen = (PW + 1)'(req_plen) + 1'b1;  // BOS + prompt (the length check keeps req_plen below CTX)
    wire [PW:0] p1 = {1'b0, p} + 1'b1;                 // positions done after this step
    localparam [PW:0] CTXW = (PW + 1)'(CTX);
    /* verilator lint_off UNUSEDSIGNAL */ // a prompt index is below CTX: its high bits are zero
    wire [7:0] slot = idx - 8'd8;                      // prompt token idx-9 goes to fed[idx-8] (fed[0] is BOS)
    /* verilator lint_on UNUSEDSIGNAL */
    assign busy = state != S_IDLE;
    assign seed = req_seed;

    wire fed_we = state == S_IDLE && rx_valid && ps == P_BODY && idx >= 8'd9;
    generate
        if (FED_BLOCK != 0) begin : g_fed_block
            (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
            reg [TW-1:0] fed [0:CTX-1];
            always @(posedge clk) begin
                if (fed_we) fed[slot[CI-1:0]] <= rx_data[TW-1:0];
                fed_q <= fed[p[CI-1:0]];
            end
        end else begin : g_fed_registers
            (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
            reg [TW-1:0] fed [0:CTX-1];
            always @(posedge clk) begin
                if (fed_we) fed[slot[CI-1:0]] <= rx_data[TW-1:0];
                fed_q <= fed[p[CI-1:0]];
            end
        end
    endgenerate

    always @(posedge clk) begin
        if (rst) begin
            ps <= P_HUNT; len <= 0; idx <= 0; req_ok <= 1'b0; err_pending <= 1'b0; err_code <= 0;
            skipping <= 1'b0; req_seed <= 0; req_samples <= 0; req_maxtok <= 0; req_plen <= 0; bad_token <= 1'b0;
            temp_lo_core <= 1'b0; temp_lo_ff <= 1'b0; temp_bad <= 1'b0;
        end else begin
            if (state == S_IDLE && (req_ok || err_pending)) begin
                req_ok <= 1'b0;                          // taken by the run below
                err_pending <= 1'b0;
            end
            if (state != S_IDLE) ps <= P_HUNT;           // bytes during a run are ignored
            else if (rx_valid) begin
                case (ps)
                    P_HUNT: if (rx_sync) ps <= P_LEN;
                    P_LEN: begin
                        len <= rx_data; idx <= 0; bad_token <= 1'b0;
                        if (rx_data == 8'd0) begin skipping <= 1'b1; ps <= P_BODY; end   // a vector request (board_link_vector's): skipped
                        else if (rx_data < 8'd9 || {1'b0, rx_data} >= 9'(MAXLEN + 1)) begin
                            ps <= P_HUNT; err_code <= 8'd2; err_pending <= 1'b1;
                        end else ps <= P_BODY;
                    end
                    P_BODY: begin
                        case (idx)
                            8'd0: req_seed[7:0] <= rx_data;
                            8'd1: req_seed[15:8] <= rx_data;
                            8'd2: req_seed[23:16] <= rx_data;
                            8'd3: req_seed[31:24] <= rx_data;
                            8'd4: begin temp_lo_core <= rx_data == TEMP[7:0]; temp_lo_ff <= rx_data == 8'hFF; end
                            8'd5: temp_bad <= !((temp_lo_core && rx_data == TEMP[15:8]) || (temp_lo_ff && rx_data == 8'hFF));
                            8'd6: req_samples <= rx_data;
                            8'd7: req_maxtok <= rx_data;
                            8'd8: req_plen <= rx_data;
                            default: if (rx_data >= V8) bad_token <= 1'b1;   // the token itself: fed_we
                        endcase
                        idx <= idx + 1'b1;
                        if (idx + 1'b1 == len && !skipping) ps <= P_CHK;
                    end
                    default: begin                       // P_CHK
                        ps <= P_HUNT;
                        if (!rx_check_ok) begin err_code <= 8'd1; err_pending <= 1'b1; end
                        else if ({1'b0, req_plen} + 9'd9 != {1'b0, len}) begin err_code <= 8'd2; err_pending <= 1'b1; end
                        else if (temp_bad) begin err_code <= 8'd4; err_pending <= 1'b1; end
                        else if (bad_token) begin err_code <= 8'd5; err_pending <= 1'b1; end
                        else if (req_samples == 8'd0) begin err_code <= 8'd7; err_pending <= 1'b1; end
                        else req_ok <= 1'b1;
                    end
                endcase
            end else if (rx_timeout) begin              // the frame stopped (or a skipped vector request ended): dropped
                ps <= P_HUNT; err_pending <= 1'b1; skipping <= 1'b0;
                err_code <= skipping ? 8'd8 : 8'd3;
            end
        end
    end

    always @(posedge clk) begin
        start <= 1'b0;
        in_valid <= 1'b0;
        out_ready <= 1'b0;
        frame_start <= 1'b0;
        if (rst) begin
            state <= S_IDLE; after <= S_IDLE; core_rst <= 1'b1; in_token <= 0; in_choose <= 1'b0;
            p <= 0; s <= 0; generated <= 0; tok <= 0; next <= 0; cycles <= 0;
            hold <= 0; ftype <= 0; fvalue <= 0; fresh <= 1'b1;
        end else begin
            fresh <= state != S_FEED;
            case (state)
                S_IDLE: begin
                    core_rst <= 1'b0;
                    if (err_pending) begin
                        ftype <= "X"; fvalue <= err_code; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                    end else if (req_ok) begin
                        ftype <= "A"; frame_start <= 1'b1; after <= S_RESET; state <= S_SEND;
                        s <= 0; hold <= 0;
                    end
                end
                S_SEND: if (frame_done) state <= after;  // board_frame_tx sends the frame, then on to `after`
                S_RESET: begin                           // two cycles of reset load the seed
                    core_rst <= 1'b1;
                    hold <= hold + 1'b1;
                    if (hold == 2'd2) begin core_rst <= 1'b0; state <= S_START; end
                end
                S_START: begin
                    start <= 1'b1; p <= 0; generated <= 0; cycles <= 0; state <= S_FEED;
                end
                S_FEED: if (in_ready && !start && !fresh) begin
                    in_valid <= 1'b1;
                    in_token <= (p == 0) ? BOS_TOKEN : ({1'b0, p} < fedlen) ? fed_q : next;
                    in_choose <= (p1 >= fedlen);
                    state <= S_WAIT;
                end
                S_WAIT: begin
                    if (out_valid) begin
                        out_ready <= 1'b1;
                        tok <= out_token;
                        state <= S_NEXT;
                    end else if (!in_valid) begin
                        cycles <= cycles + 1'b1;
                        if (cycles[WATCHDOG_BIT]) begin
                            ftype <= "X"; fvalue <= 8'd6; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                        end
                    end
                end
                S_NEXT: begin
                    next <= tok;
                    if (p1 >= fedlen) begin
                        generated <= generated + 1'b1;
                        ftype <= "T"; fvalue <= 8'(tok); frame_start <= 1'b1;
                        state <= S_SEND;
                    end else state <= S_FEED;
                    if ((p1 >= fedlen && tok == BOS_TOKEN) || p1 >= CTXW
                            || (req_maxtok != 0 && p1 >= fedlen && generated + 1'b1 >= req_maxtok)) begin
                        after <= S_SAMPLE_END;
                    end else begin
                        after <= S_FEED;
                        p <= p + 1'b1;
                    end
                end
                S_DONE_FRAME: begin
                    ftype <= "D"; frame_start <= 1'b1; after <= S_IDLE; state <= S_SEND;
                end
                default: begin                           // S_SAMPLE_END: the sample's cycle count, then the next sample or done
                    ftype <= "E"; fvalue <= 8'(p) + 8'd1; frame_start <= 1'b1; state <= S_SEND;
                    if (s + 1'b1 >= req_samples) after <= S_DONE_FRAME;
                    else after <= S_START;
                    s <= s + 1'b1;
                end
            endcase
        end
    end
endmodule
