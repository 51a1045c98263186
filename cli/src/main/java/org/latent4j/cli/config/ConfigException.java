package org.latent4j.cli.config;

/** A config file that cannot be used: missing, malformed, an unknown key or a value of the wrong type. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
