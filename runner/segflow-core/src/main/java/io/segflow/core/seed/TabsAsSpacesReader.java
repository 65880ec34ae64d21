package io.segflow.core.seed;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * For whitespace-delimited files: turns tabs outside quoted fields into spaces, so that a CSV parser splitting
 * on single spaces sees every run of blanks as empty fields between values. A quote opens a quoted field only
 * at the start of a field, as in RFC 4180; a doubled quote inside one stays inside.
 */
final class TabsAsSpacesReader extends FilterReader {
    private boolean inQuotes;
    private boolean justClosed;
    private boolean atFieldStart = true;

    TabsAsSpacesReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        return c < 0 ? c : map((char) c);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + Math.max(n, 0); i++) buf[i] = map(buf[i]);
        return n;
    }

    private char map(char c) {
        if (inQuotes) {
            if (c == '"') {
                inQuotes = false;
                justClosed = true;
            }
            return c;
        }
        if (c == '"' && (atFieldStart || justClosed)) {
            inQuotes = true;
            justClosed = false;
            atFieldStart = false;
            return c;
        }
        justClosed = false;
        boolean blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        atFieldStart = blank;
        return c == '\t' ? ' ' : c;
    }
}
