package dev.bramble.train;

import dev.bramble.lang.model.TokenSet;
import dev.bramble.errors.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A training text: one document per line, each tokenized through the model's charset with
 * BOS before and after ({@code [BOS, c1 … cn, BOS]}, as microGPT does). Blank lines are skipped.
 * Every tenth document (the 10th, 20th, … in file order) is held out for evaluation: a split
 * that is fixed by the file alone, independent of the seed, and spread evenly over a file that
 * may be sorted (names.txt is sorted by popularity).
 */
public final class Corpus {
    /** Held out: documents whose index (0-based, in file order) leaves this remainder mod {@link #HOLD_OUT_EVERY}. */
    public static final int HOLD_OUT_EVERY = 10;

    private final List<int[]> training;
    private final List<int[]> heldOut;
    private final int longest;

    private Corpus(List<int[]> training, List<int[]> heldOut, int longest) {
        this.training = Collections.unmodifiableList(training);
        this.heldOut = Collections.unmodifiableList(heldOut);
        this.longest = longest;
    }

    /** Reads and tokenizes {@code file}; every problem is a {@link UserError} naming the file (and line). */
    public static Corpus read(Path file, TokenSet tokens) throws UserError {
        return parse(file.toString(), readText(file), tokens);
    }

    static Corpus parse(String name, String text, TokenSet tokens) throws UserError {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] charset = tokens.charset().codePoints().toArray();
        for (int i = 0; i < charset.length; i++) ids.putIfAbsent(charset[i], i);
        int bos = tokens.bosId();
        List<int[]> training = new ArrayList<>();
        List<int[]> heldOut = new ArrayList<>();
        int longest = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int lineNo = 0; lineNo < lines.length; lineNo++) {
            String line = lines[lineNo];
            if (line.isEmpty()) continue;
            int[] cps = line.codePoints().toArray();
            int[] doc = new int[cps.length + 2];
            doc[0] = bos;
            doc[doc.length - 1] = bos;
            for (int i = 0; i < cps.length; i++) {
                Integer id = ids.get(cps[i]);
                if (id == null) {
                    int column = line.offsetByCodePoints(0, i) + 1;
                    throw new UserError(name + ":" + (lineNo + 1) + ":" + column + ": character " + describe(cps[i])
                            + " is not in the model's tokens charset \"" + tokens.charset()
                            + "\"; remove it from the corpus or add it to the charset (and the vocabulary)");
                }
                doc[i + 1] = id;
            }
            longest = Math.max(longest, cps.length);
            int index = training.size() + heldOut.size();
            (index % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? heldOut : training).add(doc);
        }
        if (training.isEmpty() || heldOut.isEmpty()) {
            throw new UserError(name + ": has " + (training.size() + heldOut.size()) + " documents; training needs at least "
                    + HOLD_OUT_EVERY + " non-empty lines (every " + HOLD_OUT_EVERY + "th is held out to measure the loss)");
        }
        return new Corpus(training, heldOut, longest);
    }

    private static String describe(int cp) {
        String quoted = cp == '\t' ? "'\\t'" : Character.isISOControl(cp) ? "" : "'" + new String(Character.toChars(cp)) + "' ";
        return quoted.isEmpty() ? String.format("U+%04X", cp) : quoted + String.format("(U+%04X)", cp);
    }

    private static String readText(Path file) throws UserError {
        try {
            if (Files.isDirectory(file)) throw new UserError(file + ": is a directory; give a text file with one document per line");
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file; check the --data path (it is relative to " + Path.of("").toAbsolutePath() + ")");
        } catch (AccessDeniedException e) {
            throw new UserError(file + ": permission denied; make the corpus readable");
        } catch (CharacterCodingException e) {
            throw new UserError(file + ": is not UTF-8 text; save the corpus as UTF-8");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Training documents, in file order. Each is {@code [BOS, tokens…, BOS]}. */
    public List<int[]> training() {
        return training;
    }

    public List<int[]> heldOut() {
        return heldOut;
    }

    /** Characters in the longest document (without the BOS tokens). */
    public int longestDocument() {
        return longest;
    }
}
