package org.latent4j.report.mixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latent4j.report.Report;

/**
 * The Gaussian-mixture part of {@code latent4j demo}: Pearson's crabs (a two-component 1-D mixture fitted
 * by EM from the measurements and from their histogram, the log-likelihood rising per iteration) and a
 * mixture on 2-D data with density contours (Fisher's iris petals, k = 3, full covariances).
 */
public final class MixtureDemo {
    private MixtureDemo() {}

    /**
     * Adds the demo's mixture sections (crabs 1-D, a 2-D mixture with contours) to the report and writes
     * their PNGs to figuresDir. Deterministic per seed. quick = smaller/faster settings (total &lt; 5 s).
     */
    public static void addTo(Report report, Path figuresDir, boolean quick, long seed) throws IOException {
        Files.createDirectories(figuresDir);
        CrabsSection.add(report, figuresDir, CrabsSection.fit(quick, seed));
        IrisSection.add(report, figuresDir, IrisSection.fit(quick, seed));
    }
}
