/**
 * Hostile contact extensions the plugin-isolation tests pack into plugin jars at run time; the classes
 * are copied from the test classpath, as PF4J's own tests build their plugins.
 */
package io.gewebot.host.hardening.plugins;
