package org.latent4j.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A config value checked against its option's type and written as the text the option would have on the
 * command line (so a value from a file goes through exactly the conversions a flag does).
 */
final class ConfigValues {
    private ConfigValues() {}

    static String toOptionString(Path file, String key, OptionSpec option, JsonNode value) throws ConfigException {
        boolean multi = option.isMultiValue();
        Class<?> type = multi ? elementType(option) : option.type();
        if (value.isArray()) {
            if (!multi) {
                throw wrong(file, key, option, type, value, "one value, not a list");
            }
            String split = option.splitRegex();
            if (value.size() > 1 && (split == null || split.isEmpty())) {
                throw wrong(file, key, option, type, value, "one value");
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode e : value) {
                parts.add(scalar(file, key, option, type, e));
            }
            return String.join(separator(split), parts);
        }
        if (multi && value.isTextual() && option.splitRegex() != null && !option.splitRegex().isEmpty()) {
            // "400,200": the same text as on the command line
            List<String> parts = new ArrayList<>();
            for (String part : value.asText().split(option.splitRegex(), -1)) {
                parts.add(scalar(file, key, option, type, com.fasterxml.jackson.databind.node.TextNode.valueOf(part)));
            }
            return String.join(separator(option.splitRegex()), parts);
        }
        return scalar(file, key, option, type, value);
    }

    private static String scalar(Path file, String key, OptionSpec option, Class<?> type, JsonNode v) throws ConfigException {
        if (v.isContainerNode() || v.isNull()) {
            throw wrong(file, key, option, type, v, expected(type));
        }
        String text = v.asText();
        if (type == boolean.class || type == Boolean.class) {
            if (v.isBoolean() || text.equals("true") || text.equals("false")) {
                return text;
            }
            throw wrong(file, key, option, type, v, expected(type));
        }
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.toString(v.isNumber() ? exactInt(v) : Integer.parseInt(text.trim()));
            }
            if (type == long.class || type == Long.class) {
                return Long.toString(v.isNumber() ? exactLong(v) : Long.parseLong(text.trim()));
            }
            if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
                return v.isNumber() ? v.asText() : Double.toString(Double.parseDouble(text.trim()));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw wrong(file, key, option, type, v, expected(type));
        }
        if (type.isEnum()) {
            for (Object c : type.getEnumConstants()) {
                if (c.toString().equals(text)) {
                    return text;
                }
            }
            throw wrong(file, key, option, type, v, "one of " + Arrays.toString(type.getEnumConstants()));
        }
        if (v.isBoolean() && type != String.class) {
            throw wrong(file, key, option, type, v, expected(type));
        }
        return text;
    }

    private static int exactInt(JsonNode v) {
        if (!v.isIntegralNumber() && v.asDouble() != Math.rint(v.asDouble())) {
            throw new ArithmeticException("not an integer");
        }
        return Math.toIntExact(v.isIntegralNumber() ? v.asLong() : (long) v.asDouble());
    }

    private static long exactLong(JsonNode v) {
        if (!v.isIntegralNumber() && v.asDouble() != Math.rint(v.asDouble())) {
            throw new ArithmeticException("not an integer");
        }
        return v.isIntegralNumber() ? v.asLong() : (long) v.asDouble();
    }

    private static Class<?> elementType(OptionSpec option) {
        if (option.type().isArray()) {
            return option.type().getComponentType();
        }
        Class<?>[] aux = option.auxiliaryTypes();
        return aux != null && aux.length > 0 ? aux[0] : String.class;
    }

    /** The literal text of a simple split regex (picocli's splits are usually "," or "\\|"). */
    private static String separator(String regex) {
        return regex.replace("\\", "");
    }

    private static String expected(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == Path.class) {
            return "a file or folder name";
        }
        return "a text value";
    }

    private static ConfigException wrong(Path file, String key, OptionSpec option, Class<?> type, JsonNode v, String what) {
        return new ConfigException("config file " + file + ": key '" + key + "' (option " + option.longestName() + ") expects "
                + what + (option.isMultiValue() ? " or a list of them" : "") + ", got " + v);
    }
}
