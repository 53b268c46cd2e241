/** Decoding GeWe callbacks (the classic {@code TypeName}/{@code Data} format) into events. */
package io.gewebot.host.callback;
