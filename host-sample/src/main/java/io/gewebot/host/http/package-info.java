/** The host's HTTP side: GeWe's callbacks in, health and metrics out. */
package io.gewebot.host.http;
