package org.latent4j.cli.explore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.MixtureParameters;

/**
 * The explorer of a Gaussian-mixture run: the data (in the space the mixture was fitted in) drawn in the plane,
 * coloured by their most probable component, and each component's weight, mean and covariance projected to the
 * plane. A linear projection of a Gaussian is Gaussian (mean Aᵀμ, covariance AᵀΣA), so the page draws the
 * projected mixture's exact density contours and each component's 1-, 2- and 3-σ ellipses from these.
 */
final class MixtureExplorer implements ExploredRun {
    private final GaussianMixture mixture;
    private final DataPoints data;
    private final ObjectNode runInfo;
    private final double[] plane;
    private final int[] component;
    private final Projection projection;

    /** {@code x}: the rows of {@code data} in the mixture's space (after the run's own PCA, when it has one). */
    MixtureExplorer(GaussianMixture mixture, DataPoints data, double[] x, ObjectNode runInfo) {
        int d = mixture.parameters().d();
        if (x.length != data.rows() * d) {
            throw new IllegalArgumentException(data.name() + " gives " + x.length / Math.max(1, data.rows())
                    + " columns but the mixture expects " + d);
        }
        this.mixture = mixture;
        this.data = data;
        this.runInfo = runInfo;
        this.projection = Projection.of(x, d);
        this.plane = projection.project(x);
        this.component = mixture.predict(x);
    }

    @Override
    public ObjectNode meta() {
        MixtureParameters p = mixture.parameters();
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", "gmm");
        o.put("input_dim", p.d());
        o.put("latent_dim", 0);
        o.putNull("image");
        o.put("decoder", false);
        o.putArray("samplers");
        o.putArray("dimensions");
        ObjectNode d = o.putObject("data");
        d.put("name", data.name()).put("source", data.source()).put("rows", data.rows()).put("total_rows", data.totalRows());
        if (data.labelNames() != null) {
            ArrayNode names = d.putArray("label_names");
            data.labelNames().forEach(names::add);
        }
        o.set("projection", projection.toJson("x"));
        ArrayNode comps = o.putArray("components");
        double[] means = p.means();
        for (int j = 0; j < p.k(); j++) {
            double[] mean = new double[p.d()];
            System.arraycopy(means, j * p.d(), mean, 0, p.d());
            double[] m2 = projection.project(mean);
            double[] c2 = projection.projectCovariance(p.covarianceMatrix(j));
            ObjectNode c = comps.addObject();
            c.put("weight", p.weights()[j]);
            c.putArray("mean").add(m2[0]).add(m2[1]);
            c.putArray("covariance").add(c2[0]).add(c2[1]).add(c2[2]).add(c2[3]);
        }
        o.set("run", runInfo);
        return o;
    }

    @Override
    public ObjectNode points() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("count", data.rows());
        ArrayNode xs = o.putArray("x");
        ArrayNode ys = o.putArray("y");
        ArrayNode comp = o.putArray("component");
        for (int i = 0; i < data.rows(); i++) {
            xs.add((float) plane[2 * i]);
            ys.add((float) plane[2 * i + 1]);
            comp.add(component[i]);
        }
        if (data.labels() != null) {
            ArrayNode labels = o.putArray("label");
            for (int i = 0; i < data.rows(); i++) {
                labels.add(data.labels()[i]);
            }
        }
        return o;
    }

    @Override
    public ObjectNode call(String name, byte[] body) {
        throw ApiException.badRequest("a Gaussian mixture has no decoder: '" + name + "' needs a VAE or autoencoder run;"
                + " this page shows the mixture's points, components and density");
    }
}
