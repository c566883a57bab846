package ai.activation.inference;

import java.net.http.HttpResponse;
import java.util.List;

import ai.activation.HttpTestClient;
import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Parameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end over real HTTP: the health, server metadata, model list, model metadata and
 * model ready endpoints of the Open Inference Protocol, their bodies checked against the
 * published schemas, and their {@code {"error"}} answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InferenceMetadataIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private BuildProperties build;

	@Autowired
	private ApplicationContext context;

	private HttpTestClient http;

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v2", "/v2/" })
	void serverMetadataNamesTheServiceItsVersionAndTheBinaryTensorExtension(String path) {
		HttpResponse<String> response = this.http.get(path);
		JsonNode metadata = HttpTestClient.assertResult(response);
		OpenInferenceSchema.assertValid("metadata_server_response", response.body());
		assertThat(metadata.get("name").asString()).isEqualTo("activation-service");
		assertThat(metadata.get("version").asString()).isEqualTo(this.build.getVersion());
		assertThat(metadata.get("extensions").valueStream().map(JsonNode::asString)).contains("binary_tensor_data",
				"parameters");
	}

	@Test
	void liveAndReadyAnswerTrue() {
		assertThat(HttpTestClient.assertResult(this.http.get("/v2/health/live")).get("live").asBoolean()).isTrue();
		assertThat(HttpTestClient.assertResult(this.http.get("/v2/health/ready")).get("ready").asBoolean()).isTrue();
	}

	@Test
	void readinessFollowsTheApplicationsReadinessState() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			HttpResponse<String> ready = this.http.get("/v2/health/ready");
			assertThat(ready.statusCode()).isEqualTo(503);
			assertThat(OpenInferenceClient.assertErrorBody(contentType(ready), ready.body())).contains("not ready");
			HttpResponse<String> modelReady = this.http.get("/v2/models/relu/ready");
			assertThat(modelReady.statusCode()).isEqualTo(503);
			OpenInferenceClient.assertErrorBody(contentType(modelReady), modelReady.body());
			assertThat(this.http.get("/v2/health/live").statusCode()).isEqualTo(200);
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		assertThat(this.http.get("/v2/health/ready").statusCode()).isEqualTo(200);
	}

	@Test
	void modelListHasEveryCatalogFunctionByCanonicalName() {
		JsonNode models = HttpTestClient.assertResult(this.http.get("/v2/models"));
		assertThat(models.get("models").valueStream().map(JsonNode::asString))
			.containsExactlyElementsOf(Catalog.all().stream().map(Activation::canonicalName).toList());
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelHasMetadataFromTheCatalogWithItsParametersDiscoverable(Activation function) {
		String name = function.canonicalName();
		for (String path : List.of("/v2/models/" + name, "/v2/models/" + name + "/versions/1")) {
			HttpResponse<String> response = this.http.get(path);
			JsonNode metadata = HttpTestClient.assertResult(response);
			OpenInferenceSchema.assertValid("metadata_model_response", response.body());
			assertThat(metadata.get("name").asString()).isEqualTo(name);
			assertThat(metadata.get("versions").valueStream().map(JsonNode::asString)).containsExactly("1");
			assertThat(metadata.get("platform").asString()).isNotBlank();
			assertTensor(metadata.get("inputs"), "input");
			assertTensor(metadata.get("outputs"), "output");
			// the mask is said in a member of its own, not as a required input
			if (function.maskRule().isPresent()) {
				assertThat(metadata.get("mask").asString()).contains("mask", "BOOL", function.maskRule().get());
			}
			else {
				assertThat(metadata.has("mask")).isFalse();
			}
			JsonNode parameters = metadata.get("parameters");
			assertThat(parameters.valueStream().map((p) -> p.get("name").asString()))
				.containsExactlyElementsOf(function.parameters().stream().map(Parameter::name).toList());
			for (int i = 0; i < function.parameters().size(); i++) {
				Parameter parameter = function.parameters().get(i);
				JsonNode documented = parameters.get(i);
				assertThat(documented.get("datatype").asString()).isEqualTo(switch (parameter.type()) {
					case NUMBER, NUMBERS -> "FP64";
					case AXIS, AXES -> "INT64";
					case CHOICE -> "BYTES";
				});
				assertThat(documented.get("allowed").asString()).isEqualTo(parameter.allowed());
				if (parameter.defaultValue() instanceof Number number) {
					assertThat(documented.get("default").doubleValue()).isEqualTo(number.doubleValue());
				}
				else if (parameter.defaultValue() != null) {
					assertThat(documented.get("default").asString()).isEqualTo(parameter.defaultValue());
				}
				else {
					assertThat(documented.has("default")).isFalse();
				}
			}
		}
	}

	private static void assertTensor(JsonNode tensors, String name) {
		assertThat(tensors).hasSize(1);
		assertThat(tensors.get(0).get("name").asString()).isEqualTo(name);
		assertThat(tensors.get(0).get("datatype").asString()).isEqualTo("FP64");
		assertThat(tensors.get(0).get("shape").valueStream().map(JsonNode::asInt)).containsExactly(-1);
	}

	@Test
	void aliasesResolveToTheCanonicalModelAsInActivate() {
		assertThat(HttpTestClient.assertResult(this.http.get("/v2/models/Swish")).get("name").asString())
			.isEqualTo("silu");
		JsonNode ready = HttpTestClient.assertResult(this.http.get("/v2/models/hard-tanh/versions/1/ready"));
		assertThat(ready.get("name").asString()).isEqualTo("hardtanh");
		assertThat(ready.get("ready").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Activation.class)
	void everyModelIsReady(Activation function) {
		JsonNode ready = HttpTestClient
			.assertResult(this.http.get("/v2/models/" + function.canonicalName() + "/ready"));
		assertThat(ready.get("name").asString()).isEqualTo(function.canonicalName());
		assertThat(ready.get("ready").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v2/models/no_such_model", "/v2/models/no_such_model/ready",
			"/v2/models/no_such_model/versions/1", "/v2/models/relu/versions/2", "/v2/models/relu/versions/2/ready",
			"/v2/no/such/endpoint" })
	void unknownModelsVersionsAndPathsAre404ErrorObjects(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
		OpenInferenceClient.assertErrorBody(contentType(response), response.body());
	}

	@Test
	void aWrongMethodIsA405ErrorObject() {
		HttpResponse<String> response = this.http.send(this.http.request("/v2/health/live").DELETE());
		assertThat(response.statusCode()).isEqualTo(405);
		OpenInferenceClient.assertErrorBody(contentType(response), response.body());
	}

	@Test
	void theActivateApiKeepsItsProblemBodies() {
		HttpTestClient.assertProblem(this.http.get("/activate/no_such_function"), 404);
		HttpTestClient.assertProblem(this.http.send(this.http.request("/v2x").GET()), 404);
	}

	@Test
	void theValidatorRefusesWhatThePublishedSchemasDoNotAllow() {
		assertThat(OpenInferenceSchema.isValid("metadata_server_response", "{\"name\": \"x\"}")).isFalse();
		assertThat(OpenInferenceSchema.isValid("inference_response", "{\"model_name\": \"x\", \"outputs\": "
				+ "[{\"name\": \"o\", \"shape\": [1], \"datatype\": \"FP64\"}]}"))
			.isFalse();
		assertThat(
				OpenInferenceSchema.isValid("inference_response",
						"{\"model_name\": \"x\", \"outputs\": "
								+ "[{\"name\": \"o\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1.5]}]}"))
			.isTrue();
	}

	private static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

}
