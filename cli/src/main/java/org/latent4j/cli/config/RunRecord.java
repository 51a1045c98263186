package org.latent4j.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code OUT/run.json}: the command and every effective option value of a run (defaults included), in the
 * form {@code --config} reads, so {@code latent4j train vae --config OUT/run.json} repeats the run
 * (same seed and thread count: same numbers). The output-mode options ({@code --quiet}, {@code --json},
 * {@code --debug}, {@code --progress}) and {@code --overwrite} are left out, since they change what is printed or
 * which files may be replaced, not what is computed;
 * {@code threads} is the count in use.
 */
public final class RunRecord {
    /** The file name inside a run's output folder. */
    public static final String FILE = "run.json";
    private static final Set<String> NOT_RECORDED = Set.of("quiet", "json", "debug", "progress", "overwrite");

    private RunRecord() {}

    /** The record of the command being run: {"command", "latent4j_version", "options": {...}}. */
    public static ObjectNode of(CommandSpec spec) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("command", ConfigFile.commandName(spec));
        root.put("latent4j_version", Version.get());
        ObjectNode options = root.putObject("options");
        for (OptionSpec o : spec.options()) {
            String key = ConfigFile.key(o);
            if (key == null || NOT_RECORDED.contains(key)) {
                continue;
            }
            Object value = key.equals("threads") ? Threads.count() : o.getValue();
            if (value != null) {
                options.set(key, node(value));
            }
        }
        return root;
    }

    /** Writes {@code dir/run.json} (atomically) for the command being run; returns the file. */
    public static Path write(CommandSpec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, Json.writePretty(of(spec)) + "\n");
        return file;
    }

    private static JsonNode node(Object value) {
        var f = Json.mapper().getNodeFactory();
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        if (value.getClass().isArray()) {
            ArrayNode a = f.arrayNode();
            for (int i = 0; i < Array.getLength(value); i++) {
                a.add(node(Array.get(value, i)));
            }
            return a;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(e -> a.add(node(e)));
            return a;
        }
        return f.textNode(value.toString());
    }
}
