package org.latent4j.models.series;

import java.util.Arrays;

/**
 * How well scores rank labelled items (anomalous time steps above normal ones); higher scores mean "more anomalous".
 * Ties are treated exactly, as the expected value over a random order of the tied items.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative, ties
     * counting one half (the Mann-Whitney U statistic over positives × negatives, from mid-ranks).
     *
     * @throws IllegalArgumentException when the lengths differ, a score is not finite, or one class is absent
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        int positives = check(scores, positive);
        int n = scores.length;
        int negatives = n - positives;
        Integer[] order = sortedAscending(scores);
        double rankSum = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /**
     * The precision of the k highest scores with k the number of positives (the "R-precision"): the share of
     * positives among them. When tied scores straddle the k-th place, the tied items share the remaining places
     * and count with their group's share of positives (the expected precision over orders of the ties).
     */
    public static double precisionAtPositives(double[] scores, boolean[] positive) {
        int k = check(scores, positive);
        int n = scores.length;
        Integer[] order = sortedAscending(scores);
        double hits = 0;
        int taken = 0;
        for (int i = n - 1; i >= 0 && taken < k; ) {
            int j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]]) {
                j--;
            }
            int group = i - j + 1;
            int groupPositives = 0;
            for (int m = j; m <= i; m++) {
                if (positive[order[m]]) {
                    groupPositives++;
                }
            }
            int places = Math.min(group, k - taken);
            hits += places * (groupPositives / (double) group);
            taken += places;
            i = j - 1;
        }
        return hits / k;
    }

    private static int check(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is " + scores[i] + "; scores must be finite");
            }
            if (positive[i]) {
                positives++;
            }
        }
        if (positives == 0 || positives == scores.length) {
            throw new IllegalArgumentException("ranking measures need both positive and negative items; got " + positives
                    + " positives of " + scores.length);
        }
        return positives;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }
}
