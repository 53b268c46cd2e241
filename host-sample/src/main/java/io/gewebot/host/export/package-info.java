/**
 * {@code java -jar host-sample.jar export}: one account's friends, read through the contact plugin, as
 * a CSV file a spreadsheet opens.
 */
package io.gewebot.host.export;
