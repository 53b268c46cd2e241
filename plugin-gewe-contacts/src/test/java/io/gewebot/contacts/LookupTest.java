package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactOutcome.Found;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.Person;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.OutgoingRequest;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Looking people up apart from sending, and sending with what the lookup found. */
class LookupTest {

    private static final String SEARCH = "/contacts/search";
    private static final String ADD = "/contacts/addContacts";

    private GeweSandbox gewe;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        action = new GeweContactAction(new OpenActions());
        action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.DEFAULT_GREETING, "Hello")));
    }

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    private Person found(String target) {
        ContactOutcome outcome = action.lookup(target);
        assertThat(outcome).isInstanceOf(Found.class);
        return ((Found) outcome).person();
    }

    @Test
    void aPhoneNumberAndAWxidOfOneStrangerGiveOnePersonAndSendNothing() {
        Person byPhone = found(GeweSandbox.DEMO_PHONE);
        Person byWxid = found(GeweSandbox.DEMO_PHONE_WXID);

        assertThat(byPhone.key()).startsWith("v3_").isEqualTo(byWxid.key()).isEqualTo(byPhone.v3());
        assertThat(byPhone.friend()).isFalse();
        assertThat(byPhone.nickname()).isEqualTo("Demo By Phone");
        assertThat(byPhone.wxid()).isEmpty();
        assertThat(byWxid.wxid()).contains(GeweSandbox.DEMO_PHONE_WXID);
        assertThat(byPhone.v4()).startsWith("v4_").isNotEqualTo(byWxid.v4());
        assertThat(byPhone.scene()).isEqualTo(OptionalInt.of(15));
        assertThat(byWxid.scene()).isEqualTo(OptionalInt.of(3));
        assertThat(byPhone.identified()).isTrue();
        assertThat(gewe.calls(SEARCH)).hasSize(2);
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void aWeChatIdAndAWxidOfOneStrangerGiveOnePerson() {
        assertThat(found(GeweSandbox.DEMO_ALIAS).key()).isEqualTo(found(GeweSandbox.DEMO_ALIAS_WXID).key());
    }

    @Test
    void aFriendIsFoundAsAFriendKeyedByTheirWxid() {
        Person friend = found(GeweSandbox.DEMO_FRIEND);

        assertThat(friend.friend()).isTrue();
        assertThat(friend.key()).isEqualTo(GeweSandbox.DEMO_FRIEND);
        assertThat(friend.wxid()).contains(GeweSandbox.DEMO_FRIEND);
        assertThat(friend.identified()).isTrue();
    }

    @Test
    void nobodyIsNotFoundWithGewesTexts() {
        ContactOutcome outcome = action.lookup("wxid_nobody");

        assertThat(outcome).isInstanceOf(Failed.class);
        Failed failed = (Failed) outcome;
        assertThat(failed.kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failed.texts()).isEqualTo("搜索联系人失败: 用户不存在");
        assertThat(failed.possiblyDelivered()).isFalse();
    }

    @Test
    void addingALookedUpPersonSendsTheirTicketsWithoutSearchingAgain() {
        Person person = found(GeweSandbox.DEMO_PHONE);

        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_PHONE, "Hi"), person);

        assertThat(outcome).isEqualTo(new Done(Optional.empty(), Optional.of("Demo By Phone")));
        assertThat(gewe.calls(SEARCH)).hasSize(1);
        assertThat(gewe.calls(ADD)).singleElement().satisfies(call -> {
            assertThat(call.json().get("v3").asText()).isEqualTo(person.v3());
            assertThat(call.json().get("v4").asText()).isEqualTo(person.v4());
            assertThat(call.json().get("scene").asInt()).isEqualTo(15);
        });
        assertThat(gewe.outgoingRequests()).containsExactly(new OutgoingRequest(GeweSandbox.DEMO_PHONE_WXID, 15, "Hi"));
    }

    @Test
    void addingALookedUpFriendSendsNothing() {
        Person friend = found(GeweSandbox.DEMO_FRIEND);

        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_FRIEND), friend);

        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(((Refused) outcome).reason()).isEqualTo(Reason.ALREADY_FRIEND);
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void addingSomeoneKnownOnlyAsTypedSearchesAsAPlainAddDoes() {
        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_ALIAS), Person.asTyped(GeweSandbox.DEMO_ALIAS));

        assertThat(outcome).isInstanceOf(Done.class);
        assertThat(gewe.calls(SEARCH)).hasSize(1);
        assertThat(gewe.outgoingRequests()).containsExactly(new OutgoingRequest(GeweSandbox.DEMO_ALIAS_WXID, 3, "Hello"));
    }

    @Test
    void aPluginWithoutLookupStillAddsThroughTheDefaults() {
        ContactAction old = new OnlyAdd();

        ContactOutcome lookup = old.lookup(" Demo_Alias ");
        assertThat(lookup).isEqualTo(new Found(Person.asTyped("demo_alias")));
        assertThat(((Found) lookup).person().identified()).isFalse();
        assertThat(old.add(AddRequest.of("demo_alias"), ((Found) lookup).person()))
                .isEqualTo(new Done(Optional.of("added demo_alias"), Optional.empty()));
    }

    /** A plugin written before lookups: only the original operations. */
    private static final class OnlyAdd implements ContactAction {
        @Override
        public String name() {
            return "only-add";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            return new Done(Optional.of("added " + request.target()), Optional.empty());
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            throw new UnsupportedOperationException();
        }
    }
}
