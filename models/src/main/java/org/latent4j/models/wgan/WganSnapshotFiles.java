package org.latent4j.models.wgan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.latent4j.io.ArrayData;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.SafeTensors;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.TrainingListener;

/**
 * The snapshots of a WGAN run in its folder, {@code DIR/snapshots/}: one safetensors file per moment,
 * {@code step-000300.safetensors} ({@code generated} [n, d]; for 2-D data also {@code critic} [ny, nx] and
 * {@code grid_extent} [xMin, xMax, yMin, yMax]; the epoch and step in its metadata), and for 2-D data the real
 * points the figures draw under them, {@code real.safetensors} ({@code points} [n, 2]). Every file is written
 * atomically. Never Java serialization.
 *
 * <p>As a {@link TrainingListener} it takes a snapshot after the first logging period, after every k-th
 * (k chosen so that a run keeps at most {@link #MAX_SNAPSHOTS}) and after the last, before the period's
 * checkpoint is written; so a run resumed from its checkpoint finds the snapshots of the periods before it,
 * keeps them, and writes the rest exactly as an uninterrupted run would. When it starts it removes only its
 * own step files of the periods it is about to train (left by an earlier run into the same folder).
 */
public final class WganSnapshotFiles implements TrainingListener {
    /** The folder in the run folder. */
    public static final String FOLDER = "snapshots";
    /** The real points' file. */
    public static final String REAL = "real.safetensors";
    /** A run keeps at most about this many snapshots (the first and last periods always). */
    public static final int MAX_SNAPSHOTS = 40;
    private static final Pattern STEP_FILE = Pattern.compile("step-(\\d{6,})\\.safetensors");
    private static final String FORMAT = "latent4j-wgan-snapshot-1";

    private final Path dir;
    private final Wgan model;
    private final WganSnapshot.Probe probe;
    private final int stepsPerEpoch;
    private final DataMatrix real;
    private int every = 1;
    private int lastEpoch;

    /**
     * @param runDir        the run folder (snapshots go to {@code runDir/snapshots})
     * @param stepsPerEpoch generator steps per logging period
     * @param real          the real points to keep for the figures (2-D data; at most {@link WganSnapshot.Probe#POINTS}
     *                      of them are written), or null
     */
    public WganSnapshotFiles(Path runDir, Wgan model, WganSnapshot.Probe probe, int stepsPerEpoch, DataMatrix real) {
        this.dir = runDir.resolve(FOLDER);
        this.model = model;
        this.probe = probe;
        this.stepsPerEpoch = stepsPerEpoch;
        this.real = real;
    }

    @Override
    public void onStart(int firstEpoch, int lastEpoch, int batchesPerEpoch) {
        this.lastEpoch = lastEpoch;
        this.every = Math.max(1, (lastEpoch + MAX_SNAPSHOTS - 1) / MAX_SNAPSHOTS);
        try {
            Files.createDirectories(dir);
            for (Path p : stepFiles(dir)) {
                if (stepOf(p) > (long) (firstEpoch - 1) * stepsPerEpoch) {
                    Files.delete(p);
                }
            }
            if (real != null) {
                int n = Math.min(real.rows(), WganSnapshot.Probe.POINTS);
                float[] points = java.util.Arrays.copyOf(real.x(), n * real.cols());
                SafeTensors.write(dir.resolve(REAL), Map.of("points", new ArrayData.F32(new int[] {n, real.cols()}, points)),
                        Map.of("format", FORMAT, "data", real.name()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the snapshots in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void beforeCheckpoint(EpochResult result) {
        int epoch = result.epoch();
        if (epoch != 1 && epoch % every != 0 && epoch != lastEpoch) {
            return;
        }
        try {
            write(dir, probe.take(model, epoch, (long) epoch * stepsPerEpoch));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a snapshot into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes one snapshot as {@code snapshotsDir/step-NNNNNN.safetensors}; returns the file. */
    public static Path write(Path snapshotsDir, WganSnapshot s) throws IOException {
        Map<String, ArrayData> arrays = new LinkedHashMap<>();
        arrays.put("generated", new ArrayData.F32(new int[] {s.count(), s.dim()}, s.generated()));
        if (s.critic() != null) {
            WganSnapshot.CriticGrid g = s.critic();
            arrays.put("critic", new ArrayData.F32(new int[] {g.ny(), g.nx()}, g.values()));
            arrays.put("grid_extent", new ArrayData.F64(new int[] {4}, new double[] {g.xMin(), g.xMax(), g.yMin(), g.yMax()}));
        }
        Path file = snapshotsDir.resolve(String.format(Locale.ROOT, "step-%06d.safetensors", s.step()));
        SafeTensors.write(file, arrays, Map.of("format", FORMAT, "epoch", Integer.toString(s.epoch()),
                "step", Long.toString(s.step())));
        return file;
    }

    /** The snapshots in {@code runDir/snapshots}, by step (empty when there is no such folder). */
    public static List<WganSnapshot> read(Path runDir) throws IOException {
        Path d = runDir.resolve(FOLDER);
        List<WganSnapshot> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        for (Path p : stepFiles(d)) {
            out.add(readOne(p));
        }
        out.sort(Comparator.comparingLong(WganSnapshot::step));
        return out;
    }

    /** The real points kept for the figures, [n, 2] row-major, or null when the run kept none. */
    public static float[] readReal(Path runDir) throws IOException {
        Path p = runDir.resolve(FOLDER).resolve(REAL);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        SafeTensors.Contents c = SafeTensors.read(p);
        ArrayData a = c.arrays().get("points");
        if (!(a instanceof ArrayData.F32 f) || f.shape().length != 2 || f.shape()[1] != 2) {
            throw new FileFormatException(p, "expected an F32 tensor 'points' of shape [n, 2], found " + a);
        }
        return f.data();
    }

    private static WganSnapshot readOne(Path p) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(p);
        try {
            ArrayData g = c.arrays().get("generated");
            if (!(g instanceof ArrayData.F32 gen) || gen.shape().length != 2) {
                throw new IllegalArgumentException("expected an F32 tensor 'generated' of shape [n, d], found " + g);
            }
            int epoch = Integer.parseInt(c.metadata().getOrDefault("epoch", "-1"));
            long step = stepOf(p);
            if (epoch < 1 || !Long.toString(step).equals(c.metadata().get("step"))) {
                throw new IllegalArgumentException("metadata " + c.metadata() + " does not name epoch >= 1 and the step "
                        + step + " of the file name");
            }
            WganSnapshot.CriticGrid grid = null;
            ArrayData v = c.arrays().get("critic");
            if (v != null) {
                if (!(v instanceof ArrayData.F32 values) || values.shape().length != 2) {
                    throw new IllegalArgumentException("expected an F32 tensor 'critic' of shape [ny, nx], found " + v);
                }
                double[] e = c.f64("grid_extent", 4);
                grid = new WganSnapshot.CriticGrid(e[0], e[1], e[2], e[3], values.shape()[1], values.shape()[0], values.data());
            }
            return new WganSnapshot(epoch, step, gen.data(), gen.shape()[0], gen.shape()[1], grid);
        } catch (IllegalArgumentException e) {
            throw FileFormatException.of(p, e);
        }
    }

    private static List<Path> stepFiles(Path d) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path p : s) {
                if (STEP_FILE.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    private static long stepOf(Path p) {
        Matcher m = STEP_FILE.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p + " is not a snapshot file (step-NNNNNN.safetensors)");
        }
        return Long.parseLong(m.group(1));
    }
}
