package ai.activation.inference;

import java.util.List;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Constraint;
import ai.activation.catalog.Parameter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A catalog function as a model of the Open Inference Protocol: one input tensor
 * {@value #INPUT}, one output tensor {@value #OUTPUT}, one version {@value #VERSION}.
 * Names resolve as in {@code /activate}: canonical names and aliases, case-insensitively,
 * with {@code -} and {@code _} interchangeable; answers carry the canonical name.
 */
final class Model {

	/** The name of the one input tensor. */
	static final String INPUT = "input";

	/**
	 * The name of the optional second input of the functions that take a mask: BOOL, or 0
	 * and 1 in a number datatype, with the input's shape.
	 */
	static final String MASK = "mask";

	/** The name of the one output tensor. */
	static final String OUTPUT = "output";

	/** The one version of every model. */
	static final String VERSION = "1";

	/**
	 * The platform reported in the model metadata, "information only" in the protocol, in
	 * its {@code <project>_<format>} form.
	 */
	static final String PLATFORM = "activation_catalog";

	private Model() {
	}

	/**
	 * Finds the function a model name and optional version stand for.
	 * @param name the model name from the path
	 * @param version the version from the path, or {@code null} when the path has none
	 * @return the function
	 * @throws InferenceException 404 for an unknown model or version
	 */
	static Activation resolve(String name, String version) {
		Activation function = Catalog.find(name)
			.orElseThrow(() -> InferenceException.notFound("There is no model '" + echo(name)
					+ "'; GET /v2/models lists them, one for each activation function."));
		if (version != null && !VERSION.equals(version)) {
			throw InferenceException.notFound("Model '" + function.canonicalName() + "' has no version '"
					+ echo(version) + "'; its only version is " + VERSION + ".");
		}
		return function;
	}

	/**
	 * Describes a model as {@code $metadata_model_response}.
	 * @param function the function
	 * @return the metadata
	 */
	static Metadata metadata(Activation function) {
		Tensor input = new Tensor(INPUT, Datatype.FP64.name(), List.of(-1L));
		Tensor output = new Tensor(OUTPUT, Datatype.FP64.name(), List.of(-1L));
		return new Metadata(function.canonicalName(), List.of(VERSION), PLATFORM, List.of(input), List.of(output),
				function.summary(), function.parameters().stream().map(ParameterMetadata::of).toList(),
				function.constraints().stream().map(Constraint::rule).toList(),
				function.maskRule()
					.map((rule) -> "An optional second input named " + MASK + " (BOOL, or 0 and 1 "
							+ "in a number datatype, with the input's shape): " + rule)
					.orElse(null));
	}

	static String echo(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "..." : text;
	}

	/**
	 * {@code $metadata_model_response} of kserve/open-inference-protocol
	 * {@code specification/protocol/inference_rest.md}, with three members of this
	 * service's own after the protocol's: a description and the function's parameters
	 * with the rules that tie them, so that a client can discover what the request-level
	 * {@code parameters} of an inference request may hold.
	 *
	 * @param name the canonical name
	 * @param versions the versions that may be asked for in the path
	 * @param platform {@value #PLATFORM}
	 * @param inputs the one input: any rank from 1 to the configured maximum, which the
	 * protocol's {@code shape} cannot say, so it shows one variable dimension; FP64 is
	 * the datatype computed, FP32, FP16, BF16 and the integer types are taken too
	 * @param outputs the one output, of the input's shape (GLU halves its axis)
	 * @param description one sentence on the function
	 * @param parameters the function's parameters
	 * @param constraints rules between parameters, e.g. {@code lower <= upper}
	 * @param mask for the functions that take a mask, what the optional second input
	 * {@value #MASK} does; left out for the others. It is not among {@code inputs}, which
	 * a client may take as the tensors every request must send.
	 */
	record Metadata(String name, List<String> versions, String platform, List<Tensor> inputs, List<Tensor> outputs,
			String description, List<ParameterMetadata> parameters, List<String> constraints,
			@JsonInclude(JsonInclude.Include.NON_NULL) String mask) {
	}

	/**
	 * {@code $metadata_tensor}.
	 *
	 * @param name the tensor's name
	 * @param datatype its datatype
	 * @param shape its shape, {@code -1} for a variable dimension
	 */
	record Tensor(String name, String datatype, List<Long> shape) {
	}

	/**
	 * One of the function's parameters, given in the request-level {@code parameters} of
	 * an inference request.
	 *
	 * @param name its key in {@code parameters}
	 * @param datatype the protocol datatype of its value: {@code FP64} for a JSON number,
	 * {@code INT64} for an axis (a JSON integer), {@code BYTES} for a choice (a JSON
	 * string)
	 * @param defaultValue the value taken when it is omitted; absent where omission means
	 * "absent"
	 * @param allowed the allowed values in words
	 * @param choices the allowed words of a choice
	 * @param description one sentence
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ParameterMetadata(String name, String datatype, @JsonProperty("default") Object defaultValue, String allowed,
			List<String> choices, String description) {

		static ParameterMetadata of(Parameter parameter) {
			String datatype = switch (parameter.type()) {
				// a list of numbers or of axes goes as a string, e.g. "0.25,0.1" (the
				// protocol's parameters are scalars); one goes as a number
				case NUMBER, NUMBERS -> Datatype.FP64.name();
				case AXIS, AXES -> Datatype.INT64.name();
				case CHOICE -> Datatype.BYTES.name();
			};
			List<String> choices = parameter.choices().isEmpty() ? null : parameter.choices();
			return new ParameterMetadata(parameter.name(), datatype, parameter.defaultValue(), parameter.allowed(),
					choices, parameter.description());
		}

	}

}
