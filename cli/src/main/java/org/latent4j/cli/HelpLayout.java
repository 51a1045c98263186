package org.latent4j.cli;

import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of a subcommand lists its own options, then the global ones (inherited from {@code latent4j}:
 * --threads, --quiet, --debug, --progress, --config) on one short line, so that what is particular to the
 * command stays readable; {@code latent4j --help} describes the global options in full.
 */
final class HelpLayout extends CommandLine.Help {
    static final CommandLine.IHelpFactory FACTORY = HelpLayout::new;

    private HelpLayout(CommandSpec spec, ColorScheme scheme) {
        super(spec, scheme);
    }

    private boolean subcommand() {
        return commandSpec().parent() != null && commandSpec().options().stream().anyMatch(OptionSpec::inherited);
    }

    private List<OptionSpec> own() {
        return commandSpec().options().stream().filter(o -> !o.inherited() && !o.hidden()).toList();
    }

    @Override
    protected Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, java.util.Comparator<OptionSpec> sort,
                                                     boolean cluster) {
        if (!subcommand()) {
            return super.createDetailedSynopsisOptionsText(done, sort, cluster);
        }
        return createDetailedSynopsisOptionsText(done, own(), sort, cluster).concat(" [GLOBAL-OPTIONS]");
    }

    /** A blank line before the list of subcommands, in every command that has some. */
    @Override
    public String commandListHeading(Object... params) {
        return String.format("%nCommands:%n");
    }

    @Override
    public String optionList() {
        if (!subcommand()) {
            return super.optionList();
        }
        return optionListExcludingGroups(own(), createDefaultLayout(), createDefaultOptionSort(), parameterLabelRenderer())
                + String.format("%nGlobal options (before or after the command; see 'latent4j --help'):%n"
                + "  --threads=N  -q, --quiet  --debug  --[no-]progress  --config=FILE%n");
    }
}
