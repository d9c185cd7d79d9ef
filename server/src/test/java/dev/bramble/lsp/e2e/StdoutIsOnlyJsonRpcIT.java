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
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
            // Read strictly, message by message, until shutdown's answer; only then send exit (as the protocol says).
            java.io.InputStream out = p.getInputStream();
            int messages = 0;
            boolean sawDiagnostics = false, sawHover = false, shutdownAnswered = false;
            StringBuilder seen = new StringBuilder();
            while (true) {
                JsonObject message = readStrictly(out, shutdownAnswered);
                if (message == null) break;
                String body = message.toString();
                assertEquals("2.0", message.get("jsonrpc").getAsString());
                sawDiagnostics |= body.contains("\"method\":\"textDocument/publishDiagnostics\"") && body.contains("dimm");
                sawHover |= message.has("id") && message.get("id").getAsInt() == 2
                        && message.getAsJsonObject("result").getAsJsonObject("contents").get("value").getAsString().contains("dim = 16");
                seen.append(body, 0, Math.min(200, body.length())).append('\n');
                messages++;
                if (message.has("id") && message.get("id").getAsInt() == 3) {
                    shutdownAnswered = true;
                    send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
                }
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server did not exit");
            assertTrue(sawDiagnostics && sawHover, messages + " messages, diagnostics " + sawDiagnostics + ", hover " + sawHover + ":\n" + seen);
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * One message: "Content-Length: N" CRLF CRLF then N bytes of JSON, nothing else; null at the
     * end of the stream (allowed only after shutdown was answered).
     */
    private static JsonObject readStrictly(java.io.InputStream out, boolean endAllowed) throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        while (true) {
            int b = out.read();
            if (b < 0) {
                assertTrue(endAllowed && header.size() == 0, "stdout ended inside a message or before shutdown was answered: " + header);
                return null;
            }
            header.write(b);
            String h = header.toString(StandardCharsets.US_ASCII);
            assertTrue("Content-Length: ".startsWith(h) || h.startsWith("Content-Length: "), "stdout has something that is not a message header: " + h);
            if (h.endsWith("\r\n\r\n")) {
                int length = Integer.parseInt(h.substring(16).trim());
                byte[] body = out.readNBytes(length);
                assertEquals(length, body.length, "stdout ended inside a message body");
                return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
            }
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

}
