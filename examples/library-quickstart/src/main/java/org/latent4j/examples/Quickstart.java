package org.latent4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.latent4j.data.CsvOptions;
import org.latent4j.data.CsvReader;
import org.latent4j.data.CsvTable;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.mixture.MixtureParameters;
import org.latent4j.models.mixture.Samples;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.vae.LikelihoodKind;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeEvaluation;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * latent4j as a library: reads a CSV, fits a Gaussian mixture by EM and a variational autoencoder,
 * draws samples from both, saves both, loads them back and checks that the loaded models give the same
 * numbers as the ones in memory (the program exits with status 1 if they do not).
 *
 * <p>Usage: {@code Quickstart [points.csv [output-folder]]}; the output folder gets {@code gmm/} and
 * {@code vae/}, each a model directory (weights in safetensors, config.json, metadata.json).
 */
public final class Quickstart {

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "points.csv");
        Path out = Path.of(args.length > 1 ? args[1] : "target/models");

        // Every column of the file is a feature; the header line names them. Values in double precision.
        CsvTable table = CsvReader.read(csv, CsvOptions.defaults());
        double[] x = table.x();                       // row-major, rows × cols
        int d = table.cols();
        System.out.printf("data: %d rows × %d columns %s from %s%n", table.rows(), d, table.columnNames(), csv);

        boolean same = gaussianMixture(x, d, out.resolve("gmm"));
        same &= vae(table, out.resolve("vae"));
        if (!same) {
            System.err.println("quickstart: a loaded model disagrees with the one that was saved");
            System.exit(1);
        }
        System.out.println("ok: both loaded models give the saved models' numbers");
    }

    /** Fits a 3-component mixture, samples, saves, loads; true if the loaded one scores the data alike. */
    static boolean gaussianMixture(double[] x, int d, Path dir) throws IOException {
        GaussianMixture gmm = new GaussianMixture(GaussianMixtureConfig.builder()
                .k(3).covarianceType(CovarianceType.FULL).nInit(3).seed(1).build()).fit(x, d);
        MixtureParameters p = gmm.parameters();
        System.out.printf("%nGaussian mixture, k = %d, %s covariances: %d EM iterations, converged %s%n",
                p.k(), p.type().label(), gmm.fitResult().iterations(), gmm.fitResult().converged());
        for (int j = 0; j < p.k(); j++) {
            System.out.printf("  component %d: weight %.3f, mean %s%n", j, p.weights()[j],
                    format(Arrays.copyOfRange(p.means(), j * d, (j + 1) * d)));
        }
        double score = gmm.score(x);
        System.out.printf("  mean log-likelihood %.4f, BIC %.1f%n", score, gmm.bic(x));

        Samples s = gmm.sample(3, new RandomSource(2));
        for (int i = 0; i < s.labels().length; i++) {
            System.out.printf("  sample %s from component %d%n",
                    format(Arrays.copyOfRange(s.x(), i * d, (i + 1) * d)), s.labels()[i]);
        }

        GaussianMixtureFiles.save(dir, gmm);
        GaussianMixture loaded = GaussianMixtureFiles.load(dir).mixture();
        double loadedScore = loaded.score(x);
        boolean same = loadedScore == score && Arrays.equals(loaded.predict(x), gmm.predict(x));
        System.out.printf("  saved to %s; loaded back: mean log-likelihood %.4f, %s%n", dir, loadedScore,
                same ? "the same" : "DIFFERENT");
        return same;
    }

    /** Fits a VAE with a Gaussian likelihood, samples, saves, loads; true if the loaded one evaluates alike. */
    static boolean vae(CsvTable table, Path dir) throws IOException {
        // VAEs train in float32: the same rows, narrowed.
        float[] xf = table.toDataset("points").x();
        DataMatrix data = new DataMatrix("points", xf, table.rows(), table.cols());

        Vae vae = Vae.create(VaeConfig.builder(table.cols()).latentDim(2).hidden(32)
                .likelihood(LikelihoodKind.GAUSSIAN_LEARNED).seed(1).build());
        TrainingHistory h = vae.fit(data, null, TrainingConfig.builder()
                .epochs(60).batchSize(50).learningRate(1e-2).seed(1).build());
        System.out.printf("%nVAE, latent dimension 2: %d epochs, last training loss %.4f nats per row%n",
                h.epochs().size(), h.last().trainLoss());

        // The same seed for both evaluations, so the importance samples are the same draws.
        VaeEvaluation e = vae.evaluate(data, 100, new RandomSource(3));
        System.out.printf("  ELBO %.4f, importance-weighted log-likelihood %.4f (K = 100), active units %d%n",
                e.elbo(), e.logLikelihood(), e.activeUnits());

        Tensor samples = vae.sample(3, true, new RandomSource(4));     // z ~ N(0, I), then x ~ p(x|z)
        for (int i = 0; i < samples.dim(0); i++) {
            float[] row = Arrays.copyOfRange(samples.data(), i * table.cols(), (i + 1) * table.cols());
            System.out.printf("  sample %s%n", format(row));
        }

        VaeFiles.save(dir, vae);
        Vae loaded = VaeFiles.load(dir).vae();
        VaeEvaluation l = loaded.evaluate(data, 100, new RandomSource(3));
        boolean same = l.elbo() == e.elbo() && l.logLikelihood() == e.logLikelihood()
                && Arrays.equals(loaded.sample(3, true, new RandomSource(4)).data(), samples.data());
        System.out.printf("  saved to %s; loaded back: ELBO %.4f, %s%n", dir, l.elbo(), same ? "the same" : "DIFFERENT");
        return same;
    }

    static String format(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? ", " : "").append(String.format("%.3f", v[i]));
        }
        return b.append(')').toString();
    }

    static String format(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return format(d);
    }
}
