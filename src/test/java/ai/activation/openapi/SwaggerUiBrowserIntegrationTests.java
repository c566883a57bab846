package ai.activation.openapi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Catalog;
import ai.activation.catalog.Parameter;
import ai.activation.openapi.ExampleReferences.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives Debian's headless Chromium through Swagger UI against the running service, as a
 * newcomer would: open it, expand an operation such as {@code POST /activate/sigmoid},
 * Try it out, Execute, and read the answer, which is checked against mpmath's values, not
 * the service's. Skipped where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver}
 * is absent ({@code .ci/run} installs both).
 * <p>
 * With {@code -Ddocs.screenshot=docs/images/swagger-ui.png} it also saves a screenshot of
 * the expanded operation, with its graph, to that file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SwaggerUiBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The operation in the screenshot. */
	private static final String SCREENSHOT_FUNCTION = "sigmoid";

	@LocalServerPort
	private int port;

	private ChromeDriverService service;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	static void requireChromium() {
		assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is absent; apt-get install chromium");
		assumeTrue(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + " is absent; apt-get install chromium-driver");
	}

	@BeforeEach
	void startBrowser(@TempDir Path profile) throws IOException {
		// Both paths are explicit, so Selenium Manager never runs and nothing is
		// downloaded.
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600",
				"--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
		this.browser = new ChromeDriver(this.service, options);
		this.wait = new WebDriverWait(this.browser, TIMEOUT);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
	}

	/**
	 * Sigmoid as the issue asks, and softmax, whose parameters Swagger UI fills in with
	 * their documented defaults.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sigmoid", "softmax" })
	void executingTheExampleInSwaggerUiShowsTheTrueValues(String function) throws IOException {
		this.browser.get("http://localhost:" + this.port + "/swagger-ui.html");
		WebElement operation = this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//div[contains(@class,'opblock-post')][.//*[@data-path='/activate/" + function + "']]")));
		WebElement summary = operation.findElement(By.cssSelector(".opblock-summary-control"));
		scrollToTop(operation);
		summary.click();
		this.wait.until((driver) -> !operation.findElements(By.cssSelector(".opblock-body")).isEmpty());
		WebElement graph = this.wait.until((driver) -> operation
			.findElement(By.cssSelector(".opblock-description-wrapper img[src='/activate/" + function + "/plot']")));
		assertThat(graph.getDomAttribute("alt")).contains(function);
		if (SCREENSHOT_FUNCTION.equals(function)) {
			saveScreenshotIfAsked(operation);
		}

		operation.findElement(By.cssSelector("button.try-out__btn")).click();
		WebElement execute = this.wait
			.until(ExpectedConditions.elementToBeClickable(operation.findElement(By.cssSelector("button.execute"))));
		String request = operation.findElement(By.cssSelector("textarea.body-param__text")).getDomProperty("value");
		execute.click();
		WebElement status = this.wait.until(
				(driver) -> operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_status")));
		assertThat(status.getText().trim()).isEqualTo("200");
		String url = operation.findElement(By.cssSelector(".request-url pre")).getText();
		assertThat(url).startsWith("http://localhost:" + this.port + "/activate/" + function);
		Map<String, String> query = new HashMap<>();
		if (url.contains("?")) {
			for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
				query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		for (Parameter parameter : Catalog.find(function).orElseThrow().parameters()) {
			Object sent = (parameter.type() == Parameter.Type.NUMBER) ? Double.valueOf(query.get(parameter.name()))
					: query.get(parameter.name());
			assertThat(String.valueOf(sent)).as(parameter.name()).isEqualTo(String.valueOf(parameter.defaultValue()));
		}
		String body = operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_description pre"))
			.getText();

		Reference reference = ExampleReferences.load().get(function);
		JsonMapper json = JsonMapper.builder().build();
		assertThat(ExampleReferences.flatten(json.readTree(request).get("values"))).isEqualTo(reference.input());
		JsonNode answer = json.readTree(body);
		assertThat(answer.get("function").asString()).isEqualTo(function);
		assertThat(answer.get("shape").valueStream().map(JsonNode::intValue).toList())
			.isEqualTo(reference.outputShape());
		List<Double> values = ExampleReferences.flatten(answer.get("values"));
		assertThat(values).hasSameSizeAs(reference.output());
		for (int i = 0; i < values.size(); i++) {
			assertThat(ExampleReferences.ulpDistance(values.get(i), reference.output().get(i)))
				.as("output %d: %s against %s", i, values.get(i), reference.output().get(i))
				.isLessThanOrEqualTo(ExampleReferences.ULP_BUDGET);
		}
	}

	private void scrollToTop(WebElement element) {
		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
	}

	/**
	 * Saves the expanded operation, once its graph has loaded (or failed to), when
	 * {@code docs.screenshot} names a file.
	 */
	private void saveScreenshotIfAsked(WebElement operation) throws IOException {
		String target = System.getProperty("docs.screenshot");
		if (target == null || target.isBlank()) {
			return;
		}
		WebElement graph = operation.findElement(By.cssSelector(".opblock-description-wrapper img"));
		this.wait.until((driver) -> Boolean.TRUE
			.equals(((JavascriptExecutor) driver).executeScript("return arguments[0].complete;", graph)));
		scrollToTop(operation);
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		Path path = Path.of(target).toAbsolutePath();
		Files.createDirectories(path.getParent());
		Files.copy(shot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
	}

}
