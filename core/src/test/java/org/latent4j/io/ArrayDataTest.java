package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArrayDataTest {
    @Test
    void validatesLengthAgainstShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ArrayData.F32(new int[] {2, 3}, new float[5]));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("6") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArrayData.F64(new int[] {-1}, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new ArrayData.I64(new int[] {65536, 65536}, new long[0]));
        assertEquals(1, new ArrayData.I64(new int[] {}, new long[] {7}).size());
    }

    @Test
    void copiesTheShapeAndComparesByValue() {
        int[] shape = {2};
        var a = new ArrayData.F32(shape, new float[] {1, 2});
        shape[0] = 99;
        assertArrayEquals(new int[] {2}, a.shape());
        assertEquals(a, new ArrayData.F32(new int[] {2}, new float[] {1, 2}));
        assertNotEquals(a, new ArrayData.F32(new int[] {1, 2}, new float[] {1, 2}));
        assertEquals("F32", a.dtype());
    }
}
