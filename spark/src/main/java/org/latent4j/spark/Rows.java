package org.latent4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reading a DataFrame's vector column (and optional weight column) into {@link Block}s, with the checks
 * every estimator needs: the column exists and holds vectors, every vector has d entries, values and
 * weights are finite (weights ≥ 0). Errors name the column, the partition and the row within it.
 */
public final class Rows {
    private Rows() {}

    /** Fails unless the schema has a vector column of that name. */
    public static void requireVectorColumn(StructType schema, String column, String role) {
        StructField f = field(schema, column, role);
        if (!f.dataType().equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException(role + " column '" + column + "' must be of type vector (org.apache.spark.ml.linalg.Vector,"
                    + " e.g. from VectorAssembler), but is " + f.dataType().simpleString());
        }
    }

    /** Fails unless the schema has a numeric column of that name. */
    public static void requireNumericColumn(StructType schema, String column, String role) {
        DataType t = field(schema, column, role).dataType();
        if (!(t instanceof NumericType)) {
            throw new IllegalArgumentException(role + " column '" + column + "' must be numeric, but is " + t.simpleString());
        }
    }

    /** Fails if the schema already has a column of that name (a transform would overwrite it). */
    public static StructType addColumn(StructType schema, String column, DataType type) {
        for (String name : schema.fieldNames()) {
            if (name.equals(column)) {
                throw new IllegalArgumentException("output column '" + column + "' already exists in the input; "
                        + "choose another name with its setter");
            }
        }
        return schema.add(new StructField(column, type, false, org.apache.spark.sql.types.Metadata.empty()));
    }

    private static StructField field(StructType schema, String column, String role) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException(role + " column '" + column + "' is not in the data set; its columns are "
                + String.join(", ", schema.fieldNames()));
    }

    /** The vector type of Spark ML, for output schemas. */
    public static DataType vectorType() {
        return SQLDataTypes.VectorType();
    }

    /** A double column type. */
    public static DataType doubleType() {
        return DataTypes.DoubleType;
    }

    /**
     * Blocks of up to {@code blockRows} rows of one partition: features at {@code featuresIndex} (each of
     * d entries), weights at {@code weightIndex} (−1: none), minus {@code center} when it is not null.
     */
    public static Iterator<Block> blocks(Iterator<Row> rows, int partition, int featuresIndex, int weightIndex, int d,
                                         double[] center, int blockRows, String featuresCol, String weightCol) {
        List<Block> out = new ArrayList<>();
        double[] x = new double[blockRows * d];
        double[] w = weightIndex >= 0 ? new double[blockRows] : null;
        int n = 0;
        long row = 0;
        long first = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            Object v = r.get(featuresIndex);
            if (!(v instanceof Vector vec)) {
                throw new IllegalArgumentException("partition " + partition + ", row " + row + ": column '" + featuresCol
                        + "' holds " + (v == null ? "null" : v.getClass().getSimpleName()) + ", expected a vector of " + d + " values");
            }
            if (vec.size() != d) {
                throw new IllegalArgumentException("partition " + partition + ", row " + row + ": column '" + featuresCol
                        + "' has " + vec.size() + " values, expected " + d + " (the size of the first row)");
            }
            for (int c = 0; c < d; c++) {
                double value = vec.apply(c);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("partition " + partition + ", row " + row + ": column '" + featuresCol
                            + "' has " + value + " at index " + c + "; expected finite numbers");
                }
                x[n * d + c] = center == null ? value : value - center[c];
            }
            if (w != null) {
                Object wv = r.get(weightIndex);
                double wi = wv == null ? Double.NaN : ((Number) wv).doubleValue();
                if (!(wi >= 0) || Double.isInfinite(wi)) {
                    throw new IllegalArgumentException("partition " + partition + ", row " + row + ": weight column '"
                            + weightCol + "' is " + wv + "; expected a finite number >= 0");
                }
                w[n] = wi;
            }
            n++;
            row++;
            if (n == blockRows) {
                out.add(new Block(x, w, n, d, first));
                x = new double[blockRows * d];
                w = weightIndex >= 0 ? new double[blockRows] : null;
                n = 0;
                first = row;
            }
        }
        if (n > 0) {
            out.add(new Block(java.util.Arrays.copyOf(x, n * d), w == null ? null : java.util.Arrays.copyOf(w, n), n, d, first));
        }
        return out.iterator();
    }

    /** A dense Spark ML vector over a copy of {@code length} values of a from {@code offset}. */
    public static Vector dense(double[] a, int offset, int length) {
        return new DenseVector(java.util.Arrays.copyOfRange(a, offset, offset + length));
    }
}
