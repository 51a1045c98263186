package org.latent4j.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.latent4j.cli.console.Usage;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code --out FILE} of a command that writes one file ({@code sample}, {@code reconstruct},
 * {@code encode}, {@code score}, {@code predict}; {@code bench gmm --write-init}). A PNG or CSV carries no mark of who wrote it, so
 * latent4j cannot tell its own output from the user's: an existing file is replaced only with
 * {@code --overwrite}. Checked before any work, as a usage error (exit code 2).
 */
public final class OutputFile {
    /** The description of the {@code --overwrite} option of these commands. */
    public static final String OVERWRITE = "Replace the --out file if it exists (without it an existing file is never replaced).";

    private OutputFile() {}

    /** Refuses an empty path, a folder, and an existing file unless {@code overwrite}; null (no --out) passes. */
    public static void check(CommandSpec spec, String option, Path file, boolean overwrite) {
        if (file == null) {
            return;
        }
        OutputFolder.requireNonEmpty(spec, option, file);
        if (Files.isDirectory(file)) {
            throw Usage.error(spec, option + " " + file + ": is a folder; name a file");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw Usage.error(spec, option + " " + file + ": the file exists; add --overwrite to replace it, or name another file");
        }
    }
}
