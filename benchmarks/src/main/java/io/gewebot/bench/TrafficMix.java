package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text callbacks the load is made of, shaped by the sandbox exactly as GeWe pushes them, each
 * with a message id of its own (so none is dropped as a duplicate).
 *
 * <p>Every cycle of ten: one {@code /add <unique target>} from the admin (a person the sandbox
 * knows, so the add goes all the way to GeWe and back), one {@code /help} from the admin in a group
 * of its own (so its one reply is told apart from every other), and eight chat messages that are not
 * commands, half in private chats and half in a group. A command's reply is the one sign of it the
 * sandbox gets, which is what proves that none was lost; the chat messages leave no trace at
 * GeWe, so they are accounted for by the order the host handles callbacks in (see
 * {@link IngestionBenchmark}).
 */
final class TrafficMix {

    /** What a callback is. */
    enum Kind {
        /** A message that is not a command. */
        CHAT,
        /** {@code /help} from the admin in a group of its own: one reply, to that group. */
        HELP,
        /** {@code /add} of a fresh target from the admin: search, addContacts, one reply. */
        ADD
    }

    /**
     * One callback, ready to send.
     *
     * @param kind what it is
     * @param tag the {@code /add} target or the {@code /help} group; empty for chat
     * @param request the whole HTTP request
     */
    record Callback(Kind kind, String tag, byte[] request) {
    }

    private final GeweSandbox sandbox;
    private final int port;
    private final String path;
    private final String run;
    private final int commandsPerHundred;
    private final long firstMessageId;
    private long seq;

    /**
     * @param sandbox builds the callbacks and learns the {@code /add} targets
     * @param port the host's port
     * @param path the host's callback path
     * @param run a short name kept in targets and groups, so several mixes in one sandbox never meet
     * @param commandsPerHundred how many of every hundred callbacks are commands, alternately /add
     *     and /help, spread evenly (an even number that divides 100)
     * @param firstMessageId the {@code NewMsgId} of the first callback; the host drops a second
     *     callback with the same id as a duplicate, so mixes sent to one host must not overlap
     */
    TrafficMix(GeweSandbox sandbox, int port, String path, String run, int commandsPerHundred, long firstMessageId) {
        this.sandbox = sandbox;
        this.port = port;
        this.path = path;
        this.run = run;
        this.commandsPerHundred = commandsPerHundred;
        this.firstMessageId = firstMessageId;
    }

    /** The usual mix: in every ten callbacks, one /add, one /help and eight chat messages. */
    static TrafficMix standard(GeweSandbox sandbox, int port, String path, String run) {
        return new TrafficMix(sandbox, port, path, run, 20, 7_100_000_000_000L);
    }

    List<Callback> next(int count) {
        List<Callback> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    Callback next() {
        long n = seq++;
        long id = firstMessageId + n;
        int slot = (int) (n % 100);
        // commands spread evenly over the hundred: an /add, a /help, an /add, ...
        int spacing = commandsPerHundred == 0 ? Integer.MAX_VALUE : 100 / commandsPerHundred;
        if (slot % spacing == 0 && slot / spacing < commandsPerHundred) {
            if ((slot / spacing) % 2 == 0) {
                String target = "wxid_" + run + "_" + n;
                sandbox.addPerson(target, null, null, "Bench " + n);
                return callback(Kind.ADD, target, sandbox.callbacks().textJson(BenchHost.ADMIN, "/add " + target + " hi", id));
            }
            String group = run + "help" + n + "@chatroom";
            return callback(Kind.HELP, group, sandbox.callbacks().groupTextJson(group, BenchHost.ADMIN, "/help", id));
        }
        String chatter = "wxid_chatter_" + (n % 40);
        String text = "Good morning everyone, message " + n + " of the day: the weather is fine.";
        String json = n % 2 == 0
                ? sandbox.callbacks().textJson(chatter, text, id)
                : sandbox.callbacks().groupTextJson(run + "chat@chatroom", chatter, text, id);
        return callback(Kind.CHAT, "", json);
    }

    /** A {@code /help} in a group named after {@code name}, to mark a point in the host's queue. */
    Callback barrier(String name) {
        String group = run + name + "@chatroom";
        return callback(Kind.HELP, group, sandbox.callbacks().groupTextJson(group, BenchHost.ADMIN, "/help",
                firstMessageId + seq++));
    }

    private Callback callback(Kind kind, String tag, String json) {
        return new Callback(kind, tag, HttpConnection.post(port, path, json.getBytes(StandardCharsets.UTF_8)));
    }
}
