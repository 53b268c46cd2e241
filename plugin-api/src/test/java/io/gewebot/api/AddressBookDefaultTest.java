package io.gewebot.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An extension written before the address book existed answers each of its operations plainly: unsupported. */
class AddressBookDefaultTest {

    private final ContactAction old = new CheckAccountDefaultTest.OldExtension();

    private static Refused unsupported(String operation) {
        return new Refused(Reason.UNSUPPORTED, operation + " is not supported");
    }

    @Test
    void everyChangeIsRefusedAsUnsupported() {
        assertThat(old.setRemark("wxid_a", "Ann")).isEqualTo(unsupported("setRemark"));
        assertThat(old.addLabels("wxid_a", List.of("VIP"))).isEqualTo(unsupported("addLabels"));
        assertThat(old.removeLabels("wxid_a", List.of("VIP"))).isEqualTo(unsupported("removeLabels"));
        assertThat(old.deleteFriend("wxid_a")).isEqualTo(unsupported("deleteFriend"));
    }

    @Test
    void everyListingIsNotListedAsUnsupported() {
        assertThat(old.friends()).isEqualTo(new Listing.NotListed<Contact>(unsupported("friends")));
        assertThat(old.friendWxids()).isEqualTo(new Listing.NotListed<String>(unsupported("friendWxids")));
        assertThat(old.profiles(List.of("wxid_a"))).isEqualTo(new Listing.NotListed<Contact>(unsupported("profiles")));
        assertThat(old.checkRelations(List.of("wxid_a")))
                .isEqualTo(new Listing.NotListed<Relation>(unsupported("checkRelations")));
    }
}
