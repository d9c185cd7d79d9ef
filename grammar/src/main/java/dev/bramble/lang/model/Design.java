package dev.bramble.lang.model;

import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Reference;
import dev.bramble.lang.model.Target;
import java.util.List;
import java.util.Optional;

/**
 * Everything one .bramble file says, resolved: its models and targets, every diagnostic the
 * language layer found, and the name references (for go-to-definition and rename). Built by
 * {@code Bramble.analyze}; never null fields; safe to share between threads.
 */
public record Design(String sourceName, SourceText source, List<Model> models, List<Target> targets,
                     List<Diagnostic> diagnostics, List<Reference> references) {

    public Design {
        models = List.copyOf(models);
        targets = List.copyOf(targets);
        diagnostics = List.copyOf(diagnostics);
        references = List.copyOf(references);
    }

    public Optional<Model> model() {
        return models.isEmpty() ? Optional.empty() : Optional.of(models.get(0));
    }

    /** The named target, or the first one when {@code name} is null. */
    public Optional<Target> target(String name) {
        if (name == null) return targets.isEmpty() ? Optional.empty() : Optional.of(targets.get(0));
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
