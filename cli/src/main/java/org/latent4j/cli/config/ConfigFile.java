package org.latent4j.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.latent4j.io.Json;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A config file ({@code --config FILE}): option values in JSON or YAML (by the file's extension,
 * {@code .yaml}/{@code .yml}, else JSON), keyed by the long option names without their dashes
 * ({@code {"data": "fashion-mnist", "epochs": 10, "hidden": [400], "latent": 20}}; an underscore may stand
 * for a dash). The values become the options' defaults, so an option given on the command line wins.
 *
 * <p>The file is either that flat object, or the form {@code run.json} has,
 * {@code {"command": "train vae", "latent4j_version": "...", "options": {...}}}. A {@code command} key
 * must name the command being run; {@code latent4j_version} is informative. Lists (e.g. {@code hidden})
 * are JSON arrays or a single value. A null value leaves the option at its own default. Any other key, or a
 * value of the wrong type, is an error naming the file, the key and what would be accepted.
 */
public final class ConfigFile {
    private static final Set<String> OUTPUT_MODE = Set.of("help", "version", "config");

    private final Path file;
    private final String command;
    private final Map<String, JsonNode> values;

    private ConfigFile(Path file, String command, Map<String, JsonNode> values) {
        this.file = file;
        this.command = command;
        this.values = values;
    }

    /** Reads a config file; a missing, unreadable or malformed file is a {@link ConfigException}. */
    public static ConfigFile read(Path file) throws ConfigException {
        JsonNode root;
        try {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : Json.mapper();
            root = mapper.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not UTF-8 text (" + e.getMessage() + ")");
        } catch (JacksonException e) {
            throw new ConfigException("config file " + file + " is not valid " + kind(file) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + location(e));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + ": expected an object of option values, like"
                    + " {\"epochs\": 10}, got " + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        String command = root.hasNonNull("command") ? root.get("command").asText() : null;
        JsonNode options = root.get("options");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (options != null && options.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("options") && !k.equals("command") && !k.equals("latent4j_version")) {
                    throw new ConfigException("config file " + file + ": unknown key '" + k + "' beside \"options\""
                            + " (accepted there: command, latent4j_version, options)");
                }
            }
            options.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        } else {
            root.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("command") && !e.getKey().equals("latent4j_version")) {
                    values.put(e.getKey(), e.getValue());
                }
            });
        }
        return new ConfigFile(file, command, values);
    }

    public Path file() {
        return file;
    }

    /**
     * Checks every key against the options of {@code spec} (the command being run) and every value against
     * its option's type, and returns the provider that supplies them as defaults.
     */
    public IDefaultValueProvider bind(CommandSpec spec) throws ConfigException {
        String name = commandName(spec);
        if (command != null && !command.equals(name)) {
            throw new ConfigException("config file " + file + " is for 'latent4j " + command + "', not 'latent4j " + name + "'");
        }
        Map<String, OptionSpec> byKey = optionsByKey(spec);
        Map<OptionSpec, String> defaults = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            String key = e.getKey();
            OptionSpec option = byKey.get(key.replace('_', '-'));
            if (option == null) {
                throw new ConfigException("config file " + file + ": unknown key '" + key + "' for 'latent4j " + name
                        + "'; accepted keys: " + String.join(", ", acceptedKeys(spec)));
            }
            if (e.getValue().isNull()) {
                continue;
            }
            defaults.put(owner(option), ConfigValues.toOptionString(file, key, option, e.getValue()));
        }
        return new Provider(defaults);
    }

    /**
     * The option picocli asks the provider about: an inherited option (--threads) is asked for on the
     * command that declares it, not on its copy in the subcommand.
     */
    private static OptionSpec owner(OptionSpec option) {
        if (option.inherited()) {
            for (CommandSpec s = option.command().parent(); s != null; s = s.parent()) {
                OptionSpec declared = s.findOption(option.longestName());
                if (declared != null && !declared.inherited()) {
                    return declared;
                }
            }
        }
        return option;
    }

    /** The command's name as typed after {@code latent4j}, e.g. {@code "train vae"}. */
    public static String commandName(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = spec; s != null && s.parent() != null; s = s.parent()) {
            names.add(0, s.name());
        }
        return String.join(" ", names);
    }

    /** The keys a config file may use for this command, sorted. */
    public static Set<String> acceptedKeys(CommandSpec spec) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            String k = key(o);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** The key of an option (its longest name without dashes), or null for options a config file cannot set. */
    static String key(OptionSpec o) {
        if (o.usageHelp() || o.versionHelp()) {
            return null;
        }
        String k = o.longestName().replaceFirst("^-+", "");
        return OUTPUT_MODE.contains(k) ? null : k;
    }

    private static Map<String, OptionSpec> optionsByKey(CommandSpec spec) {
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (key(o) == null) {
                continue;
            }
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    byKey.put(n.substring(2), o);
                }
            }
        }
        return byKey;
    }

    private static String kind(Path file) {
        String n = file.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") ? "YAML" : "JSON";
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Supplies the file's values for the options of one command; nothing for any other. */
    private record Provider(Map<OptionSpec, String> defaults) implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            // By identity: OptionSpec's equals would also match the copies of an inherited option.
            if (arg instanceof OptionSpec o) {
                for (Map.Entry<OptionSpec, String> e : defaults.entrySet()) {
                    if (e.getKey() == o) {
                        return e.getValue();
                    }
                }
            }
            return null;
        }
    }
}
