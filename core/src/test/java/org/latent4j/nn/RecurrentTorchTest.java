package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latent4j.io.ArrayData;
import org.latent4j.io.SafeTensors;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * latent4j's LSTM and GRU weights, saved as safetensors, load into {@code torch.nn.LSTM}/{@code torch.nn.GRU}
 * under the same names, and PyTorch computes the same outputs, final states and gradients (of x, the initial
 * states and every parameter) to 1e-5, with sequences of different lengths handed to PyTorch packed
 * (scripts/torch_check_recurrent.py). Runs when a python with torch is found ({@code python3} on the PATH,
 * else Debian's {@code /usr/bin/python3} with python3-torch) and is skipped otherwise.
 */
class RecurrentTorchTest {
    static final Path SCRIPT = Path.of("..", "scripts", "torch_check_recurrent.py");

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} fused={3}")
    @CsvSource({
        "lstm, 2, true, false", "gru, 2, true, false", "lstm, 1, false, true", "lstm, 2, true, true",
        "gru, 1, false, true", "gru, 2, true, true",
    })
    void pytorchComputesTheSame(String mode, int layers, boolean bidirectional, boolean fused, @TempDir Path dir)
            throws Exception {
        String python = pythonWithTorch();
        Assumptions.assumeTrue(python != null, "no python3 with torch (apt-get install python3-torch): skipped");
        boolean lstm = mode.equals("lstm");
        int in = 3, hidden = 5, batch = 4, steps = 6;
        Recurrent r = RecurrentLayersTest.layer(lstm, in, hidden, layers, bidirectional, 21).fused(fused);
        RandomSource rng = new RandomSource(22);
        int states = layers * (bidirectional ? 2 : 1);
        Tensor x = Tensor.randn(rng, batch, steps, in).requiresGrad(true);
        Tensor h0 = Tensor.randn(rng, states, batch, hidden).mul(0.5f).copy().requiresGrad(true);
        Tensor c0 = lstm ? Tensor.randn(rng, states, batch, hidden).mul(0.5f).copy().requiresGrad(true) : null;
        int[] lengths = {6, 2, 5, 1};
        Recurrent.Output y = r.forward(x, h0, c0, lengths);
        Tensor wOut = Tensor.randn(rng, y.output().shape());
        Tensor wH = Tensor.randn(rng, y.hN().shape());
        Tensor loss = y.output().mul(wOut).sum().add(y.hN().mul(wH).sum());
        Tensor wC = lstm ? Tensor.randn(rng, y.cN().shape()) : null;
        if (lstm) {
            loss = loss.add(y.cN().mul(wC).sum());
        }
        List<Tensor> wrt = new ArrayList<>(r.parameters());
        wrt.add(x);
        wrt.add(h0);
        if (lstm) {
            wrt.add(c0);
        }
        Tensor[] grads = Autograd.grad(loss, wrt.toArray(Tensor[]::new), false);

        Map<String, ArrayData> cases = new LinkedHashMap<>();
        cases.put("x", array(x));
        cases.put("h0", array(h0));
        float[] lens = new float[batch];
        for (int b = 0; b < batch; b++) {
            lens[b] = lengths[b];
        }
        cases.put("lengths", new ArrayData.F32(new int[] {batch}, lens));
        cases.put("w_out", array(wOut));
        cases.put("w_h", array(wH));
        cases.put("out", array(y.output()));
        cases.put("h_n", array(y.hN()));
        if (lstm) {
            cases.put("c0", array(c0));
            cases.put("w_c", array(wC));
            cases.put("c_n", array(y.cN()));
        }
        List<String> names = new ArrayList<>(r.namedParameters().keySet());
        names.addAll(lstm ? List.of("x", "h0", "c0") : List.of("x", "h0"));
        for (int k = 0; k < names.size(); k++) {
            cases.put("grad." + names.get(k), array(grads[k]));
        }
        Path weights = dir.resolve("weights.safetensors");
        Path casesFile = dir.resolve("cases.safetensors");
        SafeTensors.write(weights, r.stateArrays(), Map.of());
        SafeTensors.write(casesFile, cases, Map.of());

        Process p = new ProcessBuilder(python, SCRIPT.toString(), mode, String.valueOf(in), String.valueOf(hidden),
                String.valueOf(layers), bidirectional ? "1" : "0", weights.toString(), casesFile.toString(), "1e-5")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        System.out.println("torch_check_recurrent.py: " + output.strip());
        assertEquals(0, p.exitValue(), output);
    }

    private static ArrayData array(Tensor t) {
        return new ArrayData.F32(t.shape(), t.toArray());
    }

    private static String python;
    private static boolean searched;

    /** The first of python3 (on the PATH) and /usr/bin/python3 that imports torch and numpy, or null (looked up once). */
    static synchronized String pythonWithTorch() {
        if (!searched) {
            python = findPythonWithTorch();
            searched = true;
        }
        return python;
    }

    private static String findPythonWithTorch() {
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
