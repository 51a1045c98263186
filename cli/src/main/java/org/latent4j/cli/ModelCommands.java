package org.latent4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.latent4j.cli.config.ConfigException;
import org.latent4j.cli.console.Usage;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code latent4j sample} and {@code latent4j score} for every model kind: the model folder (given as the
 * first argument or with {@code --model}) says which kind it holds in its metadata, and the command of
 * that kind runs with the same arguments (the folder passed the way that command takes it).
 */
final class ModelCommands {
    private ModelCommands() {}

    /** Runs the kind's command on the arguments; help when no model is named. */
    abstract static class Dispatch implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Spec
        CommandSpec spec;

        /** The command for a model kind, and whether it takes the folder as {@code --model DIR} (else positional). */
        abstract Object commandFor(String kind, Path dir);

        abstract boolean takesModelOption(String kind);

        @Override
        public Integer call() throws Exception {
            int at = args.indexOf("--model");
            Path dir;
            List<String> rest = new ArrayList<>(args);
            if (at >= 0 && at + 1 < args.size()) {
                dir = Path.of(args.get(at + 1));
                rest.remove(at + 1);
                rest.remove(at);
            } else if (!args.isEmpty() && !args.get(0).startsWith("-")) {
                dir = Path.of(args.get(0));
                rest.remove(0);
            } else if (args.contains("--help") || args.contains("-h")) {
                spec.commandLine().usage(spec.commandLine().getOut());
                return 0;
            } else {
                throw Usage.error(spec, "name the model: a folder as the first argument (a VAE) or --model DIR (a mixture)");
            }
            String kind = kind(dir);
            Object command = commandFor(kind, dir);
            List<String> forwarded = new ArrayList<>();
            if (takesModelOption(kind)) {
                forwarded.add("--model");
                forwarded.add(dir.toString());
            } else {
                forwarded.add(dir.toString());
            }
            forwarded.addAll(rest);
            CommandLine sub = new CommandLine(command);
            sub.getCommandSpec().parent(spec.parent());   // named "latent4j score"; --quiet etc. found through the root
            sub.setOut(spec.commandLine().getOut());
            sub.setErr(spec.commandLine().getErr());
            if (spec.root().userObject() instanceof Main main && main.config != null) {
                try {
                    sub.setDefaultValueProvider(main.config.bind(sub.getCommandSpec()));
                } catch (ConfigException e) {
                    throw Usage.error(spec, e.getMessage());
                }
            }
            sub.parseArgs(forwarded.toArray(String[]::new));
            if (sub.isUsageHelpRequested()) {
                sub.usage(spec.commandLine().getOut());
                return 0;
            }
            return ((Callable<?>) command).call() instanceof Integer code ? code : 0;
        }

        /** The kind recorded in the folder's (or its model/ subfolder's) metadata. */
        static String kind(Path dir) throws IOException {
            Path meta = dir.resolve(ModelFiles.METADATA);
            if (!Files.isRegularFile(meta) && Files.isRegularFile(dir.resolve("model").resolve(ModelFiles.METADATA))) {
                meta = dir.resolve("model").resolve(ModelFiles.METADATA);
            }
            if (!Files.isRegularFile(meta)) {
                throw new java.nio.file.NoSuchFileException(dir.toString(), null,
                        "not a model folder: no " + ModelFiles.METADATA + " in it or in its model/ subfolder");
            }
            return Json.read(meta).path("kind").asText("");
        }

        static IllegalArgumentException unsupported(String command, String kind, Path dir) {
            return new IllegalArgumentException(dir + " holds a '" + kind + "' model; " + command
                    + " works with vae and gmm models");
        }
    }

    @Command(name = "sample", description = {"Draw samples from a trained model (a VAE or a mixture, read from its folder).",
            "  vae: latent4j sample DIR --n 64 --out FILE.png|FILE.csv [--draw] [--seed S]",
            "  wgan: latent4j sample DIR --n 64 --out FILE.png|FILE.csv [--seed S]",
            "  gmm: latent4j sample --model DIR [--n N] [--seed S] [--out FILE.csv]",
            "'latent4j sample DIR --help' shows the options for the model in DIR."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j sample runs/vae --n 64 --out runs/vae/samples.png",
                "  latent4j sample runs/vae --n 16 --draw --seed 3 --out draws.csv",
                "  latent4j sample --model runs/gmm --n 1000 --out samples.csv"})
    static final class Sample extends Dispatch {
        @Override
        Object commandFor(String kind, Path dir) {
            return switch (kind) {
                case "vae", "wgan" -> new org.latent4j.cli.vae.SampleCommand();
                case "gmm" -> new GmmModelCommands.Sample();
                default -> throw unsupported("sample", kind, dir);
            };
        }

        @Override
        boolean takesModelOption(String kind) {
            return kind.equals("gmm");
        }
    }

    @Command(name = "score", description = {"Per-example scores of a trained model (a VAE or a mixture, read from its folder).",
            "  vae: latent4j score DIR --data SPEC --out FILE.csv [-k K]",
            "       (importance-weighted -log p(x), log reconstruction probability, ELBO)",
            "  gmm: latent4j score --model DIR --data SPEC [--out FILE.csv]  (log p(x))",
            "'latent4j score DIR --help' shows the options for the model in DIR."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j score runs/vae --data fashion-mnist -k 100 --out scores.csv",
                "  latent4j score --model runs/gmm --data fashion-mnist --out loglik.csv"})
    static final class Score extends Dispatch {
        @Override
        Object commandFor(String kind, Path dir) {
            return switch (kind) {
                case "vae" -> new org.latent4j.cli.vae.ScoreCommand();
                case "gmm" -> new GmmModelCommands.Score();
                default -> throw unsupported("score", kind, dir);
            };
        }

        @Override
        boolean takesModelOption(String kind) {
            return kind.equals("gmm");
        }
    }
}
