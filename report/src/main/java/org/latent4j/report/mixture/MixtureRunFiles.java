package org.latent4j.report.mixture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.latent4j.models.mixture.BicSelection;
import org.latent4j.models.mixture.FitResult;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.pca.Pca;

/**
 * The one writer of a mixture run folder, what {@code latent4j train gmm} leaves and
 * {@link MixtureRunReport#plot(Path)} reads: {@code model/} (the mixture and any PCA projection),
 * {@code metrics.jsonl} (one {"iteration", "mean_loglik"} per EM iteration) and {@code summary.json}
 * (seconds, iterations, converged, mean_loglik, bic, aic, k, covariance, rows, columns,
 * collapsed_components, data, and bic_by_k when k was chosen by BIC).
 */
public final class MixtureRunFiles {
    private MixtureRunFiles() {}

    /**
     * Writes the folder (each file atomically) and returns the summary.
     *
     * @param x         the (projected) training rows the mixture was fitted to, for BIC and AIC
     * @param rows      how many rows
     * @param dataSpec  the data spec the rows were loaded from (plot reloads them with it)
     * @param selection the k-by-BIC search, or null for a single k
     * @param projection the PCA applied before fitting, or null
     */
    public static ObjectNode write(Path out, GaussianMixture g, Pca projection, BicSelection selection, double[] x,
                                   int rows, String dataSpec, long seed, double seconds) throws IOException {
        FitResult r = g.fitResult();
        ObjectNode summary = Json.mapper().createObjectNode();
        summary.put("seconds", seconds);
        summary.put("iterations", r.iterations());
        summary.put("converged", r.converged());
        summary.put("mean_loglik", r.meanLogLikelihood());
        summary.put("bic", g.bic(x));
        summary.put("aic", g.aic(x));
        summary.put("k", g.parameters().k());
        summary.put("covariance", g.parameters().type().label());
        summary.put("rows", rows);
        summary.put("columns", g.parameters().d());
        summary.put("collapsed_components", r.collapsedComponents());
        summary.put("data", dataSpec);
        if (selection != null) {
            ArrayNode byK = summary.putArray("bic_by_k");
            for (int t = 0; t < selection.ks().length; t++) {
                byK.addObject().put("k", selection.ks()[t]).put("bic", selection.bics()[t]);
            }
        }
        Files.createDirectories(out);
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("dataset", dataSpec);
        meta.put("seed", seed);
        meta.set("metrics", summary.deepCopy());
        GaussianMixtureFiles.save(out.resolve("model"), g, projection, meta);
        StringBuilder lines = new StringBuilder();
        double[] trace = r.trace();
        for (int i = 0; i < trace.length; i++) {
            lines.append(Json.write(Json.mapper().createObjectNode().put("iteration", i + 1).put("mean_loglik", trace[i])))
                    .append('\n');
        }
        AtomicFiles.writeString(out.resolve("metrics.jsonl"), lines.toString());
        AtomicFiles.writeString(out.resolve("summary.json"), Json.writePretty(summary));
        return summary;
    }
}
