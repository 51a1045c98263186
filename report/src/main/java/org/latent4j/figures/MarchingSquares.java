package org.latent4j.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contour lines of a gridded scalar field by marching squares, the 2-D case of marching cubes
 * (Lorensen &amp; Cline, "Marching cubes: a high resolution 3D surface construction algorithm",
 * SIGGRAPH 1987).
 *
 * <p>Each grid cell is classified by which of its four corners lie at or above the level (16 cases);
 * where an edge's two corners fall on different sides, the crossing point is placed by linear
 * interpolation along the edge, and the crossings of a cell are joined by segments. The two saddle
 * cases (diagonal corners above, the others below) are resolved by the mean of the four corners, the
 * usual estimate of the field at the cell centre. Crossing points are identified by the grid edge they
 * lie on, which two neighbouring cells share exactly, so segments join into polylines without any
 * distance tolerance. Cells touching a NaN value produce nothing.
 */
final class MarchingSquares {

    /**
     * One contour line. A closed line repeats its first point at the end, so it can be drawn as is.
     *
     * @param x      abscissae of the points
     * @param y      ordinates of the points
     * @param closed whether the line is a loop (otherwise it ends at the grid border or a NaN cell)
     */
    record Polyline(double[] x, double[] y, boolean closed) {
        int size() {
            return x.length;
        }
    }

    private final Grid2d g;
    private final int nx, ny, horizontalEdges;

    private MarchingSquares(Grid2d g) {
        this.g = g;
        this.nx = g.nx();
        this.ny = g.ny();
        this.horizontalEdges = (nx - 1) * ny;
    }

    /** The contour lines of the field at one level. */
    static List<Polyline> contour(Grid2d field, double level) {
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException("contour level " + level + " is not finite");
        }
        return new MarchingSquares(field).trace(level);
    }

    // Edge ids: horizontal edge (ix, iy) joins grid points (ix, iy)-(ix+1, iy); vertical edge (ix, iy)
    // joins (ix, iy)-(ix, iy+1). Horizontal ids come first.
    private int hEdge(int ix, int iy) {
        return iy * (nx - 1) + ix;
    }

    private int vEdge(int ix, int iy) {
        return horizontalEdges + iy * nx + ix;
    }

    private List<Polyline> trace(double level) {
        int edges = horizontalEdges + nx * (ny - 1);
        int[] nbrA = new int[edges], nbrB = new int[edges];
        Arrays.fill(nbrA, -1);
        Arrays.fill(nbrB, -1);
        double[] px = new double[edges], py = new double[edges];
        int[] crossed = new int[4];
        double[] v = g.values();
        for (int iy = 0; iy < ny - 1; iy++) {
            for (int ix = 0; ix < nx - 1; ix++) {
                double a = v[iy * nx + ix], b = v[iy * nx + ix + 1];
                double c = v[(iy + 1) * nx + ix + 1], d = v[(iy + 1) * nx + ix];
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) {
                    continue;
                }
                boolean ua = a >= level, ub = b >= level, uc = c >= level, ud = d >= level;
                // Crossed edges in the order bottom, right, top, left (counter-clockwise).
                int k = 0;
                if (ua != ub) {
                    crossed[k++] = crossing(hEdge(ix, iy), g.x(ix), g.y(iy), a, g.x(ix + 1), g.y(iy), b, level, px, py);
                }
                if (ub != uc) {
                    crossed[k++] = crossing(vEdge(ix + 1, iy), g.x(ix + 1), g.y(iy), b, g.x(ix + 1), g.y(iy + 1), c, level, px, py);
                }
                if (ud != uc) {
                    crossed[k++] = crossing(hEdge(ix, iy + 1), g.x(ix), g.y(iy + 1), d, g.x(ix + 1), g.y(iy + 1), c, level, px, py);
                }
                if (ua != ud) {
                    crossed[k++] = crossing(vEdge(ix, iy), g.x(ix), g.y(iy), a, g.x(ix), g.y(iy + 1), d, level, px, py);
                }
                if (k == 2) {
                    link(crossed[0], crossed[1], nbrA, nbrB);
                } else if (k == 4) {
                    // Saddle: crossed = bottom, right, top, left. If the centre is on a's side, the
                    // segments cut off corners b and d; otherwise they cut off a and c.
                    boolean centreUp = (a + b + c + d) / 4 >= level;
                    if (centreUp == ua) {
                        link(crossed[0], crossed[1], nbrA, nbrB); // around b
                        link(crossed[2], crossed[3], nbrA, nbrB); // around d
                    } else {
                        link(crossed[3], crossed[0], nbrA, nbrB); // around a
                        link(crossed[1], crossed[2], nbrA, nbrB); // around c
                    }
                }
            }
        }
        return join(nbrA, nbrB, px, py);
    }

    private static int crossing(int edge, double x0, double y0, double v0, double x1, double y1, double v1,
                                double level, double[] px, double[] py) {
        // v0 and v1 lie on different sides of the level, so v1 != v0 and t is in [0, 1].
        double t = (level - v0) / (v1 - v0);
        px[edge] = x0 + t * (x1 - x0);
        py[edge] = y0 + t * (y1 - y0);
        return edge;
    }

    private static void link(int e, int f, int[] nbrA, int[] nbrB) {
        attach(e, f, nbrA, nbrB);
        attach(f, e, nbrA, nbrB);
    }

    private static void attach(int e, int f, int[] nbrA, int[] nbrB) {
        // An edge borders at most two cells, and each cell links it at most once: two slots suffice.
        if (nbrA[e] < 0) {
            nbrA[e] = f;
        } else {
            nbrB[e] = f;
        }
    }

    private static List<Polyline> join(int[] nbrA, int[] nbrB, double[] px, double[] py) {
        List<Polyline> lines = new ArrayList<>();
        boolean[] seen = new boolean[nbrA.length];
        // Open lines first, from an end (an edge with one neighbour), so they are traced whole.
        for (int e = 0; e < nbrA.length; e++) {
            if (!seen[e] && nbrA[e] >= 0 && nbrB[e] < 0) {
                lines.add(walk(e, nbrA, nbrB, px, py, seen));
            }
        }
        for (int e = 0; e < nbrA.length; e++) {
            if (!seen[e] && nbrA[e] >= 0) {
                lines.add(walk(e, nbrA, nbrB, px, py, seen));
            }
        }
        return lines;
    }

    private static Polyline walk(int start, int[] nbrA, int[] nbrB, double[] px, double[] py, boolean[] seen) {
        GrowingPoints pts = new GrowingPoints();
        int prev = -1, cur = start;
        boolean closed = false;
        while (true) {
            seen[cur] = true;
            pts.add(px[cur], py[cur]);
            int next = nbrA[cur] != prev ? nbrA[cur] : nbrB[cur];
            if (next < 0) {
                break;
            }
            if (next == start) {
                closed = true;
                pts.add(px[start], py[start]);
                break;
            }
            if (seen[next]) {
                break;
            }
            prev = cur;
            cur = next;
        }
        return new Polyline(pts.xs(), pts.ys(), closed);
    }

    /** A growable pair of double arrays, so tracing allocates no object per point. */
    private static final class GrowingPoints {
        private double[] x = new double[64], y = new double[64];
        private int n;

        void add(double px, double py) {
            if (n == x.length) {
                x = Arrays.copyOf(x, n * 2);
                y = Arrays.copyOf(y, n * 2);
            }
            x[n] = px;
            y[n++] = py;
        }

        double[] xs() {
            return Arrays.copyOf(x, n);
        }

        double[] ys() {
            return Arrays.copyOf(y, n);
        }
    }
}
