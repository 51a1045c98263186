package org.latent4j.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarchingSquaresTest {

    @Test
    void circleLevelGivesOneClosedLineOnTheCircle() {
        // f = x² + y² on [-2, 2]², step h = 0.05: the level r² = 1 is the unit circle. Linear
        // interpolation of a quadratic along an edge errs by at most h²/4 in f, i.e. about h²/8 in r.
        int n = 81;
        double h = 4.0 / (n - 1);
        Grid2d g = Grid2d.evaluate(-2, 2, -2, 2, n, n, (x, y) -> x * x + y * y);
        List<MarchingSquares.Polyline> lines = MarchingSquares.contour(g, 1.0);
        assertEquals(1, lines.size());
        MarchingSquares.Polyline c = lines.get(0);
        assertTrue(c.closed());
        assertEquals(c.x()[0], c.x()[c.size() - 1]);
        assertEquals(c.y()[0], c.y()[c.size() - 1]);
        // The circle crosses about 2·π·r/h·(4/π) grid edges; every crossing is one point.
        assertTrue(c.size() > 100, "points: " + c.size());
        for (int i = 0; i < c.size(); i++) {
            double r = Math.hypot(c.x()[i], c.y()[i]);
            assertEquals(1.0, r, h * h, "point " + i);
        }
        // Consecutive points are neighbours on the circle, never a jump across it.
        for (int i = 1; i < c.size(); i++) {
            assertTrue(Math.hypot(c.x()[i] - c.x()[i - 1], c.y()[i] - c.y()[i - 1]) <= h * Math.sqrt(2) + 1e-12);
        }
    }

    @Test
    void twoPeaksGiveTwoLoopsAndAClippedLevelGivesOpenLines() {
        Grid2d g = Grid2d.evaluate(-4, 4, -2, 2, 161, 81,
                (x, y) -> Math.exp(-((x + 2) * (x + 2) + y * y)) + Math.exp(-((x - 2) * (x - 2) + y * y)));
        List<MarchingSquares.Polyline> loops = MarchingSquares.contour(g, 0.5);
        assertEquals(2, loops.size());
        assertTrue(loops.get(0).closed() && loops.get(1).closed());
        // The circle of radius 1.5 around the origin leaves the grid at y = ±1.5? No: it fits in y, so
        // use radius 3 with a grid only 4 high: the level line is cut by the top and bottom borders.
        Grid2d bowl = Grid2d.evaluate(-4, 4, -2, 2, 81, 41, (x, y) -> x * x + y * y);
        List<MarchingSquares.Polyline> arcs = MarchingSquares.contour(bowl, 9.0);
        assertEquals(2, arcs.size());
        for (MarchingSquares.Polyline arc : arcs) {
            assertFalse(arc.closed());
            assertEquals(2.0, Math.abs(arc.y()[0]), 1e-12, "an open line starts on the border");
            assertEquals(2.0, Math.abs(arc.y()[arc.size() - 1]), 1e-12, "and ends on the border");
            for (int i = 0; i < arc.size(); i++) {
                assertEquals(3.0, Math.hypot(arc.x()[i], arc.y()[i]), 0.01);
            }
        }
    }

    @Test
    void saddleCellsKeepLinesOnTheLevel() {
        // f = x·y has a saddle at the origin; the level 0.3 is two hyperbola branches.
        Grid2d g = Grid2d.evaluate(-2, 2, -2, 2, 40, 40, (x, y) -> x * y);
        List<MarchingSquares.Polyline> lines = MarchingSquares.contour(g, 0.3);
        assertEquals(2, lines.size());
        for (MarchingSquares.Polyline l : lines) {
            assertFalse(l.closed());
            for (int i = 0; i < l.size(); i++) {
                // x·y is linear along each grid edge, so the crossings are exact.
                assertEquals(0.3, l.x()[i] * l.y()[i], 1e-12);
            }
        }
    }

    @Test
    void nanCellsAreSkippedAndLevelsMustBeFinite() {
        Grid2d g = Grid2d.evaluate(-2, 2, -2, 2, 41, 41, (x, y) -> x < 0 ? Double.NaN : x * x + y * y);
        for (MarchingSquares.Polyline l : MarchingSquares.contour(g, 1.0)) {
            for (double x : l.x()) {
                assertTrue(x >= 0);
            }
        }
        assertTrue(MarchingSquares.contour(g, 100).isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> MarchingSquares.contour(g, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void gridChecksItsShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Grid2d(0, 1, 0, 1, 2, 3, new double[5]));
        assertTrue(e.getMessage().contains("values has 5") && e.getMessage().contains("6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Grid2d(1, 0, 0, 1, 2, 2, new double[4]));
        assertTrue(e.getMessage().contains("x range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Grid2d.evaluate(0, 1, 0, 1, 1, 5, (x, y) -> 0));
        assertTrue(e.getMessage().contains("nx=1"), e.getMessage());
        Grid2d g = Grid2d.evaluate(0, 2, 10, 13, 3, 4, (x, y) -> 100 * x + y);
        assertEquals(1.0, g.x(1));
        assertEquals(12.0, g.y(2));
        assertEquals(212.0, g.value(2, 2));
        assertEquals(212.0, g.values()[2 * 3 + 2]);
    }
}
