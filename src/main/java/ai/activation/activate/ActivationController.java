package ai.activation.activate;

import java.util.List;
import java.util.Map;

import ai.activation.catalog.Catalog;
import ai.activation.kernel.Tensor;
import ai.activation.metrics.ActivationMetrics;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /activate/{function}} applies a function to the body's values;
 * {@code GET /activate} and {@code GET /activate/{function}} describe the catalog.
 */
@RestController
@RequestMapping("/activate")
class ActivationController {

	private final RequestValidator validator;

	private final ActivationService service;

	private final ActivationMetrics metrics;

	ActivationController(RequestValidator validator, ActivationService service, ActivationMetrics metrics) {
		this.validator = validator;
		this.service = service;
		this.metrics = metrics;
	}

	/**
	 * Applies a function.
	 * @param call the function and its arguments, resolved from the path and query before
	 * the body is read
	 * @param values the tensor, or {@code null} for an empty body
	 * @param response the response, which gets the call's overflow-avoidance count in
	 * {@value TensorFormats#OVERFLOW_AVOIDED_HEADER}, beside the body and whatever its
	 * encoding
	 * @return the result
	 */
	@PostMapping(path = "/{function}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE })
	ActivationResult activate(FunctionCall call, @RequestBody(required = false) Tensor values,
			HttpServletResponse response) {
		if (values == null) {
			throw new InvalidBodyException(
					"The request body is empty; send a JSON document such as {\"values\": [1.0, -2.0]}, or raw "
							+ "little-endian values as application/octet-stream.",
					"");
		}
		this.validator.validate(call, values);
		ActivationResult result = this.service.apply(call.function(), call.arguments(), values);
		this.metrics.recordResult(call.function(), values.values().length, result.overflowAvoided());
		response.setHeader(TensorFormats.OVERFLOW_AVOIDED_HEADER, Long.toString(result.overflowAvoided()));
		return result;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, List<FunctionDescription>> list() {
		return Map.of("functions", Catalog.all().stream().map(FunctionDescription::of).toList());
	}

	@GetMapping(path = "/{function}", produces = MediaType.APPLICATION_JSON_VALUE)
	FunctionDescription describe(@PathVariable String function) {
		return Catalog.find(function)
			.map(FunctionDescription::of)
			.orElseThrow(() -> new UnknownFunctionException(function));
	}

}
