package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** The convolutional layers: PyTorch's names, layouts, initialization, output sizes and shape errors. */
class ConvLayersTest {

    @Test
    void convVaeShapesRoundTrip() {
        RandomSource rng = new RandomSource(1);
        Sequential encoder = new Sequential(new Conv2d(1, 32, 4, 2, 1, true, rng), new Conv2d(32, 64, 4, 2, 1, true, rng),
                new Flatten());
        Sequential decoder = new Sequential(new Unflatten(64, 7, 7), new ConvTranspose2d(64, 32, 4, 2, 1, 0, true, rng),
                new ConvTranspose2d(32, 1, 4, 2, 1, 0, true, rng));
        Tensor x = Tensor.rand(rng, 0, 1, 3, 1, 28, 28);
        Tensor h = encoder.forward(x);
        assertArrayEquals(new int[] {3, 64 * 7 * 7}, h.shape());
        assertArrayEquals(new int[] {3, 1, 28, 28}, decoder.forward(h).shape());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(encoder.namedParameters().keySet()));
        assertArrayEquals(new int[] {64, 32, 4, 4}, encoder.namedParameters().get("1.weight").shape());
        assertArrayEquals(new int[] {64, 32, 4, 4}, decoder.namedParameters().get("1.weight").shape()); // [in, out, kh, kw]
        assertArrayEquals(new int[] {32}, decoder.namedParameters().get("1.bias").shape());
        assertEquals(14, Conv2d.outputSize(28, 4, 2, 1, 1));
        assertEquals(7, Conv2d.outputSize(14, 4, 2, 1, 1));
        assertEquals(14, ConvTranspose2d.outputSize(7, 4, 2, 1, 0, 1));
        assertEquals(28, ConvTranspose2d.outputSize(14, 4, 2, 1, 0, 1));
    }

    /** PyTorch's default: U(±1/√fan_in) for weight and bias; fan_in = in·kh·kw for Conv2d, out·kh·kw for ConvTranspose2d. */
    @Test
    void defaultInitializationUsesPyTorchsFanIn() {
        RandomSource rng = new RandomSource(2);
        Conv2d conv = new Conv2d(32, 64, 4, 2, 1, true, rng);
        checkUniform(conv.weight(), 1 / Math.sqrt(32 * 16));
        checkUniform(conv.bias(), 1 / Math.sqrt(32 * 16));
        // PyTorch: ConvTranspose2d(64, 32, 4).weight is [64, 32, 4, 4] and its fan_in is 32·4·4 = 512
        ConvTranspose2d deconv = new ConvTranspose2d(64, 32, 4, 2, 1, 0, true, rng);
        checkUniform(deconv.weight(), 1 / Math.sqrt(32 * 16));
        checkUniform(deconv.bias(), 1 / Math.sqrt(32 * 16));
        ConvTranspose2d toImage = new ConvTranspose2d(32, 1, 4, 2, 1, 0, false, rng);
        checkUniform(toImage.weight(), 1 / Math.sqrt(16));
        assertNull(toImage.bias());
        assertEquals(1, toImage.namedParameters().size());
    }

    private static void checkUniform(Tensor t, double bound) {
        double max = 0;
        for (float v : t.data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound, "max |value| " + max + " exceeds the bound " + bound);
        assertTrue(max > 0.8 * bound || t.numel() < 30, "values should spread to the bound " + bound + ", max " + max);
    }

    @Test
    void gradientsReachTheParameters() {
        RandomSource rng = new RandomSource(3);
        Conv2d conv = new Conv2d(2, 3, new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1}, true, rng);
        Tensor x = Tensor.rand(rng, -1, 1, 2, 2, 6, 5);
        Tensor y = conv.forward(x);
        assertArrayEquals(new int[] {2, 3, Conv2d.outputSize(6, 3, 1, 1, 2), Conv2d.outputSize(5, 2, 2, 0, 1)}, y.shape());
        y.square().sum().backward();
        assertNotNull(conv.weight().grad());
        assertArrayEquals(new int[] {3}, conv.bias().grad().shape());
    }

    @Test
    void poolingAndUpsamplingShapes() {
        Tensor x = Tensor.rand(new RandomSource(4), -1, 1, 2, 3, 7, 6);
        assertArrayEquals(new int[] {2, 3, 3, 3}, new MaxPool2d(2).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 4, 3}, new MaxPool2d(3, 2, 1).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 4, 3}, new AvgPool2d(3, 2, 1).forward(x).shape());
        assertEquals(4, MaxPool2d.outputSize(7, 3, 2, 1));
        assertArrayEquals(new int[] {2, 3, 14, 12}, new Upsample(2, Upsample.Mode.NEAREST).forward(x).shape());
        assertArrayEquals(new int[] {2, 3, 21, 18}, new Upsample(3, Upsample.Mode.BILINEAR).forward(x).shape());
        assertEquals(21, Upsample.outputSize(7, 3));
    }

    @Test
    void flattenAndUnflattenAreViews() {
        Tensor x = Tensor.rand(new RandomSource(5), -1, 1, 2, 3, 4, 5);
        Tensor flat = new Flatten().forward(x);
        assertArrayEquals(new int[] {2, 60}, flat.shape());
        assertSame(x.data(), flat.data());
        Tensor back = new Unflatten(3, 4, 5).forward(flat);
        assertArrayEquals(new int[] {2, 3, 4, 5}, back.shape());
        assertSame(x.data(), back.data());
    }

    @Test
    void shapesThatDoNotFitNameTheLayerTheShapeAndTheExpectation() {
        RandomSource rng = new RandomSource(6);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 32, 4, 2, 1, true, rng).forward(Tensor.zeros(8, 3, 28, 28)));
        assertTrue(e.getMessage().contains("Conv2d(1→32") && e.getMessage().contains("[8, 3, 28, 28]")
                && e.getMessage().contains("[N, 1, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 4, 5, 1, 0, true, rng).forward(Tensor.zeros(2, 1, 3, 3)));
        assertTrue(e.getMessage().contains("[2, 1, 3, 3]") && e.getMessage().contains(">= 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(64, 32, 4, 2, 1, 0, true, rng).forward(Tensor.zeros(2, 3136)));
        assertTrue(e.getMessage().contains("ConvTranspose2d(64→32") && e.getMessage().contains("[2, 3136]")
                && e.getMessage().contains("[N, 64, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 2)));
        assertTrue(e.getMessage().contains("MaxPool2d") && e.getMessage().contains("[1, 1, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(64, 7, 7).forward(Tensor.zeros(2, 3000)));
        assertTrue(e.getMessage().contains("[2, 3000]") && e.getMessage().contains("[N, 3136]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Upsample(2, Upsample.Mode.BILINEAR).forward(Tensor.zeros(4, 5)));
        assertTrue(e.getMessage().contains("Upsample") && e.getMessage().contains("[N, C, H, W]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.scalar(1f)));
        assertTrue(e.getMessage().contains("Flatten"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        RandomSource rng = new RandomSource(7);
        var e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 2, 3, 0, 1, true, rng));
        assertTrue(e.getMessage().contains("stride") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(1, 2, 3, 2, 1, 2, true, rng));
        assertTrue(e.getMessage().contains("output padding 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2));
        assertTrue(e.getMessage().contains("padding 2") && e.getMessage().contains("half"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Upsample(0, Upsample.Mode.NEAREST));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 2, 3, 1, 1, true, rng));
    }
}
