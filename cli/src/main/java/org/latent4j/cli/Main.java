package org.latent4j.cli;

import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
        })
public final class Main {

    /**
     * The one thread setting (also OpenBLAS's; the launcher exports it as OPENBLAS_NUM_THREADS),
     * accepted before or after any subcommand.
     */
    @Option(names = "--threads", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Threads for the whole program, BLAS included (default: LATENT4J_THREADS, else all processors).")
    void threads(int n) {
        Threads.set(n);
    }

    /** Runs the command line and returns its exit code (0 success, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(Main::reportFailure)
                .execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Prints a failure as one clear line (the cause chain when it helps), not a stack trace. */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        StringBuilder msg = new StringBuilder("latent4j ").append(cmd.getCommandName()).append(": ")
                .append(e.getMessage() == null ? e.toString() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !msg.toString().contains(c.getMessage())) {
                msg.append(" (").append(c.getMessage()).append(')');
            }
        }
        cmd.getErr().println(msg);
        if (System.getenv("LATENT4J_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    /** Supplies {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latent4j " + Version.get()};
        }
    }
}
