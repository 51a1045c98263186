package org.latent4j.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Escaping, anchors and number formatting for the HTML the report writes. */
final class Html {
    private static final Pattern NUMBER =
            Pattern.compile("[-+−]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?%?|[-+]?(NaN|Infinity|∞)");

    private Html() {}

    /**
     * Text as HTML character data or attribute value: the five markup characters become entities and
     * control characters that HTML forbids (all C0 but tab, newline and carriage return) become U+FFFD.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A fragment identifier made of lower-case ASCII letters, digits and hyphens, unique among {@code taken}. */
    static String anchor(String heading, Set<String> taken) {
        StringBuilder sb = new StringBuilder();
        boolean hyphen = false;
        for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
                hyphen = false;
            } else if (!hyphen && !sb.isEmpty()) {
                sb.append('-');
                hyphen = true;
            }
        }
        while (!sb.isEmpty() && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        String base = sb.isEmpty() ? "section" : sb.toString();
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /**
     * A value as a table cell: whole numbers as they are, other floating-point numbers to six significant
     * digits without trailing zeros (scientific notation below 1e-4 or from 1e9 on), null as an em dash,
     * collections and arrays joined with commas.
     */
    static String format(Object value) {
        return switch (value) {
            case null -> "—";
            case Double d -> format(d.doubleValue());
            case Float f -> format(f.doubleValue());
            case Number n -> n.toString();
            case double[] a -> join(java.util.Arrays.stream(a).mapToObj(Html::format).toList());
            case float[] a -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(format(a[i]));
                }
                yield sb.toString();
            }
            case int[] a -> join(java.util.Arrays.stream(a).mapToObj(Integer::toString).toList());
            case long[] a -> join(java.util.Arrays.stream(a).mapToObj(Long::toString).toList());
            case Object[] a -> join(java.util.Arrays.stream(a).map(Html::format).toList());
            case Collection<?> c -> join(c.stream().map(Html::format).toList());
            default -> value.toString();
        };
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e9) {
            return String.format(Locale.ROOT, "%.4e", v)
                    .replaceFirst("\\.?0+e", "e")
                    .replaceFirst("e([-+])0*(\\d)", "e$1$2")
                    .replace("e+", "e");
        }
        return new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** Whether a cell reads as a number, so that it is right-aligned with the other numbers of its column. */
    static boolean numeric(String cell) {
        return cell != null && NUMBER.matcher(cell.strip()).matches();
    }

    /** Whether a cell stands for no value: empty or a lone dash (hyphen, en dash or em dash). */
    static boolean blank(String cell) {
        String s = cell == null ? "" : cell.strip();
        return s.isEmpty() || s.equals("-") || s.equals("–") || s.equals("—");
    }

    private static String join(java.util.List<String> parts) {
        return String.join(", ", parts);
    }
}
