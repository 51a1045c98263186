package org.latent4j.models.linalg;

/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method (Golub and Van Loan,
 * Matrix Computations, section 8.5): plane rotations annihilate the off-diagonal entries one by one
 * until they are negligible. Accurate to working precision, O(d³) per sweep, meant for small d
 * (a few hundred at most).
 *
 * @param values  eigenvalues, in decreasing order
 * @param vectors row-major d×d; column c is the unit eigenvector of {@code values[c]}
 */
public record SymmetricEigen(double[] values, double[] vectors, int d) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes the symmetric d×d matrix {@code a} (left unchanged). */
    public static SymmetricEigen of(double[] a, int d) {
        if (a.length != d * d) {
            throw new IllegalArgumentException("SymmetricEigen: expected " + d * d + " entries, got " + a.length);
        }
        double[] m = a.clone();
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0.0;
            double diag = 0.0;
            for (int i = 0; i < d; i++) {
                diag += m[i * d + i] * m[i * d + i];
                for (int j = i + 1; j < d; j++) {
                    off += m[i * d + j] * m[i * d + j];
                }
            }
            if (off <= 1e-30 * diag || off == 0.0) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotate(m, v, d, p, q);
                }
            }
        }
        return sorted(m, v, d);
    }

    /**
     * The symmetric positive semi-definite square root V diag(√max(λ, 0)) Vᵀ of the decomposed matrix
     * (row-major d×d). Eigenvalues below zero, which rounding gives a semi-definite matrix, count as zero.
     */
    public double[] sqrt() {
        double[] out = new double[d * d];
        for (int c = 0; c < d; c++) {
            double r = Math.sqrt(Math.max(values[c], 0.0));
            if (r == 0.0) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                double vi = vectors[i * d + c] * r;
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += vi * vectors[j * d + c];
                }
            }
        }
        return out;
    }

    /** One Jacobi rotation in the (p, q) plane that zeroes m[p][q]. */
    private static void rotate(double[] m, double[] v, int d, int p, int q) {
        double apq = m[p * d + q];
        if (apq == 0.0) {
            return;
        }
        double app = m[p * d + p];
        double aqq = m[q * d + q];
        double theta = (aqq - app) / (2.0 * apq);
        // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle below π/4 (stable).
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
        if (theta == 0.0) {
            t = 1.0;
        }
        double c = 1.0 / Math.sqrt(t * t + 1.0);
        double s = t * c;
        for (int k = 0; k < d; k++) {
            double mkp = m[k * d + p];
            double mkq = m[k * d + q];
            m[k * d + p] = c * mkp - s * mkq;
            m[k * d + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < d; k++) {
            double mpk = m[p * d + k];
            double mqk = m[q * d + k];
            m[p * d + k] = c * mpk - s * mqk;
            m[q * d + k] = s * mpk + c * mqk;
        }
        m[p * d + q] = 0.0;
        m[q * d + p] = 0.0;
        for (int k = 0; k < d; k++) {
            double vkp = v[k * d + p];
            double vkq = v[k * d + q];
            v[k * d + p] = c * vkp - s * vkq;
            v[k * d + q] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen sorted(double[] m, double[] v, int d) {
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y * d + y], m[x * d + x]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int c = 0; c < d; c++) {
            int src = order[c];
            values[c] = m[src * d + src];
            // A deterministic sign: the largest-magnitude entry of each eigenvector is positive.
            int arg = 0;
            for (int r = 1; r < d; r++) {
                if (Math.abs(v[r * d + src]) > Math.abs(v[arg * d + src])) {
                    arg = r;
                }
            }
            double sign = v[arg * d + src] < 0 ? -1.0 : 1.0;
            for (int r = 0; r < d; r++) {
                vectors[r * d + c] = sign * v[r * d + src];
            }
        }
        return new SymmetricEigen(values, vectors, d);
    }
}
