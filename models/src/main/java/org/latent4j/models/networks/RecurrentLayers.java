package org.latent4j.models.networks;

import org.latent4j.nn.Gru;
import org.latent4j.nn.Lstm;
import org.latent4j.nn.Recurrent;
import org.latent4j.random.RandomSource;

/** The one place that builds core's {@link Lstm} and {@link Gru} for the sequence networks. */
final class RecurrentLayers {
    private RecurrentLayers() {}

    /** A stack of {@code layers} recurrent layers of {@code hidden} units over inputs of {@code in} features, batch-first. */
    static Recurrent create(RecurrentCell cell, int in, int hidden, int layers, boolean bidirectional, RandomSource rng) {
        return switch (cell) {
            case LSTM -> new Lstm(in, hidden, layers, bidirectional, rng);
            case GRU -> new Gru(in, hidden, layers, bidirectional, rng);
        };
    }
}
