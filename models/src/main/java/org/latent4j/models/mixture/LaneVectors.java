package org.latent4j.models.mixture;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double vectors of the EM kernels. Only loaded when the Vector API is in the JVM
 * ({@link org.latent4j.runtime.VectorSupport#AVAILABLE}); the kernels have scalar twins otherwise.
 */
final class LaneVectors {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private LaneVectors() {}
}
