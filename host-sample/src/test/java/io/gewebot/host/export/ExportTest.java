package io.gewebot.host.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.Listing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What {@code export} reads of a contact plugin, and what it tells and writes. */
class ExportTest {

    private static final String TOKEN = "tok-export-7c1d";
    private static final ExportConfig TO_STDOUT = new ExportConfig(ContactSettings.of(Map.of(
            ContactSettings.BASE_URL, "http://gewe:2531/v2/api", ContactSettings.TOKEN, TOKEN,
            ContactSettings.APP_ID, "wx_1")), Path.of("plugins"), "", Optional.empty(), "en");

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int export(ContactAction contacts) {
        return Export.run(TO_STDOUT, contacts, stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private static List<Contact> friends(int count) {
        return IntStream.range(0, count).mapToObj(i -> new Contact("wxid_" + i, "F" + i, "", "", List.of())).toList();
    }

    private byte[] csv(List<Contact> contacts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContactsCsv.write(contacts, out);
        return out.toByteArray();
    }

    @Test
    void aLargeAddressBookIsReadAHundredProfilesAtATimeWithAProgressLineAfterEach() throws IOException {
        List<Contact> all = friends(250);
        AddressBook book = new AddressBook(all);

        assertThat(export(book)).isEqualTo(Export.EXIT_OK);

        assertThat(book.asked).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(err()).isEqualTo("Read 100 of 250 friends...\nRead 200 of 250 friends...\n"
                + "Read 250 of 250 friends...\nExported 250 friends to standard output.\n");
        assertThat(stdout.toByteArray()).isEqualTo(csv(all));
    }

    @Test
    void aPluginWrittenBeforeFriendWxidsIsReadInOneGoWithoutProgress() throws IOException {
        List<Contact> all = friends(150);
        OldAddressBook book = new OldAddressBook(new Listing.Listed<>(all));

        assertThat(export(book)).isEqualTo(Export.EXIT_OK);

        assertThat(err()).isEqualTo("Exported 150 friends to standard output.\n");
        assertThat(stdout.toByteArray()).isEqualTo(csv(all));
    }

    @Test
    void aPluginWithoutAnAddressBookExits1SayingSoAndWritesNothing() {
        assertThat(export(new OldAddressBook(Listing.unsupported("friends")))).isEqualTo(Export.EXIT_FAILED);

        assertThat(err()).isEqualTo("The contact plugin cannot list the friends: friends is not supported\n");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void aFailureIsToldWithItsKindAndGewesTextsAndNeverTheToken() {
        ContactOutcome.Failed refused = ContactOutcome.Failed.platform(FailureKind.TOKEN_INVALID, 500,
                "HTTP HEADER: X-GEWE-TOKEN=" + TOKEN + " invalid", null, null);

        assertThat(export(new OldAddressBook(new Listing.NotListed<>(refused)))).isEqualTo(Export.EXIT_FAILED);

        assertThat(err()).isEqualTo("GeWe did not give the address book (the token is not valid): "
                + "HTTP HEADER: X-GEWE-TOKEN=*** invalid\n");
        assertThat(stdout.size()).isZero();
    }

    /** A plugin that lists wxids, then profiles as asked. */
    private static final class AddressBook extends OldAddressBook {
        private final List<Contact> all;
        final List<List<String>> asked = new ArrayList<>();

        AddressBook(List<Contact> all) {
            super(Listing.unsupported("friends"));
            this.all = all;
        }

        @Override
        public Listing<String> friendWxids() {
            return new Listing.Listed<>(all.stream().map(Contact::wxid).toList());
        }

        @Override
        public Listing<Contact> profiles(List<String> wxids) {
            asked.add(List.copyOf(wxids));
            return new Listing.Listed<>(all.stream().filter(c -> wxids.contains(c.wxid())).toList());
        }
    }

    /** A plugin written before friendWxids: its friends in one go, or why not. */
    private static class OldAddressBook implements ContactAction {
        private final Listing<Contact> friends;

        OldAddressBook(Listing<Contact> friends) {
            this.friends = friends;
        }

        @Override
        public Listing<Contact> friends() {
            return friends;
        }

        @Override
        public String name() {
            return "old";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            throw new UnsupportedOperationException();
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
