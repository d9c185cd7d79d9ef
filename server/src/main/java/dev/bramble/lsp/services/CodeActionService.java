package dev.bramble.lsp.services;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.bramble.lang.Codes;
import dev.bramble.lsp.DocumentAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes from the diagnostics the client sends back: each reads the {@code data} the
 * analysis attached, so a fix never guesses. Budget diagnostics carry their fixes (smallest part
 * that fits, narrower weight format, {@code storage lut}, fewer lanes; closest part names for an
 * unknown part); an unknown constant gets one fix per close match.
 */
public final class CodeActionService {
    private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

    public List<Either<Command, CodeAction>> actions(DocumentAnalysis analysis, List<Diagnostic> diagnostics, CancelChecker cancel) {
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            cancel.checkCanceled();
            String code = d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
            JsonObject data = d.getData() instanceof JsonElement e && e.isJsonObject() ? e.getAsJsonObject() : null;
            if (data == null) continue;
            if (data.has("fixes") && data.get("fixes").isJsonArray()) {
                // Budget and part-name diagnostics carry their fixes ready-made (dev.bramble.estimate.Fix).
                boolean first = true;
                for (JsonElement f : data.getAsJsonArray("fixes")) {
                    JsonObject fix = f.getAsJsonObject();
                    org.eclipse.lsp4j.Range range = GSON.fromJson(fix.get("range"), org.eclipse.lsp4j.Range.class);
                    CodeAction action = edit(analysis, d, fix.get("title").getAsString(), range, fix.get("newText").getAsString());
                    if (first) action.setIsPreferred(true);
                    first = false;
                    out.add(Either.forRight(action));
                }
            } else if (Codes.UNKNOWN_NAME.equals(code) && data.has("suggestions")) {
                for (JsonElement s : data.getAsJsonArray("suggestions")) {
                    out.add(Either.forRight(replace(analysis, d, "Change to '" + s.getAsString() + "'", s.getAsString())));
                }
            }
        }
        return out;
    }

    static CodeAction replace(DocumentAnalysis analysis, Diagnostic d, String title, String newText) {
        return edit(analysis, d, title, d.getRange(), newText);
    }

    static CodeAction edit(DocumentAnalysis analysis, Diagnostic d, String title, org.eclipse.lsp4j.Range range, String newText) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(d));
        action.setEdit(new WorkspaceEdit(Map.of(analysis.uri(), List.of(new TextEdit(range, newText)))));
        return action;
    }
}
