package org.latent4j.spark.vae;

import java.io.Serializable;

/** The rows of one partition as a float matrix (what the VAE trains on), n×d, row-major. */
record Shard(int partition, float[] x, int n, int d) implements Serializable {
    private static final long serialVersionUID = 1L;
}
