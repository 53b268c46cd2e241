/** The host's one configured JSON mapper: its limits, and what every read and write obeys. */
package io.gewebot.host.json;
