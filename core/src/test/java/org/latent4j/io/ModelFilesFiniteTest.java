package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file with a NaN or infinite weight is refused where it is read, naming the file, tensor and index. */
class ModelFilesFiniteTest {
    @TempDir Path dir;

    private static ModelFiles.Bundle bundle(Map<String, ArrayData> weights) {
        ObjectNode config = Json.mapper().createObjectNode().put("latent", 2);
        return new ModelFiles.Bundle("vae", config, weights, null);
    }

    @Test
    void nonFiniteFloatAndDoubleWeightsAreRefused() throws IOException {
        Object[][] cases = {
                {new ArrayData.F32(new int[] {3}, new float[] {1, Float.NaN, 3}), "NaN at index 1 (of 3)"},
                {new ArrayData.F32(new int[] {2}, new float[] {Float.NEGATIVE_INFINITY, 0}), "-Infinity at index 0 (of 2)"},
                {new ArrayData.F64(new int[] {2, 2}, new double[] {0, 0, 0, Double.POSITIVE_INFINITY}), "Infinity at index 3 (of 4)"},
        };
        for (Object[] c : cases) {
            Map<String, ArrayData> w = new LinkedHashMap<>();
            w.put("encoder.weight", new ArrayData.F32(new int[] {1}, new float[] {0.5f}));
            w.put("decoder.bias", (ArrayData) c[0]);
            Path m = dir.resolve("m" + c[1].hashCode());
            ModelFiles.write(m, bundle(w));
            FileFormatException e = assertThrows(FileFormatException.class, () -> ModelFiles.read(m, "vae"));
            assertEquals(m.resolve(ModelFiles.WEIGHTS) + ": tensor 'decoder.bias' holds " + c[1] + "; a model's weights must"
                    + " be finite numbers (a damaged file, or a run that diverged)", e.getMessage());
            assertEquals(m.resolve(ModelFiles.WEIGHTS), e.file());
        }
    }

    @Test
    void integerArraysAndFiniteWeightsPass() throws IOException {
        Map<String, ArrayData> w = new LinkedHashMap<>();
        w.put("steps", new ArrayData.I64(new int[] {2}, new long[] {Long.MAX_VALUE, -1}));
        w.put("w", new ArrayData.F64(new int[] {2}, new double[] {Double.MAX_VALUE, -Double.MIN_VALUE}));
        ModelFiles.write(dir.resolve("ok"), bundle(w));
        assertEquals(w, ModelFiles.read(dir.resolve("ok"), "vae").weights());
    }
}
