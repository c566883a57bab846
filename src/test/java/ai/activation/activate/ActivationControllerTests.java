package ai.activation.activate;

import ai.activation.metrics.ActivationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The web slice of {@code /activate}: the controller, its codec and converters, the
 * engine, and the problem answers, without a server.
 */
@WebMvcTest(ActivationController.class)
@Import({ TensorRequests.class, EngineTestConfiguration.class, ActivationMetrics.class, SimpleMeterRegistry.class })
class ActivationControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void aVectorIsAnsweredWithFunctionShapeAndValues() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/activate/hardsigmoid").contentType(MediaType.APPLICATION_JSON)
				.content("{\"values\": [-4, 0, 1.5, 4]}"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).startsWith("application/json");
		// clamp(x/6 + 1/2, 0, 1): 0, 0.5, 0.75, 1, all exact in binary.
		assertThat(result.getResponse().getContentAsString())
			.isEqualTo("{\"function\":\"hardsigmoid\",\"shape\":[4],\"values\":[0.0,0.5,0.75,1.0]}");
	}

	@Test
	void anUnknownFunctionIsAProblemBeforeTheBodyIsRead() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/activate/nope").contentType(MediaType.APPLICATION_JSON).content("not json"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).contains("\"knownFunctions\":[\"step\"");
	}

	@Test
	void aParameterOutOfRangeIsAProblemNamingIt() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/activate/softplus?beta=0").contentType(MediaType.APPLICATION_JSON)
				.content("{\"values\": [1]}"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).contains("\"parameter\":\"beta\"",
				"\"allowed\":\"a finite number in (0, inf)\"");
	}

}
