package io.gewebot.host.hardening;

import org.junit.jupiter.api.extension.Extension;

/**
 * Registered for every test class (ServiceLoader, with extension autodetection on in
 * {@code junit-platform.properties}), so that it is created before any test starts a GeWe sandbox in
 * this JVM: the sandbox's JDK HTTP server then answers with TCP_NODELAY. Without it the server writes
 * a response's headers and body apart and, with Nagle's algorithm, the body waits for the client's
 * delayed ACK: 40 ms on every GeWe call, every chat reply of a host under test. The property is read
 * once per JVM, when the first server is created.
 */
public final class SandboxWithoutNagle implements Extension {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Created by JUnit. */
    public SandboxWithoutNagle() {
    }
}
