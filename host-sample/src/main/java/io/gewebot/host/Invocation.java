package io.gewebot.host;

import io.gewebot.host.export.ExportConfig;
import io.gewebot.host.login.LoginConfig;

/** What the command line asks for: running the host, logging the account in, or exporting its friends. */
sealed interface Invocation permits Invocation.RunHost, Invocation.RunLogin, Invocation.RunExport {

    /** @param config the host to run */
    record RunHost(HostConfig config) implements Invocation {
    }

    /** @param config the login to run */
    record RunLogin(LoginConfig config) implements Invocation {
    }

    /** @param config the export to run */
    record RunExport(ExportConfig config) implements Invocation {
    }
}
