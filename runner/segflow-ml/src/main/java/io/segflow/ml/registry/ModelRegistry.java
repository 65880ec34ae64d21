package io.segflow.ml.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import io.segflow.core.diagnostic.LocalFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;

/**
 * Versioned models on disk: {@code dir/<name>/v<N>/{model.pb, metadata.json}}. Each version is written into a
 * temporary folder and renamed into place in one atomic move, so readers never see half a version and two writers
 * never get the same number (the loser of a rename race takes the next one).
 */
public final class ModelRegistry {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d+)");
    static final String MODEL_FILE = "model.pb";
    static final String METADATA_FILE = "metadata.json";

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelRegistry(Path dir) {
        this.dir = dir;
    }

    /** Stores a Tribuo model (protobuf) with its provenance as JSON; returns the stored metadata with its version. */
    public ModelMetadata register(String name, Model<?> model, ModelMetadata draft) {
        String provenance;
        try {
            provenance = json.writeValueAsString(ProvenanceUtil.convertToMap(model.getProvenance()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(name, model.serialize().toByteArray(), provenance, draft);
    }

    /** Stores parameters-only models (GMM, BG/NBD, Gamma-Gamma): the metadata's params are the model. */
    public ModelMetadata registerParams(String name, ModelMetadata draft) {
        return write(name, null, null, draft);
    }

    private ModelMetadata write(String name, byte[] modelBytes, String provenance, ModelMetadata draft) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name must match " + NAME + ", got " + name);
        }
        Path modelDir = dir.resolve(name);
        try {
            Files.createDirectories(modelDir);
            while (true) {
                int version = versions(name).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
                ModelMetadata meta = draft.assigned(name, version, Instant.now().toString(), provenance,
                        modelBytes == null ? null : MODEL_FILE);
                Path tmp = modelDir.resolve(".tmp-" + UUID.randomUUID());
                writeVersion(tmp, modelBytes, meta);
                try {
                    Files.move(tmp, modelDir.resolve("v" + version), StandardCopyOption.ATOMIC_MOVE);
                    return meta;
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    deleteTree(tmp); // another writer took this number; try the next
                } catch (AtomicMoveNotSupportedException e) {
                    deleteTree(tmp);
                    throw new IllegalStateException("registry folder " + dir + " does not support atomic renames", e);
                }
            }
        } catch (IOException e) {
            throw LocalFileException.writing(modelDir, null, e);
        }
    }

    /** Fills the not-yet-visible version folder {@code tmp}; a failed write (disk full) removes it. */
    private void writeVersion(Path tmp, byte[] modelBytes, ModelMetadata meta) {
        try {
            Files.createDirectory(tmp);
            if (modelBytes != null) {
                Files.write(tmp.resolve(MODEL_FILE), modelBytes);
            }
            Files.writeString(tmp.resolve(METADATA_FILE), json.writeValueAsString(meta), StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // the same fault; the error below names the folder
            }
            throw LocalFileException.writing(tmp.getParent(), null, e);
        }
    }

    /** Versions of a model, ascending (empty when unknown). */
    public List<Integer> versions(String name) {
        Path modelDir = dir.resolve(name);
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.map(p -> VERSION_DIR.matcher(p.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<ModelMetadata> latest(String name) {
        List<Integer> v = versions(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(show(name, v.get(v.size() - 1)));
    }

    /** Every version of every model, by name then version. */
    public List<ModelMetadata> list() {
        List<ModelMetadata> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                String name = p.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    versions(name).forEach(v -> out.add(show(name, v)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(ModelMetadata::name).thenComparingInt(ModelMetadata::version));
        return out;
    }

    public ModelMetadata show(String name, int version) {
        Path file = versionDir(name, version).resolve(METADATA_FILE);
        try {
            return json.readValue(file.toFile(), ModelMetadata.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Loads the Tribuo model of a version. */
    public Model<?> load(String name, int version) {
        Path file = versionDir(name, version).resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model " + name + " v" + version + " has no binary (parameters only)");
        }
        try {
            return Model.deserialize(ModelProto.parseFrom(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Path versionDir(String name, int version) {
        Path p = dir.resolve(name).resolve("v" + version);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("no model " + name + " v" + version + " in " + dir
                    + " (versions: " + versions(name) + ")");
        }
        return p;
    }

    /** SHA-256 (hex) of text, e.g. the compiled scoring SQL. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
