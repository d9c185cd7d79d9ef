package dev.bramble.lsp;

import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.BudgetNotification;
import dev.bramble.lsp.services.CodeActionService;
import dev.bramble.lsp.services.CodeLensService;
import dev.bramble.lsp.services.DeviceCompletions;
import dev.bramble.lsp.services.InlayHintService;
import dev.bramble.lsp.services.CompletionService;
import dev.bramble.lsp.services.DefinitionService;
import dev.bramble.lsp.services.DiagnosticsService;
import dev.bramble.lsp.services.DocumentSymbolService;
import dev.bramble.lsp.services.FoldingRangeService;
import dev.bramble.lsp.services.FormattingService;
import dev.bramble.lsp.services.HoverService;
import dev.bramble.lsp.services.ReferencesService;
import dev.bramble.lsp.services.RenameService;
import dev.bramble.lsp.services.SemanticTokensService;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RelatedFullDocumentDiagnosticReport;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Translates text-document requests into feature calls. Notifications update the store and
 * schedule work; requests run on worker threads against the cached analysis of the current
 * version. Nothing here blocks the message thread.
 */
final class BrambleTextDocumentService implements TextDocumentService {
    private final BrambleLanguageServer server;
    private final DocumentStore documents;
    private final Executor workers;
    private final Debouncer debouncer;

    private final DiagnosticsService diagnostics = new DiagnosticsService();
    private final HoverService hover = new HoverService();
    private final CompletionService completion = new CompletionService(DeviceCompletions::fromCatalogue);
    private final InlayHintService inlayHints = new InlayHintService();
    private final CodeLensService codeLenses = new CodeLensService();
    private final DefinitionService definition = new DefinitionService();
    private final ReferencesService references = new ReferencesService();
    private final RenameService rename = new RenameService();
    private final DocumentSymbolService symbols = new DocumentSymbolService();
    private final FoldingRangeService folding = new FoldingRangeService();
    private final SemanticTokensService semanticTokens = new SemanticTokensService();
    private final FormattingService formatting = new FormattingService();
    private final CodeActionService codeActions = new CodeActionService();

    BrambleTextDocumentService(BrambleLanguageServer server, DocumentStore documents, Executor workers, Debouncer debouncer) {
        this.server = server;
        this.documents = documents;
        this.workers = workers;
        this.debouncer = debouncer;
    }

    // ------------------------------------------------------------------ synchronisation

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        OpenDocument doc = documents.open(item.getUri(), item.getVersion(), item.getText());
        debouncer.schedule(doc.uri(), 0, () -> validate(doc, item.getVersion()));
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        int version = params.getTextDocument().getVersion();
        OpenDocument doc = documents.change(uri, version, params.getContentChanges());
        if (doc == null) return;
        debouncer.schedule(uri, server.settings().debounceMillis(), () -> validate(doc, version));
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        debouncer.cancel(uri);
        if (documents.close(uri) != null && server.client() != null) {
            server.client().publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
        }
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // Nothing to do: the document's text is already known from didChange.
    }

    void revalidateAll() {
        for (OpenDocument doc : documents.all()) {
            int version = doc.version();
            debouncer.schedule(doc.uri(), 0, () -> validate(doc, version));
        }
    }

    /**
     * Analyses {@code version} and publishes its diagnostics, unless a newer version (or a close)
     * arrived meanwhile: then the work stops at the next cancellation check and nothing is sent.
     */
    private void validate(OpenDocument doc, int version) {
        CancelChecker stale = () -> {
            if (!doc.isCurrent(version)) throw new CancellationException("version " + version + " superseded");
        };
        try {
            stale.checkCanceled();
            DocumentAnalysis analysis = documents.analysis(doc);
            if (analysis.version() != version) return;
            List<Diagnostic> found = diagnostics.diagnostics(analysis, stale);
            BrambleLanguageClient client = server.client();
            if (client == null) return;
            // Checked and sent under the document's lock: a didChange cannot slip in between.
            JsonObject budget = BudgetNotification.of(analysis);
            doc.ifCurrent(version, () -> {
                client.publishDiagnostics(new PublishDiagnosticsParams(doc.uri(), found, version));
                client.budget(budget);
            });
        } catch (CancellationException superseded) {
            // a newer version is on its way; its own run publishes
        } catch (RuntimeException | StackOverflowError e) {
            // Analysis itself never throws (it reports 'internal'); this is the conversion or the
            // client failing. Say so on the document rather than leave stale diagnostics up.
            System.err.println("bramble lsp: analysing " + doc.uri() + " failed (a bug; please report it with the file): " + e);
            BrambleLanguageClient client = server.client();
            if (client == null) return;
            Diagnostic internal = DiagnosticsService.toLsp(dev.bramble.lang.source.Limits.internal("publishing diagnostics", e));
            doc.ifCurrent(version, () -> client.publishDiagnostics(new PublishDiagnosticsParams(doc.uri(), List.of(internal), version)));
        }
    }

    // ------------------------------------------------------------------ requests

    /**
     * Runs a feature on a worker against the current analysis; {@code fallback} when the document
     * is not open. A request overtaken by an edit (its analysis was dropped for a newer version)
     * answers ContentModified (−32801), as the specification says; only the client's own
     * {@code $/cancelRequest} answers RequestCancelled. A feature that fails (a bug) answers
     * {@code fallback} and logs one line: the editor keeps working.
     */
    private <T> CompletableFuture<T> compute(String uri, T fallback, BiFunction<DocumentAnalysis, CancelChecker, T> feature) {
        return CompletableFutures.computeAsync(workers, cancel -> {
            try {
                DocumentAnalysis analysis = documents.analysis(uri);
                if (analysis == null) return fallback;
                cancel.checkCanceled();
                return feature.apply(analysis, cancel);
            } catch (CancellationException e) {
                if (clientCancelled(cancel)) throw e;
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.ContentModified,
                        "the document changed while the request ran; ask again", null));
            } catch (ResponseErrorException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                System.err.println("bramble lsp: a request on " + uri + " failed (a bug; please report it with the file): " + e);
                return fallback;
            }
        });
    }

    private static boolean clientCancelled(CancelChecker cancel) {
        try {
            cancel.checkCanceled();
            return false;
        } catch (CancellationException e) {
            return true;
        }
    }

    private static dev.bramble.lang.source.Position at(org.eclipse.lsp4j.Position p) {
        return Convert.position(p);
    }

    @Override
    public CompletableFuture<DocumentDiagnosticReport> diagnostic(DocumentDiagnosticParams params) {
        return compute(params.getTextDocument().getUri(), new DocumentDiagnosticReport(new RelatedFullDocumentDiagnosticReport(List.of())),
                (a, cancel) -> {
                    RelatedFullDocumentDiagnosticReport report = new RelatedFullDocumentDiagnosticReport(diagnostics.diagnostics(a, cancel));
                    report.setResultId(Integer.toString(a.version()));
                    return new DocumentDiagnosticReport(report);
                });
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return compute(params.getTextDocument().getUri(), null, (a, cancel) -> hover.hover(a, at(params.getPosition()), cancel));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return compute(params.getTextDocument().getUri(), Either.forRight(new CompletionList(List.of())),
                (a, cancel) -> Either.forRight(completion.complete(a, at(params.getPosition()), cancel)));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return compute(params.getTextDocument().getUri(), Either.forLeft(List.of()),
                (a, cancel) -> Either.forLeft(definition.definition(a, at(params.getPosition()), cancel)));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declaration = params.getContext() != null && params.getContext().isIncludeDeclaration();
        return compute(params.getTextDocument().getUri(), List.of(),
                (a, cancel) -> references.references(a, at(params.getPosition()), declaration, cancel));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams params) {
        return compute(params.getTextDocument().getUri(), null, (a, cancel) -> rename.prepare(a, at(params.getPosition()), cancel));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return compute(params.getTextDocument().getUri(), null,
                (a, cancel) -> rename.rename(a, at(params.getPosition()), params.getNewName(), cancel));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return compute(params.getTextDocument().getUri(), List.of(),
                (a, cancel) -> symbols.symbols(a, cancel).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), folding::folding);
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return compute(params.getTextDocument().getUri(), new SemanticTokens(List.of()), semanticTokens::full);
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), formatting::format);
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), (a, cancel) -> inlayHints.hints(a, params.getRange(), cancel));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        return compute(params.getTextDocument().getUri(), List.of(), codeLenses::lenses);
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return compute(params.getTextDocument().getUri(), List.of(),
                (a, cancel) -> codeActions.actions(a, params.getContext().getDiagnostics(), cancel));
    }
}
