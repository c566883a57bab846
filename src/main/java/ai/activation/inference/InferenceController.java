package ai.activation.inference;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.engine.ActivationEngine;
import ai.activation.engine.ActivationResult;
import ai.activation.engine.ArgumentValue;
import ai.activation.engine.Mode;
import ai.activation.engine.PreparedCall;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import org.springframework.web.bind.annotation.PostMapping;
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

	private final ActivationEngine engine;

	private final InferenceRequestReader reader;

	InferenceController(ApplicationAvailability availability, ObjectProvider<BuildProperties> build,
			ActivationEngine engine, LimitsProperties limits) {
		this.availability = availability;
		this.engine = engine;
		this.reader = new InferenceRequestReader(limits, engine.reservation());
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

	/**
	 * Inference: applies the model's function to the request's one input through the
	 * engine, with the function's parameters from the request-level {@code parameters},
	 * bound by the same catalog rules as {@code /activate}'s query parameters (JSON
	 * numbers as numbers, JSON strings as text), and answers in the input's datatype
	 * ({@code FP64} for integer inputs), as JSON or binary data as the request asks.
	 * @param model the model name or alias
	 * @param request the request; its body is read here, whatever its
	 * {@code Content-Type}
	 * @param response the response, written here
	 * @throws IOException if the body cannot be read or the answer written
	 */
	@PostMapping(path = "/models/{model}/infer", produces = {})
	void infer(@PathVariable String model, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		infer(model, null, request, response);
	}

	/**
	 * Inference on a version, {@value Model#VERSION}.
	 * @param model the model name or alias
	 * @param version the version
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the body cannot be read or the answer written
	 */
	@PostMapping(path = "/models/{model}/versions/{version}/infer", produces = {})
	void infer(@PathVariable String model, @PathVariable String version, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Activation function = Model.resolve(model, version);
		InferenceRequest inference = this.reader.read(function, request.getInputStream(),
				request.getContentLengthLong(), request.getHeader(InferenceRequestReader.HEADER_LENGTH));
		PreparedCall call = this.engine.prepare(function, Mode.VALUE, arguments(inference.parameters()));
		InferenceRequest.Input input = inference.input();
		InferenceRequest.Input mask = inference.mask();
		ActivationResult result = call.apply(new Tensor(input.values(), input.shape()), null,
				(mask != null) ? new Tensor(mask.values(), mask.shape()) : null);
		List<InferenceRequest.Output> outputs = inference.outputs();
		InferenceRequest.Output requested = (outputs == null || outputs.isEmpty()) ? null : outputs.get(0);
		InferenceResponseWriter.write(new InferenceResponseWriter.Answer(function.canonicalName(), inference.id(),
				result.output(), input.datatype().output(), inference.binary(requested), result.overflowAvoided()),
				response);
	}

	/**
	 * The request-level parameters as the engine's arguments: a JSON number as a number,
	 * a JSON string as text; no parameter of the catalog is a boolean.
	 */
	static Map<String, List<ArgumentValue>> arguments(Map<String, Object> parameters) {
		Map<String, List<ArgumentValue>> arguments = new LinkedHashMap<>();
		parameters.forEach((name, value) -> {
			ArgumentValue argument;
			if (value instanceof InferenceRequest.JsonNumber number) {
				argument = new ArgumentValue.Number(Double.parseDouble(number.text()));
			}
			else if (value instanceof String text) {
				argument = new ArgumentValue.Text(text);
			}
			else {
				throw InferenceException.badRequest("parameters." + Model.echo(name) + " is " + value
						+ ", but no parameter of a function is a boolean; give numbers as JSON numbers and choices "
						+ "as JSON strings.");
			}
			arguments.put(name, List.of(argument));
		});
		return arguments;
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
