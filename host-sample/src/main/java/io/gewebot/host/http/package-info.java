/** The host's HTTP side: GeWe's callbacks in, health out. */
package io.gewebot.host.http;
