package org.latent4j.cli.explore;

import java.awt.Desktop;
import java.net.URI;
import java.util.List;
import org.latent4j.cli.console.Console;

/** Opens an address in the user's browser for {@code --open}: the desktop's handler, else xdg-open or open. */
final class Browser {
    private Browser() {}

    static void open(URI uri, Console log) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(uri);
                return;
            }
        } catch (Exception e) {
            // fall through to the command-line openers
        }
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        List<String> cmd = os.contains("mac") ? List.of("open", uri.toString()) : List.of("xdg-open", uri.toString());
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (Exception e) {
            log.warn("could not open a browser (%s): open %s yourself", e.getMessage(), uri);
        }
    }
}
