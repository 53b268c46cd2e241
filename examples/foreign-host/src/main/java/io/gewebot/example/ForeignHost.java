package io.gewebot.example;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.api.chat.ChatExtension;
import io.gewebot.api.chat.IncomingText;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.pf4j.DefaultPluginManager;

/**
 * A bot host of your own that uses the plugin jars through plugin-api only: one GeWe account and its admins.
 * Call {@link #text} and {@link #friendRequest}; the commands answer through {@code out} (conversation, text).
 */
public final class ForeignHost implements ChatContext, AutoCloseable {
    public static final String ADMINS = "admins"; // the conversation toAdmins() writes to
    private final Map<String, String> gewe, settings;
    private final Set<String> admins;
    private final Path data;
    private final BiConsumer<String, String> out;
    private final AutoCloseable loader; // the PF4J plugin manager or the URLClassLoader
    private final ContactAction contacts;
    private final ChatExtension commands;

    /** @param gewe baseUrl, token, appId; settings: the commands' keys (lang, addInterval...); data: a folder */
    public ForeignHost(Path plugins, boolean serviceLoader, Map<String, String> gewe, Set<String> admins,
            Map<String, String> settings, Path data, BiConsumer<String, String> out) throws IOException {
        this.gewe = Map.copyOf(gewe); this.admins = Set.copyOf(admins); this.settings = Map.copyOf(settings);
        this.data = Files.createDirectories(data); this.out = out;
        if (serviceLoader) { // plain Java: one class loader over the jars, plugin-api from ours
            List<URL> jars = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(plugins, "*.jar")) {
                for (Path jar : files) jars.add(jar.toUri().toURL());
            }
            URLClassLoader jarLoader = new URLClassLoader(jars.toArray(URL[]::new), ChatContext.class.getClassLoader());
            loader = jarLoader;
            contacts = ServiceLoader.load(ContactAction.class, jarLoader).findFirst().orElseThrow();
            commands = ServiceLoader.load(ChatExtension.class, jarLoader).findFirst().orElseThrow();
        } else { // PF4J: each jar a plugin with a class loader of its own
            DefaultPluginManager pf4j = new DefaultPluginManager(plugins);
            pf4j.loadPlugins(); pf4j.startPlugins();
            loader = pf4j::unloadPlugins; // stops each plugin first
            contacts = pf4j.getExtensions(ContactAction.class).stream().findFirst().orElseThrow();
            commands = pf4j.getExtensions(ChatExtension.class).stream().findFirst().orElseThrow();
        }
        contacts.configure(ContactSettings.of(this.gewe));
        commands.start(this); // opens its SQLite file in data; then answers on its own threads
    }

    /** A private text from {@code sender}; returns at once. @return whether it was a command */
    public boolean text(String sender, String text) {
        return commands.onText(new IncomingText(sender, sender, admins.contains(sender), text, Instant.now()));
    }
    /** A friend request as the platform delivered it; returns at once. */
    public void friendRequest(FriendRequest request) { commands.onFriendRequest(request); }

    @Override public void close() throws Exception { commands.close(); contacts.close(); loader.close(); }
    @Override public String account() { return gewe.get(ContactSettings.APP_ID); }
    @Override public ContactAction contacts() { return contacts; }
    @Override public Map<String, String> settings() { return settings; }
    @Override public Path dataFolder() { return data; }
    @Override public Optional<DataSource> dataSource() { return Optional.empty(); }
    @Override public void send(String conversation, String text) { out.accept(conversation, text); }
    @Override public void toAdmins(String text) { out.accept(ADMINS, text); }
}
