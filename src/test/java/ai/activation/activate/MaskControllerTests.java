package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ai.activation.engine.TooManyValuesException;
import ai.activation.limits.LimitsProperties;
import ai.activation.metrics.ActivationMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The {@code mask} of the softmax family, logsumexp and logmeanexp through {@code POST
 * /activate/{function}} and its gradient, and every way a mask is refused. The expected
 * values are mpmath's at 60 digits, each computed on the unmasked elements of the lane
 * alone and rounded once to double (as {@code src/test/python} does; the script is in the
 * comment of {@link #X}), compared within 4 ulps, the kernels' budget.
 */
@WebMvcTest(ActivationController.class)
@Import({ TensorRequests.class, EngineTestConfiguration.class, ActivationMetrics.class, SimpleMeterRegistry.class })
class MaskControllerTests {

	/**
	 * The example of the functions along an axis and its mask. The references: with
	 * {@code mp.dps = 60}, for each lane, sub = the elements whose mask is 1, then
	 * softmax(sub) = e^(x − m)/Σ e^(x − m), log_softmax = x − m − log Σ e^(x − m),
	 * logsumexp = m + log Σ e^(x − m), logmeanexp = logsumexp − log len(sub), and the
	 * products y ⊙ (g − Σ g y), g − y Σ g and g·y with y = softmax(sub).
	 */
	private static final String X = "[[1, 2, 3, 4], [0.1, 0.9, 0.4, 1.2]]";

	private static final String M = "[[true, true, false, true], [1, 0, 1, 1]]";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Test
	void softmaxWithAMaskShouldBeTheSoftmaxOfTheUnmaskedElementsAndZeroElsewhere() throws Exception {
		assertValues(call("/activate/softmax", "{\"values\": " + X + ", \"mask\": " + M + "}"), 0.04201006613406605,
				0.11419519938459448, 0.0, 0.8437947344813395, 0.1867753758093136, 0.0, 0.2521203860745199,
				0.5611042381161665);
	}

	@Test
	void softminWithAMaskShouldBeTheSoftminOfTheUnmaskedElements() throws Exception {
		assertValues(call("/activate/softmin", "{\"mask\": " + M + ", \"values\": " + X + "}"), 0.7053845126982412,
				0.25949646034241913, 0.0, 0.03511902695933972, 0.4822323179696785, 0.0, 0.35724648775351764,
				0.16052119427680378);
	}

	@Test
	void logSoftmaxWithAMaskShouldAnswerZeroNotMinusInfinityAtMaskedPositions() throws Exception {
		assertValues(call("/activate/log_softmax", "{\"values\": " + X + ", \"mask\": " + M + "}"), -3.1698460195562856,
				-2.1698460195562856, 0.0, -0.16984601955628564, -1.677848583025851, 0.0, -1.377848583025851,
				-0.5778485830258508);
	}

	@Test
	void logsumexpAndLogmeanexpWithAMaskShouldReduceOverTheUnmaskedElementsOnly() throws Exception {
		String body = "{\"values\": " + X + ", \"mask\": " + M + "}";
		assertValues(call("/activate/logsumexp", body), 4.169846019556286, 1.7778485830258508);
		// divided by the count of unmasked elements, 3 in each lane, not 4
		assertValues(call("/activate/logmeanexp", body), 3.071233730888176, 0.6792362943577411);
	}

	@Test
	void theGradientWithAMaskShouldBeTheProductOfTheUnmaskedSubLaneAndIgnoreMaskedGrad() throws Exception {
		// the grad at masked positions (1e300) takes no part
		String grad = "[[1, 0, 1e300, 0], [1, 1e300, 0, 0]]";
		String body = "{\"values\": " + X + ", \"grad\": " + grad + ", \"mask\": " + M + "}";
		assertValues(call("/activate/softmax/gradient", body), 0.040245220477477445, -0.004797347878339673, 0.0,
				-0.03544787259913777, 0.1518903348006033, 0.0, -0.0470898798582577, -0.10480045494234558);
		assertValues(call("/activate/log_softmax/gradient", body), 0.9579899338659339, -0.11419519938459448, 0.0,
				-0.8437947344813395, 0.8132246241906864, 0.0, -0.2521203860745199, -0.5611042381161665);
		assertValues(
				call("/activate/logsumexp/gradient", "{\"values\": " + X + ", \"grad\": [1, 1], \"mask\": " + M + "}"),
				0.04201006613406605, 0.11419519938459448, 0.0, 0.8437947344813395, 0.1867753758093136, 0.0,
				0.2521203860745199, 0.5611042381161665);
	}

	@Test
	void aMaskAlongAnotherAxisShouldMaskTheLanesOfThatAxis() throws Exception {
		// along axis 0 the lanes are the columns: [1, 0.1] whole, [2, 0.9] with 0.9
		// masked, and so on; softmax of one element is 1
		JsonNode answer = call("/activate/softmax?axis=0",
				"{\"values\": " + X + ", \"mask\": [[1, 1, 1, 0], [1, 0, 1, 1]]}");
		List<Double> values = values(answer);
		assertThat(values.get(1)).isEqualTo(1.0);
		assertThat(values.get(5)).isEqualTo(0.0);
		assertThat(values.get(3)).isEqualTo(0.0);
		assertThat(values.get(7)).isEqualTo(1.0);
	}

	@Test
	void aMaskWithAListOfAxesShouldMaskTheGroupTakenTogether() throws Exception {
		// axes 0 and 1 of a (2, 2, 2) tensor: one group of four per last index; the group
		// of index 0 keeps only 1 and 3 (softmax of [1, 3]: σ(−2) and σ(2)), the group of
		// index 1 keeps only 2 (its softmax is 1)
		JsonNode answer = call("/activate/softmax?axis=0,1", "{\"values\": [[[1, 2], [5, 7]], [[3, 8], [9, 4]]], "
				+ "\"mask\": [[[1, 1], [0, 0]], [[1, 0], [0, 0]]]}");
		List<Double> values = values(answer);
		assertThat(values).hasSize(8);
		assertThat(values.get(0)).isCloseTo(1 / (1 + Math.exp(2)), org.assertj.core.data.Offset.offset(1e-16));
		assertThat(values.get(4)).isCloseTo(1 / (1 + Math.exp(-2)), org.assertj.core.data.Offset.offset(1e-16));
		assertThat(values.get(1)).isEqualTo(1.0);
		assertThat(List.of(values.get(2), values.get(3), values.get(5), values.get(6), values.get(7)))
			.containsOnly(0.0);
		// a fully masked group is named by its first element and the axes
		assertProblem(json("/activate/softmax?axis=0,1",
				"{\"values\": [[[1, 2], [5, 7]], [[3, 8], [9, 4]]], \"mask\": [[[1, 0], [1, 0]], [[1, 0], [0, 0]]]}"),
				"/mask/0/0/1", "along axes [0, 1] is masked");
	}

	@Test
	void aMaskElementThatIsNeitherBooleanNorZeroOrOneShouldBeAProblemPointingAtIt() throws Exception {
		assertProblem(json("/activate/softmax", "{\"values\": [[1, 2], [3, 4]], \"mask\": [[true, 1], [0.5, 1]]}"),
				"/mask/1/0", "must be true or false (or 1 or 0), not the number 0.5");
		assertProblem(json("/activate/softmax", "{\"values\": [1, 2], \"mask\": [true, \"yes\"]}"), "/mask/1",
				"not a string");
		assertProblem(json("/activate/softmax", "{\"values\": [1, 2], \"mask\": [true, null]}"), "/mask/1", "not null");
		assertProblem(json("/activate/softmax", "{\"values\": [1, 2], \"mask\": true}"), "/mask",
				"must be an array of booleans");
	}

	@Test
	void aMaskOfAnotherShapeShouldBeAProblemNamingBothShapes() throws Exception {
		assertProblem(json("/activate/softmax", "{\"values\": [[1, 2], [3, 4]], \"mask\": [true, false, true, true]}"),
				"/mask", "'mask' has shape [4], but 'values' has shape [2, 2]");
	}

	@Test
	void aFullyMaskedLaneShouldBeAProblemPointingAtItsFirstElement() throws Exception {
		assertProblem(json("/activate/softmax", "{\"values\": [[1, 2], [3, 4]], \"mask\": [[1, 0], [0, 0]]}"),
				"/mask/1/0", "Every element of the lane that starts at /mask/1/0 along axis -1 is masked");
		assertProblem(json("/activate/logsumexp?axis=0", "{\"values\": [[1, 2], [3, 4]], \"mask\": [[1, 0], [1, 0]]}"),
				"/mask/0/1", "along axis 0 is masked");
		assertProblem(json("/activate/log_softmax/gradient",
				"{\"values\": [1, 2], \"grad\": [1, 1], \"mask\": [false, false]}"), "/mask/0", "is masked");
	}

	@Test
	void aMaskForAFunctionThatTakesNoneShouldBeAProblemNamingTheFunction() throws Exception {
		assertProblem(json("/activate/relu", "{\"values\": [1, 2], \"mask\": [true, false]}"), "/mask",
				"relu takes no 'mask'; the functions that take one are softmax, log_softmax, softmin, logsumexp, "
						+ "logmeanexp.");
		assertProblem(json("/activate/glu/gradient", "{\"values\": [1, 2], \"grad\": [1], \"mask\": [1, 1]}"), "/mask",
				"glu takes no 'mask'");
	}

	@Test
	void aNullMaskShouldBeAsNoMaskEvenForAFunctionThatTakesNone() throws Exception {
		// generated clients may send an optional member as null
		assertValues(call("/activate/relu", "{\"values\": [-1, 2], \"mask\": null}"), 0.0, 2.0);
	}

	@Test
	void aMaskGivenTwiceShouldBeAProblem() throws Exception {
		assertProblem(json("/activate/softmax", "{\"values\": [1, 2], \"mask\": [1, 1], \"mask\": [1, 1]}"), "/mask",
				"given twice");
	}

	@Test
	void aMaskInTheQueryStringShouldBeAProblemSayingItGoesInTheJsonBody() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/activate/softmax?mask=1,0").contentType(MediaType.APPLICATION_JSON)
				.content("{\"values\": [1, 2]}"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains("\"parameter\":\"mask\"",
				"send it in a JSON body beside 'values'", "octet-stream format carries no mask");
		byte[] binary = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(2).array();
		result = this.mvc
			.perform(post("/activate/softmax?mask=1,0").contentType(MediaType.APPLICATION_OCTET_STREAM).content(binary))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).contains("carries no mask");
	}

	@Test
	void theMaskShouldCountAgainstTheValuesOneRequestMayHold() {
		LimitsProperties limits = new LimitsProperties();
		limits.setMaxValues(6);
		List<Long> reserved = new ArrayList<>();
		JsonTensorReader reader = new JsonTensorReader(limits, reserved::add);
		Inputs inputs = reader.readValue(body("{\"values\": [1, 2, 3], \"mask\": [1, 0, 1]}"));
		assertThat(inputs.mask().values()).containsExactly(1, 0, 1);
		assertThat(reserved.stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(6);
		assertThatExceptionOfType(TooManyValuesException.class)
			.isThrownBy(() -> reader.readValue(body("{\"values\": [1, 2, 3, 4], \"mask\": [1, 0, 1, 1]}")));
	}

	private static ByteArrayInputStream body(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

	private JsonNode call(String path, String body) throws Exception {
		MvcResult result = this.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return JSON.readTree(result.getResponse().getContentAsString());
	}

	private static MockHttpServletRequestBuilder json(String path, String body) {
		return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private void assertProblem(MockHttpServletRequestBuilder request, String pointer, String detail) throws Exception {
		MvcResult result = this.mvc.perform(request).andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(400);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(body);
		assertThat(problem.get("pointer").asString()).as(body).isEqualTo(pointer);
		assertThat(problem.get("detail").asString()).contains(detail);
	}

	private static List<Double> values(JsonNode answer) {
		List<Double> values = new ArrayList<>();
		collect(answer.get("values"), values);
		return values;
	}

	private static void collect(JsonNode node, List<Double> into) {
		if (node.isArray()) {
			node.forEach((child) -> collect(child, into));
		}
		else {
			into.add(node.asDouble());
		}
	}

	private static void assertValues(JsonNode answer, double... expected) {
		List<Double> got = values(answer);
		assertThat(got).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			double tolerance = (expected[i] == 0) ? 0 : 4 * Math.ulp(expected[i]);
			assertThat(got.get(i)).as("element %d of %s", i, got)
				.isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
		}
	}

}
