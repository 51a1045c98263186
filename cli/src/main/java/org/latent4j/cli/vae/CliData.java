package org.latent4j.cli.vae;

import java.io.IOException;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.data.Splits;
import org.latent4j.models.training.DataMatrix;
import picocli.CommandLine.Model.CommandSpec;

/** Loading the data named by a {@code --data} option, as the models want it. */
final class CliData {
    private CliData() {}

    /**
     * Train and test splits (test may be null for a single CSV file). A catalogue name falls back to its
     * shipped subset when the full set is not installed (with a warning; the dataset's source says so).
     */
    static Splits load(String spec) throws IOException {
        return load(spec, Fallback.SUBSET);
    }

    /**
     * As {@link #load(String)}, with a spec that does not parse (unknown name, bad syntax) reported as a usage
     * error of the command; a file that cannot be read stays a failure.
     */
    static Splits load(CommandSpec command, String spec) throws IOException {
        DataSpec parsed = Usage.option(command, "--data", () -> DataSpec.parse(spec, Fallback.SUBSET));
        return parsed.load(Catalogue.standard());
    }

    /**
     * The data as sequences for a recurrent model ({@link DataSpec#loadSequences}): series windows with their scaler,
     * grey images one row per step; a spec that does not parse or whose rows are not sequences is a usage error.
     */
    static org.latent4j.data.series.SequenceData loadSequences(CommandSpec command, String spec) throws IOException {
        DataSpec parsed = Usage.option(command, "--data", () -> DataSpec.parse(spec, Fallback.SUBSET));
        try {
            return parsed.loadSequences(Catalogue.standard());
        } catch (IllegalArgumentException e) {
            throw Usage.error(command, "--data: " + e.getMessage());
        }
    }

    /** Train and test splits with the given default fallback ({@link Fallback#NONE} for benchmarks). */
    static Splits load(String spec, Fallback fallback) throws IOException {
        return DataSpec.parse(spec, fallback).load(Catalogue.standard());
    }

    /** One split, by name: {@code train} or {@code test}. */
    static Dataset split(String spec, String split) throws IOException {
        return split(load(spec), spec, split);
    }

    /** One split of loaded data, by name: {@code train} or {@code test}. */
    static Dataset split(Splits s, String spec, String split) {
        return switch (split) {
            case "train" -> s.train();
            case "test" -> {
                if (s.test() == null) {
                    throw new IllegalArgumentException("--data " + spec + " has no test split; use --split train");
                }
                yield s.test();
            }
            default -> throw new IllegalArgumentException("--split must be train or test, got '" + split + "'");
        };
    }

    /** The dataset as a model's data matrix; its name (with its source) appears in error messages. */
    static DataMatrix matrix(Dataset d) {
        String name = d.source().equals(d.name()) ? d.name() : d.name() + " (" + d.source() + ")";
        return new DataMatrix(name, d.x(), d.rows(), d.cols());
    }

    /**
     * The first {@code n} rows of a dataset as a matrix, {@code n} coming from {@code option} of the command
     * (null when it was not given: the first {@code whenOmitted}, or all when there are fewer); see
     * {@link Usage#examples} for the rule.
     */
    static DataMatrix matrix(CommandSpec command, String option, Dataset d, Integer n, int whenOmitted) {
        int take = Usage.examples(command, option, n, whenOmitted, d.rows(), d.name());
        return matrix(take < d.rows() ? d.first(take) : d);
    }
}
