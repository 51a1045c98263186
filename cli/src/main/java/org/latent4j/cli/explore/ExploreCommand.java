package org.latent4j.cli.explore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.Usage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code latent4j explore RUN_DIR}: a local web page to explore a trained model, until Ctrl-C. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explore a trained model in the browser: the data's latent space (zoom, pan), originals and"
                + " reconstructions on hover, the decoded image anywhere you click, a slider per latent dimension"
                + " (ordered by KL), interpolation strips, samples from the prior; for a Gaussian mixture its"
                + " components and density contours.",
                "Starts a local server (127.0.0.1 by default), prints the address and serves until Ctrl-C."
                        + " Works offline: everything the page uses is served by latent4j."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j explore runs/demo/vae-latent2 --open",
                "  latent4j explore runs/vae --data fashion-mnist --split train --points 10000 --port 8765",
                "  latent4j explore runs/gmm --data csv:faithful.csv"})
public final class ExploreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder (holding model/) or a model folder: VAE, autoencoder or Gaussian mixture.")
    Path dir;
    @Option(names = "--data", paramLabel = "SPEC", description = "The data to show (default: the data the run was trained on).")
    String data;
    @Option(names = "--split", defaultValue = "test", description = "train or test (default ${DEFAULT-VALUE}; a mixture shows its training data).")
    String split;
    @Option(names = "--points", defaultValue = "" + RunLoader.DEFAULT_POINTS, description = "Rows drawn, the first of the split (default ${DEFAULT-VALUE}, at most " + RunLoader.MAX_POINTS + ").")
    int points;
    @Option(names = "--port", defaultValue = "8765", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String host;
    @Option(names = "--open", description = "Open the page in the default browser.")
    boolean open;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Usage.count(spec, "--points", points);
        if (points > RunLoader.MAX_POINTS) {
            throw Usage.error(spec, "--points must be at most " + RunLoader.MAX_POINTS + ", got " + points);
        }
        if (port < 0 || port > 65535) {
            throw Usage.error(spec, "--port must be from 0 to 65535, got " + port);
        }
        if (!split.equals("train") && !split.equals("test")) {
            throw Usage.error(spec, "--split must be train or test, got '" + split + "'");
        }
        Console log = Console.of(spec);
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw Usage.error(spec, "--host " + host + " is not an address of this machine: " + e.getMessage());
        }
        if (!address.isLoopbackAddress()) {
            log.warn("--host %s is not loopback: anyone who can reach this machine can use the page and make it decode;"
                    + " the explorer has no login", host);
        }
        log.info("loading %s", dir);
        ExploredRun run = RunLoader.load(dir, data, split, points);
        ExploreServer server;
        try {
            server = ExploreServer.start(run, host, port);
        } catch (java.net.BindException e) {
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another with --port, or --port 0 for any free one", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "latent4j-explore-stop"));
        URI uri = server.address();
        log.info("exploring %s at %s (Ctrl-C stops)", dir, uri);
        // the address also goes to standard output, for scripts that start the explorer and read where it is
        Console.of(spec).data().println(uri);
        Console.of(spec).data().flush();
        if (open) {
            Browser.open(uri, log);
        }
        stopped.await();
        return 0;
    }
}
