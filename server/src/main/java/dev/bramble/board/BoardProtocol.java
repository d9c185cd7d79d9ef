package dev.bramble.board;

import dev.bramble.errors.UserError;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host's side of docs/board.md: one request frame out, then frames in until done. Every
 * wait is bounded: a board that says nothing for {@code timeoutMillis} is an error naming what
 * was awaited; a frame with a wrong check byte or an unknown type is an error too.
 */
public final class BoardProtocol {
    public static final int SYNC = 0xA5;
    /** Q8.8 temperature meaning "the core's own" (the board accepts it whatever its chooser). */
    public static final int CORE_TEMPERATURE = 0xFFFF;

    /** What the board said when it took the request. */
    public record Ack(int vocabulary, int context, int bos, int temperatureQ88, long clockHz) {}

    /** One sample: the chosen tokens (the final BOS included, if chosen), the core's steps and cycles. */
    public record Sample(List<Integer> tokens, int steps, long cycles) {}

    public record Reply(Ack ack, List<Sample> samples, double seconds) {}

    private BoardProtocol() {}

    /** The temperature a request carries for a model: its sampler's, Q8.8 (at least 1), or 0 for argmax. */
    public static int temperatureQ88(dev.bramble.lang.model.Model model) {
        return model.outputLayer().orElse(null) instanceof dev.bramble.lang.model.SampleLayer s
                ? (int) Math.max(1, Math.min(65535, Math.round(s.temperature() * 256))) : 0;
    }

    public static byte[] request(long seed, int temperatureQ88, int samples, int maxTokens, List<Integer> prompt) {
        int len = 9 + prompt.size();
        List<Integer> body = new ArrayList<>();
        body.add(len);
        for (int i = 0; i < 4; i++) body.add((int) (seed >>> (8 * i)) & 0xff);
        body.add(temperatureQ88 & 0xff);
        body.add((temperatureQ88 >>> 8) & 0xff);
        body.add(samples);
        body.add(maxTokens);
        body.add(prompt.size());
        body.addAll(prompt);
        return frame(body);
    }

    /** A host frame: the sync byte, the body, and the check byte (the XOR of the body's bytes). */
    private static byte[] frame(List<Integer> body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(SYNC);
        int x = 0;
        for (int v : body) {
            b.write(v);
            x ^= v & 0xff;
        }
        b.write(x);
        return b.toByteArray();
    }

    /** Bytes per input element on the line: the element's bits, rounded up to whole bytes. */
    public static int elementBytes(int bits) {
        return (bits + 7) / 8;
    }

    /** A vector request's LEN: seed, temperature and flags (7 bytes), then {@code n} elements. */
    public static long vectorBody(int n, int bits) {
        return 7L + (long) n * elementBytes(bits);
    }

    /**
     * A vector request (docs/board.md): {@code 0xA5 0x00 LEN[2] seed[4] temp[2] flags x[n] chk}. Each
     * element of {@code words} (the input already in the input format: value × 2^frac, as the core
     * takes it) goes as {@link #elementBytes} bytes, little-endian two's complement. {@code reseed}
     * false sets flag bit 0: the core is not reset, its sampler goes on from the previous request.
     */
    public static byte[] vectorRequest(long seed, int temperatureQ88, boolean reseed, long[] words, int bits) {
        int eb = elementBytes(bits);
        long len = vectorBody(words.length, bits);
        if (len > 0xFFFF) throw new IllegalArgumentException("a vector request carries at most 65,535 bytes, not " + len);
        List<Integer> body = new ArrayList<>();
        body.add(0);
        body.add((int) len & 0xff);
        body.add((int) (len >>> 8) & 0xff);
        for (int i = 0; i < 4; i++) body.add((int) (seed >>> (8 * i)) & 0xff);
        body.add(temperatureQ88 & 0xff);
        body.add((temperatureQ88 >>> 8) & 0xff);
        body.add(reseed ? 0 : 1);
        for (long w : words) for (int i = 0; i < eb; i++) body.add((int) (w >>> (8 * i)) & 0xff);
        return frame(body);
    }

    static String error(int code) {
        return switch (code) {
            case 1 -> "the request's check byte was wrong (noise on the line?)";
            case 2 -> "the request's length was wrong (prompt too long for the context, or an input vector of another width?)";
            case 3 -> "the request stopped in the middle (truncated)";
            case 4 -> "the temperature is not the one the core was built with";
            case 5 -> "a prompt token is outside the vocabulary";
            case 6 -> "the core did not answer (watchdog)";
            case 7 -> "the request asked for 0 samples";
            case 8 -> "the request's kind is not the board's (an input vector for a token model, or tokens for a vector-input model):"
                    + " the board runs another design";
            default -> "error code " + code;
        };
    }

    /** Sends a request and reads the board's answer to the end. */
    public static Reply talk(SerialLine line, byte[] request, int samples, int timeoutMillis) throws UserError {
        long begin = System.nanoTime();
        line.write(request);
        int[] first = frame(line, timeoutMillis, "the acknowledgement");
        if (first[0] == 'X') throw new UserError("the board refused the request: " + error(first[1]));
        if (first[0] != 'A') throw new UserError("the board answered with frame '" + (char) first[0] + "' instead of an acknowledgement");
        Ack ack = new Ack(first[1], first[2], first[3], first[4] | first[5] << 8,
                (first[6] | first[7] << 8 | first[8] << 16 | (long) first[9] << 24) & 0xffffffffL);
        List<Sample> out = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        while (true) {
            int[] f = frame(line, timeoutMillis, "token " + (tokens.size() + 1) + " of sample " + (out.size() + 1));
            switch (f[0]) {
                case 'T' -> tokens.add(f[1]);
                case 'E' -> {
                    long cycles = (f[2] | f[3] << 8 | f[4] << 16 | (long) f[5] << 24) & 0xffffffffL;
                    out.add(new Sample(List.copyOf(tokens), f[1], cycles));
                    tokens.clear();
                }
                case 'D' -> {
                    if (out.size() != samples) throw new UserError("the board sent " + out.size() + " samples, " + samples + " were asked for");
                    return new Reply(ack, out, (System.nanoTime() - begin) / 1e9);
                }
                case 'X' -> throw new UserError("the board stopped: " + error(f[1]));
                default -> throw new UserError("the board sent an unexpected frame '" + (char) f[0] + "'");
            }
        }
    }

    private static int payload(int type) {
        return switch (type) {
            case 'A' -> 9;
            case 'T', 'X' -> 1;
            case 'E' -> 5;
            case 'D' -> 0;
            default -> -1;
        };
    }

    /** One frame: {type, payload...}; skips bytes before SYNC. */
    static int[] frame(SerialLine line, int timeoutMillis, String awaited) throws UserError {
        int b;
        int skipped = 0;
        do {
            b = line.read(timeoutMillis);
            if (b < 0) throw new UserError(silence(timeoutMillis, awaited));
            if (b != SYNC && ++skipped > 4096) throw new UserError("the board sends bytes but no frames (wrong baud rate?)");
        } while (b != SYNC);
        int type = line.read(timeoutMillis);
        if (type < 0) throw new UserError(silence(timeoutMillis, awaited));
        int n = payload(type);
        if (n < 0) throw new UserError(String.format(Locale.ROOT, "the board sent a frame of unknown type 0x%02x (wrong baud rate or not a Bramble board?)", type));
        int[] f = new int[n + 1];
        f[0] = type;
        int x = type;
        for (int i = 1; i <= n; i++) {
            int v = line.read(timeoutMillis);
            if (v < 0) throw new UserError(truncated(timeoutMillis, awaited));
            f[i] = v;
            x ^= v;
        }
        int chk = line.read(timeoutMillis);
        if (chk < 0) throw new UserError(truncated(timeoutMillis, awaited));
        if ((x ^ chk) != 0) throw new UserError("a frame from the board had a wrong check byte (noise on the line?)");
        return f;
    }

    private static String truncated(int timeoutMillis, String awaited) {
        return "a frame from the board stopped in the middle (no byte for " + timeoutMillis + " ms while reading " + awaited
                + "); check the baud rate and the cable";
    }

    private static String silence(int timeoutMillis, String awaited) {
        return "the board did not answer within " + timeoutMillis + " ms (waiting for " + awaited + "); check the port, the baud"
                + " rate and that the board runs a Bramble bitstream";
    }
}
