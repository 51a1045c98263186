package org.latent4j.cli.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.models.training.TrainingListener;
import org.latent4j.report.vae.VaeRunFiles;

/**
 * OUT/metrics.jsonl of a training command, one line per epoch (logging period), rewritten atomically after
 * each one ({@link VaeRunFiles#writeMetrics}), so that a stopped run leaves the lines of the epochs it finished.
 * The train commands (vae, autoencoder, wgan) share it.
 */
public final class MetricsLog implements TrainingListener {
    private final Path out;
    private final List<EpochResult> epochs = new ArrayList<>();

    /** @param out the run's output folder */
    public MetricsLog(Path out) {
        this.out = out;
    }

    @Override
    public void onEpoch(EpochResult result) {
        epochs.add(result);
        write();
    }

    /** After a resumed run: the whole history, the checkpoint's epochs before the new ones. */
    public void replaceWith(TrainingHistory history) {
        epochs.clear();
        epochs.addAll(history.epochs());
        write();
    }

    private void write() {
        try {
            VaeRunFiles.writeMetrics(out, epochs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(VaeRunFiles.METRICS), e);
        }
    }
}
