package org.latent4j.cli.vae;

import java.util.List;
import java.util.Locale;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.MetricsTable;
import org.latent4j.cli.console.MetricsTable.Column;
import org.latent4j.cli.console.Progress;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingListener;

/**
 * What a person watching a training run sees: during each epoch a bar over its batches with the running
 * mean loss, then one row of a compact table per epoch ({@code epoch train_loss test_loss recon kl seconds},
 * the header printed once). Test columns show "-" without held-out data.
 */
public final class TrainingDisplay implements TrainingListener {
    private final Console console;
    private final MetricsTable table;
    private int lastEpoch;
    private int batches;
    private Progress bar = Progress.hidden();
    private double lossSum;
    private int epochsDone;
    private long firstEpochStart;

    public TrainingDisplay(Console console) {
        this.console = console;
        this.table = console.table(List.of(Column.text("epoch", 7), Column.number("train_loss"), Column.number("test_loss"),
                Column.number("recon"), Column.number("kl"), new Column("seconds", 7, "%.2f")));
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
            bar = console.progress("epoch " + epoch + "/" + lastEpoch, batches);
            lossSum = 0;
            if (epochsDone == 0) {
                firstEpochStart = System.nanoTime();
            }
        }
        lossSum += meanLoss;
        bar.message(String.format(Locale.ROOT, "loss %.2f%s%s", lossSum / batch, batch == batches ? ", testing" : "",
                runLeft(epoch, batch)));
        bar.advanceTo(batch);
    }

    /**
     * After the first epoch: the time the remaining epochs will take at the mean pace so far (the bar's own
     * estimate covers only the current epoch).
     */
    private String runLeft(int epoch, int batch) {
        if (epochsDone == 0 || epoch >= lastEpoch) {
            return "";
        }
        double perEpoch = (System.nanoTime() - firstEpochStart) / 1e9 / (epochsDone + (double) (batch) / batches);
        return ", run " + Progress.formatSeconds(perEpoch * (lastEpoch - epoch + 1 - (double) batch / batches)) + " left";
    }

    @Override
    public void onEpoch(EpochResult r) {
        epochsDone++;
        bar.close();
        bar = Progress.hidden();
        boolean test = !r.test().isEmpty();
        table.row(r.epoch() + "/" + lastEpoch, r.trainLoss(), test ? r.testLoss() : null,
                test ? r.test().get("recon") : null, test ? r.test().get("kl") : null, r.seconds());
    }

    /** Removes a bar left by a run that stopped with an error. */
    public void close() {
        bar.close();
    }
}
