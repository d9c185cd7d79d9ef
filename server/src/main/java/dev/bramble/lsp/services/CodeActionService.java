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
 * analysis attached, so a fix never guesses. An unknown name gets one fix per close match.
 */
public final class CodeActionService {

    public List<Either<Command, CodeAction>> actions(DocumentAnalysis analysis, List<Diagnostic> diagnostics, CancelChecker cancel) {
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            cancel.checkCanceled();
            String code = d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
            JsonObject data = d.getData() instanceof JsonElement e && e.isJsonObject() ? e.getAsJsonObject() : null;
            if (data == null) continue;
            if (Codes.UNKNOWN_NAME.equals(code) && data.has("suggestions")) {
                for (JsonElement s : data.getAsJsonArray("suggestions")) {
                    out.add(Either.forRight(replace(analysis, d, "Change to '" + s.getAsString() + "'", s.getAsString())));
                }
            }
        }
        return out;
    }

    static CodeAction replace(DocumentAnalysis analysis, Diagnostic d, String title, String newText) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(d));
        action.setEdit(new WorkspaceEdit(Map.of(analysis.uri(), List.of(new TextEdit(d.getRange(), newText)))));
        return action;
    }
}
