package org.latent4j.cli.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.latent4j.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Fuzzes {@link ConfigFile#read} and {@link ConfigFile#bind}: the first input byte chooses the file's
 * kind (even: config.json, odd: config.yaml) and the command it is bound to ({@code train vae} or
 * {@code train gmm}); the rest is the file. Reading and binding give a default-value provider or throw
 * {@link ConfigException} naming the file; nothing else (no Jackson or SnakeYAML exception escapes).
 */
class ConfigFileFuzzTest {
    private static final Path DIR = tempDir();
    private static final Path[] FILES = {DIR.resolve("config.json"), DIR.resolve("config.yaml")};
    private static final CommandSpec[] COMMANDS = commands();

    @FuzzTest(maxDuration = "10s")
    void read(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Path file = FILES[input[0] & 1];
        CommandSpec command = COMMANDS[(input[0] >> 1) & 1];
        Files.write(file, Arrays.copyOfRange(input, 1, input.length));
        try {
            ConfigFile config = ConfigFile.read(file);
            if (config.bind(command) == null) {
                throw new AssertionError("no provider");
            }
        } catch (ConfigException e) {
            if (e.getMessage() == null || !e.getMessage().contains(file.toString())) {
                throw new AssertionError("the message does not name " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static CommandSpec[] commands() {
        CommandLine train = new CommandLine(new Main()).getSubcommands().get("train");
        return new CommandSpec[] {train.getSubcommands().get("vae").getCommandSpec(),
                                  train.getSubcommands().get("gmm").getCommandSpec()};
    }

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("latent4j-fuzz-config");
            d.toFile().deleteOnExit();
            d.resolve("config.json").toFile().deleteOnExit();
            d.resolve("config.yaml").toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
