package io.gewebot.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's one meter registry: the {@linkplain #host() host's counts}, and the JVM's (memory, garbage
 * collection, threads, classes, processor, uptime), rendered in the Prometheus text format for
 * {@code GET /metrics}. {@link #close()} stops the JVM meters that hold listeners.
 */
public final class PrometheusMetrics implements AutoCloseable {

    /** The Prometheus text format, version 0.0.4: what every Prometheus server reads. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<MeterBinder> jvm = List.of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
            new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics());
    private final HostMetrics host = new HostMetrics(registry);

    /** Starts measuring the JVM. */
    public PrometheusMetrics() {
        jvm.forEach(binder -> binder.bindTo(registry));
    }

    /** @return the registry itself, for a library that measures itself into one (the database's pool) */
    public MeterRegistry registry() {
        return registry;
    }

    /** @return the counting side, for the parts that see things happen */
    public HostMetrics host() {
        return host;
    }

    /**
     * Renders every meter now. Gauges are read here, some from the database: call it off the network threads.
     *
     * @return the document, in the {@linkplain #CONTENT_TYPE Prometheus text format}
     */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(out, CONTENT_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Stops the JVM meters' listeners and the registry. */
    @Override
    public void close() {
        for (MeterBinder binder : jvm) {
            if (binder instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("A JVM meter did not stop cleanly: {}", e.toString());
                }
            }
        }
        registry.close();
    }
}
