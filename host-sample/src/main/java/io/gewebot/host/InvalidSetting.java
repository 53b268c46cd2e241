package io.gewebot.host;

/**
 * A part of the configuration that breaks its rule. The part is named as its record's component is,
 * which is also the name of the command line's field that gives it; the message says what is wrong,
 * for the command line to put after the flag and its variable.
 */
final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String part;

    /**
     * @param part the component at fault
     * @param why what is wrong, such as {@code must be at most 65535}
     */
    InvalidSetting(String part, String why) {
        super(why);
        this.part = part;
    }

    /** @return the component at fault */
    String part() {
        return part;
    }
}
