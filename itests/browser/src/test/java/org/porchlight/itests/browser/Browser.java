package org.porchlight.itests.browser;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Headless Chromium driven by ChromeDriver, both from Debian's packages at paths given
 * explicitly (nothing is downloaded), with a throw-away profile; screenshots and axe-core checks.
 */
public final class Browser implements AutoCloseable {

    /** The WCAG 2.1 A and AA rules: the portal's accessibility bar. */
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final WebDriver driver;
    private final Path profile;
    private final Path downloads;

    private Browser(WebDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** A browser that asks for pages in {@code language} (an Accept-Language tag such as "en" or "es"). */
    public static Browser open(String language) {
        try {
            Path profile = Files.createTempDirectory("porchlight-chromium");
            Path downloads = Files.createDirectories(profile.resolve("downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("porchlight.chromium", "/usr/bin/chromium"));
            // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,900", "--user-data-dir=" + profile, "--lang=" + language);
            // Headless Chromium saves a download only where it is told to, and without asking.
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                    "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(System.getProperty("porchlight.chromedriver", "/usr/bin/chromedriver")))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Presses Tab from where the focus is until {@code target} has it: it must be reachable by keyboard. */
    public WebElement tabTo(WebElement target) {
        Actions keys = new Actions(driver);
        for (int i = 0; i < 60; i++) {
            if (driver.switchTo().activeElement().equals(target)) {
                return target;
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("not reachable with the Tab key: " + target.getTagName() + " " + target.getText());
    }

    /** Types {@code text} into the field with {@code id}, replacing what it held. */
    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Presses Enter on a button that asks first (data-confirm), and says yes. */
    public void confirm(WebElement button) {
        tabTo(button).sendKeys(Keys.ENTER);
        await().until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** The text of the page's notice (the outcome of the last change, role status). */
    public String notice() {
        return driver.findElement(By.cssSelector("main .notice[role=status]")).getText();
    }

    /**
     * Waits until a modules page ({@code page}, e.g. {@code /admin/modules}) reports {@code action} done
     * ({@code ?done=<action>&id=<id>}); returns the module's id.
     */
    public long awaitModuleDone(String page, String action) {
        await().until(ExpectedConditions.urlContains("done=" + action));
        Matcher m = Pattern.compile(".*" + Pattern.quote(page) + "\\?done=" + action + "&id=(\\d+)$").matcher(driver.getCurrentUrl());
        assertTrue(driver.getCurrentUrl(), m.matches());
        return Long.parseLong(m.group(1));
    }

    /** The button of {@code action} (stop, start, uninstall) in the row of module {@code id} of a modules page. */
    public WebElement moduleButton(long id, String action) {
        return driver.findElement(By.id("module-" + id)).findElement(By.cssSelector("form[action$='/" + action + "'] button"));
    }

    /** A wait of up to 20 s for something the page should come to show. */
    public WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /**
     * Waits until the browser has saved the download {@code fileName} (in the profile's downloads folder, gone
     * with the browser), complete: no partial file of it left. Returns the file's path.
     */
    public Path awaitDownload(String fileName) {
        Path file = downloads.resolve(fileName);
        Path partial = downloads.resolve(fileName + ".crdownload");
        try {
            await().withMessage("the download " + fileName + " in " + downloads)
                    .until(d -> Files.isRegularFile(file) && !Files.exists(partial));
        } catch (TimeoutException e) {
            throw new AssertionError("not downloaded: " + fileName + "; the folder holds "
                    + Arrays.toString(downloads.toFile().list()), e);
        }
        return file;
    }

    /** Saves what the browser shows as {@code name}.png under target/screenshots. */
    public Path screenshot(String name) {
        Path folder = Path.of(System.getProperty("porchlight.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every WCAG 2.1 AA violation axe-core finds on the page shown, naming rule, impact and elements. */
    public void assertAccessible(String page) {
        if (!driver.findElements(By.cssSelector("[data-map]")).isEmpty()) {
            // a map is checked as drawn: once Leaflet has made it a map, with its controls and attribution
            await().until(d -> d.findElements(By.cssSelector("[data-map]:not(.leaflet-container)")).isEmpty());
        }
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        if (results.getViolations() != null && !results.getViolations().isEmpty()) {
            fail(page + ": " + results.getViolations().size() + " accessibility violation(s)\n" + results.getViolations().stream()
                    .map(Browser::describe).collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is not worth failing a test for.
        }
    }
}
