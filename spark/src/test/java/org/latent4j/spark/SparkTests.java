package org.latent4j.spark;

import org.apache.spark.sql.SparkSession;

/** The one in-process Spark session of the tests: local[2], no UI, few shuffle partitions. */
public final class SparkTests {
    private SparkTests() {}

    public static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("latent4j-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
