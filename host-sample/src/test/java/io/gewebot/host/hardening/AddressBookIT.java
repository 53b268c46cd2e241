package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static io.gewebot.host.hardening.Rig.OTHER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The address-book commands on the built host and plugin against the sandbox: what GeWe receives for
 * each, and what the admin reads. The sandbox plays the hosted GeWe here, where relation checks exist;
 * {@link #checkOnSelfHostedGeweSaysGeweDoesNotOfferIt} plays a container.
 */
class AddressBookIT extends RigTest {

    @Override
    SandboxOptions sandboxOptions() {
        return SandboxOptions.defaults().withVariant(SandboxOptions.Variant.HOSTED);
    }

    private HostProcess startWith(String variant) throws Exception {
        return rig.start(Map.of("BOT_GEWE_VARIANT", variant), HostProcess.NO_PACING);
    }

    @Test
    void remarkAndLabelsReachGeweAndTheFriendsOtherLabelsAreKept() throws Exception {
        gewe.makeFriend("wxid_bob", "Bob");
        gewe.setLabels("wxid_bob", List.of("vip"));
        startWith("hosted");

        assertThat(rig.ask("/remark wxid_bob Bob from the fair", "Remark"))
                .isEqualTo("Remark of wxid_bob set to “Bob from the fair”.");
        assertThat(gewe.calls("/contacts/setFriendRemark")).singleElement()
                .satisfies(c -> assertThat(c.json().path("remark").asText()).isEqualTo("Bob from the fair"))
                .satisfies(c -> assertThat(c.json().path("wxid").asText()).isEqualTo("wxid_bob"));
        assertThat(gewe.remarkOf("wxid_bob")).isEqualTo("Bob from the fair");

        assertThat(rig.ask("/label wxid_bob customer 2026", "Label")).startsWith("Labelled ");
        assertThat(gewe.labelsOf("wxid_bob")).containsExactlyInAnyOrder("vip", "customer", "2026");
        String vip = Integer.toString(gewe.labelId("vip").orElseThrow());
        assertThat(gewe.calls("/label/modifyMemberList")).singleElement()
                .satisfies(c -> assertThat(c.json().path("labelIds").asText()).startsWith(vip + ","));

        assertThat(rig.ask("/unlabel wxid_bob customer", "Took")).startsWith("Took the labels ");
        assertThat(gewe.labelsOf("wxid_bob")).containsExactlyInAnyOrder("vip", "2026");
    }

    @Test
    void contactsAreListedFromTheCacheAndKeptCurrentByGewesCallbacks() throws Exception {
        gewe.makeFriend("wxid_alice", "Alice");
        gewe.makeFriend("wxid_albert", "Albert");
        gewe.makeFriend("wxid_carol", "Carol");
        startWith("hosted");

        String listed = rig.ask("/contacts al", "Contacts");
        // The first listing reads every friend from WeChat (the sandbox's demo friend too).
        assertThat(listed).startsWith("Read 4 contacts from WeChat.\nContacts matching “al” (2):").contains("wxid_alice").contains("wxid_albert")
                .doesNotContain("wxid_carol");
        assertThat(gewe.calls("/contacts/fetchContactsList")).hasSize(1);

        // A second listing comes from the cache: GeWe's slow list is not read again.
        rig.ask("/contacts carol", "Contacts");
        assertThat(gewe.calls("/contacts/fetchContactsList")).hasSize(1);

        // A new friend arrives (ModContacts), one leaves (DelContacts): the cache follows both.
        gewe.makeFriend("wxid_alfred", "Alfred");
        assertThat(gewe.callbacks().pushModContacts("wxid_alfred")).isEqualTo(200);
        assertThat(gewe.callbacks().pushDelContacts("wxid_albert")).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Rig.WAIT).untilAsserted(() -> assertThat(rig.ask("/contacts al",
                "Contacts")).startsWith("Contacts matching “al” (2):").contains("wxid_alfred")
                .doesNotContain("wxid_albert"));

        assertThat(rig.ask("/contacts --refresh", "contacts")).startsWith("Read ");
        assertThat(gewe.calls("/contacts/fetchContactsList")).hasSize(2);
    }

    @Test
    void deleteNeedsTheSameAdminsConfirmationAndThenGeweDeletesTheFriend() throws Exception {
        gewe.makeFriend("wxid_gone", "Gone");
        startWith("hosted");

        assertThat(rig.ask("/delete wxid_gone", "confirm")).startsWith("Send /delete wxid_gone confirm within ");
        assertThat(gewe.calls("/contacts/deleteFriend")).isEmpty();

        int mark = rig.mark();
        assertThat(gewe.callbacks().pushText(OTHER_ADMIN, "/delete wxid_gone confirm")).isEqualTo(200);
        assertThat(rig.awaitText(mark, OTHER_ADMIN, "wxid_gone").content()).contains("only they can confirm it");
        assertThat(gewe.calls("/contacts/deleteFriend")).isEmpty();

        assertThat(rig.ask("/delete wxid_gone confirm", "Deleted")).startsWith("Deleted ");
        assertThat(gewe.calls("/contacts/deleteFriend")).singleElement()
                .satisfies(c -> assertThat(c.json().path("wxid").asText()).isEqualTo("wxid_gone"));
        assertThat(gewe.isFriend("wxid_gone")).isFalse();

        assertThat(rig.ask("/delete wxid_gone confirm", "waiting")).isEqualTo(
                "No /delete wxid_gone is waiting for its confirmation; send /delete wxid_gone first.");
        assertThat(gewe.calls("/contacts/deleteFriend")).hasSize(1);
    }

    @Test
    void checkOnHostedGeweTellsEachRelationAndPausesWhenCheckedTooOften() throws Exception {
        gewe.makeFriend("wxid_f1", "F1");
        gewe.makeFriend("wxid_f2", "F2");
        gewe.setRelation("wxid_f2", 2);
        startWith("hosted");

        String relations = rig.ask("/check wxid_f1 wxid_f2", "Relations");
        assertThat(relations).startsWith("Relations (2):").contains("wxid_f1: normal").contains("wxid_f2: blocked you");
        assertThat(gewe.calls("/contacts/checkRelation")).singleElement()
                .satisfies(c -> assertThat(c.json().path("wxids").toString()).isEqualTo("[\"wxid_f1\",\"wxid_f2\"]"));

        gewe.setRelation("wxid_f1", 5);
        assertThat(rig.ask("/check wxid_f1", "often")).contains("/check is paused until ");
        assertThat(rig.ask("/check wxid_f2", "paused")).startsWith("/check is paused until ");
        assertThat(gewe.calls("/contacts/checkRelation")).hasSize(2);
    }

    @Test
    void checkOnSelfHostedGeweSaysGeweDoesNotOfferIt() throws Exception {
        startWith("self-hosted");
        assertThat(rig.ask("/check wxid_f1", "Relation")).startsWith("Relation checks are not possible");
        assertThat(gewe.calls("/contacts/checkRelation")).isEmpty();
    }

    @Test
    void aRiskControlAnswerToARemarkPausesFriendRequestsToo() throws Exception {
        gewe.makeFriend("wxid_bob", "Bob");
        startWith("hosted");
        gewe.faults().once("/contacts/setFriendRemark", Fault.ret500("操作过于频繁"));

        assertThat(rig.ask("/remark wxid_bob Bob", "remark"))
                .isEqualTo("Setting the remark of wxid_bob failed: rate-limited");
        assertThat(rig.ask("/add wxid_demo", "paused")).startsWith("Friend requests are paused until ");
        assertThat(rig.addContacts(2)).isEmpty();
    }
}
