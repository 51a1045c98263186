package org.latent4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums one array per partition by a tree whose shape and order depend only on the partition count, so
 * that a fixed partitioning gives the same floating-point sum run after run.
 *
 * <p>Spark's own {@code treeAggregate} and {@code reduce} combine partial results in the order tasks
 * finish, which changes the rounding from run to run. Here, up to {@value #FAN_IN} partitions send their
 * arrays to the driver, which adds them in partition order; more partitions are first grouped by
 * {@code index / groupSize} into at most {@value #FAN_IN} groups, each group summed on an executor in
 * partition order, and the group sums added on the driver in group order. The driver receives at most
 * {@value #FAN_IN} arrays whatever the partition count.
 */
public final class TreeSum {
    /** Most arrays the driver or one group adds. */
    public static final int FAN_IN = 32;

    private TreeSum() {}

    /** The element-wise sum of the arrays (one per partition, all of one length), deterministic. */
    public static double[] sum(JavaRDD<double[]> perPartition) {
        int partitions = perPartition.getNumPartitions();
        List<double[]> parts;
        if (partitions <= FAN_IN) {
            parts = perPartition.collect();
        } else {
            int groupSize = (partitions + FAN_IN - 1) / FAN_IN;
            JavaPairRDD<Integer, Tuple2<Integer, double[]>> tagged = perPartition.mapPartitionsWithIndex(
                    (Integer index, Iterator<double[]> it) -> {
                        List<Tuple2<Integer, Tuple2<Integer, double[]>>> out = new ArrayList<>();
                        while (it.hasNext()) {
                            out.add(new Tuple2<>(index / groupSize, new Tuple2<>(index, it.next())));
                        }
                        return out.iterator();
                    }, true).mapToPair(t -> t);
            int groups = (partitions + groupSize - 1) / groupSize;
            List<Tuple2<Integer, double[]>> sums = tagged.groupByKey(groups).mapValues(values -> {
                TreeMap<Integer, double[]> ordered = new TreeMap<>();
                for (Tuple2<Integer, double[]> v : values) {
                    ordered.put(v._1(), v._2());
                }
                return addInOrder(new ArrayList<>(ordered.values()));
            }).collect();
            TreeMap<Integer, double[]> byGroup = new TreeMap<>();
            for (Tuple2<Integer, double[]> s : sums) {
                byGroup.put(s._1(), s._2());
            }
            parts = new ArrayList<>(byGroup.values());
        }
        return addInOrder(parts);
    }

    static double[] addInOrder(List<double[]> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to sum: the data set has no partitions");
        }
        double[] total = parts.get(0).clone();
        for (int p = 1; p < parts.size(); p++) {
            double[] a = parts.get(p);
            if (a.length != total.length) {
                throw new IllegalStateException("partial sums of different lengths: " + a.length + " and " + total.length);
            }
            for (int t = 0; t < total.length; t++) {
                total[t] += a[t];
            }
        }
        return total;
    }

}
