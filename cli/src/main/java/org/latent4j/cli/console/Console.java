package org.latent4j.cli.console;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.latent4j.io.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a command writes what it has to say, in one of three modes:
 *
 * <ul>
 *   <li><b>normal</b>: {@link #info} lines (what is being done, results for people) on standard output,
 *       {@link #warn} lines and progress bars on standard error (bars only when it is a terminal);</li>
 *   <li><b>JSON</b> (the command's {@code --json}): standard output carries only the JSON written with
 *       {@link #json}, one document per line; info lines move to standard error, and no bars are drawn;</li>
 *   <li><b>quiet</b> (global {@code --quiet}): no info, warnings or bars; standard output carries only
 *       what was asked for ({@link #json} in JSON mode, {@link #data} such as CSV rows when no file was named),
 *       standard error only errors.</li>
 * </ul>
 *
 * {@code --progress} draws bars in every mode, {@code --no-progress} never. Numbers are formatted with
 * {@link Locale#ROOT} (a decimal point whatever the user's locale). Get one with {@link #of(CommandSpec)}.
 */
public final class Console {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean json;
    private final boolean bars;

    Console(PrintWriter out, PrintWriter err, boolean quiet, boolean json, Boolean progress, boolean terminal) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.json = json;
        this.bars = progress != null ? progress : terminal && !quiet && !json;
    }

    /**
     * The console of a command: its standard output and error, the run's global settings (from the root
     * command, see {@link OutputOptions.Source}) and JSON mode when the command has a {@code --json} option
     * that is set.
     */
    public static Console of(CommandSpec spec) {
        OutputOptions o = spec.root().userObject() instanceof OutputOptions.Source s ? s.outputOptions() : new OutputOptions();
        OptionSpec jsonOption = spec.findOption("--json");
        boolean json = jsonOption != null && Boolean.TRUE.equals(jsonOption.getValue());
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), o.quiet(), json, o.progress(),
                Terminal.stderrIsTerminal());
    }

    public boolean quiet() {
        return quiet;
    }

    /** Whether the command runs in JSON mode (standard output is for {@link #json} only). */
    public boolean jsonMode() {
        return json;
    }

    /** Whether progress bars are drawn. */
    public boolean showsProgress() {
        return bars;
    }

    /** A line for people (formatted with {@link Locale#ROOT}): standard output, standard error in JSON mode, nothing when quiet. */
    public void info(String format, Object... args) {
        if (!quiet) {
            Progress.printAbove(json ? err : out, args.length == 0 ? format : String.format(Locale.ROOT, format, args));
        }
    }

    /** A warning on standard error ({@code warning: ...}), nothing when quiet. */
    public void warn(String format, Object... args) {
        if (!quiet) {
            Progress.printAbove(err, "warning: " + (args.length == 0 ? format : String.format(Locale.ROOT, format, args)));
        }
    }

    /** One JSON document (a Jackson node, a map, a record...) on one line of standard output, in every mode. */
    public void json(Object value) {
        Progress.printAbove(out, Json.write(value));
    }

    /**
     * Standard output for data the user asked to receive there (e.g. CSV rows when no output file is named):
     * written in every mode. Flush it when done.
     */
    public PrintWriter data() {
        return out;
    }

    /**
     * A progress bar over {@code total} units (0: unknown) labelled {@code label}; close it when the work
     * is done (try-with-resources). Drawn only as described in the class comment; otherwise every call on
     * it returns at once.
     */
    public Progress progress(String label, long total) {
        return bars ? new Progress(err, true, label, total) : Progress.hidden();
    }

    /** A table whose header is printed with its first row, through {@link #info}. */
    public MetricsTable table(List<MetricsTable.Column> columns) {
        return new MetricsTable(this, columns);
    }
}
