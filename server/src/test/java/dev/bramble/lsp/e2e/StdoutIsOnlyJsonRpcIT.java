package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads the server's stdout byte for byte, without a tolerant client in between: from the first
 * byte to the last it must be Content-Length-framed JSON-RPC and nothing else (lsp4j's reader
 * would skip stray text, so the other end-to-end tests cannot see it).
 */
class StdoutIsOnlyJsonRpcIT {
    @Test
    void everyByteOnStdoutIsAFramedJsonRpcMessage() throws Exception {
        Process p = new ProcessBuilder(ServerProcess.javaBinary(), "-jar", ServerProcess.jar().toString(), "lsp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String uri = Path.of("..", "examples", "microgpt", "microgpt.bramble").toAbsolutePath().normalize().toUri().toString();
            String text = Files.readString(Path.of("..", "examples", "microgpt", "microgpt.bramble")).replace("[vocab, dim]", "[vocab, dimm]");
            OutputStream in = p.getOutputStream();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"capabilities\":{}}}");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            JsonObject open = JsonParser.parseString("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"\",\"languageId\":\"bramble\",\"version\":1,\"text\":\"\"}}}").getAsJsonObject();
            open.getAsJsonObject("params").getAsJsonObject("textDocument").addProperty("uri", uri);
            open.getAsJsonObject("params").getAsJsonObject("textDocument").addProperty("text", text);
            send(in, open.toString());
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
                    + "\"},\"position\":{\"line\":4,\"character\":5}}}");
            Thread.sleep(3_000);   // let the diagnostics go out before shutting down
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server did not exit");
            byte[] out = p.getInputStream().readAllBytes();

            int at = 0, messages = 0;
            StringBuilder seen = new StringBuilder();
            boolean sawDiagnostics = false, sawHover = false;
            while (at < out.length) {
                String rest = new String(out, at, Math.min(64, out.length - at), StandardCharsets.US_ASCII);
                assertTrue(rest.startsWith("Content-Length: "), "byte " + at + " of stdout is not a message header: " + rest);
                int headerEnd = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
                int length = Integer.parseInt(new String(out, at + 16, headerEnd - at - 16, StandardCharsets.US_ASCII).trim());
                String body = new String(out, headerEnd + 4, length, StandardCharsets.UTF_8);
                JsonObject message = JsonParser.parseString(body).getAsJsonObject();
                assertEquals("2.0", message.get("jsonrpc").getAsString());
                sawDiagnostics |= body.contains("\"method\":\"textDocument/publishDiagnostics\"") && body.contains("dimm");
                sawHover |= message.has("id") && message.get("id").getAsInt() == 2
                        && message.getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString().contains("dim = 16");
                seen.append(body, 0, Math.min(200, body.length())).append('\n');
                at = headerEnd + 4 + length;
                messages++;
            }
            assertTrue(sawDiagnostics && sawHover, messages + " messages, diagnostics " + sawDiagnostics + ", hover " + sawHover + ":\n" + seen);
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    private static void send(OutputStream in, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        frame.write(body);
        in.write(frame.toByteArray());
        in.flush();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("no header end after byte " + from);
    }
}
