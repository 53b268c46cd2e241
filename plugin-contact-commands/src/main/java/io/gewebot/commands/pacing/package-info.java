/**
 * Pacing of friend requests: when an {@code /add} may go out, and the guarantee that none goes out
 * twice. WeChat warns or bans accounts that send friend requests too fast, so every add passes
 * through {@link io.gewebot.commands.pacing.FriendRequestPacer} before the plugin is called.
 *
 * <h2>The flow</h2>
 *
 * <pre>{@code
 * pacer.precheck(typed);                                   // warm-up, pause, the same text again: no search needed
 * pacer.bookSearch(appId, true);                            // then the plugin looks the target up
 * AddDecision decision = pacer.submit(typed.withIdentity(identity));
 * if (decision instanceof AddDecision.SendNow now) {
 *     send(now.ticket());                                   // then pacer.complete(ticket, settlement)
 * } else if (decision instanceof AddDecision.Queued q) {
 *     reply("queued #" + q.position() + ", expected " + q.entry().expectedAt());
 * }                                                         // ... Duplicate, AlreadyQueued, WarmingUp, Paused
 * // the account's scheduler, every second:
 * pacer.takeDue(appId).ifPresent(this::send);
 * }</pre>
 *
 * <h2>The rules</h2>
 *
 * All limits are per account ({@code appId}); the defaults are those of
 * {@link io.gewebot.common.settings.PacingPolicy#defaults()}.
 *
 * <ul>
 *   <li><b>Interval</b> (default 30 min + jitter up to 10 min): two friend requests of one account go
 *       out at least {@code addInterval} plus a random jitter, drawn uniformly from
 *       {@code [0, addJitter]}, apart. The jitter is drawn when a request is handed out, and the
 *       instant the next may go out is stored at once.</li>
 *   <li><b>Daily cap</b> (default 10; the platform vendor allows 15 to different people a day, 30
 *       minutes apart): at most {@code addDailyCap} requests in any rolling 24 hours.
 *       Requests that are in flight, done or maybe sent (risk-control answers included) count;
 *       requests that were not sent or were refused do not. An add beyond the cap, or inside the
 *       interval, or while others wait, is queued; its expected send time is when enough of the
 *       oldest requests have left the 24-hour window, or the interval, whichever is later.
 *       Queued adds go out one at a time, oldest first.</li>
 *   <li><b>Duplicates</b> (default 7 days): one account never sends the same person a second
 *       request within {@code addDedupWindow} of a request that counts, and a person waiting in
 *       the queue is not queued again. People are compared by who they are, the
 *       {@link io.gewebot.api.Person#key() key} of the plugin's lookup (a stranger's v3, a
 *       friend's wxid), so a wxid, a WeChat ID and a phone number of one person are one person; the
 *       very same text (without surrounding space, in lower case) is recognised too, before any
 *       lookup, and for rows of a ledger from before keys. A request that was not sent or was
 *       refused does not block a later {@code /add}.</li>
 *   <li><b>Searches</b> (default 10 s apart, 30 a day): every lookup that asks the platform is
 *       booked with {@code bookSearch}, which spaces searches {@code searchInterval} apart and
 *       refuses one beyond {@code searchDailyCap} in any 24 hours. A lookup of the same text less
 *       than {@link io.gewebot.commands.pacing.LookupCache#REUSE} ago is reused and costs no search.
 *       A queued request whose tickets are older than
 *       {@link io.gewebot.commands.pacing.FriendRequestPacer#MAX_TICKET_AGE} is looked up again just
 *       before it goes out; that search waits for the interval and counts, but the cap does not
 *       refuse it (it is at most one per friend request).</li>
 *   <li><b>Warm-up</b> (default 3 days): an account sends no friend request until {@code warmup}
 *       has passed since it came online. That is the policy's {@code onlineSince} when set,
 *       otherwise the first time the host reported the account online through
 *       {@code observeOnline}. When neither is known, the first {@code /add} starts the warm-up
 *       clock: a command arriving for an account is itself a sign that the account is online, and
 *       starting the clock then gives an answer ("warming up until …") that stays true when asked
 *       again, where "a full warm-up from now" would move on every try. {@code skipWarmup} turns
 *       the warm-up off.</li>
 *   <li><b>Back-off</b> (default 1 h, doubling, at most 48 h): when the platform answers a request
 *       with risk control (a plugin's
 *       {@code RATE_LIMITED} failure, settled as {@link io.gewebot.commands.pacing.Settlement#rateLimited}),
 *       the account's adds are paused for {@code backoffBase}; each
 *       further report in a row doubles the pause, up to {@code backoffMax}. A request that is
 *       sent successfully ends the run. During a pause new adds are turned away and queued ones
 *       wait. {@code resume} ends a pause early; the run is kept, so a new report pauses for
 *       twice as long.</li>
 *   <li><b>Answers</b> (default 5 s apart, 100 a day): accepts and rejects of one account are
 *       spaced {@code answerInterval} apart, and at most {@code answerDailyCap} that count as sent
 *       go out in any 24 hours. They are not paused, jittered or delayed by the warm-up. An answer
 *       a friend-request rule gives ({@code beginRuleAnswer}) is spaced and capped the same way, and
 *       besides is refused during a pause and beyond the rules' own cap (answers by rules in any 24
 *       hours, counted from the ledger by its {@code requestedBy}, {@code rule:<name>}).</li>
 *   <li><b>Crash safety</b>: a request is in the ledger as in flight, claimed by the host instance
 *       sending it, before that instance gets its ticket. At start, {@code recoverAfterCrash}
 *       settles every request still in flight as maybe sent: it counts as sent and is never sent
 *       again, so a crash can cost a request but never double one. On a database several instances
 *       share, only what no live instance holds a lease for is settled so, at start and by
 *       {@code recoverAbandoned} every few seconds ({@link io.gewebot.commands.store.Instances}).</li>
 *   <li><b>Several instances</b>: on PostgreSQL every decision about an account first locks the
 *       account's {@code pacing_accounts} row, so that the decisions of all instances about it are
 *       made one at a time, each with what the others committed (read in a statement after the one
 *       that takes the lock); {@code takeDue} skips an account another instance holds
 *       ({@code SKIP LOCKED}) instead of waiting for it. A friend request's result that does not pause
 *       the account takes no lock: it only moves the request's own row out of flight, once.</li>
 *   <li><b>Persistence</b>: the queue, every request and its result, the next allowed instant,
 *       the pause with its run of reports, the warm-up start and the next answer slot live in
 *       the host's database (tables {@code ledger}, {@code pacing_accounts} and
 *       {@code searches}), so a restart changes nothing.</li>
 *   <li><b>Clock changes</b>: when the clock is set back, requests dated in the future stay in
 *       the 24-hour window and in the duplicate window, and stored instants (next allowed send,
 *       pause end, warm-up start) stay in force, so nothing goes out earlier or more often than
 *       it would have. When the clock jumps forward, queued adds may become due, but still only
 *       one per interval.</li>
 * </ul>
 *
 * Instants are UTC and stored as epoch milliseconds. Every operation is one database
 * transaction, so the pacer may be called from several threads.
 */
package io.gewebot.commands.pacing;
