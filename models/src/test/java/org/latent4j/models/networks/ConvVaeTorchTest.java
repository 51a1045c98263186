package org.latent4j.models.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ArrayData;
import org.latent4j.io.SafeTensors;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.TrainingConfig;
import org.latent4j.models.vae.GaussianEncoder;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * The reference convolutional VAE saved by latent4j, loaded into the PyTorch ConvVAE of bench/torch_vae.py
 * (scripts/torch_check_conv_vae.py, which also documents the name mapping), encodes and decodes the same
 * inputs to the same outputs within float tolerance. Runs when a python with torch is found ({@code python3}
 * on the PATH, else Debian's {@code /usr/bin/python3} with python3-torch), and is skipped otherwise.
 */
class ConvVaeTorchTest {
    static final Path SCRIPT = Path.of("..", "scripts", "torch_check_conv_vae.py");

    @Test
    void pytorchConvVaeLoadsTheWeightsAndComputesTheSameImages(@TempDir Path dir) throws Exception {
        String python = pythonWithTorch();
        Assumptions.assumeTrue(python != null, "no python3 with torch (apt-get install python3-torch)");
        VaeConfig config = VaeConfig.builder(784).conv(ConvArchitecture.reference(new ImageShape(1, 28, 28))).seed(3).build();
        Vae vae = Vae.create(config);
        DataMatrix data = ConvVaeTest.bars(128, 1, 28, 1);
        vae.fit(data, null, TrainingConfig.builder().epochs(1).batchSize(32).learningRate(1e-3).build());
        VaeFiles.save(vae, dir.resolve("model"), null);

        Tensor z = Tensor.randn(new RandomSource(9), 16, 20);
        Tensor x = data.slice(0, 8);
        GaussianEncoder.Encoding q = vae.encode(x);
        Map<String, ArrayData> cases = new LinkedHashMap<>();
        cases.put("z", array(z));
        cases.put("decoded", array(vae.decode(z)));
        cases.put("x", array(x));
        cases.put("mu", array(q.mu()));
        cases.put("log_var", array(q.logVar()));
        Path casesFile = dir.resolve("cases.safetensors");
        SafeTensors.write(casesFile, cases, Map.of());

        Process p = new ProcessBuilder(python, SCRIPT.toString(), dir.resolve("model").toString(), casesFile.toString(), "1e-4")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        System.out.println("torch_check_conv_vae.py: " + output.strip());
        assertEquals(0, p.exitValue(), output);
    }

    private static ArrayData array(Tensor t) {
        return new ArrayData.F32(t.shape(), t.toArray());
    }

    /** The first of python3 (on the PATH) and /usr/bin/python3 that imports torch and numpy, or null. */
    static String pythonWithTorch() {
        if (!Files.isRegularFile(SCRIPT)) {
            return null;
        }
        for (String python : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch, numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
