package org.latent4j.cli;

import java.util.Locale;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Progress;
import org.latent4j.models.mixture.EmListener;

/**
 * A bar over the EM iterations of each initialization (and each k of a BIC search), with the current mean
 * log-likelihood per row. The total is the iteration limit, so the time left is an upper bound: EM usually
 * converges before it.
 */
final class EmProgress implements EmListener, AutoCloseable {
    private final Console console;
    private Progress bar = Progress.hidden();

    EmProgress(Console console) {
        this.console = console;
    }

    @Override
    public void onStart(int k, int init, int inits, int maxIter) {
        bar.close();
        bar = console.progress(String.format(Locale.ROOT, "EM k=%d%s", k, inits > 1 ? " init " + (init + 1) + "/" + inits : ""),
                maxIter);
    }

    @Override
    public void onIteration(int init, int iteration, double meanLogLikelihood) {
        bar.message(String.format(Locale.ROOT, "loglik %.6g", meanLogLikelihood));
        bar.advanceTo(iteration);
    }

    @Override
    public void close() {
        bar.close();
    }
}
