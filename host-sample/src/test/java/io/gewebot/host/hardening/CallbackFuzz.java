package io.gewebot.host.hardening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.sandbox.Callbacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Makes callback bodies for the fuzz run, each one from its index and the run's seed alone, so that
 * any body of a failing run can be made again: mutations of the vendor's samples (in their JSON tree
 * and in their bytes), truncations, random JSON, random bytes, hostile friend-request XML, unknown and
 * flat formats, and chat texts with commands from strangers and, with garbage arguments, from admins.
 */
final class CallbackFuzz {

    /** What a body was made as, for the counts. */
    enum Kind {
        SAMPLE, TREE_MUTATION, BYTE_MUTATION, TRUNCATION, RANDOM_JSON, RANDOM_BYTES, HOSTILE_XML, UNKNOWN_FORMAT,
        STRANGER_COMMAND, ADMIN_GARBAGE, HUGE
    }

    /** One body to post. */
    record Case(int index, Kind kind, byte[] body) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] COMMANDS = {"add", "accept", "reject", "requests", "queue", "cancel", "resume",
        "plugins", "history", "help", "ADD", "Add", "addd", "", "/", "删除", "add\u200B"};

    private final long seed;
    private final List<String> samples;
    private final List<String> admins;
    private final String appId;
    private final Callbacks callbacks;
    private final ObjectMapper json = new ObjectMapper();

    CallbackFuzz(long seed, Path samplesDir, List<String> admins, String appId, Callbacks callbacks) {
        this.seed = seed;
        this.admins = List.copyOf(admins);
        this.appId = appId;
        this.callbacks = callbacks;
        try (Stream<Path> files = Files.list(samplesDir)) {
            this.samples = files.filter(p -> p.toString().endsWith(".json")).sorted().map(CallbackFuzz::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int samples() {
        return samples.size();
    }

    /** The body of one index of this run. */
    Case make(int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        int pick = r.nextInt(100);
        try {
            if (pick < 5) {
                return new Case(index, Kind.SAMPLE, bytes(withFreshId(tree(sample(r)), r)));
            } else if (pick < 35) {
                JsonNode tree = withFreshId(tree(sample(r)), r);
                for (int n = 1 + r.nextInt(3); n > 0; n--) {
                    tree = mutate(tree, r);
                }
                return new Case(index, Kind.TREE_MUTATION, bytes(tree));
            } else if (pick < 45) {
                return new Case(index, Kind.BYTE_MUTATION, mutateBytes(sample(r).getBytes(StandardCharsets.UTF_8), r));
            } else if (pick < 50) {
                byte[] whole = sample(r).getBytes(StandardCharsets.UTF_8);
                return new Case(index, Kind.TRUNCATION, java.util.Arrays.copyOf(whole, r.nextInt(whole.length)));
            } else if (pick < 58) {
                return new Case(index, Kind.RANDOM_JSON, bytes(randomJson(r, 0)));
            } else if (pick < 65) {
                byte[] noise = new byte[r.nextInt(2000)];
                r.nextBytes(noise);
                return new Case(index, Kind.RANDOM_BYTES, noise);
            } else if (pick < 72) {
                return new Case(index, Kind.HOSTILE_XML, hostileFriendRequest(r, index));
            } else if (pick < 77) {
                return new Case(index, Kind.UNKNOWN_FORMAT, unknownFormat(r, index));
            } else if (pick < 87) {
                String from = "wxid_stranger_" + r.nextInt(50);
                String text = "/" + pickOf(COMMANDS, r) + " " + garbage(r);
                String body = r.nextBoolean() ? callbacks.textJson(from, text, id(r))
                        : callbacks.groupTextJson("fz" + r.nextInt(5) + "@chatroom", from, text, id(r));
                return new Case(index, Kind.STRANGER_COMMAND, body.getBytes(StandardCharsets.UTF_8));
            } else if (pick < 95) {
                String admin = admins.get(r.nextInt(admins.size()));
                String text = adminGarbage(r);
                String body = r.nextInt(4) == 0 ? callbacks.groupTextJson("fzadmin@chatroom", admin, text, id(r))
                        : callbacks.textJson(admin, text, id(r));
                return new Case(index, Kind.ADMIN_GARBAGE, body.getBytes(StandardCharsets.UTF_8));
            }
            return new Case(index, Kind.HUGE, huge(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fuzz case " + index + " of seed " + seed, e);
        }
    }

    // ---- the pieces ---------------------------------------------------------------------------

    private String sample(Random r) {
        return samples.get(r.nextInt(samples.size()));
    }

    private JsonNode tree(String text) throws JsonProcessingException {
        return json.readTree(text);
    }

    private byte[] bytes(JsonNode node) throws JsonProcessingException {
        return json.writeValueAsBytes(node);
    }

    /** Most messages get a new id, so that they are not all dropped as duplicates of one another. */
    private JsonNode withFreshId(JsonNode tree, Random r) {
        if (tree.path("Data").isObject() && tree.path("Data").has("NewMsgId") && r.nextInt(10) > 0) {
            ((ObjectNode) tree.get("Data")).put("NewMsgId", id(r));
        }
        if (tree.isObject() && r.nextInt(10) > 0) {
            ((ObjectNode) tree).put("Appid", appId);
        }
        return tree;
    }

    private static long id(Random r) {
        return r.nextLong() & Long.MAX_VALUE;
    }

    /** Replaces, removes or adds one node somewhere in the tree. */
    private JsonNode mutate(JsonNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return randomValue(r);
        }
        JsonNode container = containers.get(r.nextInt(containers.size()));
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int op = r.nextInt(10);
            if (names.isEmpty() || op == 0) {
                object.set(r.nextBoolean() ? "TypeName" : "Junk" + r.nextInt(9), randomValue(r));
            } else if (op < 3) {
                object.remove(names.get(r.nextInt(names.size())));
            } else {
                object.set(names.get(r.nextInt(names.size())), randomValue(r));
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty() || r.nextBoolean()) {
                array.add(randomValue(r));
            } else {
                array.set(r.nextInt(array.size()), randomValue(r));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static JsonNode randomValue(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt());
            case 3 -> NODES.numberNode(r.nextLong());
            case 4 -> NODES.numberNode(new BigInteger(70 + r.nextInt(100), r));
            case 5 -> NODES.numberNode(-new BigInteger(64, r).longValue());
            case 6 -> NODES.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(300)));
            case 7 -> NODES.textNode(randomText(r, r.nextInt(40)));
            case 8 -> NODES.textNode(randomText(r, r.nextInt(20_000)));
            case 9 -> NODES.objectNode().put("string", randomText(r, r.nextInt(60)));
            case 10 -> NODES.objectNode();
            case 11 -> NODES.arrayNode();
            case 12 -> NODES.textNode(String.valueOf(r.nextLong()));
            default -> randomJson(r, 3);
        };
    }

    private static JsonNode randomJson(Random r, int depth) {
        if (depth > 5 || r.nextInt(4) == 0) {
            return depth > 5 ? NODES.textNode(randomText(r, 5)) : randomScalar(r);
        }
        if (r.nextBoolean()) {
            ObjectNode object = NODES.objectNode();
            for (int i = r.nextInt(6); i > 0; i--) {
                String[] names = {"TypeName", "Appid", "Wxid", "Data", "NewMsgId", "MsgType", "Content", "testMsg",
                    "appid", "msgType", "FromUserName"};
                object.set(r.nextInt(3) == 0 ? randomText(r, 6) : names[r.nextInt(names.length)], randomJson(r, depth + 1));
            }
            return object;
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = r.nextInt(5); i > 0; i--) {
            array.add(randomJson(r, depth + 1));
        }
        return array;
    }

    private static JsonNode randomScalar(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextLong());
            case 3 -> NODES.textNode("AddMsg");
            default -> NODES.textNode(randomText(r, r.nextInt(30)));
        };
    }

    /** Text with every kind of character: control, format, surrogates alone, CJK, emoji. */
    static String randomText(Random r, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(10)) {
                case 0 -> out.append((char) r.nextInt(32));
                case 1 -> out.append("\u202E\u200B\u2028\uFEFF".charAt(r.nextInt(4)));
                case 2 -> out.append((char) (0xD800 + r.nextInt(0x800)));
                case 3 -> out.append((char) (0x4E00 + r.nextInt(0x5000)));
                case 4 -> out.appendCodePoint(0x1F600 + r.nextInt(80));
                case 5 -> out.append("<>&\"'\\/:@{}[]".charAt(r.nextInt(13)));
                default -> out.append((char) (' ' + r.nextInt(95)));
            }
        }
        return out.toString();
    }

    private static byte[] mutateBytes(byte[] body, Random r) {
        byte[] out = body.clone();
        for (int n = 1 + r.nextInt(8); n > 0 && out.length > 0; n--) {
            int at = r.nextInt(out.length);
            switch (r.nextInt(4)) {
                case 0 -> out[at] = (byte) r.nextInt(256);
                case 1 -> out[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = "{}[]\",:\\0".getBytes(StandardCharsets.US_ASCII)[r.nextInt(9)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }

    private byte[] hostileFriendRequest(Random r, int index) throws JsonProcessingException {
        String wxid = "wxid_fz_req" + r.nextInt(40);
        ObjectNode body = (ObjectNode) tree(callbacks.friendRequestJson(wxid, "Fz", "hi", 6, "v3_fz" + index + "@stranger",
                "v4_fz" + index, id(r)));
        String msg = body.get("Data").get("Content").get("string").asText();
        String xml = switch (r.nextInt(9)) {
            case 0 -> "<!DOCTYPE msg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + msg.replace("content=\"hi\"", "content=\"&x;\"");
            case 1 -> "<!DOCTYPE msg SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + msg;
            case 2 -> "<!DOCTYPE msg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + msg.replace("content=\"hi\"", "content=\"&c;\"");
            case 3 -> msg.substring(0, r.nextInt(msg.length()));
            case 4 -> msg.replace("scene=\"6\"", "scene=\"" + new BigInteger(130, r) + "\"");
            case 5 -> msg.replace("ticket=\"v4_fz" + index + "\"", "");
            case 6 -> msg.replace("<msg ", "<nomsg ").replace("</msg>", "</nomsg>");
            case 7 -> msg.replace("content=\"hi\"", "content=\"" + "&#x" + Integer.toHexString(r.nextInt(0x110000)) + ";\"");
            default -> randomText(r, r.nextInt(300));
        };
        ((ObjectNode) body.get("Data").get("Content")).put("string", xml);
        return bytes(body);
    }

    private byte[] unknownFormat(Random r, int index) throws JsonProcessingException {
        if (r.nextBoolean()) {
            ObjectNode flat = NODES.objectNode();
            flat.put("appid", appId).put("msgType", r.nextInt(60)).put("fromUser", "wxid_f" + index)
                    .put("content", "/add wxid_demo");
            return bytes(flat);
        }
        ObjectNode body = (ObjectNode) tree(sample(r));
        body.put("TypeName", r.nextBoolean() ? randomText(r, r.nextInt(80)) : "AddMsg2");
        return bytes(body);
    }

    /** Deep nesting, long numbers and long ids. */
    private byte[] huge(Random r) {
        switch (r.nextInt(4)) {
            case 0: {
                int depth = 50 + r.nextInt(5_000);
                return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
            }
            case 1: {
                String digits = new BigInteger(64 + r.nextInt(2_000), r).toString();
                String body = callbacks.textJson(admins.get(0), "/help", 1).replace("\"NewMsgId\":1", "\"NewMsgId\":" + digits);
                return body.getBytes(StandardCharsets.UTF_8);
            }
            case 2: {
                String body = callbacks.textJson("wxid_" + "x".repeat(r.nextInt(100_000)), "hello", id(r));
                return body.getBytes(StandardCharsets.UTF_8);
            }
            default: {
                String body = callbacks.textJson(admins.get(0), "/add wxid_demo", 1).replace("\"NewMsgId\":1",
                        "\"NewMsgId\":" + (r.nextBoolean() ? "-1" : "18446744073709551616"));
                return body.getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static String adminGarbage(Random r) {
        String command = pickOf(COMMANDS, r);
        return switch (r.nextInt(8)) {
            case 0 -> "/" + command;
            case 1 -> "/" + command + " " + garbage(r);
            case 2 -> "/" + command + " wxid_fz" + r.nextInt(1_000) + " " + garbage(r);
            case 3 -> "/" + command + " " + "z".repeat(60 + r.nextInt(30));
            case 4 -> "  /" + command + "\u3000" + randomText(r, r.nextInt(1_200));
            case 5 -> "/" + command + " +" + r.nextInt(Integer.MAX_VALUE);
            case 6 -> "/" + randomText(r, 1 + r.nextInt(80));
            default -> "/" + command + " " + pickOf(new String[] {"wxid_fz", "@", "-", "_"}, r) + " "
                    + "hi ".repeat(r.nextInt(120));
        };
    }

    private static String garbage(Random r) {
        return randomText(r, r.nextInt(r.nextBoolean() ? 20 : 400));
    }

    private static String pickOf(String[] options, Random r) {
        return options[r.nextInt(options.length)];
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
