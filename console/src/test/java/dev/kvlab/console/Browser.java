package dev.kvlab.console;

import dev.kvlab.testing.RequiredTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through the system's chromedriver (Selenium Manager's own downloads do not
 * work here, so both paths are given explicitly, as found on the PATH). A test class that starts one says
 * {@code @RequiresTool} for both, so a machine without them skips it (fails under CI=true) with the package to install.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        return start(true);
    }

    static Browser start(boolean javascript) {
        System.setProperty("SE_AVOID_STATS", "true");
        try {
            Path profile = Files.createTempDirectory("kvlab-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(RequiredTools.path("chromium").toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-proxy-server", "--window-size=1280,1100", "--user-data-dir=" + profile);
            if (!javascript) {
                options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(RequiredTools.path("chromedriver").toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    /** Opens the console's page of one exercise: its instructions, its actions and their results. */
    void openExercise(String consoleUrl, Exercise exercise) {
        driver.get(consoleUrl + "?exercise=" + exercise.id());
    }

    /** Resizes the window so the page itself (the viewport) is {@code width} x {@code height} CSS pixels. */
    void viewport(int width, int height) {
        for (int i = 0; i < 3; i++) {
            @SuppressWarnings("unchecked")
            List<Number> inner = (List<Number>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
            int dw = width - inner.get(0).intValue();
            int dh = height - inner.get(1).intValue();
            if (dw == 0 && dh == 0) {
                return;
            }
            org.openqa.selenium.Dimension outer = driver.manage().window().getSize();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(outer.getWidth() + dw, outer.getHeight() + dh));
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks a button and waits until the results region shows a new result (with or without JavaScript). */
    void clickAndWait(String buttonId) {
        String before = resultMarker();
        find("#" + buttonId).click();
        awaitNewResult(before);
    }

    String resultMarker() {
        Object marker = driver.executeScript("return document.getElementById('live').innerHTML + location.search");
        return marker == null ? "" : marker.toString();
    }

    void awaitNewResult(String before) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            try {
                return !resultMarker().equals(before)
                        && !d.findElements(By.cssSelector("#outcome, #check-report")).isEmpty()
                        && d.findElements(By.cssSelector("button[disabled]")).isEmpty();
            } catch (RuntimeException stale) {
                return false;   // the page is being replaced (no-JavaScript post)
            }
        });
    }

    String text(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))).getText();
    }

    String html() {
        return driver.getPageSource();
    }

    /** Saves a screenshot as console/target/screenshots/NAME.png, the test's artifact. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
