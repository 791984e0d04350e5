package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.PortalResources;

class TemplatesTest {

    private final ClassLoader loader = getClass().getClassLoader();
    private final Templates templates = new Templates(new Messages(loader));

    private Map<String, Object> common(String lang) {
        Map<String, Object> model = new HashMap<>();
        model.put("installationName", "Kansas <City>");
        model.put("lang", lang);
        model.put("csrf", "token-1");
        model.put("csrfField", "csrf");
        model.put("signedIn", false);
        model.put("role", "");
        model.put("path", "/");
        model.put("navigation", List.of());
        model.put("languages", List.of(Map.of("code", "en", "name", "English", "current", true),
                Map.of("code", "es", "name", "español", "current", false)));
        model.put("tileServerUrl", "");
        model.put("tileAttribution", "© OpenStreetMap contributors");
        model.put("scripts", List.of());
        return model;
    }

    @Test
    void whatAPageShowsIsEscaped() throws Exception {
        Map<String, Object> model = common("en");
        model.put("agencies", List.of(Map.of("code", "KCPD", "name", "<script>alert(1)</script>", "transparency",
                "/api/public/agencies/KCPD/transparency\"onmouseover=\"x")));
        String html = templates.render(loader, "home", Locale.ENGLISH, model);
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Welcome to Kansas &lt;City&gt;")
                .doesNotContain("<script>", "\"onmouseover");
    }

    @Test
    void theLayoutHasTheLandmarksOfAnAccessiblePage() throws Exception {
        Map<String, Object> model = common("es");
        model.put("title", "Inicio");
        model.put("body", "<h1>Hola</h1>");
        model.put("scripts", List.of("/static/incentives/raffle.js"));
        String html = templates.render(loader, "layout", Locale.forLanguageTag("es"), model);
        assertThat(html).contains("<script src=\"/static/incentives/raffle.js\" defer></script>",
                "<script src=\"/static/porchlight.js\" defer></script>");
        assertThat(html).contains("<html lang=\"es\">", "<a class=\"skip-link\" href=\"#main\">Saltar al contenido</a>",
                "<header", "<main id=\"main\"", "<footer", "<h1>Hola</h1>", "<script src=\"/static/htmx.min.js\" defer></script>",
                "Iniciar sesión");
    }

    @Test
    void theSignInFormLabelsEveryFieldAndCarriesTheToken() throws Exception {
        Map<String, Object> model = common("en");
        model.put("error", "signin.failed");
        model.put("email", "someone@example.org");
        String html = templates.render(loader, "sign-in", Locale.ENGLISH, model);
        assertThat(html).contains("<label for=\"email\">", "<label for=\"password\">", "name=\"csrf\" value=\"token-1\"",
                "The e-mail address or the password is wrong.", "role=\"alert\"", "method=\"post\" action=\"/sign-in\"");
    }

    @Test
    void onlyTemplateNamesOfTheBundleAreRendered() {
        for (String name : new String[] {"../etc/passwd", "/layout", "Layout", "layout.ftlh", "a//b", ""}) {
            assertThatThrownBy(() -> templates.render(loader, name, Locale.ENGLISH, Map.of())).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The Content-Security-Policy refuses inline scripts, styles and handlers: no template may rely on them. */
    @Test
    void noTemplateHasInlineScriptsStylesOrHandlers() throws IOException {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
    }

    @Test
    void everyEnglishTextHasASpanishOne() throws IOException {
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }
}
