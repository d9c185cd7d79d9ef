package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/**
 * {@code tokens "abc" bos}: token id i is the i-th character of the charset (code points);
 * with {@code bos}, one more id (the last) is the begin/end-of-sequence token.
 */
public record TokenSet(String charset, boolean bos, Range range) {
    public int characterCount() {
        return charset.codePointCount(0, charset.length());
    }

    public int size() {
        return characterCount() + (bos ? 1 : 0);
    }

    /** The id of BOS, or -1 when there is none. */
    public int bosId() {
        return bos ? characterCount() : -1;
    }
}
