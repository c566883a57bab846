package ai.activation.activate;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import ai.activation.catalog.Catalog;
import ai.activation.engine.Mode;
import ai.activation.engine.UnknownFunctionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /activate/{function}} applies a function to the body's values, {@code POST
 * /activate/{function}/gradient} takes its vector-Jacobian product; {@code GET /activate}
 * and {@code GET /activate/{function}} describe the catalog.
 */
@RestController
@RequestMapping("/activate")
class ActivationController {

	private final TensorRequests requests;

	ActivationController(TensorRequests requests) {
		this.requests = requests;
	}

	/**
	 * Applies a function.
	 * @param function the function's name as given
	 * @param request the request, with the function's parameters in the query and the
	 * tensor in the body
	 * @param response the response, which gets the call's overflow-avoidance count in
	 * {@value TensorFormats#OVERFLOW_AVOIDED_HEADER} whatever the body's encoding
	 * @return the result
	 * @throws IOException if the body cannot be read
	 * @throws HttpMediaTypeNotSupportedException if the request has no
	 * {@code Content-Type}
	 */
	@PostMapping(path = "/{function}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE })
	TensorAnswer activate(@PathVariable String function, HttpServletRequest request, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotSupportedException {
		return withOverflowCount(this.requests.answer(function, Mode.VALUE, request), response);
	}

	/**
	 * Takes the vector-Jacobian product of a function: f′(x)·g element by element (g ones
	 * when omitted), gᵀ·J along an axis.
	 * @param function the function's name as given
	 * @param request the request, with the function's parameters in the query and
	 * {@code {"values": X, "grad": G}} (or X then G, binary) in the body
	 * @param response the response, which gets the call's overflow-avoidance count in
	 * {@value TensorFormats#OVERFLOW_AVOIDED_HEADER}
	 * @return the product, with the shape of X
	 * @throws IOException if the body cannot be read
	 * @throws HttpMediaTypeNotSupportedException if the request has no
	 * {@code Content-Type}
	 */
	@PostMapping(path = "/{function}/gradient",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE })
	TensorAnswer gradient(@PathVariable String function, HttpServletRequest request, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotSupportedException {
		return withOverflowCount(this.requests.answer(function, Mode.GRADIENT, request), response);
	}

	private static TensorAnswer withOverflowCount(TensorAnswer answer, HttpServletResponse response) {
		response.setHeader(TensorFormats.OVERFLOW_AVOIDED_HEADER, Long.toString(answer.overflowAvoided()));
		return answer;
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
