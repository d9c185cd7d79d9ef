package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.lang.source.Diagnostic;
import java.util.List;

/**
 * Diagnostics as compilers print them: {@code path:line:col: error: message [code]}, with
 * 1-based lines and columns (the JSON form uses the same numbers; the editor uses 0-based).
 */
final class DiagnosticPrinter {
    private DiagnosticPrinter() {}

    static String line(FileDiagnostic fd) {
        Diagnostic d = fd.diagnostic();
        return fd.file() + ":" + (d.range().start().line() + 1) + ":" + (d.range().start().character() + 1) + ": "
                + d.severity().label() + ": " + d.message() + " [" + d.code() + "]";
    }

    static String json(List<FileDiagnostic> diagnostics) {
        JsonArray array = new JsonArray();
        for (FileDiagnostic fd : diagnostics) {
            Diagnostic d = fd.diagnostic();
            JsonObject o = new JsonObject();
            o.addProperty("file", fd.file());
            o.addProperty("line", d.range().start().line() + 1);
            o.addProperty("column", d.range().start().character() + 1);
            o.addProperty("endLine", d.range().end().line() + 1);
            o.addProperty("endColumn", d.range().end().character() + 1);
            o.addProperty("severity", d.severity().label());
            o.addProperty("code", d.code());
            o.addProperty("message", d.message());
            array.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array);
    }
}
