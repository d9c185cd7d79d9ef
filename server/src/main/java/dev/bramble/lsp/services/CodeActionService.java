package dev.bramble.lsp.services;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.lang.source.Codes;
import dev.bramble.lsp.analysis.DocumentAnalysis;
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
 * analysis attached, so a fix never guesses. Budget diagnostics name their target and the share
 * of the part a fix must stay within; their fixes (smallest part that fits, narrower weight
 * format, {@code storage lut}, fewer lanes) are planned here, on request, for the analysed
 * version. An unknown part carries the closest part names; an unknown constant gets one fix per
 * close match.
 */
public final class CodeActionService {
    private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

    public List<Either<Command, CodeAction>> actions(DocumentAnalysis analysis, List<Diagnostic> diagnostics, CancelChecker cancel) {
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        // Budget diagnostics of one target share their fixes (same target, share and logic rule):
        // planned once per request, not once per diagnostic.
        Map<String, List<Map<String, Object>>> planned = new java.util.HashMap<>();
        for (Diagnostic d : diagnostics) {
            cancel.checkCanceled();
            String code = d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
            JsonObject data = d.getData() instanceof JsonElement e && e.isJsonObject() ? e.getAsJsonObject() : null;
            if (data == null) continue;
            if (data.has("fixes") && data.get("fixes").isJsonArray()) {
                // Part-name diagnostics carry their fixes ready-made (dev.bramble.estimate.Fix).
                addFixes(analysis, d, GSON.toJsonTree(data.getAsJsonArray("fixes")).getAsJsonArray(), out);
            } else if (data.has(BudgetCheck.FIX_TARGET)) {
                // Budget diagnostics say how to find theirs; they cost a plan per candidate, so only now.
                var target = analysis.design().target(data.get(BudgetCheck.FIX_TARGET).getAsString());
                if (target.isEmpty() || analysis.design().model().isEmpty() || analysis.design().hasErrors()) continue;
                int percent = data.get(BudgetCheck.FIX_PERCENT).getAsInt();
                boolean withLogic = data.get(BudgetCheck.FIX_WITH_LOGIC).getAsBoolean();
                var fixes = planned.computeIfAbsent(target.get().name() + "\u0000" + percent + "\u0000" + withLogic,
                        k -> BudgetCheck.fixesFor(analysis.design().model().get(), target.get(), percent, withLogic));
                cancel.checkCanceled();
                addFixes(analysis, d, GSON.toJsonTree(fixes).getAsJsonArray(), out);
            } else if (Codes.UNKNOWN_NAME.equals(code) && data.has("suggestions")) {
                for (JsonElement s : data.getAsJsonArray("suggestions")) {
                    out.add(Either.forRight(replace(analysis, d, "Change to '" + s.getAsString() + "'", s.getAsString())));
                }
            }
        }
        return distinct(out);
    }

    /**
     * One action per distinct fix: several diagnostics on a line (or budget diagnostics of one
     * target) offer the same edit; the client showed it once per diagnostic. The kept action lists
     * every diagnostic it fixes; preferred if any copy was.
     */
    static List<Either<Command, CodeAction>> distinct(List<Either<Command, CodeAction>> actions) {
        Map<String, CodeAction> byFix = new java.util.LinkedHashMap<>();
        for (Either<Command, CodeAction> a : actions) {
            CodeAction action = a.getRight();
            String key = action.getTitle() + "\u0000" + GSON.toJson(action.getEdit());
            CodeAction kept = byFix.putIfAbsent(key, action);
            if (kept != null && kept != action) {
                List<Diagnostic> fixes = new ArrayList<>(kept.getDiagnostics());
                for (Diagnostic d : action.getDiagnostics()) if (!fixes.contains(d)) fixes.add(d);
                kept.setDiagnostics(fixes);
                if (Boolean.TRUE.equals(action.getIsPreferred())) kept.setIsPreferred(true);
            }
        }
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        for (CodeAction a : byFix.values()) out.add(Either.forRight(a));
        return out;
    }

    /** One code action per fix (dev.bramble.estimate.Fix as JSON), the first one preferred. */
    private static void addFixes(DocumentAnalysis analysis, Diagnostic d, JsonArray fixes, List<Either<Command, CodeAction>> out) {
        boolean first = true;
        for (JsonElement f : fixes) {
            JsonObject fix = f.getAsJsonObject();
            org.eclipse.lsp4j.Range range = GSON.fromJson(fix.get("range"), org.eclipse.lsp4j.Range.class);
            CodeAction action = edit(analysis, d, fix.get("title").getAsString(), range, fix.get("newText").getAsString());
            if (first) action.setIsPreferred(true);
            first = false;
            out.add(Either.forRight(action));
        }
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
