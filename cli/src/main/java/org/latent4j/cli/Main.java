package org.latent4j.cli;

import java.nio.file.Path;
import org.latent4j.cli.config.ConfigException;
import org.latent4j.cli.config.ConfigFile;
import org.latent4j.cli.console.LauncherWatch;
import org.latent4j.cli.console.Logging;
import org.latent4j.cli.console.OutputOptions;
import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code latent4j} command: one subcommand per job. */
@Command(name = "latent4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Latent-variable generative models on the JVM: VAE, Gaussian mixtures (EM), autoencoders.",
        subcommands = {
                CommandLine.HelpCommand.class,
                InfoCommand.class,
                BenchCommand.class,
                TrainCommand.class,
                GmmModelCommands.Predict.class,
                ModelCommands.Score.class,
                ModelCommands.Sample.class,
                org.latent4j.cli.vae.EvaluateCommand.class,
                org.latent4j.cli.vae.ReconstructCommand.class,
                org.latent4j.cli.vae.EncodeCommand.class,
                DemoCommand.class,
                PlotCommand.class,
                org.latent4j.cli.explore.ExploreCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  latent4j demo",
                "  latent4j train vae --data fashion-mnist --epochs 10 --out runs/vae",
                "  latent4j train vae --config runs/vae/run.json --epochs 20 --out runs/vae20",
                "  latent4j evaluate runs/vae --data fashion-mnist --json",
                "",
                "Global options (--threads, --quiet, --debug, --[no-]progress, --config) go before or after any command.",
                "Exit codes: 0 success, 1 failure (data, file or computation), 2 bad usage (unknown option, bad value).",
                "More: 'latent4j COMMAND --help', docs/cli.md."})
public final class Main implements OutputOptions.Source {
    /** Exit code of a run that did what was asked. */
    public static final int OK = 0;
    /** Exit code of a run that failed: unreadable data or files, a computation that could not finish. */
    public static final int FAILURE = 1;
    /** Exit code of a command line that is wrong: unknown option, bad value, bad config file. */
    public static final int USAGE = 2;

    private final OutputOptions output = new OutputOptions();
    /** The --config file of this run, for the commands that hand their arguments on ({@code score}, {@code sample}). */
    ConfigFile config;

    /**
     * The one thread setting (also OpenBLAS's; the launcher exports it as OPENBLAS_NUM_THREADS),
     * accepted before or after any subcommand.
     */
    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Threads for the whole program, BLAS included, from 1 to 16 × the processors"
                    + " (default: LATENT4J_THREADS, else all processors).")
    void threads(int n) {
        try {
            Threads.set(Threads.check("--threads", n));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        threadsGiven = true;
    }

    /** Whether --threads was given (on the command line or in a config file), which overrides LATENT4J_THREADS. */
    private boolean threadsGiven;

    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print nothing but errors, and what was asked for on standard output (--json, data).")
    void quiet(boolean on) {
        output.quiet(on);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the message (also LATENT4J_DEBUG=1).")
    void debug(boolean on) {
        output.debug(on || System.getenv("LATENT4J_DEBUG") != null);
    }

    @Option(names = "--progress", negatable = true, scope = ScopeType.INHERIT,
            description = "Draw progress bars on standard error even when it is not a terminal (--no-progress: never).")
    void progress(boolean on) {
        output.progress(on);
    }

    /** Read before parsing by {@link #run}; declared so that it is accepted and listed in the help. */
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Option values from a JSON or YAML file (keys: the long option names without dashes);"
                    + " options on the command line win. OUT/run.json of a run is such a file.")
    void config(Path file) {
        // applied as a default-value provider before parsing
    }

    @Override
    public OutputOptions outputOptions() {
        return output;
    }

    /** Runs the command line and returns its exit code: {@link #OK}, {@link #FAILURE} or {@link #USAGE}. */
    public static int run(String... args) {
        Main main = new Main();
        // An option given twice takes its last value, so a line can be repeated with one setting appended.
        CommandLine cl = new CommandLine(main).setHelpFactory(HelpLayout.FACTORY).setOverwrittenOptionsAllowed(true);
        cl.getSubcommands().get("help").getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
                .footer("  latent4j help train vae", "  latent4j help evaluate");
        Errors errors = new Errors(main.output);
        cl.setExecutionExceptionHandler(errors::failure).setParameterExceptionHandler(errors::usage);
        cl.setExecutionStrategy(parsed -> {
            boolean help = parsed.asCommandLineList().stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested()
                    || c.getCommandSpec().userObject() instanceof CommandLine.HelpCommand);
            if (!main.threadsGiven && !help && Threads.settingError() != null) {
                // A bad LATENT4J_THREADS is refused like a bad --threads, not replaced silently.
                CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
                throw new CommandLine.ParameterException(leaf, Threads.settingError());
            }
            Logging.configure(main.output);
            return new CommandLine.RunLast().execute(parsed);
        });
        if (has(args, "--debug")) {
            main.output.debug(true);
        }
        String config = optionValue(args, "--config");
        if (config != null) {
            CommandSpec leaf = leaf(cl.getCommandSpec(), args);
            try {
                main.config = ConfigFile.read(Path.of(config));
                if (!(leaf.userObject() instanceof ModelCommands.Dispatch)) {
                    cl.setDefaultValueProvider(main.config.bind(leaf));
                }
            } catch (ConfigException e) {
                return errors.usage(new CommandLine.ParameterException(leaf.commandLine(), e.getMessage()), args);
            }
        }
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors on; this one has a remedy the user can apply
            cl.getErr().println("latent4j: out of memory (" + e.getMessage() + "); give the JVM more with"
                    + " LATENT4J_JAVA_OPTS=-Xmx<size>, e.g. -Xmx8g");
            if (main.output.debug()) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return FAILURE;
        }
    }

    public static void main(String[] args) {
        LauncherWatch.start();
        System.exit(run(args));
    }

    /** The subcommand the arguments name (the deepest one reached by subcommand names), or the root. */
    static CommandSpec leaf(CommandSpec root, String[] args) {
        CommandSpec at = root;
        for (String a : args) {
            CommandLine sub = at.subcommands().get(a);
            if (sub != null) {
                at = sub.getCommandSpec();
            }
        }
        return at;
    }

    private static boolean has(String[] args, String name) {
        for (String a : args) {
            if (a.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE}, or null. */
    private static String optionValue(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Supplies {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latent4j " + Version.get()};
        }
    }
}
