package dev.bramble.cli;

import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.TokenSet;
import dev.bramble.project.DesignFiles;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared by {@code run} and {@code compare}: a checked model with its weights, and token ↔ text. */
final class ModelLoading {
    private ModelLoading() {}

    /** Loads the file's first model and its weights; language errors and weight problems are a {@link UserError}. */
    static ModelWeights load(Path file) throws UserError {
        Model model = DesignTarget.checkedModel(file, DesignFiles.load(file));
        return ModelWeights.load(model, file.toAbsolutePath().getParent());
    }

    /** Text → token ids through the charset. */
    static List<Integer> tokens(Model model, String text, String what) throws UserError {
        List<Integer> ids = new ArrayList<>();
        if (text == null || text.isEmpty()) return ids;
        TokenSet tokens = model.tokens();
        if (tokens == null) throw new UserError(what + ": model " + model.name() + " has no 'tokens' line, so text cannot be turned into tokens");
        int[] charset = tokens.charset().codePoints().toArray();
        for (int cp : text.codePoints().toArray()) {
            int id = -1;
            for (int i = 0; i < charset.length; i++) if (charset[i] == cp) id = i;
            if (id < 0) {
                throw new UserError(what + ": character '" + new String(Character.toChars(cp)) + "' is not in the tokens charset \""
                        + tokens.charset() + "\"");
            }
            ids.add(id);
        }
        return ids;
    }

    /** Token ids → text through the charset (ids separated by spaces when there is none); BOS is not printed. */
    static String text(Model model, List<Integer> ids) {
        TokenSet tokens = model.tokens();
        StringBuilder out = new StringBuilder();
        if (tokens == null) {
            for (int id : ids) out.append(out.length() == 0 ? "" : " ").append(id);
            return out.toString();
        }
        int[] charset = tokens.charset().codePoints().toArray();
        for (int id : ids) {
            if (id >= 0 && id < charset.length) out.appendCodePoint(charset[id]);
        }
        return out.toString();
    }
}
