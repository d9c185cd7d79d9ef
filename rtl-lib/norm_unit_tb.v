// Testbench for norm_unit: normalizes COUNT vectors of N elements from X_FILE (one element per
// line, vector after vector), presenting each vector LANES elements per clock the way the
// emitted core does (the schedule in norm_unit.v), and prints "R vector index y" for every
// element in the apply clocks. The Java test checks y against FixedMath.rmsnorm/layernorm.
module norm_unit_tb #(
    parameter integer LANES = 4,
    parameter integer N = 16,
    parameter integer COUNT = 1,
    parameter integer LN = 0,                  // 1: LayerNorm, 0: RMSNorm
    parameter integer SHARE = 1,               // lanes per rounding shifter (each chunk is written over SHARE clocks)
    parameter integer NA = 16,
    parameter integer FA = 12,
    parameter integer SSW = 39,
    parameter integer GW = 18,
    parameter integer SQW = 18,
    parameter integer RCW = 21,
    parameter integer SQRT_N = 131072,
    parameter integer RECIP_N = 1048576,
    parameter [63:0] NEPS = 16,
    parameter integer RS_STAGES = 1,           // the rsqrt's Newton step in 1 or 2 clocks (fx_rsqrt STAGES)
    parameter integer BY_PORT = 0,             // 1: the constants through the ports (norms of different widths), 0: as parameters
    parameter X_FILE = "x.hex",
    parameter RSQRT_TABLE = "rsqrt_table.hex"
) (
    input wire clk
);
    localparam integer C = (N + LANES - 1) / LANES;
    localparam integer BASE = LN != 0 ? C + 1 : 0;
    localparam integer APPLY0 = BASE + C + 3;
    localparam integer CYW = $clog2(APPLY0 + C * SHARE + 1);

    reg [NA-1:0] xs [0:COUNT*N-1];
    initial $readmemh(X_FILE, xs);

    // one idle clock first: the stimulus below is recomputed when vec changes, after $readmemh ran
    integer vec = -1;
    reg [CYW-1:0] cyc = 0;
    // the chunk the schedule reads at this clock
    wire [CYW-1:0] chunk = (LN != 0 && cyc < C) ? cyc
                         : (cyc >= BASE && cyc < BASE + C) ? cyc - CYW'(BASE)
                         : (cyc >= APPLY0) ? (cyc - CYW'(APPLY0)) / CYW'(SHARE) : {CYW{1'b0}};
    reg [LANES*NA-1:0] x;
    reg [LANES-1:0] x_valid;
    integer i;
    always @* begin
        for (i = 0; i < LANES; i = i + 1) begin
            x_valid[i] = chunk * LANES + i < N;
            x[i*NA +: NA] = x_valid[i] ? xs[vec * N + chunk * LANES + i] : {NA{1'bx}};
        end
    end

    // the lanes' multipliers the unit borrows, as the core lends them: one mac_lane per lane
    localparam integer MBW = (GW > NA + 1) ? GW : NA + 1;
    localparam integer PW = MBW + NA + 1;
    wire [LANES*(NA+1)-1:0] m_a;
    wire [LANES*MBW-1:0] m_b;
    wire [LANES*PW-1:0] m_p;
    genvar gi;
    generate
        for (gi = 0; gi < LANES; gi = gi + 1) begin : g_lane
            wire signed [PW-1:0] acc;
            mac_lane #(.AW(NA+1), .BW(MBW), .ACCW(PW)) u_lane (.clk(clk), .en(1'b0), .first(1'b0),
                .a(m_a[gi*(NA+1) +: NA+1]), .b(m_b[gi*MBW +: MBW]), .acc(acc), .p(m_p[gi*PW +: PW]));
        end
    endgenerate

    wire [LANES*NA-1:0] y;
    wire [LANES-1:0] y_we;
    // the rsqrt, a scalar unit of the core; a power-of-two constant is a shift, as the emitter says
    wire [SSW:0] rs_v;
    wire [17:0] rs_y;
    wire [6:0] rs_e;
    fx_rsqrt #(.VW(SSW + 1), .TABLE(RSQRT_TABLE), .STAGES(RS_STAGES)) u_rsqrt (.clk(clk), .v(rs_v), .y(rs_y), .e(rs_e));
    localparam integer SQRT_SHIFT = ((SQRT_N & (SQRT_N - 1)) == 0) ? $clog2(SQRT_N) : -1;
    localparam integer RECIP_SHIFT = ((RECIP_N & (RECIP_N - 1)) == 0) ? $clog2(RECIP_N) : -1;
    norm_unit #(.LANES(LANES), .NA(NA), .FA(FA), .SSW(SSW), .GW(GW), .SQW(SQW), .SQRT_SHIFT(BY_PORT ? -1 : SQRT_SHIFT), .RECIP_SHIFT(BY_PORT ? -1 : RECIP_SHIFT),
                .RCW(RCW), .SQRT_K(BY_PORT ? -1 : SQRT_N), .RECIP_K(BY_PORT ? -1 : RECIP_N), .CYW(CYW), .LAYERNORM(LN), .SHARE(SHARE), .RS_STAGES(RS_STAGES))
        dut (.clk(clk), .active(vec >= 0 && vec < COUNT), .cyc(cyc), .ln(LN != 0), .chunks(CYW'(C)), .base(CYW'(BASE)),
             .sqrt_n(SQW'(SQRT_N)), .recip_n(RCW'(RECIP_N)), .neps(SSW'(NEPS)), .x_valid(x_valid), .x(x), .y(y), .y_we(y_we),
             .m_a(m_a), .m_b(m_b), .m_p(m_p), .rs_v(rs_v), .rs_y(rs_y), .rs_e(rs_e));

    always @(negedge clk) begin
        if (vec >= 0 && vec < COUNT && cyc >= APPLY0) begin
            for (i = 0; i < LANES; i = i + 1) begin
                if (x_valid[i] && y_we[i]) $display("R %0d %0d %0d", vec, chunk * LANES + i, $signed(y[i*NA +: NA]));
            end
        end
    end
    always @(posedge clk) begin
        if (vec >= COUNT) $finish;
        if (vec < 0) vec <= 0;
        else if (cyc == APPLY0 + C * SHARE - 1) begin
            cyc <= 0;
            vec <= vec + 1;
        end else begin
            cyc <= cyc + 1'b1;
        end
    end
endmodule
