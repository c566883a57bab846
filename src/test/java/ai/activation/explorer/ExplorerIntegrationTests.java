package ai.activation.explorer;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static ai.activation.HttpTestClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer over plain HTTP: the page and everything it loads come from the service
 * itself, with the types the {@code nosniff} header makes browsers insist on; nothing
 * outside is referenced; other unknown paths stay 404 problems.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ExplorerIntegrationTests {

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void theRootIsTheExplorerPage() {
		HttpResponse<String> page = this.http.get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.body()).contains("<title>Activation explorer</title>");
	}

	@Test
	void everythingThePageLoadsIsServedFromTheJarWithItsType() {
		String page = this.http.get("/").body();
		Matcher links = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
		while (links.find()) {
			assertThat(links.group(1)).as("a link or resource outside the service").matches("[/#].*");
		}
		List<String> references = new ArrayList<>();
		Matcher loaded = Pattern.compile("<(?:script|link)[^>]* (?:src|href)=\"([^\"]+)\"").matcher(page);
		while (loaded.find()) {
			references.add(loaded.group(1));
		}
		assertThat(references).contains("/webjars/katex/dist/katex.min.js", "/webjars/katex/dist/katex.min.css",
				"/webjars/uplot/dist/uPlot.iife.min.js", "/webjars/uplot/dist/uPlot.min.css", "/explorer/explorer.js",
				"/explorer/explorer.css", "/explorer/favicon.svg");
		for (String reference : references) {
			HttpResponse<String> resource = this.http.get(reference);
			assertThat(resource.statusCode()).as(reference).isEqualTo(200);
			String type = resource.headers().firstValue("Content-Type").orElse("");
			if (reference.endsWith(".js")) {
				assertThat(type).as(reference).startsWith("text/javascript");
			}
			else if (reference.endsWith(".css")) {
				assertThat(type).as(reference).startsWith("text/css");
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "/webjars/katex/dist/fonts/KaTeX_Main-Regular.woff2, font/woff2",
			"/explorer/favicon.svg, image/svg+xml" })
	void fontsAndIconsHaveTheirTypes(String path, String type) {
		HttpResponse<String> resource = this.http.get(path);
		assertThat(resource.statusCode()).isEqualTo(200);
		assertThat(resource.headers().firstValue("Content-Type")).hasValue(type);
	}

	@Test
	void anUnknownResourceIsAProblemNotAPage() {
		assertProblem(this.http.get("/explorer/nothing.js"), 404);
		assertProblem(this.http.get("/webjars/nothing/dist/x.js"), 404);
		assertProblem(this.http.get("/index.html"), 404);
	}

	@Test
	void theGroupsListEveryCatalogFunctionOnceWithTheSeedFirst() {
		JsonNode layout = HttpTestClient.json(this.http.get("/explorer/groups"));
		List<String> listed = new ArrayList<>();
		layout.get("groups").forEach((group) -> group.get("functions").forEach((f) -> listed.add(f.asString())));
		assertThat(listed)
			.containsExactlyInAnyOrderElementsOf(Catalog.all().stream().map(Activation::canonicalName).toList());
		assertThat(listed.subList(0, 5)).containsExactly("step", "sigmoid", "relu", "softmax", "identity");
		for (Activation function : Catalog.all()) {
			assertThat(layout.get("slices").has(function.canonicalName())).as(function.canonicalName())
				.isEqualTo(function.alongAxis());
			assertThat(layout.get("examples").has(function.canonicalName())).as(function.canonicalName()).isTrue();
		}
		assertThat(layout.get("gradExamples").get("glu").toString()).isEqualTo("[[1.0,0.0],[1.0,0.0]]");
		assertThat(layout.get("gradExamples").get("softmax").toString())
			.isEqualTo("[[1.0,0.0,0.0,0.0],[1.0,0.0,0.0,0.0]]");
	}

}
