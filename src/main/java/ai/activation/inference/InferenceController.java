package ai.activation.inference;

import java.util.List;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The health and metadata endpoints of the Open Inference Protocol, as
 * kserve/open-inference-protocol {@code specification/protocol/inference_rest.md} and
 * kserve/kserve {@code docs/predict-api/v2/required_api.md} define them, plus KServe's
 * model list ({@code GET /v2/models}, {@code {"models": [...]}} as kserve/kserve
 * {@code python/kserve/kserve/protocol/rest/v2_endpoints.py} answers it). Every catalog
 * function is a model, always loaded, so a model is ready whenever the server is.
 */
@RestController
@RequestMapping(path = InferenceErrorFormat.PREFIX, produces = MediaType.APPLICATION_JSON_VALUE)
class InferenceController {

	/**
	 * The extensions listed in the server metadata: Triton's binary tensor data and
	 * parameters extensions (triton-inference-server/server
	 * {@code docs/protocol/extension_binary_data.md}, {@code extension_parameters.md}).
	 */
	static final List<String> EXTENSIONS = List.of("binary_tensor_data", "parameters");

	/** The server's name in its metadata. */
	static final String SERVER_NAME = "activation-service";

	private final ApplicationAvailability availability;

	private final String version;

	InferenceController(ApplicationAvailability availability, ObjectProvider<BuildProperties> build) {
		this.availability = availability;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "unknown";
	}

	/**
	 * Server metadata, {@code $metadata_server_response}.
	 * @return the name, version and extensions
	 */
	@GetMapping({ "", "/" })
	ServerMetadata server() {
		return new ServerMetadata(SERVER_NAME, this.version, EXTENSIONS);
	}

	/**
	 * Server live: 200 {@code {"live": true}} while the application is live.
	 * @return the answer
	 */
	@GetMapping("/health/live")
	ResponseEntity<Map<String, Object>> live() {
		if (this.availability.getLivenessState() != LivenessState.CORRECT) {
			throw new InferenceException(HttpStatus.SERVICE_UNAVAILABLE, "The server is not live.");
		}
		return ResponseEntity.ok(Map.of("live", true));
	}

	/**
	 * Server ready: 200 {@code {"ready": true}} while the application accepts traffic,
	 * the same state as the actuator's readiness group; 503 otherwise, e.g. while it
	 * shuts down.
	 * @return the answer
	 */
	@GetMapping("/health/ready")
	ResponseEntity<Map<String, Object>> ready() {
		requireReady();
		return ResponseEntity.ok(Map.of("ready", true));
	}

	/**
	 * The model list: every catalog function by canonical name.
	 * @return {@code {"models": [...]}}
	 */
	@GetMapping("/models")
	Map<String, List<String>> models() {
		return Map.of("models", Catalog.all().stream().map(Activation::canonicalName).toList());
	}

	/**
	 * Model metadata.
	 * @param model the model name or alias
	 * @return the metadata
	 */
	@GetMapping("/models/{model}")
	Model.Metadata metadata(@PathVariable String model) {
		return Model.metadata(Model.resolve(model, null));
	}

	/**
	 * Model metadata of a version.
	 * @param model the model name or alias
	 * @param version the version, {@value Model#VERSION}
	 * @return the metadata
	 */
	@GetMapping("/models/{model}/versions/{version}")
	Model.Metadata metadata(@PathVariable String model, @PathVariable String version) {
		return Model.metadata(Model.resolve(model, version));
	}

	/**
	 * Model ready, {@code $ready_model_response}.
	 * @param model the model name or alias
	 * @return {@code {"name", "ready": true}}
	 */
	@GetMapping("/models/{model}/ready")
	ModelReady modelReady(@PathVariable String model) {
		return modelReady(model, null);
	}

	/**
	 * Model ready of a version.
	 * @param model the model name or alias
	 * @param version the version, {@value Model#VERSION}
	 * @return {@code {"name", "ready": true}}
	 */
	@GetMapping("/models/{model}/versions/{version}/ready")
	ModelReady modelReady(@PathVariable String model, @PathVariable String version) {
		Activation function = Model.resolve(model, version);
		requireReady();
		return new ModelReady(function.canonicalName(), true);
	}

	private void requireReady() {
		if (this.availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
			throw new InferenceException(HttpStatus.SERVICE_UNAVAILABLE,
					"The server is not ready: it is starting or shutting down and refuses traffic.");
		}
	}

	/**
	 * {@code $metadata_server_response}.
	 *
	 * @param name the server's name
	 * @param version its build version
	 * @param extensions the protocol extensions it supports
	 */
	record ServerMetadata(String name, String version, List<String> extensions) {
	}

	/**
	 * {@code $ready_model_response}.
	 *
	 * @param name the canonical model name
	 * @param ready whether it takes inference requests
	 */
	record ModelReady(String name, boolean ready) {
	}

}
