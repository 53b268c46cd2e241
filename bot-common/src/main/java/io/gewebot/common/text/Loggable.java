package io.gewebot.common.text;

import io.gewebot.common.chat.Origin;

/** What may be written into a log line of a value someone else chose. */
public final class Loggable {

    /** The longest value logged whole. */
    private static final int MAX_LOGGED = 80;

    private Loggable() {
    }

    /**
     * A value from a callback as it may appear in a log line. Anyone can choose their nickname or send
     * a crafted callback: a line break in it would forge a log line of its own, and a huge one would
     * flood the log. Control and format characters become {@code ?}; the value is cut after
     * {@value #MAX_LOGGED} characters.
     *
     * @param value the value
     * @return it, safe to log
     */
    public static String loggable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LOGGED + 1));
        for (int i = 0; i < value.length(); i++) {
            if (out.length() == MAX_LOGGED) {
                return out.append('…').toString();
            }
            char c = value.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            out.append(unsafe ? '?' : c);
        }
        return out.toString();
    }

    /**
     * What the log line of a reply says of it: its first line, safe to log; for a reply the console shows (the
     * terminal that shows the log), only that it did, so that the terminal does not show the reply twice.
     *
     * @param conversation where the reply went
     * @param reply the reply, secrets already removed
     * @return what to log
     */
    public static String reply(String conversation, String reply) {
        if (Origin.CONSOLE.equals(conversation)) {
            return "shown on the console";
        }
        int end = reply.indexOf('\n');
        return loggable(end < 0 ? reply : reply.substring(0, end) + " …");
    }
}
