package io.segflow.ml.pull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Incremental SHA-256 over pulled rows, so the same sample always hashes the same. */
final class SampleHasher {
    private final MessageDigest digest;
    private final ByteBuffer buffer = ByteBuffer.allocate(8);

    SampleHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void row(Object entity, double[] values, double label, String cutoff) {
        digest.update(String.valueOf(entity).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        for (double v : values) {
            putDouble(v);
        }
        putDouble(label);
        if (cutoff != null) {
            digest.update(cutoff.getBytes(StandardCharsets.UTF_8));
        }
        digest.update((byte) '\n');
    }

    private void putDouble(double v) {
        buffer.clear();
        buffer.putLong(Double.doubleToLongBits(v)); // canonical NaN
        digest.update(buffer.array());
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
