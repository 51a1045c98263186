package org.latent4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.latent4j.blas.Backend;
import org.latent4j.blas.Blas;
import org.latent4j.cli.console.Console;
import org.latent4j.runtime.Threads;
import org.latent4j.runtime.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latent4j info}: what this installation runs on (version, JVM, BLAS backend, threads). */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the version, the JVM, the BLAS backends (and which one each class of products runs on) and the thread count.",
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j info",
                "  latent4j info --json",
                "  LATENT4J_BLAS=java latent4j info --threads 1"})
final class InfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> info = facts();
        Console out = Console.of(spec);
        if (json) {
            out.json(info);
        } else {
            out.info("latent4j " + info.get("version"));
            out.info("java     " + info.get("java") + " (" + info.get("java_vm") + ")");
            if ("measured".equals(info.get("blas"))) {
                out.info("blas     measured per shape class: native " + info.get("blas_detail"));
                out.info("         java path: " + info.get("java_path"));
                @SuppressWarnings("unchecked")
                Map<String, String> choices = (Map<String, String>) info.get("blas_choices");
                if (choices.isEmpty()) {
                    out.info("         none measured yet on this machine: each class is timed on both at its first product,"
                            + " kept in " + info.get("blas_choice_file"));
                } else {
                    choices.forEach((name, choice) -> out.info("         " + name + ": " + choice));
                    out.info("         kept in " + info.get("blas_choice_file") + " (delete it to measure again)");
                }
            } else {
                out.info("blas     " + info.get("blas") + ": " + info.get("blas_detail"));
                if (!"java".equals(info.get("blas"))) {
                    out.info("         java path: " + info.get("java_path"));
                }
            }
            int blasThreads = (Integer) info.get("blas_threads");
            out.info("threads  " + info.get("threads")
                    + (blasThreads > 0 ? " (BLAS " + blasThreads + ")" : "") + " of " + info.get("processors") + " processors");
        }
        return 0;
    }

    /** The facts, in print order; keys {@code version}, {@code java}, {@code blas}, {@code threads} and more. */
    static Map<String, Object> facts() {
        Backend backend = Blas.backend();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", Version.get());
        info.put("java", System.getProperty("java.version"));
        info.put("java_vm", System.getProperty("java.vendor") + " " + System.getProperty("java.vm.name"));
        info.put("blas", Blas.label());
        info.put("blas_detail", backend.describe());
        info.put("java_path", Backend.JAVA.describe());
        if (Blas.measuring()) {
            info.put("blas_choices", Blas.measuredChoices());
            info.put("blas_choice_file", Blas.measuredChoiceFile().toString());
        }
        info.put("blas_threads", backend.threads());
        info.put("threads", Threads.count());
        info.put("processors", Runtime.getRuntime().availableProcessors());
        return info;
    }
}
