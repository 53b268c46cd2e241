package io.gewebot.contacts.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.sandbox.GeweSandbox;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The same jar, put on a plain class loader, is found by {@link ServiceLoader} and works. */
class ServiceLoaderIT {

    @Test
    void theJarOnAPlainClassLoaderProvidesAWorkingContactAction() throws IOException {
        PluginJar.assertNotOnTestClassPath();
        URL jar = PluginJar.path().toUri().toURL();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, getClass().getClassLoader());
             GeweSandbox gewe = GeweSandbox.start()) {
            List<ServiceLoader.Provider<ContactAction>> providers =
                    ServiceLoader.load(ContactAction.class, loader).stream().toList();

            assertThat(providers).hasSize(1);
            assertThat(providers.get(0).type().getName()).isEqualTo(PluginJar.ACTION_CLASS);
            assertThat(providers.get(0).type().getClassLoader()).isSameAs(loader);

            try (ContactAction action = providers.get(0).get()) {
                action.configure(PluginJar.settings(gewe));
                ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_PHONE, "Hi"));

                assertThat(outcome).isEqualTo(new Done(Optional.empty(), Optional.of("Demo By Phone")));
                assertThat(gewe.calls("/contacts/addContacts").get(0).json().get("scene").asInt()).isEqualTo(15);
            }
        }
    }
}
