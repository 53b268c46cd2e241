/**
 * Work of many accounts on a few shared threads: {@link io.gewebot.common.work.Lane}, one account's queue
 * over a shared pool, and {@link io.gewebot.common.work.SharedThreads}, the pools themselves.
 */
package io.gewebot.common.work;
