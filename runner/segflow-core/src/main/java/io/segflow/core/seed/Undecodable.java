package io.segflow.core.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;

/** Finds the line of the first byte sequence a charset cannot decode (readers report it a buffer later). */
final class Undecodable {
    private Undecodable() {
    }

    /** The 1-based line of the first undecodable bytes, or 0 when the whole file decodes. */
    static long lineOf(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
        CharBuffer chars = CharBuffer.allocate(1 << 14);
        long line = 1;
        try (InputStream in = CsvReader.open(file)) {
            boolean eof = false;
            while (true) {
                int n = eof ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) eof = true;
                else bytes.position(bytes.position() + n);
                bytes.flip();
                CoderResult result;
                do {
                    result = decoder.decode(bytes, chars, eof);
                    chars.flip();
                    while (chars.hasRemaining()) if (chars.get() == '\n') line++;
                    chars.clear();
                    if (result.isError()) return line;
                } while (result.isOverflow());
                bytes.compact();
                if (eof) return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
