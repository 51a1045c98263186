package org.latent4j.models.wgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ArrayData;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.SafeTensors;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.training.Trainer;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.training.TrainingHistory;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/** Snapshots of a WGAN during training: what they hold, that they change nothing, and how a resumed run keeps them. */
class WganSnapshotFilesTest {
    static final int BATCH = 32, STEPS = 2;

    record Run(Wgan model, TrainingHistory history) {}

    /** A width-16 WGAN on ring8, STEPS generator steps per epoch; snapshots into runDir when it is not null. */
    static Run train(Lipschitz l, int epochs, Path runDir, Path checkpoint, boolean resume) throws Exception {
        WganConfig config = WganConfig.defaults(2, l).withWidth(16);
        RandomSource data = new RandomSource(3);
        DataMatrix train = WganTrainingTest.ring("ring8/train", STEPS * config.criticSteps() * BATCH, data);
        DataMatrix test = WganTrainingTest.ring("ring8/test", 200, data);
        Wgan model = Wgan.create(config, 5);
        WganObjective objective = new WganObjective(model, 1e-3, null);
        TrainingConfig tc = TrainingConfig.builder().epochs(epochs).batchSize(BATCH).optimizer(WganObjective.optimizerName(l))
                .learningRate(1e-3).seed(9).checkpointDir(checkpoint).build();
        Trainer trainer = new Trainer(tc);
        if (runDir != null) {
            trainer.listener(new WganSnapshotFiles(runDir, model, WganSnapshot.Probe.points2d(config, train, 7), STEPS, test));
        }
        TrainingHistory h = resume ? trainer.resume(objective, train, test, checkpoint) : trainer.fit(objective, train, test);
        return new Run(model, h);
    }

    @Test
    void takingSnapshotsChangesNoNumberOfTheTraining(@TempDir Path dir) throws Exception {
        for (Lipschitz l : new Lipschitz[] {Lipschitz.SN, Lipschitz.GP}) {
            Run plain = train(l, 3, null, null, false);
            Run watched = train(l, 3, dir.resolve(l.cliName()), null, false);
            WganTrainingTest.assertSameState(plain.model(), watched.model());
            for (int e = 0; e < 3; e++) {
                assertEquals(plain.history().epochs().get(e).test(), watched.history().epochs().get(e).test());
            }
            assertEquals(3, WganSnapshotFiles.read(dir.resolve(l.cliName())).size(), l.cliName());
            assertEquals(200 * 2, WganSnapshotFiles.readReal(dir.resolve(l.cliName())).length);
        }
    }

    @Test
    void aResumedRunKeepsItsEarlierSnapshotsAndWritesTheRestAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole"), cut = dir.resolve("cut");
        train(Lipschitz.GP, 4, whole, null, false);
        train(Lipschitz.GP, 2, cut, cut.resolve("checkpoint"), false);
        Path snaps = cut.resolve(WganSnapshotFiles.FOLDER);
        Path first = snaps.resolve("step-000002.safetensors"), second = snaps.resolve("step-000004.safetensors");
        byte[] firstBytes = Files.readAllBytes(first);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first, old);
        Files.setLastModifiedTime(second, old);
        // a file of a longer earlier run into the same folder, and a file of the user's
        Files.copy(first, snaps.resolve("step-000100.safetensors"));
        Files.writeString(snaps.resolve("notes.txt"), "mine");

        train(Lipschitz.GP, 4, cut, cut.resolve("checkpoint"), true);

        assertEquals(old, Files.getLastModifiedTime(first), "the resumed run leaves the earlier snapshots alone");
        assertEquals(old, Files.getLastModifiedTime(second));
        assertArrayEquals(firstBytes, Files.readAllBytes(first));
        assertFalse(Files.exists(snaps.resolve("step-000100.safetensors")), "a stale step file of its own is removed");
        assertEquals("mine", Files.readString(snaps.resolve("notes.txt")));
        List<String> names = names(whole.resolve(WganSnapshotFiles.FOLDER));
        assertEquals(List.of("real.safetensors", "step-000002.safetensors", "step-000004.safetensors",
                "step-000006.safetensors", "step-000008.safetensors"), names);
        for (String n : names) {
            assertEquals(-1, Files.mismatch(whole.resolve(WganSnapshotFiles.FOLDER).resolve(n), snaps.resolve(n)), n);
        }
        List<WganSnapshot> read = WganSnapshotFiles.read(cut);
        assertEquals(List.of(2L, 4L, 6L, 8L), read.stream().map(WganSnapshot::step).toList());
        assertEquals(List.of(1, 2, 3, 4), read.stream().map(WganSnapshot::epoch).toList());
    }

    @Test
    void theProbeDrawsFixedCodesAndTheCriticOnAGridOverTheData() {
        WganConfig config = WganConfig.defaults(2, Lipschitz.SN).withWidth(8);
        DataMatrix data = WganTrainingTest.ring("ring", 500, new RandomSource(1));
        Wgan model = Wgan.create(config, 2);
        model.train(true);
        WganSnapshot.Probe probe = WganSnapshot.Probe.points2d(config, data, 7);
        WganSnapshot a = probe.take(model, 1, 10);
        assertTrue(model.isTraining(), "the module's mode is restored");
        WganSnapshot.CriticGrid g = a.critic();
        // the ring's points lie in about [-1.03, 1.03]²; the margin is a quarter of the side on each side
        assertTrue(g.xMin() < -1.4 && g.xMin() > -1.7 && g.xMax() > 1.4 && g.xMax() < 1.7, g.toString());
        assertTrue(g.yMin() < -1.4 && g.yMax() > 1.4, g.toString());
        assertEquals(WganSnapshot.Probe.GRID, g.nx());
        assertEquals(WganSnapshot.Probe.POINTS, a.count());
        // the critic's value at a grid corner and at the last point, computed directly
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            model.train(false);
            float[] corners = model.criticScore(Tensor.of(new float[] {(float) g.xMin(), (float) g.yMin(),
                (float) g.xMax(), (float) g.yMax()}, 2, 2)).toArray();
            model.train(true);
            // (to float rounding: a product of 2 rows is blocked otherwise than one of 4,096)
            assertEquals(corners[0], g.values()[0], 1e-5 * Math.abs(corners[0]) + 1e-6);
            assertEquals(corners[1], g.values()[g.values().length - 1], 1e-5 * Math.abs(corners[1]) + 1e-6);
        }
        // the same codes every time: the same points from the same weights, other points from another probe seed
        assertArrayEquals(a.generated(), probe.take(model, 2, 20).generated());
        WganSnapshot other = WganSnapshot.Probe.points2d(config, data, 8).take(model, 1, 10);
        assertFalse(java.util.Arrays.equals(a.generated(), other.generated()));
        // the generator's own points for those codes
        Tensor z = Tensor.randn(new RandomSource(7 ^ 0x534E4150L), WganSnapshot.Probe.POINTS, 2);
        assertArrayEquals(model.sample(z).toArray(), a.generated());

        WganSnapshot.Probe images = WganSnapshot.Probe.samples(config, 7);
        assertFalse(images.hasGrid());
        WganSnapshot s = images.take(model, 1, 1);
        assertNull(s.critic());
        assertEquals(WganSnapshot.Probe.IMAGES, s.count());
        assertThrows(IllegalArgumentException.class, () -> WganSnapshot.Probe.points2d(
                WganConfig.defaults(3, Lipschitz.GP), new DataMatrix("x", new float[6], 2, 3), 1));
    }

    @Test
    void aLongRunKeepsAboutFortySnapshotsWithTheFirstAndTheLast(@TempDir Path dir) throws Exception {
        WganConfig config = WganConfig.defaults(2, Lipschitz.GP).withWidth(4);
        Wgan model = Wgan.create(config, 1);
        DataMatrix data = WganTrainingTest.ring("ring", 50, new RandomSource(1));
        WganSnapshotFiles files = new WganSnapshotFiles(dir, model, WganSnapshot.Probe.points2d(config, data, 1), 10, null);
        files.onStart(1, 1000, 1);
        for (int e = 1; e <= 1000; e++) {
            files.beforeCheckpoint(new EpochResult(e, 0, 0, Map.of(), 1e-4));
        }
        List<WganSnapshot> read = WganSnapshotFiles.read(dir);
        assertTrue(read.size() >= WganSnapshotFiles.MAX_SNAPSHOTS && read.size() <= WganSnapshotFiles.MAX_SNAPSHOTS + 2,
                read.size() + " snapshots");
        assertEquals(10, read.get(0).step());
        assertEquals(10_000, read.get(read.size() - 1).step());
        assertNull(WganSnapshotFiles.readReal(dir), "no real points were given");
    }

    @Test
    void aDamagedSnapshotIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path snaps = Files.createDirectories(dir.resolve(WganSnapshotFiles.FOLDER));
        WganSnapshot s = new WganSnapshot(3, 30, new float[] {1, 2, 3, 4}, 2, 2,
                new WganSnapshot.CriticGrid(-1, 1, -2, 2, 2, 2, new float[] {0, 1, 2, 3}));
        Path file = WganSnapshotFiles.write(snaps, s);
        WganSnapshot back = WganSnapshotFiles.read(dir).get(0);
        assertEquals(30, back.step());
        assertEquals(3, back.epoch());
        assertArrayEquals(s.generated(), back.generated());
        assertArrayEquals(s.critic().values(), back.critic().values());
        assertEquals(-2, back.critic().yMin());

        SafeTensors.write(file, Map.of("generated", new ArrayData.F32(new int[] {4}, new float[4])), Map.of("epoch", "3",
                "step", "30"));
        FileFormatException shape = assertThrows(FileFormatException.class, () -> WganSnapshotFiles.read(dir));
        assertTrue(shape.getMessage().contains(file.getFileName().toString()) && shape.getMessage().contains("generated"),
                shape.getMessage());
        SafeTensors.write(file, Map.of("generated", new ArrayData.F32(new int[] {2, 2}, new float[4])), Map.of("epoch", "x",
                "step", "30"));
        FileFormatException meta = assertThrows(FileFormatException.class, () -> WganSnapshotFiles.read(dir));
        assertTrue(meta.getMessage().contains(file.getFileName().toString()), meta.getMessage());
        assertNotEquals(0, meta.getMessage().length());
    }

    static List<String> names(Path d) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        out.sort(null);
        return out;
    }
}
