package io.gewebot.common.text;

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
}
