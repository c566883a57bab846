package ai.activation.catalog;

import java.util.List;

/**
 * A parameter of an activation function, as the caller names it in the query string.
 *
 * @param name the query parameter name
 * @param type the value type
 * @param defaultValue the value taken when the parameter is omitted: a {@link Double}, an
 * {@link Integer}, a {@link String}, or {@code null} where omission means "absent" (for
 * prelu's axis: the channel axis, which depends on the rank)
 * @param range the allowed numbers, for {@link Type#NUMBER} and {@link Type#NUMBERS};
 * {@code null} otherwise
 * @param choices the allowed values, for {@link Type#CHOICE}; empty otherwise
 * @param description one sentence saying what the parameter does
 */
public record Parameter(String name, Type type, Object defaultValue, Range range, List<String> choices,
		String description) {

	/** The value types of parameters. */
	public enum Type {

		/** A finite double. */
		NUMBER,

		/**
		 * One finite double, or a list of them, one per channel, as PyTorch's prelu
		 * weight of {@code num_parameters} elements: {@code 0.25,0.1,0.3} in a query
		 * string, the OpenAPI form style of an array.
		 */
		NUMBERS,

		/** An axis index in {@code [−rank, rank)}, where rank is that of the input. */
		AXIS,

		/**
		 * An axis, or a list of distinct axes taken together as one lane (JAX's tuple of
		 * axes): {@code 0,2} in a query string, the OpenAPI form style of an array.
		 */
		AXES,

		/** One of a fixed set of words. */
		CHOICE

	}

	static Parameter number(String name, Double defaultValue, Range range, String description) {
		return new Parameter(name, Type.NUMBER, defaultValue, range, List.of(), description);
	}

	static Parameter numbers(String name, Double defaultValue, Range range, String description) {
		return new Parameter(name, Type.NUMBERS, defaultValue, range, List.of(), description);
	}

	static Parameter channelAxis() {
		return new Parameter("axis", Type.AXIS, null, null, List.of(),
				"The channel axis the weights go along when there are several: by default 1 (PyTorch's channel "
						+ "dimension) for values of rank 2 or more; a vector has no channel axis unless axis=0 is "
						+ "given (ONNX's broadcast of a 1-D slope).");
	}

	static Parameter axis() {
		return new Parameter("axis", Type.AXIS, -1, null, List.of(),
				"The axis along which the function is applied; negative values count from the last axis.");
	}

	/**
	 * The axis parameter of the softmax family, logsumexp, logmeanexp and standardize,
	 * which, as in jax-ml/jax {@code jax/_src/nn/functions.py} ({@code axis: int |
	 * tuple[int, ...] = -1}), may also be several axes.
	 */
	static Parameter axes() {
		return new Parameter("axis", Type.AXES, -1, null, List.of(),
				"The axis along which the function is applied, or several distinct axes (e.g. 0,2) taken together "
						+ "as one lane; negative values count from the last axis.");
	}

	static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
		return new Parameter(name, Type.CHOICE, defaultValue, null, List.copyOf(choices), description);
	}

	/**
	 * Describes the allowed values in words, e.g. {@code "a number in (0, ∞)"}.
	 * @return the description
	 */
	public String allowed() {
		return switch (this.type) {
			case NUMBER -> "a finite number in " + this.range;
			case NUMBERS -> "a finite number in " + this.range + ", or a comma-separated list of them, one per channel";
			case AXIS -> "an integer in [-rank, rank), where rank is the nesting depth of values";
			case AXES -> "an integer in [-rank, rank), where rank is the nesting depth of values, or a "
					+ "comma-separated list of such integers naming distinct axes";
			case CHOICE -> "one of " + String.join(", ", this.choices);
		};
	}

}
