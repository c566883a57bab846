package ai.activation.activate;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Activation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static ai.activation.HttpTestClient.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /activate/{function}} over real HTTP gives each function's derivative: the
 * formula in plain text and LaTeX and the convention at the kinks, from the catalog.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FunctionDescriptionIntegrationTests {

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void client() {
		this.http = new HttpTestClient(this.port);
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void descriptionShouldGiveTheDerivativeFromTheCatalog(Activation function) {
		JsonNode derivative = assertResult(this.http.get("/activate/" + function.canonicalName())).get("derivative");
		assertThat(derivative.get("formula").asString()).isEqualTo(function.derivativeFormula()).isNotBlank();
		assertThat(derivative.get("latex").asString()).isEqualTo(function.derivativeLatex()).isNotBlank();
		assertThat(derivative.get("convention").asString()).isEqualTo(function.derivativeConvention()).isNotBlank();
	}

	@Test
	void reluDescriptionShouldSayItsDerivativeAtZeroIsZero() {
		JsonNode derivative = assertResult(this.http.get("/activate/relu")).get("derivative");
		assertThat(derivative.get("formula").asString()).startsWith("1 if x > 0, else 0;");
		assertThat(derivative.get("convention").asString()).contains("relu'(0) = 0", "PyTorch");
	}

	@Test
	void hardswishDescriptionShouldSayWherePyTorchAndJaxDiffer() {
		JsonNode derivative = assertResult(this.http.get("/activate/hardswish")).get("derivative");
		assertThat(derivative.get("convention").asString()).contains("-1/2 at x = -3", "JAX gives 0 and 1");
	}

}
