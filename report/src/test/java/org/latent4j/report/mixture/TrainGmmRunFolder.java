package org.latent4j.report.mixture;

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
 * Writes a run folder exactly as {@code latent4j train gmm} (cli TrainGmmCommand.write) does: model/,
 * metrics.jsonl with one {"iteration", "mean_loglik"} per EM iteration, summary.json with the data spec.
 * (The cli module is not reachable from here, so the format is repeated; keep it in step.)
 */
final class TrainGmmRunFolder {
    private TrainGmmRunFolder() {}

    static void write(Path out, String data, GaussianMixture g, Pca pca, BicSelection selection, double[] x, int rows)
            throws IOException {
        FitResult r = g.fitResult();
        ObjectNode summary = Json.mapper().createObjectNode();
        summary.put("seconds", 0.25);
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
        summary.put("data", data);
        if (selection != null) {
            var byK = summary.putArray("bic_by_k");
            for (int t = 0; t < selection.ks().length; t++) {
                byK.addObject().put("k", selection.ks()[t]).put("bic", selection.bics()[t]);
            }
        }
        Files.createDirectories(out);
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("dataset", data);
        meta.put("seed", 0);
        meta.set("metrics", summary.deepCopy());
        GaussianMixtureFiles.save(out.resolve("model"), g, pca, meta);
        StringBuilder lines = new StringBuilder();
        double[] trace = r.trace();
        for (int i = 0; i < trace.length; i++) {
            ObjectNode line = Json.mapper().createObjectNode();
            line.put("iteration", i + 1);
            line.put("mean_loglik", trace[i]);
            lines.append(Json.write(line)).append('\n');
        }
        AtomicFiles.writeString(out.resolve("metrics.jsonl"), lines.toString());
        AtomicFiles.writeString(out.resolve("summary.json"), Json.writePretty(summary));
    }
}
