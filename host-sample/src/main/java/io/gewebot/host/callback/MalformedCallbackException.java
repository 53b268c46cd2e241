package io.gewebot.host.callback;

/** A callback body that cannot be read; its message is a short reason fit for an HTTP 400 answer. */
public final class MalformedCallbackException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason a short reason, without the body itself */
    public MalformedCallbackException(String reason) {
        super(reason);
    }

    /**
     * @param reason a short reason, without the body itself
     * @param cause the parser's failure
     */
    public MalformedCallbackException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
