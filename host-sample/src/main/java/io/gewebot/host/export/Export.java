package io.gewebot.host.export;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.Listing;
import io.gewebot.common.text.Messages;
import io.gewebot.common.text.Redactor;
import io.gewebot.host.runtime.PluginRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of {@code export}: the account's friends and their profiles, read through the contact plugin
 * (the same {@link ContactAction} the host uses, from the plugins folder), written as CSV
 * ({@link ContactsCsv}) to a file or to standard output.
 *
 * <p>The profiles are asked for {@value #PART} friends at a time, with a progress line on standard
 * error after each part when there is more than one; the plugin batches and paces its own calls within
 * a part. Everything is read before anything is written: a failure writes nothing. A file is written
 * beside its name first and moved into place whole, so that the name holds either the whole new
 * address book or what it held before.
 *
 * <p>Messages go to {@code err}, the CSV alone to standard output. The run ends with an exit code:
 * {@value #EXIT_OK} written, {@value #EXIT_FAILED} when the address book could not be read or written.
 */
public final class Export {

    /** Written. */
    public static final int EXIT_OK = 0;
    /** GeWe, the plugin or the file system failed; GeWe's reason is on standard error. */
    public static final int EXIT_FAILED = 1;
    /** How many friends' profiles are asked for at once, and how often progress is told. */
    static final int PART = 100;

    private final ExportConfig config;
    private final Messages messages;
    private final Redactor redactor;
    private final PrintStream err;

    private Export(ExportConfig config, PrintStream err) {
        this.config = config;
        this.messages = Messages.of(config.language(), ZoneId.systemDefault());
        this.redactor = new Redactor(List.of(config.settings().token()));
        this.err = err;
    }

    /**
     * Exports the address book.
     *
     * @param config what and where
     * @param stdout where the CSV goes without a file
     * @param err where progress and failures go
     * @return the exit code
     */
    public static int run(ExportConfig config, OutputStream stdout, PrintStream err) {
        Objects.requireNonNull(config, "config");
        try (PluginRuntime plugins = new PluginRuntime(config.pluginsDir(), config.settings(),
                Export.class.getClassLoader(), config.contactExtension())) {
            plugins.start();
            Optional<ContactAction> action = plugins.primary().flatMap(PluginRuntime.Extension::action);
            if (action.isEmpty()) {
                new Export(config, err).say("export.noExtension", config.pluginsDir());
                return EXIT_FAILED;
            }
            return run(config, action.get(), stdout, err);
        }
    }

    /** Exports the address book that {@code contacts} reads. */
    static int run(ExportConfig config, ContactAction contacts, OutputStream stdout, PrintStream err) {
        Export export = new Export(Objects.requireNonNull(config, "config"), Objects.requireNonNull(err, "err"));
        Objects.requireNonNull(stdout, "stdout");
        Optional<List<Contact>> friends = export.read(Objects.requireNonNull(contacts, "contacts"));
        return friends.isEmpty() ? EXIT_FAILED : export.write(friends.get(), stdout);
    }

    /** The friends in the platform's order, or empty once the failure is told. */
    private Optional<List<Contact>> read(ContactAction contacts) {
        Listing<String> wxids = contacts.friendWxids();
        if (wxids instanceof Listing.NotListed<String> notListed) {
            if (notListed.outcome() instanceof ContactOutcome.Refused refused
                    && refused.reason() == ContactOutcome.Reason.UNSUPPORTED) {
                // A plugin written before friendWxids: the whole address book in one go, without progress.
                return listed(contacts.friends());
            }
            return notRead(notListed.outcome());
        }
        List<String> all = ((Listing.Listed<String>) wxids).items();
        List<Contact> friends = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += PART) {
            int to = Math.min(all.size(), from + PART);
            Optional<List<Contact>> part = listed(contacts.profiles(all.subList(from, to)));
            if (part.isEmpty()) {
                return part;
            }
            friends.addAll(part.get());
            if (all.size() > PART) {
                say("export.progress", to, all.size());
            }
        }
        return Optional.of(friends);
    }

    private Optional<List<Contact>> listed(Listing<Contact> listing) {
        if (listing instanceof Listing.Listed<Contact> listed) {
            return Optional.of(listed.items());
        }
        return notRead(((Listing.NotListed<Contact>) listing).outcome());
    }

    private <T> Optional<T> notRead(ContactOutcome why) {
        if (why instanceof ContactOutcome.Failed failed) {
            say("export.failed", messages.get("detail.kind." + failed.kind().name()), redactor.redact(failed.texts()));
        } else {
            ContactOutcome.Refused refused = (ContactOutcome.Refused) why;
            say("export.unsupported", redactor.redact(refused.detail()));
        }
        return Optional.empty();
    }

    private int write(List<Contact> friends, OutputStream stdout) {
        if (config.out().isEmpty()) {
            try {
                ContactsCsv.write(friends, stdout);
            } catch (IOException e) {
                say("export.writeFailed", messages.get("export.stdout"), e.getClass().getSimpleName());
                return EXIT_FAILED;
            }
            say("export.done", friends.size(), messages.get("export.stdout"));
            return EXIT_OK;
        }
        Path target = config.out().get().toAbsolutePath().normalize();
        try {
            ContactsCsv.writeWhole(friends, target);
        } catch (IOException e) {
            say("export.writeFailed", target, Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
            return EXIT_FAILED;
        }
        say("export.done", friends.size(), target);
        return EXIT_OK;
    }

    private void say(String key, Object... args) {
        err.println(messages.get(key, args));
        err.flush();
    }
}
