package ai.activation.explorer;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleFunction;
import java.util.logging.Level;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives Debian's headless Chromium through the explorer at {@code /} as a newcomer
 * would: find a function, move a parameter, turn the derivative on, compare functions,
 * try numbers, and run the softmax overflow demonstration. Every number the page shows is
 * checked against apfloat, never against the service; and any error the browser's console
 * reports fails the test. Skipped where {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is absent ({@code .ci/run} installs both, and fails if
 * this test skipped).
 * <p>
 * With {@code -Ddocs.screenshots=docs/images} it also saves the README's screenshots
 * there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ExplorerBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** The number of points the page samples a curve at. */
	private static final int SAMPLES = 201;

	/** The service promises 4 ulp for every value of every function. */
	private static final double VALUE_ULP_BUDGET = 4;

	/**
	 * The budget for σ′(x) = σ(x)(1 − σ(x)): the kernels' derivatives promise their
	 * documented bound of the correctly rounded derivative; 8 ulp holds any such bound
	 * the catalog documents for a logistic derivative.
	 */
	private static final double DERIVATIVE_ULP_BUDGET = 8;

	/**
	 * The working precision of the references, in decimal digits: enough for the 17 the
	 * erf series loses to cancellation at |x| = 6, and the 9 that 1 + erf loses there.
	 */
	private static final long DIGITS = 80;

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
				"--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000",
				"--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		this.browser = new ChromeDriver(this.service, options);
		this.wait = new WebDriverWait(this.browser, TIMEOUT);
	}

	/** Fails the test on any error in the browser's console, then closes the browser. */
	@AfterEach
	void noConsoleErrorsThenStopBrowser() {
		try {
			if (this.browser != null) {
				assertThat(consoleErrors()).as("errors in the browser console").isEmpty();
			}
		}
		finally {
			if (this.browser != null) {
				this.browser.quit();
			}
			if (this.service != null) {
				this.service.stop();
			}
		}
	}

	@Test
	void theConsoleCheckSeesAnErrorThePageLogs() {
		open();
		script("console.error('probe from the test');");
		// Reading drains the browser's log, so the check after the test starts clean.
		assertThat(consoleErrors()).anySatisfy((message) -> assertThat(message).contains("probe from the test"));
	}

	@Test
	void everyCatalogFunctionIsListedInItsGroupWithTheSeedFirst() {
		open();
		List<String> listed = this.browser.findElements(By.cssSelector("#groups button[data-function]"))
			.stream()
			.map((button) -> button.getDomAttribute("data-function"))
			.toList();
		assertThat(listed)
			.containsExactlyInAnyOrderElementsOf(Catalog.all().stream().map(Activation::canonicalName).toList());
		assertThat(listed.subList(0, 5)).containsExactly("step", "sigmoid", "relu", "softmax", "identity");
		List<String> groups = this.browser.findElements(By.cssSelector("#groups section h3"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(groups).containsExactly("The seed five", "Rectifiers", "Smooth units", "Shrinkage", "Gates",
				"Exponentials", "Along an axis");
		for (Activation function : Catalog.all()) {
			WebElement button = this.browser
				.findElement(By.cssSelector("#groups button[data-function='" + function.canonicalName() + "']"));
			assertThat(button.getText()).isEqualTo(function.canonicalName());
		}
	}

	@Test
	void aFunctionIsFoundByItsAliasAndPickedWithTheKeyboardAlone() {
		open();
		WebElement filter = this.browser.findElement(By.id("filter"));
		filter.click();
		filter.sendKeys("swish");
		// silu is also called swish; hardswish has it in its name.
		assertThat(visibleFunctions()).containsExactly("silu", "hardswish");
		filter.sendKeys(Keys.TAB);
		WebElement focused = this.browser.switchTo().activeElement();
		assertThat(focused.getDomAttribute("data-function")).isEqualTo("silu");
		focused.sendKeys(Keys.ENTER);
		this.wait.until((driver) -> "silu".equals(text("function-name")));
		waitForColumn("silu(x)");
		assertThat(text("function-aliases")).contains("swish");
		// The formula is typeset by KaTeX from the catalog's LaTeX.
		assertThat(this.browser.findElements(By.cssSelector("#function-formula .katex"))).isNotEmpty();
		assertThat(
				this.browser.findElement(By.cssSelector("#function-formula annotation")).getDomProperty("textContent"))
			.isEqualTo(Catalog.find("silu").orElseThrow().latex());
	}

	@Test
	void movingGelusApproximateRedrawsTheCurveWithTheTanhForm() {
		open();
		pick("gelu");
		List<Double> exact = column(waitForColumn("gelu(x)"));
		List<Double> x = column("x");
		assertWithin(x, exact, ExplorerBrowserIntegrationTests::gelu, VALUE_ULP_BUDGET, "gelu");

		new Select(this.browser.findElement(By.id("param-approximate"))).selectByValue("tanh");
		List<Double> tanh = column(waitForColumn("gelu(x) · approximate=tanh"));
		assertThat(tanh).isNotEqualTo(exact);
		assertThat(column("x")).isEqualTo(x);
		assertWithin(x, tanh, ExplorerBrowserIntegrationTests::geluTanh, VALUE_ULP_BUDGET, "gelu tanh");
		saveScreenshot("explorer.png", 1280, 1300, null);
	}

	@Test
	void theDerivativeOfSigmoidIsTheTrueDerivative() {
		open();
		pick("sigmoid");
		this.browser.findElement(By.id("derivative")).click();
		List<Double> derivative = column(waitForColumn("d/dx sigmoid(x)"));
		List<Double> x = column("x");
		assertThat(derivative).hasSize(SAMPLES);
		assertWithin(x, derivative, ExplorerBrowserIntegrationTests::sigmoidDerivative, DERIVATIVE_ULP_BUDGET,
				"sigmoid'");
		assertWithin(x, column("sigmoid(x)"), ExplorerBrowserIntegrationTests::sigmoid, VALUE_ULP_BUDGET, "sigmoid");
	}

	@Test
	void reluAndSiluAreOverlaidWithALegendInDistinctColours() {
		open();
		pick("relu");
		this.browser.findElement(By.id("compare")).click();
		pick("silu");
		this.browser.findElement(By.id("compare")).click();
		waitForColumn("relu(x)");
		waitForColumn("silu(x)");
		this.wait.until((driver) -> driver.findElements(By.cssSelector("#overlays li")).size() == 2);
		List<Double> x = column("x");
		List<Double> relu = column("relu(x)");
		for (int i = 0; i < x.size(); i++) {
			assertThat(relu.get(i)).as("relu(%s)", x.get(i)).isEqualTo(Math.max(0, x.get(i)));
		}
		assertWithin(x, column("silu(x)"), ExplorerBrowserIntegrationTests::silu, VALUE_ULP_BUDGET, "silu");

		List<String> legend = this.browser.findElements(By.cssSelector("#chart .u-legend .u-series .u-label"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(legend).containsExactly("x", "relu(x)", "silu(x)");
		List<String> colours = this.browser.findElements(By.cssSelector("#chart .u-legend .u-series .u-marker"))
			.stream()
			.skip(1)
			.map((marker) -> marker.getCssValue("border-color"))
			.toList();
		assertThat(colours).hasSize(2).doesNotHaveDuplicates();

		// With the derivative on, both get theirs: relu′ is 1 for x > 0 and 0 otherwise,
		// 0 at the kink as PyTorch's autograd takes it.
		this.browser.findElement(By.id("derivative")).click();
		List<Double> reluDerivative = column(waitForColumn("d/dx relu(x)"));
		for (int i = 0; i < x.size(); i++) {
			assertThat(reluDerivative.get(i)).as("relu'(%s)", x.get(i)).isEqualTo((x.get(i) > 0) ? 1.0 : 0.0);
		}
		assertThat(column(waitForColumn("d/dx silu(x)"))).hasSize(SAMPLES);
		saveScreenshot("explorer-compare.png", 1280, 1000, "chart-title");
	}

	@Test
	void theXRangeZoomsAndPans() {
		open();
		pick("tanh");
		waitForColumn("tanh(x)");
		this.browser.findElement(By.id("zoom-in")).click();
		this.wait.until((driver) -> firstAndLastX().equals(List.of(-3.0, 3.0)));
		this.browser.findElement(By.id("pan-right")).click();
		this.wait.until((driver) -> firstAndLastX().equals(List.of(-1.5, 4.5)));
		WebElement chart = this.browser.findElement(By.id("chart"));
		chart.sendKeys("0");
		this.wait.until((driver) -> firstAndLastX().equals(List.of(-6.0, 6.0)));
		assertWithin(column("x"), column("tanh(x)"), ExplorerBrowserIntegrationTests::tanh, VALUE_ULP_BUDGET, "tanh");
	}

	@Test
	void tryItAnswersTheNumbersTypedAndItsCurlCommandGivesTheSameAnswer() throws Exception {
		open();
		pick("leaky_relu");
		WebElement slope = this.browser.findElement(By.id("param-negative_slope"));
		slope.clear();
		slope.sendKeys("0.5");
		waitForColumn("leaky_relu(x) · negative_slope=0.5");
		WebElement input = this.browser.findElement(By.id("try-input"));
		input.clear();
		input.sendKeys("-4, 0, 2.5");
		this.browser.findElement(By.id("try-run")).click();
		this.wait.until((driver) -> text("try-result").startsWith("{"));
		String result = text("try-result");
		assertThat(result).startsWith("{\"function\":\"leaky_relu\",\"shape\":[3],\"values\":[-2,0,2.5]}");
		String curl = this.browser.findElement(By.id("try-curl")).getDomProperty("value");
		assertThat(curl).isEqualTo("curl -s 'http://localhost:" + this.port
				+ "/activate/leaky_relu?negative_slope=0.5' -H 'Content-Type: application/json' -d '{\"values\":[-4,0,2.5]}'");
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "/usr/bin/curl is absent; apt-get install curl");
		Process process = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(answer).isEqualTo("{\"function\":\"leaky_relu\",\"shape\":[3],\"values\":[-2.0,0.0,2.5]}");
	}

	@Test
	void tryItTakesAMatrixForAFunctionAlongAnAxis() {
		open();
		pick("softmax");
		WebElement input = this.browser.findElement(By.id("try-input"));
		input.clear();
		input.sendKeys("1 2\n3 5");
		WebElement axis = this.browser.findElement(By.id("try-axis"));
		axis.clear();
		axis.sendKeys("0");
		this.browser.findElement(By.id("try-run")).click();
		this.wait.until((driver) -> text("try-result").startsWith("{"));
		assertThat(text("try-result")).contains("\"shape\":[2,2]");
		assertThat(this.browser.findElement(By.id("try-curl")).getDomProperty("value"))
			.contains("/activate/softmax?axis=0'")
			.contains("'{\"values\":[[1,2],[3,5]]}'");
	}

	@Test
	void softmax2dIsDrawnAsTheSigmoidOverTheChannelsAndTriedOnAnImage() {
		open();
		pick("softmax2d");
		// the slice [x, 0] goes in as the two channels of each pixel of one image
		List<Double> values = column(waitForColumn("softmax2d([x, 0])[0]"));
		List<Double> x = column("x");
		assertWithin(x, values, ExplorerBrowserIntegrationTests::sigmoid, VALUE_ULP_BUDGET, "softmax2d");
		this.browser.findElement(By.id("derivative")).click();
		List<Double> derivative = column(waitForColumn("d/dx softmax2d([x, 0])[0]"));
		assertWithin(x, derivative, ExplorerBrowserIntegrationTests::sigmoidDerivative, DERIVATIVE_ULP_BUDGET,
				"softmax2d'");
		// its example is a (2, 1, 4) image, as JSON; it takes no axis
		assertThat(this.browser.findElement(By.id("try-axis-label")).isDisplayed()).isFalse();
		this.browser.findElement(By.id("try-run")).click();
		this.wait.until((driver) -> text("try-result").startsWith("{"));
		assertThat(text("try-result")).contains("\"function\":\"softmax2d\"").contains("\"shape\":[2,1,4]");
	}

	@Test
	void theSoftmaxDemonstrationShowsTheTextbooksNaNBesideTheServicesAnswer() {
		open();
		this.browser.findElement(By.id("demo-run")).click();
		this.wait.until((driver) -> driver.findElements(By.cssSelector("#demo-service td")).size() == 3);
		assertThat(cells("demo-exp")).containsExactly("Infinity", "Infinity", "Infinity");
		assertThat(cells("demo-naive")).containsExactly("NaN", "NaN", "NaN");
		List<Double> service = cells("demo-service").stream().map(Double::valueOf).toList();
		double[] input = { 1010, 1000, 990 };
		Apfloat sum = Apfloat.ZERO;
		for (double v : input) {
			sum = sum.add(ApfloatMath.exp(ap(v)));
		}
		for (int i = 0; i < input.length; i++) {
			double expected = round(ApfloatMath.exp(ap(input[i])).divide(sum));
			assertThat(ulps(service.get(i), expected)).as("softmax %d: %s against %s", i, service.get(i), expected)
				.isLessThanOrEqualTo(VALUE_ULP_BUDGET);
		}
		assertThat(text("demo-overflow")).isEqualTo("1");
		assertThat(this.browser.findElement(By.id("demo-curl")).getDomProperty("value")).contains("/activate/softmax'")
			.contains("'{\"values\":[1010,1000,990]}'");
		saveScreenshot("explorer-softmax.png", 1280, 1000, "demo-title");
	}

	@Test
	void thePageFitsAPhoneWidthWithoutScrollingSideways() {
		this.browser.manage().window().setSize(new Dimension(390, 844));
		open();
		pick("softplus");
		waitForColumn("softplus(x)");
		Object overflow = script("return document.documentElement.scrollWidth - window.innerWidth;");
		assertThat(((Number) overflow).intValue()).as("sideways overflow in px").isLessThanOrEqualTo(0);
		saveScreenshot("explorer-phone.png", 390, 844, "chart-title");
	}

	// --- Driving the page
	// ---------------------------------------------------------------

	private void open() {
		this.browser.get("http://localhost:" + this.port + "/");
		this.wait.until((driver) -> "true".equals(script("return document.body.dataset.ready || '';")));
		this.wait.until((driver) -> rows() == SAMPLES);
	}

	private void pick(String function) {
		WebElement button = this.browser
			.findElement(By.cssSelector("#groups button[data-function='" + function + "']"));
		script("arguments[0].scrollIntoView({block: 'center'});", button);
		button.click();
		this.wait.until((driver) -> function.equals(text("function-name")));
	}

	private List<String> visibleFunctions() {
		return this.browser.findElements(By.cssSelector("#groups button[data-function]"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((button) -> button.getDomAttribute("data-function"))
			.toList();
	}

	/** Waits until the table behind the curve has a column with this heading. */
	private String waitForColumn(String label) {
		this.wait.until((driver) -> labels().contains(label) && rows() == SAMPLES);
		return label;
	}

	@SuppressWarnings("unchecked")
	private List<String> labels() {
		return (List<String>) script(
				"return [...document.querySelectorAll('#curve-table thead th')].map((th) => th.textContent);");
	}

	private long rows() {
		return ((Number) script("return document.querySelectorAll('#curve-table tbody tr').length;")).longValue();
	}

	/** The exact numbers of one column of the table behind the curve. */
	@SuppressWarnings("unchecked")
	private List<Double> column(String label) {
		List<String> values = (List<String>) script("""
				const index = [...document.querySelectorAll('#curve-table thead th')]
				    .map((th) => th.textContent).indexOf(arguments[0]);
				if (index < 0) { return null; }
				return [...document.querySelectorAll('#curve-table tbody tr')]
				    .map((tr) => tr.cells[index].dataset.value);
				""", label);
		assertThat(values).as("column " + label).isNotNull();
		return values.stream().map(Double::valueOf).toList();
	}

	private List<Double> firstAndLastX() {
		List<Double> x = column("x");
		return List.of(x.get(0), x.get(x.size() - 1));
	}

	@SuppressWarnings("unchecked")
	private List<String> cells(String row) {
		return (List<String>) script(
				"return [...document.querySelectorAll('#' + arguments[0] + ' td')].map((td) => td.dataset.value);",
				row);
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText().trim();
	}

	private Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.browser).executeScript(script, arguments);
	}

	private List<String> consoleErrors() {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				errors.add(entry.getMessage());
			}
		}
		return errors;
	}

	/**
	 * Saves a screenshot, the section with the given heading at the top, when
	 * {@code docs.screenshots} names a directory.
	 */
	private void saveScreenshot(String name, int width, int height, String scrollTo) {
		String directory = System.getProperty("docs.screenshots");
		if (directory == null || directory.isBlank()) {
			return;
		}
		this.browser.manage().window().setSize(new Dimension(width, height));
		if (scrollTo != null) {
			script("document.getElementById(arguments[0]).scrollIntoView({block: 'start'});", scrollTo);
		}
		else {
			script("window.scrollTo(0, 0);");
		}
		script("document.getElementById('functions').scrollTop = 0;");
		// Let uPlot follow a resize before the picture is taken.
		script("window.dispatchEvent(new Event('resize'));");
		this.wait.until((driver) -> Boolean.TRUE
			.equals(script("return new Promise((resolve) => setTimeout(() => resolve(true), 300));")));
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		try {
			Path path = Path.of(directory, name).toAbsolutePath();
			Files.createDirectories(path.getParent());
			Files.copy(shot.toPath(), path, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not save " + name, ex);
		}
	}

	// --- Independent references (apfloat, from the exact value of each double) ---------

	private static void assertWithin(List<Double> x, List<Double> actual, DoubleFunction<Apfloat> reference,
			double budget, String what) {
		assertThat(actual).hasSameSizeAs(x);
		for (int i = 0; i < x.size(); i++) {
			double expected = round(reference.apply(x.get(i)));
			assertThat(ulps(actual.get(i), expected))
				.as("%s(%s): %s against %s", what, x.get(i), actual.get(i), expected)
				.isLessThanOrEqualTo(budget);
		}
	}

	private static double ulps(double actual, double expected) {
		if (actual == expected) {
			return 0;
		}
		return Math.abs(actual - expected) / Math.ulp(expected);
	}

	private static Apfloat ap(double x) {
		return new Apfloat(new BigDecimal(x), DIGITS);
	}

	/** The nearest double: {@link Double#parseDouble} rounds correctly. */
	private static double round(Apfloat value) {
		return (value.signum() == 0) ? 0.0 : Double.parseDouble(value.toString(false));
	}

	private static Apfloat sigmoid(double x) {
		if (x == 0) {
			return new Apfloat("0.5", DIGITS);
		}
		return Apfloat.ONE.divide(Apfloat.ONE.add(ApfloatMath.exp(ap(-x))));
	}

	private static Apfloat tanh(double x) {
		return (x == 0) ? Apfloat.ZERO : ApfloatMath.tanh(ap(x));
	}

	private static Apfloat sigmoidDerivative(double x) {
		Apfloat s = sigmoid(x);
		return s.multiply(Apfloat.ONE.subtract(s));
	}

	private static Apfloat silu(double x) {
		return ap(x).multiply(sigmoid(x));
	}

	/** x Φ(x) = x/2 · (1 + erf(x/√2)). */
	private static Apfloat gelu(double x) {
		if (x == 0) {
			return Apfloat.ZERO;
		}
		Apfloat a = ap(x);
		Apfloat erf = erf(a.divide(ApfloatMath.sqrt(new Apfloat(2, DIGITS))));
		return a.divide(new Apfloat(2)).multiply(Apfloat.ONE.add(erf));
	}

	/**
	 * erf(z) by its Maclaurin series 2/√π Σ (−1)ⁿ z^(2n+1) / (n! (2n+1)) (Abramowitz and
	 * Stegun 7.1.5), summed until a term is below 10^−DIGITS; apfloat's own erf takes
	 * about 0.2 s a value, this a millisecond.
	 */
	private static Apfloat erf(Apfloat z) {
		Apfloat epsilon = new Apfloat("1e-" + DIGITS, DIGITS);
		Apfloat z2 = z.multiply(z);
		Apfloat power = z;
		Apfloat sum = z;
		for (int n = 1; n < 10_000; n++) {
			power = power.multiply(z2).negate().divide(new Apfloat(n, DIGITS));
			Apfloat term = power.divide(new Apfloat(2L * n + 1, DIGITS));
			sum = sum.add(term);
			if (ApfloatMath.abs(term).compareTo(epsilon) < 0) {
				break;
			}
		}
		return sum.multiply(new Apfloat(2, DIGITS)).divide(ApfloatMath.sqrt(ApfloatMath.pi(DIGITS)));
	}

	/** x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))), PyTorch's tanh approximation. */
	private static Apfloat geluTanh(double x) {
		if (x == 0) {
			return Apfloat.ZERO;
		}
		Apfloat a = ap(x);
		Apfloat c = ApfloatMath.sqrt(new Apfloat(2, DIGITS).divide(ApfloatMath.pi(DIGITS)));
		Apfloat inner = c.multiply(a.add(new Apfloat("0.044715", DIGITS).multiply(a).multiply(a).multiply(a)));
		return a.divide(new Apfloat(2)).multiply(Apfloat.ONE.add(ApfloatMath.tanh(inner)));
	}

}
