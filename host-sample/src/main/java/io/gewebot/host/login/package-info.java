/**
 * {@code java -jar host-sample.jar login}: logs a WeChat account in by QR code and saves the token,
 * the device ({@code appId}) and the account's wxid in {@code <data-dir>/account.json}, which the host
 * reads when neither flags nor variables name them. {@link io.gewebot.host.login.Login} is the run,
 * {@link io.gewebot.host.login.AccountFile} the saved account.
 */
package io.gewebot.host.login;
