package org.latent4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.console.Console;
import org.latent4j.io.Json;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.mixture.Samples;
import org.latent4j.random.RandomSource;
import org.latent4j.report.mixture.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code latent4j predict}, {@code score} and {@code sample} for a fitted Gaussian mixture (CSV in, CSV out). */
final class GmmModelCommands {
    private GmmModelCommands() {}

    /** Options shared by the commands that read a model and data. */
    abstract static class ModelAndData {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR",
                description = "A model folder (or the --out folder of `train gmm`, which holds it as model/).")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Rows: csv:FILE[?options], or a data set (e.g. fashion-mnist; its training split).")
        String data;

        @Option(names = "--out", paramLabel = "FILE.csv", description = "Where to write the CSV (default: standard output).")
        Path out;

        @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
        boolean overwrite;

        @Option(names = "--json", description = "Print one JSON object instead of CSV rows: the values themselves, or with"
                + " --out a summary of what was written.")
        boolean json;

        record Loaded(GaussianMixture mixture, double[] x, int rows) {}

        Loaded load() throws IOException {
            OutputFile.check(spec, "--out", out, overwrite);
            GaussianMixtureFiles.Stored stored = GmmInputs.loadModel(model);
            RunData m = GmmInputs.load(spec, data);
            GmmInputs.requireColumns(m, stored.inputColumns());
            return new Loaded(stored.mixture(), stored.prepare(m.x()), m.rows());
        }

        void emit(String[] header, int rows, GmmInputs.RowWriter row) throws IOException {
            if (out != null) {
                GmmInputs.writeCsv(out, header, rows, row);
                Console.of(spec).info("wrote %d rows to %s", rows, out);
                return;
            }
            if (json) {
                return;
            }
            GmmInputs.printCsv(Console.of(spec).data(), header, rows, row);
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Most probable component of each row (column label), or with --proba the responsibilities p0..p(k-1).",
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j predict --model runs/gmm --data fashion-mnist --json",
                "  latent4j predict --model runs/gmm --data csv:new.csv --proba --out p.csv"})
    static final class Predict extends ModelAndData implements Callable<Integer> {
        @Option(names = "--proba", description = "Write the responsibilities instead of the labels.")
        boolean proba;

        @Override
        public Integer call() throws IOException {
            Loaded l = load();
            int k = l.mixture().parameters().k();
            ObjectNode result = Json.mapper().createObjectNode().put("rows", l.rows()).put("k", k);
            if (proba) {
                double[] p = l.mixture().predictProba(l.x());
                emit(GmmInputs.names("p", k), l.rows(), (i, sb) -> {
                    for (int j = 0; j < k; j++) {
                        sb.append(j == 0 ? "" : ",").append(GmmInputs.number(p[i * k + j]));
                    }
                });
                if (out == null) {
                    ArrayNode rows = result.putArray("proba");
                    for (int i = 0; i < l.rows(); i++) {
                        ArrayNode r = rows.addArray();
                        for (int j = 0; j < k; j++) {
                            r.add(p[i * k + j]);
                        }
                    }
                }
            } else {
                int[] labels = l.mixture().predict(l.x());
                emit(new String[] {"label"}, l.rows(), (i, sb) -> sb.append(labels[i]));
                int[] counts = new int[k];
                for (int label : labels) {
                    counts[label]++;
                }
                ArrayNode c = result.putArray("counts");
                for (int v : counts) {
                    c.add(v);
                }
                if (out == null) {
                    ArrayNode a = result.putArray("labels");
                    for (int label : labels) {
                        a.add(label);
                    }
                }
            }
            if (json) {
                if (out != null) {
                    result.put("out", out.toString());
                }
                Console.of(spec).json(result);
            }
            return 0;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {"Log-likelihood log p(x) of each row (column loglik).",
                    "When the rows go to --out, prints their mean (scikit-learn's score)."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j score --model runs/gmm --data fashion-mnist --out loglik.csv",
                "  latent4j score --model runs/gmm --data fashion-mnist --out ll.csv --json"})
    static final class Score extends ModelAndData implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Loaded l = load();
            double[] ll = l.mixture().scoreSamples(l.x());
            emit(new String[] {"loglik"}, l.rows(), (i, sb) -> sb.append(GmmInputs.number(ll[i])));
            double s = 0;
            for (double v : ll) {
                s += v;
            }
            Console console = Console.of(spec);
            if (out != null) {
                console.info("mean_loglik %.10f rows %d", s / ll.length, ll.length);
            }
            if (json) {
                ObjectNode result = Json.mapper().createObjectNode().put("mean_loglik", s / ll.length).put("rows", ll.length);
                if (out != null) {
                    result.put("out", out.toString());
                } else {
                    ArrayNode values = result.putArray("loglik");
                    for (double v : ll) {
                        values.add(v);
                    }
                }
                console.json(result);
            }
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Draw rows from a fitted mixture: columns x0..x(d-1) and the component label"
                    + " (in the original columns when the mixture was fitted on principal components).",
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j sample --model runs/gmm --n 1000 --seed 2 --out samples.csv",
                "  latent4j sample --model runs/gmm --n 5 --quiet"})
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model folder (or the --out folder of `train gmm`).")
        Path model;

        @Option(names = {"--n", "--count"}, defaultValue = "10", description = "Rows to draw (default ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "FILE.csv", description = "Where to write the CSV (default: standard output).")
        Path out;

        @Option(names = "--overwrite", description = OutputFile.OVERWRITE)
        boolean overwrite;

        @Override
        public Integer call() throws IOException {
            if (n < 1) {
                throw new ParameterException(spec.commandLine(), "--n: expected a count >= 1, got " + n);
            }
            OutputFile.check(spec, "--out", out, overwrite);
            GaussianMixtureFiles.Stored stored = GmmInputs.loadModel(model);
            Samples s = stored.mixture().sample(n, new RandomSource(seed));
            double[] x = stored.pca() != null ? stored.pca().inverseTransform(s.x()) : s.x();
            int d = stored.inputColumns();
            String[] header = new String[d + 1];
            System.arraycopy(GmmInputs.names("x", d), 0, header, 0, d);
            header[d] = "label";
            GmmInputs.RowWriter row = (i, sb) -> {
                for (int c = 0; c < d; c++) {
                    sb.append(GmmInputs.number(x[i * d + c])).append(',');
                }
                sb.append(s.labels()[i]);
            };
            if (out != null) {
                GmmInputs.writeCsv(out, header, n, row);
                Console.of(spec).info("wrote %d samples to %s", n, out);
            } else {
                GmmInputs.printCsv(Console.of(spec).data(), header, n, row);
            }
            return 0;
        }
    }
}
