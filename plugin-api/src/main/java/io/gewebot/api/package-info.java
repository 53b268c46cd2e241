/**
 * The contract between a bot host and a contact plugin.
 *
 * <p>A host discovers {@link io.gewebot.api.ContactAction} extensions (through PF4J from a plugins
 * folder, or through {@link java.util.ServiceLoader} from its classpath), hands each one its
 * {@link io.gewebot.api.ContactSettings} with {@link io.gewebot.api.ContactAction#configure}, and then
 * calls {@link io.gewebot.api.ContactAction#lookup lookup} (who a target is, as a
 * {@link io.gewebot.api.Person}), {@link io.gewebot.api.ContactAction#add add}, {@link io.gewebot.api.ContactAction#accept accept}
 * and {@link io.gewebot.api.ContactAction#reject reject}. Every call answers with a
 * {@link io.gewebot.api.ContactOutcome}: done, refused with a reason, or failed with the platform's own
 * code and texts. No exception is part of the contract.
 *
 * <p>Nothing here is specific to one HTTP API: the values are the ones WeChat itself defines
 * (wxid, the v3 and v4 tickets, the scene of a friend request).
 */
package io.gewebot.api;
