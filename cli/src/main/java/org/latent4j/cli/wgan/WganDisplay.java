package org.latent4j.cli.wgan;

import java.util.List;
import java.util.Locale;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.MetricsTable;
import org.latent4j.cli.console.MetricsTable.Column;
import org.latent4j.cli.console.Progress;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingListener;

/**
 * What a person watching a WGAN run sees: a bar over the generator steps of each logging period, then a
 * row per period: generator steps done, the critic loss, the held-out Wasserstein estimate, and for 2-D
 * mixtures the modes captured and the share of high-quality samples.
 */
final class WganDisplay implements TrainingListener {
    private final Console console;
    private final MetricsTable table;
    private final int stepsPerEpoch;
    private int lastEpoch;
    private int batches;
    private Progress bar = Progress.hidden();

    WganDisplay(Console console, int stepsPerEpoch) {
        this.console = console;
        this.stepsPerEpoch = stepsPerEpoch;
        this.table = console.table(List.of(Column.text("step", 11), Column.number("critic_loss"),
                Column.number("wasserstein"), Column.number("modes"), Column.number("high_quality"),
                new Column("seconds", 7, "%.2f")));
    }

    @Override
    public void onStart(int firstEpoch, int lastEpoch, int batchesPerEpoch) {
        this.lastEpoch = lastEpoch;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onBatch(int epoch, int batch, double meanLoss) {
        if (!console.showsProgress()) {
            return;
        }
        if (batch == 1) {
            bar.close();
            bar = console.progress("steps " + ((epoch - 1) * stepsPerEpoch + 1) + "-" + epoch * stepsPerEpoch, batches);
        }
        bar.message(String.format(Locale.ROOT, "critic loss %.4f", meanLoss));
        bar.advanceTo(batch);
    }

    @Override
    public void onEpoch(EpochResult r) {
        bar.close();
        bar = Progress.hidden();
        table.row(r.epoch() * stepsPerEpoch + "/" + lastEpoch * stepsPerEpoch, r.trainLoss(), r.test().get("wasserstein"),
                r.test().get("modes"), r.test().get("high_quality"), r.seconds());
    }

    void close() {
        bar.close();
    }
}
