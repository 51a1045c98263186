package org.latent4j.spark.mixture;

import java.io.Serializable;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.mixture.MixtureParameters;

/** Mixture parameters as plain arrays, to broadcast to the executors (a broadcast needs a serializable value). */
record Payload(String type, int k, int d, double[] weights, double[] means, double[] covariances) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Payload of(MixtureParameters p) {
        return new Payload(p.type().name(), p.k(), p.d(), p.weights(), p.means(), p.covariances());
    }

    MixtureParameters parameters() {
        return new MixtureParameters(CovarianceType.valueOf(type), k, d, weights, means, covariances);
    }
}
