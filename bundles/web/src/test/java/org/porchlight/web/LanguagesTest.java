package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    private static final Locale ES = Locale.forLanguageTag("es");
    private final Languages languages = new Languages("en", Duration.ofDays(365));

    private static FakeHttp.Request request() {
        return new FakeHttp.Request();
    }

    private Locale choose(FakeHttp.Request request, FakeHttp.Response response) {
        return languages.choose(request.build(), response.build(), Optional::empty);
    }

    @Test
    void theBrowsersPreferenceChoosesAmongThePortalsLanguages() {
        assertThat(Languages.fromHeader("es")).contains(ES);
        assertThat(Languages.fromHeader("es-MX,es;q=0.9,en;q=0.5")).contains(ES);
        assertThat(Languages.fromHeader("fr-FR, es;q=0.4, en;q=0.3")).contains(ES);
        assertThat(Languages.fromHeader("en-US,en;q=0.9")).contains(Locale.ENGLISH);
        assertThat(Languages.fromHeader("de, fr")).isEmpty();
        assertThat(Languages.fromHeader("es;q=0.1, en;q=0.9")).contains(Locale.ENGLISH);
        assertThat(Languages.fromHeader(";;;garbage===")).isEmpty();
        assertThat(Languages.fromHeader("x".repeat(5000))).isEmpty();
        assertThat(Languages.fromHeader(null)).isEmpty();
    }

    @Test
    void aVisitorWithoutPreferenceGetsTheConfiguredDefault() {
        assertThat(choose(request(), new FakeHttp.Response())).isEqualTo(Locale.ENGLISH);
        assertThat(new Languages("es", Duration.ZERO).choose(request().header("Accept-Language", "de").build(),
                new FakeHttp.Response().build(), Optional::empty)).isEqualTo(ES);
        assertThat(new Languages("klingon", Duration.ZERO)
                .choose(request().build(), new FakeHttp.Response().build(), Optional::empty))
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theSwitchWinsAndIsRemembered() {
        FakeHttp.Response response = new FakeHttp.Response();
        assertThat(choose(request().parameter("lang", "es").header("Accept-Language", "en"), response)).isEqualTo(ES);
        assertThat(response.first("Set-Cookie")).isEqualTo("pl_lang=es; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");

        assertThat(choose(request().cookie("pl_lang", "es").header("Accept-Language", "en"), new FakeHttp.Response()))
                .isEqualTo(ES);
        assertThat(choose(request().cookie("pl_lang", "en").header("Accept-Language", "es"), new FakeHttp.Response()))
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anUnknownLanguageIsNeverChosenNorRemembered() {
        FakeHttp.Response response = new FakeHttp.Response();
        assertThat(choose(request().parameter("lang", "fr").header("Accept-Language", "es"), response)).isEqualTo(ES);
        assertThat(response.all("Set-Cookie")).isEmpty();
        assertThat(choose(request().parameter("lang", "es; Path=/evil"), new FakeHttp.Response()))
                .isEqualTo(Locale.ENGLISH);
        assertThat(choose(request().cookie("pl_lang", "<b>"), new FakeHttp.Response())).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void theAccountsOwnChoiceComesAfterTheSwitchAndBeforeTheBrowser() {
        Supplier<Optional<Locale>> spanish = () -> Optional.of(ES);
        FakeHttp.Response response = new FakeHttp.Response();
        assertThat(languages.choose(request().header("Accept-Language", "en").build(), response.build(), spanish)).isEqualTo(ES);
        assertThat(response.all("Set-Cookie")).as("the profile is the account's, not the browser's to remember").isEmpty();
        assertThat(languages.choose(request().cookie("pl_lang", "en").build(), new FakeHttp.Response().build(), spanish))
                .isEqualTo(Locale.ENGLISH);
        assertThat(languages.choose(request().parameter("lang", "en").build(), new FakeHttp.Response().build(), spanish))
                .isEqualTo(Locale.ENGLISH);
        assertThat(languages.choose(request().header("Accept-Language", "es").build(), new FakeHttp.Response().build(),
                () -> Optional.of(Locale.GERMAN))).as("only the portal's languages").isEqualTo(ES);
    }
}
